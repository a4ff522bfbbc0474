// ti(4)'s jumbo receive buffers, in the three 2002 build variants, and
// ti_hdr_split(). Part of sys/pci/if_ti.c (FreeBSD 5.0), kept apart
// because the variants are the point of issue 6.
//
// How the driver uses it (dev/ti/if_ti.ts):
//   ti_newbuf_jumbo(sc, idx, null)   a fresh buffer for jumbo ring slot idx (0 or ENOBUFS)
//   ti_newbuf_jumbo(sc, idx, m)      the same slot gets old buffer m back (a dropped packet)
//   ti_hdr_split(m, hdr_len, ti_len, idx)   after a header-split receive
//   ti_jumbo_trim(m, ti_len)         after an unsplit receive into pages
//
// The variants (sc.ti_jumbo_variant, from the kernel's options):
//   'private' (options TI_PRIVATE_JUMBOS): one contiguous buffer per slot
//     from the driver's own pool of TI_JSLOTS, allocated once at attach
//     (ti_alloc_jumbo_mem): MEXTADD(..., TI_JUMBO_FRAMELEN, ti_jfree, sc, 0,
//     EXT_NET_DRV). The payload sits wherever the frame put it; nothing
//     can be flipped, zero copy receive always copies.
//   'pages' (the default) and 'hdrsplit' (options TI_JUMBO_HDRSPLIT on a
//     Tigon 2): an extended BD with four buffers: a header mbuf (HDR_LEN =
//     66 bytes, or MHLEN - ETHER_ALIGN with header splitting), two jumbo(9)
//     pages (EXT_DISPOSABLE, page aligned) and a 2 KB cluster for the tail.
//     Without splitting only a frame with exactly 66 bytes of headers
//     (Ethernet + IP + TCP with timestamps) starts its payload on the
//     first page's first byte; with splitting the firmware puts every TCP
//     or UDP payload there.

import { jumbo_freem, jumbo_pg_alloc, jumbo_phys_to_kva } from '../../sys/jumbo.ts';
import { panic } from '../../kern/kern_shutdown.ts';
import { m_clget, m_free, m_freem, m_get, m_gethdr, m_extadd } from '../../kern/subr_mbuf.ts';
import { m_adj, m_length } from '../../kern/uipc_mbuf.ts';
import { EXT_DISPOSABLE, EXT_NET_DRV, M_DONTWAIT, M_EXT, M_PKTDAT_OFFSET, MT_DATA, type mbuf } from '../../sys/mbuf.ts';
import { ENOBUFS } from '../../sys/errno.ts';
import { contigmalloc } from '../../vm/vm_contig.ts';
import { PAGE_SIZE } from '../../sys/param.ts';
import type { ti_softc } from './if_tivar.ts';
import { ETHER_ALIGN, TCP_HDR_LEN, TI_JLEN, TI_JMEM, TI_JSLOTS, TI_JUMBO_FRAMELEN } from './if_tireg.ts';

/** Page buffers per jumbo BD: 2 with 4 KB pages (NPAYLOAD). */
export const NPAYLOAD = PAGE_SIZE === 4096 ? 2 : 1;
/** HDR_LEN: bytes of the header buffer without header splitting (TCP_HDR_LEN: 66). */
export const HDR_LEN = TCP_HDR_LEN;

/** ti_alloc_jumbo_mem: the private pool, one contiguous block of TI_JMEM bytes. 0, or ENOBUFS when memory is short. */
export function ti_alloc_jumbo_mem(sc: ti_softc): number {
  if (sc.ti_jpool !== null) return 0;
  const mem = contigmalloc(sc.kernel, TI_JMEM);
  if (mem === null) {
    sc.kernel.printf(`ti${sc.ti_unit}: no memory for jumbo buffers!`);
    return ENOBUFS;
  }
  const free: number[] = [];
  for (let i = TI_JSLOTS - 1; i >= 0; i--) free.push(i);
  sc.ti_jpool = { ti_jumbo_buf: mem, ti_jfree_listhead: free, ti_jinuse: new Set() };
  return 0;
}

