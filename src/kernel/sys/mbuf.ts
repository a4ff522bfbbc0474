// mbuf constants and the mbuf geometry derived from (MSIZE, MCLSHIFT).
// Mirrors sys/sys/mbuf.h as of FreeBSD 5.0 on i386.
//
// Use mbuf_geometry(MSIZE, MCLSHIFT) to get MLEN, MHLEN, MINCLSIZE and
// M_MAXCOMPRESS for a kernel's configuration; a booted kernel exposes the
// result as kernel.param. The MLEN/MHLEN/... constants exported here are the
// values for the default MSIZE 256 and MCLSHIFT 11.

import { MCLSHIFT as DEFAULT_MCLSHIFT, MSIZE as DEFAULT_MSIZE } from './param.ts';

// sizeof(struct m_hdr) on i386: mh_next, mh_nextpkt, mh_data (3 pointers,
// 4 bytes each) + int mh_len (4) + short mh_type (2) + short mh_flags (2) = 20.
export const SIZEOF_M_HDR_BYTES = 20;

// sizeof(struct label) on i386 (sys/_label.h, 2002): int l_flags (4) plus
// l_perpolicy[4], an array of 4-byte {void *, long} unions (16) = 20.
// The MAC label sits in every packet header whether or not `options MAC`
// is configured, so it costs header space in every kernel.
export const SIZEOF_LABEL_BYTES = 20;

// sizeof(struct pkthdr) on i386 in 5.0:
//   struct ifnet *rcvif      4
//   int len                  4
//   void *header             4
//   int csum_flags           4
//   int csum_data            4
//   SLIST_HEAD tags          4   (one pointer; it replaced `struct mbuf *aux`,
//                                 also 4 bytes, in late 2002)
//   struct label label      20
//                          ---
//                           44
// Before the MAC label arrived (July 2002) the header was 24 bytes and MHLEN
// was 212; we model 5.0 as released, where MHLEN = 236 - 44 = 192.
export const SIZEOF_PKTHDR_BYTES = 4 + 4 + 4 + 4 + 4 + 4 + SIZEOF_LABEL_BYTES;

// sizeof(struct m_ext) on i386: ext_buf, ext_free, ext_args (3 pointers),
// u_int ext_size, u_int *ref_cnt, int ext_type = 24. A packet-header mbuf
// must still have room for it, which bounds MSIZE from below.
export const SIZEOF_M_EXT_BYTES = 24;

// mbuf flags (m_flags).
export const M_EXT = 0x0001; // has associated external storage
export const M_PKTHDR = 0x0002; // start of record
export const M_EOR = 0x0004; // end of record
export const M_RDONLY = 0x0008; // associated data is marked read-only

// mbuf types (m_type).
export const MT_DATA = 1; // dynamic (data) allocation
export const MT_HEADER = 2; // packet header

// External buffer types (m_ext.ext_type).
export const EXT_CLUSTER = 1; // mbuf cluster
export const EXT_SFBUF = 2; // sendfile(2)'s sf_bufs
export const EXT_NET_DRV = 100; // custom ext_buf provided by net driver(s)
export const EXT_MOD_TYPE = 200; // custom module's ext_buf type
export const EXT_DISPOSABLE = 300; // can throw this buffer away w/page flipping

/** The sizes that follow from a kernel's MSIZE and MCLSHIFT. All in bytes except MCLSHIFT. */
export interface MbufGeometry {
  readonly MSIZE: number; // size of an mbuf, header included
  readonly MCLSHIFT: number; // log2 of the cluster size
  readonly MCLBYTES: number; // size of an mbuf cluster: 1 << MCLSHIFT
  readonly MLEN: number; // data room in a plain mbuf: MSIZE - sizeof(struct m_hdr)
  readonly MHLEN: number; // data room in a packet-header mbuf: MLEN - sizeof(struct pkthdr)
  readonly MINCLSIZE: number; // smallest amount worth putting in a cluster: MHLEN + 1
  readonly M_MAXCOMPRESS: number; // most that m_compress-style code copies: MHLEN / 2
}

/**
 * Derives the mbuf geometry as the mbuf.h macros do.
 * The caller validates MSIZE and MCLSHIFT (conf/options.ts); this only computes.
 */
export function mbuf_geometry(MSIZE: number, MCLSHIFT: number): MbufGeometry {
  const MLEN = MSIZE - SIZEOF_M_HDR_BYTES;
  const MHLEN = MLEN - SIZEOF_PKTHDR_BYTES;
  return {
    MSIZE,
    MCLSHIFT,
    MCLBYTES: 2 ** MCLSHIFT,
    MLEN,
    MHLEN,
    MINCLSIZE: MHLEN + 1,
    M_MAXCOMPRESS: Math.floor(MHLEN / 2),
  };
}

const defaults = mbuf_geometry(DEFAULT_MSIZE, DEFAULT_MCLSHIFT);
/** MLEN for the default MSIZE 256: 236. */
export const MLEN = defaults.MLEN;
/** MHLEN for the default MSIZE 256: 192. */
export const MHLEN = defaults.MHLEN;
/** MINCLSIZE for the default MSIZE 256: 193. */
export const MINCLSIZE = defaults.MINCLSIZE;
/** M_MAXCOMPRESS for the default MSIZE 256: 96. */
export const M_MAXCOMPRESS = defaults.M_MAXCOMPRESS;
