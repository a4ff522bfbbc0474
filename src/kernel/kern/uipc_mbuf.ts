// mbuf chain operations: copy, trim, split, join, make contiguous.
// Mirrors sys/kern/uipc_mbuf.c (FreeBSD 5.0).
//
// A chain is mbufs linked by m_next; its head may carry M_PKTHDR, whose
// m_pkthdr.len must equal the sum of the m_len. These routines keep that sum
// only where 5.0 kept it: m_adj, m_split, m_copym, M_PREPEND and m_copyback
// do; m_prepend and m_cat do not, so callers (sosend, tcp_reass) fix it.
//
// Sharing: m_copym and m_split share external storage (clusters, loaned
// pages) by reference count instead of copying it; small mbufs are copied.
// Shared storage is not writable (M_WRITABLE is false), but 5.0's m_copyback
// writes anyway: don't m_copyback into a chain that shares storage.
//
// Failure: routines that allocate return null when the pool is exhausted.
// m_pullup and m_prepend free the chain they were given when they fail
// (callers must not touch it afterwards), m_copym and m_split leave it as it
// was.

import {
  M_COPYALL,
  M_COPYFLAGS,
  M_DONTWAIT,
  M_EXT,
  M_LEADINGSPACE,
  M_PKTDAT_OFFSET,
  M_PKTHDR,
  M_RDONLY,
  M_TRAILINGSPACE,
  MH_ALIGN,
  M_ALIGN,
  mbuf,
  m_storage,
  mtod,
} from '../sys/mbuf.ts';
import { panic } from './kern_shutdown.ts';
import { m_clget, m_free, m_freem, m_get, m_get_clrd, m_gethdr, mbstat_mcfail, mbstat_mpfail } from './subr_mbuf.ts';

/**
 * The largest protocol header m_pullup rounds a pull up to (max_protohdr).
 * 5.0's tcp_init() raises it to sizeof(struct tcpiphdr), 40 bytes, and no
 * INET protocol needs more; pulling a little extra saves later pullups.
 */
export const max_protohdr = 40;

/** M_COPY_PKTHDR / m_copy_pkthdr: gives `to` (fresh, without M_EXT) the packet header of `from`. */
export function m_copy_pkthdr(to: mbuf, from: mbuf): void {
  to.m_data = M_PKTDAT_OFFSET;
  to.m_flags = from.m_flags & M_COPYFLAGS;
  Object.assign(to.m_pkthdr, from.m_pkthdr);
}

// n shares m's external storage (n.m_ext = m.m_ext; MEXT_ADD_REF(m)).
// M_RDONLY travels with the storage here; 5.0 kept it only on a copied
// packet header, later FreeBSD (mb_dupcl) on every copy: a loaned user page
// must not look writable once the original mbuf is gone.
function mext_share(n: mbuf, m: mbuf): void {
  Object.assign(n.m_ext, m.m_ext);
  n.m_flags |= M_EXT | (m.m_flags & M_RDONLY);
  m.m_ext.ref_cnt.value++;
}

/**
 * m_copym: a new chain with `len` bytes (M_COPYALL: to the end) of `m`
 * starting at `off`. External storage is shared, not copied; the packet
 * header is copied when off is 0. null if out of mbufs (m_mcfail counted).
 * Panics if the range runs past the chain (a caller bug, KASSERT in 5.0).
 */
export function m_copym(m: mbuf, off0: number, len: number, how: number): mbuf | null {
  if (off0 < 0 || len < 0) return panic(`m_copym: negative offset ${off0} or length ${len}`);
  let off = off0;
  let copyhdr = off === 0 && (m.m_flags & M_PKTHDR) !== 0;
  let src: mbuf | null = m;
  while (off > 0) {
    if (src === null) return panic('m_copym, offset > size of mbuf chain');
    if (off < src.m_len) break;
    off -= src.m_len;
    src = src.m_next;
  }
  let top: mbuf | null = null;
  let tail: mbuf | null = null;
  while (len > 0) {
    if (src === null) {
      if (len !== M_COPYALL) return panic('m_copym, length > size of mbuf chain');
      break;
    }
    const n = m_get(m.m_kernel, how, src.m_type);
    if (n === null) {
      m_freem(top);
      mbstat_mcfail(m.m_kernel);
      return null;
    }
    if (tail === null) top = n;
    else tail.m_next = n;
    tail = n;
    if (copyhdr) {
      m_copy_pkthdr(n, src);
      n.m_pkthdr.len = len === M_COPYALL ? n.m_pkthdr.len - off0 : len;
      copyhdr = false;
    }
    n.m_len = Math.min(len, src.m_len - off);
    if ((src.m_flags & M_EXT) !== 0) {
      mext_share(n, src);
      n.m_data = src.m_data + off;
    } else {
      const base = src.m_data + off;
      m_storage(n).set(m_storage(src).subarray(base, base + n.m_len), n.m_data);
    }
    if (len !== M_COPYALL) len -= n.m_len;
    off = 0;
    src = src.m_next;
  }
  if (top === null) mbstat_mcfail(m.m_kernel);
  return top;
}