/** ti_jalloc: a free private jumbo slot, or null ("no free jumbo buffers"). */
export function ti_jalloc(sc: ti_softc): Uint8Array | null {
  const pool = sc.ti_jpool;
  const slot = pool?.ti_jfree_listhead.pop();
  if (pool === null || slot === undefined) {
    sc.kernel.printf(`ti${sc.ti_unit}: no free jumbo buffers`);
    return null;
  }
  pool.ti_jinuse.add(slot);
  return pool.ti_jumbo_buf.subarray(slot * TI_JLEN, (slot + 1) * TI_JLEN);
}

/** ti_jfree: the external free routine of a private jumbo buffer; panics on a buffer not from the pool. */
export function ti_jfree(buf: Uint8Array, sc: ti_softc): void {
  const pool = sc.ti_jpool;
  if (pool === null || buf.buffer !== pool.ti_jumbo_buf.buffer) panic('ti_jfree: buffer not in our pool');
  const slot = (buf.byteOffset - pool.ti_jumbo_buf.byteOffset) / TI_JLEN;
  if (!pool.ti_jinuse.delete(slot)) panic("ti_jfree: asked to free buffer that we don't manage!");
  pool.ti_jfree_listhead.push(slot);
}

/** Slots of the private pool lent out now (0 without TI_PRIVATE_JUMBOS). */
export function ti_jpool_inuse(sc: ti_softc): number {
  return sc.ti_jpool?.ti_jinuse.size ?? 0;
}

function hdr_buf_len(sc: ti_softc): number {
  return sc.ti_hdrsplit !== 0 ? sc.kernel.param.MHLEN - ETHER_ALIGN : HDR_LEN;
}

// Puts a used page chain back into its freshly-posted shape.
function reset_page_chain(sc: ti_softc, m_new: mbuf): void {
  m_new.m_data = M_PKTDAT_OFFSET + ETHER_ALIGN;
  m_new.m_len = hdr_buf_len(sc);
  let p = m_new.m_next;
  for (let i = 0; i < NPAYLOAD && p !== null; i++, p = p.m_next) {
    p.m_data = 0;
    p.m_len = p.m_ext.ext_size = PAGE_SIZE;
  }
  if (p !== null) {
    p.m_data = 0;
    p.m_len = sc.kernel.param.MCLBYTES;
  }
  m_new.m_pkthdr.len = NPAYLOAD * PAGE_SIZE + m_new.m_len;
}

// The page layout: header mbuf, NPAYLOAD jumbo pages, a cluster. ENOBUFS frees what it got.
function newbuf_pages(sc: ti_softc, idx: number): mbuf | null {
  const kernel = sc.kernel;
  const unit = sc.ti_unit;
  const got: mbuf[] = [];
  const fail = (msg: string[]): null => {
    for (const line of msg) kernel.printf(line);
    for (const m of got) m_free(m);
    return null;
  };
  const m_new = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
  if (m_new === null) return fail([`ti${unit}: mbuf allocation failed -- packet dropped!`]);
  got.push(m_new);
  const cl = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (cl === null) return fail([`ti${unit}: cluster mbuf allocation failed -- packet dropped!`]);
  got.push(cl);
  m_clget(cl, M_DONTWAIT);
  if ((cl.m_flags & M_EXT) === 0) return fail([`ti${unit}: mbuf allocation failed -- packet dropped!`]);
  cl.m_len = kernel.param.MCLBYTES;
  const pages: mbuf[] = [];
  for (let i = 0; i < NPAYLOAD; i++) {
    const mi = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (mi === null) return fail([`ti${unit}: mbuf allocation failed -- packet dropped!`]);
    got.push(mi);
    const frame = jumbo_pg_alloc(kernel);
    if (frame === null) return fail([`ti${unit}: buffer allocation failed -- packet dropped!`, `      index ${idx} page ${i}`]);
    jumbo_phys_to_kva(kernel, frame.phys_addr);
    m_extadd(mi, frame.bytes, PAGE_SIZE, jumbo_freem, null, 0, EXT_DISPOSABLE);
    mi.m_len = PAGE_SIZE;
    pages.push(mi);
  }
  for (let i = 0; i < NPAYLOAD; i++) (pages[i] as mbuf).m_next = pages[i + 1] ?? cl;
  m_new.m_next = pages[0] ?? cl;
  m_new.m_data += ETHER_ALIGN;
  m_new.m_len = hdr_buf_len(sc);
  m_new.m_pkthdr.len = NPAYLOAD * PAGE_SIZE + m_new.m_len;
  return m_new;
}

