// mbuf constants and the mbuf geometry derived from (MSIZE, MCLSHIFT).
// Mirrors sys/sys/mbuf.h as of FreeBSD 5.0 on i386.
//
// Use mbuf_geometry(MSIZE, MCLSHIFT) to get MLEN, MHLEN, MINCLSIZE and
// M_MAXCOMPRESS for a kernel's configuration; a booted kernel exposes the
// result as kernel.param. The MLEN/MHLEN/... constants exported here are the
// values for the default MSIZE 256 and MCLSHIFT 11.
//
// The second half is struct mbuf itself and the header's macros (mtod,
// M_LEADINGSPACE, M_TRAILINGSPACE, M_WRITABLE, M_ALIGN, MH_ALIGN). An mbuf
// is only ever made by the allocator (kern/subr_mbuf.ts: m_get, m_gethdr,
// m_getcl); the chain operations are in kern/uipc_mbuf.ts.
//
// Storage is byte-accurate. m_dat is the MLEN bytes that follow the 20-byte
// m_hdr in the mbuf's MSIZE bytes; a packet header takes the first 44 of
// them (m_pktdat starts at SIZEOF_PKTHDR_BYTES), leaving MHLEN. With M_EXT
// the data lives in m_ext.ext_buf instead (a cluster, or any Uint8Array a
// caller attached with MEXTADD). m_data is an offset into whichever of the
// two is current, so mtod(m) is storage.subarray(m_data, m_data + m_len).

import type { Kernel } from '../kern/init_main.ts';
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
export const M_EXT = 0x0001; // data is in m_ext, not in the mbuf
export const M_PKTHDR = 0x0002; // first mbuf of a packet: m_pkthdr is valid
export const M_EOR = 0x0004; // last mbuf of a record
export const M_RDONLY = 0x0008; // the external data must not be written
export const M_PROTO1 = 0x0010; // protocol-specific
export const M_PROTO2 = 0x0020; // protocol-specific
export const M_PROTO3 = 0x0040; // protocol-specific
export const M_PROTO4 = 0x0080; // protocol-specific
export const M_PROTO5 = 0x0100; // protocol-specific

// mbuf pkthdr flags (also stored in m_flags).
export const M_BCAST = 0x0200; // a link-level broadcast
export const M_MCAST = 0x0400; // a link-level multicast
export const M_FRAG = 0x0800; // an IP fragment
export const M_FIRSTFRAG = 0x1000; // the first IP fragment
export const M_LASTFRAG = 0x2000; // the last IP fragment

/** Flags copied when copying m_pkthdr (M_COPYFLAGS). */
export const M_COPYFLAGS =
  M_PKTHDR | M_EOR | M_PROTO1 | M_PROTO2 | M_PROTO3 | M_PROTO4 | M_PROTO5 | M_BCAST | M_MCAST | M_FRAG | M_RDONLY;

// mbuf types (m_type). 5.0 had retired MT_SOCKET, MT_PCB, MT_RTABLE,
// MT_HTABLE, MT_ATABLE, MT_SOOPTS, MT_RIGHTS and MT_IFADDR (#if 0 in mbuf.h);
// their numbers stay unused.
export const MT_NOTMBUF = 0; // not an mbuf: the allocator's tag for a cluster
export const MT_DATA = 1; // data
export const MT_HEADER = 2; // a packet header
export const MT_SONAME = 8; // a socket address
export const MT_FTABLE = 11; // IP reassembly state
export const MT_TAG = 13; // a tag carrying metadata of a packet
export const MT_CONTROL = 14; // control data (ancillary data of sendmsg)
export const MT_OOBDATA = 15; // urgent (out-of-band) data
export const MT_NTYPES = 16; // how many types mbtypes[] counts

// How an allocation may wait (the `how` argument). In 5.0 M_TRYWAIT may
// sleep up to kern.ipc.mbuf_wait ticks for memory; the simulation never sleeps,
// so M_TRYWAIT only adds the protocol drain (mb_reclaim) before giving up.
export const M_TRYWAIT = 0;
export const M_WAIT = M_TRYWAIT; // deprecated spelling, still used in 2002 code
export const M_DONTWAIT = 1;