/** m_copypacket: m_copym of a whole packet (header included). */
export function m_copypacket(m: mbuf, how: number): mbuf | null {
  return m_copym(m, 0, M_COPYALL, how);
}

/** m_copydata: copies `len` bytes of the chain from `off` into `cp`. Panics past the chain's end. */
export function m_copydata(m: mbuf, off: number, len: number, cp: Uint8Array): void {
  if (off < 0 || len < 0 || len > cp.length) return panic(`m_copydata: bad offset ${off} or length ${len}`);
  let src: mbuf | null = m;
  while (off > 0) {
    if (src === null) return panic('m_copydata, offset > size of mbuf chain');
    if (off < src.m_len) break;
    off -= src.m_len;
    src = src.m_next;
  }
  let done = 0;
  while (done < len) {
    if (src === null) return panic('m_copydata, length > size of mbuf chain');
    const count = Math.min(src.m_len - off, len - done);
    const base = src.m_data + off; // one view per piece, not two: this runs for every segment sent
    cp.set(m_storage(src).subarray(base, base + count), done);
    done += count;
    off = 0;
    src = src.m_next;
  }
}

/**
 * m_copyback: writes `len` bytes of `cp` into the chain at `off`, extending
 * the chain with (zero-filled) mbufs where it is too short; stops early if
 * none can be had. Raises m_pkthdr.len to cover what was written.
 */
export function m_copyback(m0: mbuf, off: number, len: number, cp: Uint8Array): void {
  const MLEN = m0.m_kernel.param.MLEN;
  let m = m0;
  let totlen = 0;
  let at = 0; // bytes of cp consumed
  let ok = true;
  while (off > m.m_len) {
    off -= m.m_len;
    totlen += m.m_len;
    if (m.m_next === null) {
      const n = m_get_clrd(m.m_kernel, M_DONTWAIT, m.m_type);
      if (n === null) {
        ok = false;
        break;
      }
      n.m_len = Math.min(MLEN, len + off);
      m.m_next = n;
    }
    m = m.m_next;
  }
  while (ok && len > 0) {
    const mlen = Math.min(m.m_len - off, len);
    mtod(m).set(cp.subarray(at, at + mlen), off);
    at += mlen;
    len -= mlen;
    totlen += mlen + off;
    off = 0;
    if (len === 0) break;
    if (m.m_next === null) {
      const n = m_get(m.m_kernel, M_DONTWAIT, m.m_type);
      if (n === null) break;
      n.m_len = Math.min(MLEN, len);
      m.m_next = n;
    }
    m = m.m_next;
  }
  if ((m0.m_flags & M_PKTHDR) !== 0 && m0.m_pkthdr.len < totlen) m0.m_pkthdr.len = totlen;
}

/**
 * m_adj: trims `req_len` bytes from the head of the chain (req_len > 0) or
 * -req_len bytes from its tail (req_len < 0). Emptied mbufs stay in the
 * chain with m_len 0. Keeps m_pkthdr.len.
 */
export function m_adj(mp: mbuf | null, req_len: number): void {
  if (mp === null) return;
  let len = req_len;
  if (len >= 0) {
    let m: mbuf | null = mp;
    while (m !== null && len > 0) {
      if (m.m_len <= len) {
        len -= m.m_len;
        m.m_len = 0;
        m = m.m_next;
      } else {
        m.m_len -= len;
        m.m_data += len;
        len = 0;
      }
    }
    if ((mp.m_flags & M_PKTHDR) !== 0) mp.m_pkthdr.len -= req_len - len;
    return;
  }
  len = -len;
  let count = 0;
  let m = mp;
  for (;;) {
    count += m.m_len;
    if (m.m_next === null) break;
    m = m.m_next;
  }
  if (m.m_len >= len) {
    m.m_len -= len;
    if ((mp.m_flags & M_PKTHDR) !== 0) mp.m_pkthdr.len -= len;
    return;
  }
  count = Math.max(0, count - len);
  if ((mp.m_flags & M_PKTHDR) !== 0) mp.m_pkthdr.len = count;
  let r: mbuf | null = mp;
  for (; r !== null; r = r.m_next) {
    if (r.m_len >= count) {
      r.m_len = count;
      break;
    }
    count -= r.m_len;
  }
  for (r = r?.m_next ?? null; r !== null; r = r.m_next) r.m_len = 0;
}