// The private layout: one contiguous buffer.
function newbuf_private(sc: ti_softc): mbuf | null {
  const m_new = m_gethdr(sc.kernel, M_DONTWAIT, MT_DATA);
  if (m_new === null) {
    sc.kernel.printf(`ti${sc.ti_unit}: mbuf allocation failed -- packet dropped!`);
    return null;
  }
  const buf = ti_jalloc(sc);
  if (buf === null) {
    m_freem(m_new);
    sc.kernel.printf(`ti${sc.ti_unit}: jumbo allocation failed -- packet dropped!`);
    return null;
  }
  m_extadd(m_new, buf, TI_JUMBO_FRAMELEN, ti_jfree, sc, 0, EXT_NET_DRV);
  m_new.m_len = m_new.m_pkthdr.len = TI_JUMBO_FRAMELEN;
  return m_new;
}

/**
 * ti_newbuf_jumbo: posts a jumbo receive buffer in ring slot `idx`: a new
 * one (m === null) or `m` recycled. Returns 0, or ENOBUFS when no mbuf,
 * cluster, page or private slot was to be had (the slot is left empty).
 */
export function ti_newbuf_jumbo(sc: ti_softc, idx: number, m: mbuf | null): number {
  let m_new: mbuf | null;
  if (sc.ti_jumbo_variant === 'private') {
    if (m === null) {
      m_new = newbuf_private(sc);
      if (m_new === null) return ENOBUFS;
    } else {
      m_new = m;
      m_new.m_data = 0;
      m_new.m_len = m_new.m_pkthdr.len = m_new.m_ext.ext_size;
    }
    m_adj(m_new, ETHER_ALIGN);
  } else if (m === null) {
    m_new = newbuf_pages(sc, idx);
    if (m_new === null) return ENOBUFS;
  } else {
    m_new = m;
    reset_page_chain(sc, m_new);
  }
  sc.ti_rx_jumbo_chain[idx] = m_new;
  return 0;
}

/**
 * ti_hdr_split: trims a header-split jumbo chain to the frame. hdr_len is
 * what the firmware reported (0: it did not split); the first mbuf keeps
 * min(hdr_len, its length), each following one min(its length, what is
 * left), with ext_size trimmed to match; mbufs the frame did not reach are
 * freed. Panics "header splitting didn't" if the chain is too short.
 */
export function ti_hdr_split(top: mbuf, hdr_len: number, pkt_len: number, _idx: number): void {
  if (hdr_len !== 0) top.m_len = Math.min(hdr_len, top.m_len);
  pkt_len -= top.m_len;
  let mp = top;
  let m = top.m_next;
  for (; m !== null && pkt_len !== 0; m = m.m_next) {
    m.m_len = m.m_ext.ext_size = Math.min(m.m_len, pkt_len);
    pkt_len -= m.m_len;
    mp = m;
  }
  if (pkt_len !== 0) panic("header splitting didn't");
  if (m !== null) {
    m_freem(m);
    mp.m_next = null;
  }
  if (mp.m_next !== null) panic('ti_hdr_split: last mbuf in chain should be null');
}

/**
 * The unsplit trim of a page chain to a `ti_len`-byte frame. 2002's
 * ti_rxeof does m_adj(m, ti_len - m_pkthdr.len), but m_pkthdr.len was set
 * to 66 + 8192 without the trailing cluster, so that literal code leaves
 * the cluster's 2048 bytes in a frame of 8258 bytes or less and cuts the
 * front off a longer one. We trim against the chain's real length, which
 * is what that line means to do (see the report of issue 6).
 */
export function ti_jumbo_trim(m: mbuf, ti_len: number): void {
  m_adj(m, ti_len - m_length(m));
}