/** Length to m_copym to copy all (M_COPYALL). */
export const M_COPYALL = 1000000000;

// External buffer types (m_ext.ext_type).
export const EXT_CLUSTER = 1; // a cluster from the mbuf allocator
export const EXT_SFBUF = 2; // a page mapped with an sf_buf (sendfile(2))
export const EXT_NET_DRV = 100; // a network driver's own buffer
export const EXT_MOD_TYPE = 200; // a loadable module's own buffer
export const EXT_DISPOSABLE = 300; // a page the receive path may give to a process

// zcsim: the type of a user page loaned to the send path. 5.0's socow_setup()
// has no type of its own: it maps the page with an sf_buf and calls
// MEXTADD(m, sf->kva, PAGE_SIZE, socow_iodone, sf, M_RDONLY, EXT_SFBUF), so
// the loaned page is "sendfile-style" storage. The alias names that use; it
// is the same number, so nothing can tell the two apart, as in 2002.
export const EXT_SOCOW = EXT_SFBUF;

// Checksum offload: m_pkthdr.csum_flags. On output the stack asks for a sum
// it has left undone (the CSUM_IP .. CSUM_IP_FRAGS bits, matched against the
// interface's if_hwassist); on input the driver says what the board checked
// (the CSUM_IP_CHECKED .. CSUM_PSEUDO_HDR bits). Values of 5.0's mbuf.h.
export const CSUM_IP = 0x0001; // the IP header checksum is still to be computed
export const CSUM_TCP = 0x0002; // the TCP checksum is still to be computed
export const CSUM_UDP = 0x0004; // the UDP checksum is still to be computed
export const CSUM_IP_FRAGS = 0x0008; // the board can sum fragmented datagrams
export const CSUM_FRAGMENT = 0x0010; // the board can fragment
export const CSUM_IP_CHECKED = 0x0100; // the board verified the IP header checksum
export const CSUM_IP_VALID = 0x0200; // ... and found it right
export const CSUM_DATA_VALID = 0x0400; // csum_data holds the board's sum of the TCP/UDP segment
export const CSUM_PSEUDO_HDR = 0x0800; // ... with the pseudo header already included
/** Transport sums left to ip_output (in_delayed_cksum) or to the board. */
export const CSUM_DELAY_DATA = CSUM_TCP | CSUM_UDP;
/** The IP header sum left to ip_output or to the board. */
export const CSUM_DELAY_IP = CSUM_IP;

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

/** Where a packet header's data area starts inside m_dat: right after struct pkthdr. */
export const M_PKTDAT_OFFSET = SIZEOF_PKTHDR_BYTES;

/** The `u_int *ref_cnt` of struct m_ext: one cell shared by every mbuf that references the storage. */
export interface m_ext_refcnt {
  value: number; // number of mbufs whose m_ext points at this storage
}

/** An external free routine, ext_free(ext_buf, ext_args); called once, when the last reference goes. */
export type m_ext_free = (buf: Uint8Array, args: unknown) => void;

/** struct m_ext: external storage; valid only if M_EXT is set. */
export interface m_ext {
  ext_buf: Uint8Array; // the external buffer
  ext_free: m_ext_free | null; // called when the last reference goes (null for EXT_CLUSTER)
  ext_args: unknown; // second argument for ext_free
  ext_size: number; // the buffer's size, bytes
  ref_cnt: m_ext_refcnt; // shared reference count
  ext_type: number; // EXT_*
}

/** struct pkthdr: record/packet header in the first mbuf of a chain; valid only if M_PKTHDR is set. */
export interface pkthdr {
  rcvif: object | null; // the interface the packet came in on (struct ifnet *)
  len: number; // bytes in the whole chain
  header: unknown; // where the protocol header is, for reassembly
  csum_flags: number; // flags regarding checksum (CSUM_*)
  csum_data: number; // data field used by csum routines
}