/**
 * m_pullup: makes the first `len` bytes of the chain contiguous in its first
 * mbuf (which must then hold them internally, so len <= MHLEN). Returns the
 * new head. On failure (len > MHLEN, too short a chain, no mbuf) frees the
 * whole chain, counts m_mpfail and returns null.
 */
export function m_pullup(n0: mbuf, len: number): mbuf | null {
  const kernel = n0.m_kernel;
  let n: mbuf | null = n0;
  let m: mbuf;
  if ((n0.m_flags & M_EXT) === 0 && n0.m_data + len < n0.m_dat.length && n0.m_next !== null) {
    if (n0.m_len >= len) return n0;
    m = n0;
    n = n0.m_next;
    len -= m.m_len;
  } else {
    const fresh = len > kernel.param.MHLEN ? null : m_get(kernel, M_DONTWAIT, n0.m_type);
    if (fresh === null) return pullup_bad(kernel, n0);
    m = fresh;
    if ((n0.m_flags & M_PKTHDR) !== 0) {
      m_copy_pkthdr(m, n0);
      n0.m_flags &= ~M_PKTHDR;
    }
  }
  let space = m.m_dat.length - (m.m_data + m.m_len);
  do {
    const count = Math.min(Math.max(len, max_protohdr), space, n.m_len);
    mtod(m, m.m_len + count).set(mtod(n).subarray(0, count), m.m_len);
    len -= count;
    m.m_len += count;
    n.m_len -= count;
    space -= count;
    if (n.m_len !== 0) n.m_data += count;
    else n = m_free(n);
  } while (len > 0 && n !== null);
  if (len > 0) {
    m_free(m);
    return pullup_bad(kernel, n);
  }
  m.m_next = n;
  return m;
}

function pullup_bad(kernel: mbuf['m_kernel'], n: mbuf | null): null {
  m_freem(n);
  mbstat_mpfail(kernel);
  return null;
}

/**
 * m_prepend: puts a new mbuf with `len` bytes (at most MHLEN, or MLEN
 * without a packet header; more panics) in front of `m`, moving the packet
 * header to it; the new bytes are uninitialised. Does not change m_pkthdr.len (M_PREPEND does). On failure
 * frees `m` and returns null.
 */
export function m_prepend(m: mbuf, len: number, how: number): mbuf | null {
  const room = (m.m_flags & M_PKTHDR) !== 0 ? m.m_kernel.param.MHLEN : m.m_kernel.param.MLEN;
  if (len < 0 || len > room) return panic(`m_prepend: ${len} bytes do not fit in one mbuf`);
  const mn = m_get(m.m_kernel, how, m.m_type);
  if (mn === null) {
    m_freem(m);
    return null;
  }
  if ((m.m_flags & M_PKTHDR) !== 0) {
    m_copy_pkthdr(mn, m);
    m.m_flags &= ~M_PKTHDR;
  }
  mn.m_next = m;
  if ((mn.m_flags & M_PKTHDR) !== 0) {
    if (len < m.m_kernel.param.MHLEN) MH_ALIGN(mn, len);
  } else if (len < m.m_kernel.param.MLEN) {
    M_ALIGN(mn, len);
  }
  mn.m_len = len;
  return mn;
}

/**
 * M_PREPEND: makes room for `plen` bytes in front of the chain's data, in
 * place when the first mbuf has the leading space, else with m_prepend.
 * Returns the new head (null: out of mbufs, and the chain was freed).
 */
export function M_PREPEND(m: mbuf, plen: number, how: number): mbuf | null {
  let mm: mbuf | null = m;
  if (M_LEADINGSPACE(m) >= plen) {
    m.m_data -= plen;
    m.m_len += plen;
  } else {
    mm = m_prepend(m, plen, how);
  }
  if (mm !== null && (mm.m_flags & M_PKTHDR) !== 0) mm.m_pkthdr.len += plen;
  return mm;
}

/**
 * m_cat: appends chain `n` to chain `m`, copying n's data into m's last
 * mbuf while it fits there (and freeing those mbufs of n). n's packet header
 * is dropped; m's m_pkthdr.len is not updated.
 */
export function m_cat(m: mbuf, n: mbuf | null): void {
  while (m.m_next !== null) m = m.m_next;
  while (n !== null) {
    if ((m.m_flags & M_EXT) !== 0 || m.m_data + m.m_len + n.m_len >= m.m_dat.length) {
      m.m_next = n; // just join the two chains
      return;
    }
    mtod(m, m.m_len + n.m_len).set(mtod(n), m.m_len);
    m.m_len += n.m_len;
    n = m_free(n);
  }
}

/**
 * m_split: cuts the chain after `len0` bytes and returns the tail (null if
 * out of mbufs, or if a chain without packet header ends exactly at len0).
 * Shares a cut cluster; a packet header is split into two.
 */
export function m_split(m0: mbuf, len0: number, how: number): mbuf | null {
  let len = len0;
  let m: mbuf | null = m0;
  while (m !== null && len > m.m_len) {
    len -= m.m_len;
    m = m.m_next;
  }
  if (m === null) return null;
  const remain = m.m_len - len;
  let n: mbuf;
  if ((m0.m_flags & M_PKTHDR) !== 0) {
    const h = m_gethdr(m0.m_kernel, how, m0.m_type);
    if (h === null) return null;
    n = h;
    n.m_pkthdr.rcvif = m0.m_pkthdr.rcvif;
    n.m_pkthdr.len = m0.m_pkthdr.len - len0;
    const old_len = m0.m_pkthdr.len;
    m0.m_pkthdr.len = len0;
    if ((m.m_flags & M_EXT) === 0 && remain > m0.m_kernel.param.MHLEN) {
      // The rest will not fit behind n's packet header: n stays empty and heads a split of m itself.
      MH_ALIGN(n, 0);
      n.m_next = m_split(m, len, how);
      if (n.m_next === null) {
        m_free(n);
        m0.m_pkthdr.len = old_len; // 5.0 left the header shortened here
        return null;
      }
      n.m_len = 0;
      return n;
    }
    if ((m.m_flags & M_EXT) === 0) MH_ALIGN(n, remain);
  } else if (remain === 0) {
    const rest = m.m_next;
    m.m_next = null;
    return rest;
  } else {
    const g = m_get(m0.m_kernel, how, m.m_type);
    if (g === null) return null;
    n = g;
    M_ALIGN(n, remain);
  }
  if ((m.m_flags & M_EXT) !== 0) {
    mext_share(n, m);
    n.m_data = m.m_data + len;
  } else {
    mtod(n, remain).set(mtod(m).subarray(len, len + remain));
  }
  n.m_len = remain;
  m.m_len = len;
  n.m_next = m.m_next;
  m.m_next = null;
  return n;
}

/**
 * m_dup: a deep copy of a packet (M_PKTHDR chain): new mbufs and clusters,
 * no storage shared, so the copy is writable. null if out of mbufs.
 */
export function m_dup(m: mbuf, how: number): mbuf | null {
  if ((m.m_flags & M_PKTHDR) === 0) return panic('m_dup: !PKTHDR');
  const kernel = m.m_kernel;
  let remain = m.m_pkthdr.len;
  let moff = 0;
  let top: mbuf | null = null;
  let tail: mbuf | null = null;
  while (remain > 0 || top === null) {
    const n: mbuf | null = top === null ? m_gethdr(kernel, how, m.m_type) : m_get(kernel, how, m.m_type);
    if (n === null) return dup_nospace(kernel, top);
    if (top === null) m_copy_pkthdr(n, m);
    if (remain >= kernel.param.MINCLSIZE) {
      m_clget(n, how);
      if ((n.m_flags & M_EXT) === 0) {
        m_free(n);
        return dup_nospace(kernel, top);
      }
    }
    if (tail === null) top = n;
    else tail.m_next = n;
    tail = n;
    n.m_len = Math.min(M_TRAILINGSPACE(n), remain);
    m_copydata(m, moff, n.m_len, mtod(n));
    moff += n.m_len;
    remain -= n.m_len;
  }
  return top;
}

function dup_nospace(kernel: mbuf['m_kernel'], top: mbuf | null): null {
  m_freem(top);
  mbstat_mcfail(kernel);
  return null;
}

/**
 * m_length: the number of data bytes in the chain (sum of m_len).
 * zcsim: not in 5.0's uipc_mbuf.c (FreeBSD added m_length() in 2003); 5.0
 * callers summed m_len by hand. Here for m_pkthdr.len checks.
 */
export function m_length(m: mbuf | null): number {
  let len = 0;
  for (; m !== null; m = m.m_next) len += m.m_len;
  return len;
}