const EMPTY = new Uint8Array(0);

/**
 * struct mbuf. Fields keep FreeBSD's names. Only the allocator constructs
 * one; it reuses the object after m_free, as the real allocator reuses the
 * memory, so holding on to a freed mbuf is as wrong here as in C.
 */
export class mbuf {
  m_next: mbuf | null = null; // next mbuf of this packet
  m_nextpkt: mbuf | null = null; // next packet in the queue
  m_data = 0; // offset of the data in m_dat, or in m_ext.ext_buf with M_EXT
  m_len = 0; // bytes of data in this mbuf
  m_type: number = MT_DATA; // MT_*
  m_flags = 0; // M_*
  readonly m_pkthdr: pkthdr = { rcvif: null, len: 0, header: null, csum_flags: 0, csum_data: 0 };
  readonly m_ext: m_ext = { ext_buf: EMPTY, ext_free: null, ext_args: null, ext_size: 0, ref_cnt: { value: 0 }, ext_type: 0 };
  readonly m_kernel: Kernel; // the kernel whose allocator owns this mbuf (C finds it through globals)
  readonly m_dat: Uint8Array; // the MLEN bytes of internal storage (M_databuf)
  /** @internal true while the mbuf sits free in the allocator; catches double frees. */
  m_isfree = true;

  /** Allocator use only: `m_dat` is the MLEN bytes after the m_hdr in this mbuf's MSIZE bytes. */
  constructor(kernel: Kernel, m_dat: Uint8Array) {
    this.m_kernel = kernel;
    this.m_dat = m_dat;
  }
}

/** The bytes m_data is an offset into: the external buffer with M_EXT, else the internal area. */
export function m_storage(m: mbuf): Uint8Array {
  return (m.m_flags & M_EXT) !== 0 ? m.m_ext.ext_buf : m.m_dat;
}

/** mtod(m): the mbuf's data, `len` bytes (m_len by default) from m_data, as a view (writes go through). */
export function mtod(m: mbuf, len: number = m.m_len): Uint8Array {
  return m_storage(m).subarray(m.m_data, m.m_data + len);
}

/** MEXT_IS_REF(m): true if m is not the only mbuf referencing its external buffer. */
export function MEXT_IS_REF(m: mbuf): boolean {
  return m.m_ext.ref_cnt.value > 1;
}

/** M_WRITABLE(m): true if it is safe to write to m's data region. */
export function M_WRITABLE(m: mbuf): boolean {
  return (m.m_flags & M_RDONLY) === 0 && ((m.m_flags & M_EXT) === 0 || !MEXT_IS_REF(m));
}

/**
 * M_LEADINGSPACE(m): bytes free before the data. Shared or read-only
 * external storage reports 0, as 5.0's conservative macro does.
 */
export function M_LEADINGSPACE(m: mbuf): number {
  if ((m.m_flags & M_EXT) !== 0) return M_WRITABLE(m) ? m.m_data : 0;
  return (m.m_flags & M_PKTHDR) !== 0 ? m.m_data - M_PKTDAT_OFFSET : m.m_data;
}

/** M_TRAILINGSPACE(m): bytes free after the data (0 for shared or read-only external storage). */
export function M_TRAILINGSPACE(m: mbuf): number {
  if ((m.m_flags & M_EXT) !== 0) return M_WRITABLE(m) ? m.m_ext.ext_size - (m.m_data + m.m_len) : 0;
  return m.m_dat.length - (m.m_data + m.m_len);
}

/** M_ALIGN(m, len): place `len` bytes at the end of a fresh m_get mbuf, longword aligned. */
export function M_ALIGN(m: mbuf, len: number): void {
  m.m_data += (m.m_dat.length - len) & ~3;
}

/** MH_ALIGN(m, len): as M_ALIGN, for a fresh m_gethdr mbuf. */
export function MH_ALIGN(m: mbuf, len: number): void {
  m.m_data += (m.m_dat.length - M_PKTDAT_OFFSET - len) & ~3;
}
