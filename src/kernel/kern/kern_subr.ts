// uiomove(): the kernel's one road for copying between a kernel buffer and
// the memory a struct uio describes (user or kernel space).
// Mirrors uiomove() in sys/kern/kern_subr.c and struct uio in sys/sys/uio.h.
//
// How to use (read(2)-style: kernel data out to the user):
//   const uio = uio_user(td, [{ iov_base: ubuf, iov_len: 100 }], UIO_READ);
//   const error = uiomove(kernel, kbuf, kbuf.length, uio);   // 0 or EFAULT
//   ... uio.uio_resid bytes were not transferred ...
// uiomove moves min(n, uio_resid) bytes and advances the uio (iov_base,
// iov_len, uio_resid, uio_offset) by what it moved, so a caller can call it
// again for the next piece, as sosend() and soreceive() do. On EFAULT the
// iovec that faulted is left as it was; earlier ones stay consumed.
//
// Every byte is counted per kernel and direction (uiomove_stats) and
// charged to the kernel's CPU as 'copy' work (copy_ns of the cost model):
// the copies zero copy exists to avoid. That is why uiomove takes the
// kernel as an extra first argument.
//
// With ZERO_COPY_SOCKETS soreceive moves data with uiomoveco instead (end
// of this file), which trades whole pages rather than copying them when
// the mbuf and the reader's buffer allow it.
//
// User memory is reached through td's copyin/copyout, which throw a
// SyscallError(EFAULT) for an unmapped or wrongly protected address and
// then have copied nothing. The process/VM code provides them; until it
// does, anything with that shape (UioThread) will do.

import type { Kernel } from './init_main.ts';
import { panic } from './kern_shutdown.ts';
import { EFAULT } from '../sys/errno.ts';
import { SyscallError } from '../sys/syscall_error.ts';
import { copy_ns } from '../engine/cost_model.ts';
import { EXT_CLUSTER, EXT_DISPOSABLE, EXT_NET_DRV, EXT_SFBUF, M_EXT, type mbuf } from '../sys/mbuf.ts';
import { PAGE_MASK, PAGE_SIZE } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import { pmap_remove, pmap_remove_all } from '../i386/i386/pmap.ts';
import { VM_PROT_WRITE } from '../vm/vm.ts';
import { vm_map_lookup } from '../vm/vm_map.ts';
import { OBJT_DEFAULT } from '../vm/vm_object.ts';
import {
  PG_BUSY, PQ_FREE, VM_PAGE_BITS_ALL, vm_page_free, vm_page_lookup, vm_page_remove, vm_page_rename, vm_page_unwire, type vm_page,
} from '../vm/vm_page.ts';
import { jumbo_kva_to_page, jumbo_pool_of } from './uipc_jumbo.ts';
import { so_zero_copy_receive } from '../sys/socketvar.ts';
import { zc_note, type ZcEntry, type ZcReason } from './zc_trace.ts';
import { cpu_charge, machine_costs } from './kern_machine.ts';

// enum uio_rw
export const UIO_READ = 0; // from the kernel to the uio's memory
export const UIO_WRITE = 1; // from the uio's memory to the kernel

// enum uio_seg
export const UIO_USERSPACE = 0; // iov_base is a user address
export const UIO_SYSSPACE = 1; // iov_base is kernel memory

/** The thread a UIO_USERSPACE uio belongs to: what uiomove needs of it. */
export interface UioThread {
  /** copyin(9): `len` bytes at user address `uaddr` into `kaddr`. Throws SyscallError(EFAULT), copying nothing. */
  copyin(uaddr: number, kaddr: Uint8Array, len: number): void;
  /** copyout(9): `len` bytes of `kaddr` to user address `uaddr`. Throws SyscallError(EFAULT), copying nothing. */
  copyout(kaddr: Uint8Array, uaddr: number, len: number): void;
}

/** struct iovec: one piece of the memory a uio describes. */
export interface iovec {
  iov_base: number | Uint8Array; // user address (UIO_USERSPACE) or kernel bytes (UIO_SYSSPACE)
  iov_len: number; // bytes
}

/** struct uio. uio_iov[0] is the current iovec; uiomove drops exhausted ones from the front. */
export interface uio {
  uio_iov: iovec[]; // the pieces still to transfer
  uio_iovcnt: number; // number of entries in uio_iov
  uio_offset: number; // offset in the file or socket stream, bytes
  uio_resid: number; // bytes remaining to transfer
  uio_segflg: number; // UIO_USERSPACE or UIO_SYSSPACE
  uio_rw: number; // UIO_READ or UIO_WRITE
  uio_td: UioThread | null; // owner thread (needed for UIO_USERSPACE)
}

/** Bytes moved by uiomove in one kernel, by direction. */
export interface UiomoveStats {
  copyout_bytes: number; // kernel -> user (UIO_READ, UIO_USERSPACE)
  copyin_bytes: number; // user -> kernel (UIO_WRITE, UIO_USERSPACE)
  sysspace_bytes: number; // kernel -> kernel (UIO_SYSSPACE), either direction
}


/** A copy of the uiomove byte counters of `kernel` (all zero before the first call). */
export function uiomove_stats(kernel: Kernel): UiomoveStats {
  return { ...uiomove_counters(kernel) };
}

function uiomove_counters(kernel: Kernel): UiomoveStats {
  let s = kernel.uiomove_stats;
  if (s === undefined) {
    s = { copyout_bytes: 0, copyin_bytes: 0, sysspace_bytes: 0 };
    kernel.uiomove_stats = s;
  }
  return s;
}

/** A uio over user memory of `td`; uio_resid is the sum of the iov_len. zcsim convenience. */
export function uio_user(td: UioThread, iov: iovec[], rw: number, offset = 0): uio {
  return uio_make(iov, UIO_USERSPACE, rw, td, offset);
}

/** A uio over kernel buffers (iov_base must be Uint8Arrays). zcsim convenience. */
export function uio_sys(iov: iovec[], rw: number, offset = 0): uio {
  return uio_make(iov, UIO_SYSSPACE, rw, null, offset);
}

function uio_make(iov: iovec[], seg: number, rw: number, td: UioThread | null, offset: number): uio {
  const resid = iov.reduce((n, v) => n + v.iov_len, 0);
  return { uio_iov: iov, uio_iovcnt: iov.length, uio_offset: offset, uio_resid: resid, uio_segflg: seg, uio_rw: rw, uio_td: td };
}

/**
 * uiomove: moves min(n, uio_resid) bytes between `cp` (kernel memory, at
 * least n bytes) and the memory `uio` describes, in the direction uio_rw
 * says. Returns 0, or EFAULT if a user address was bad.
 */
export function uiomove(kernel: Kernel, cp: Uint8Array, n: number, uio: uio): number {
  if (uio.uio_rw !== UIO_READ && uio.uio_rw !== UIO_WRITE) return panic('uiomove: mode');
  if (n > cp.length) return panic(`uiomove: ${n} bytes from a ${cp.length}-byte buffer`);
  const counters = uiomove_counters(kernel);
  let at = 0;
  while (n > 0 && uio.uio_resid > 0) {
    const iov = uio.uio_iov[0];
    if (iov === undefined) return panic('uiomove: uio_resid beyond the iovecs');
    if (iov.iov_len === 0) {
      uio.uio_iov.shift();
      uio.uio_iovcnt--;
      continue;
    }
    const cnt = Math.min(iov.iov_len, n);
    const kbuf = cp.subarray(at, at + cnt);
    const error = uio_copy(counters, uio, iov, kbuf, cnt);
    if (error !== 0) return error;
    cpu_charge(kernel, 'copy', copy_ns(machine_costs(kernel), cnt));
    iov.iov_base = typeof iov.iov_base === 'number' ? iov.iov_base + cnt : iov.iov_base.subarray(cnt);
    iov.iov_len -= cnt;
    uio.uio_resid -= cnt;
    uio.uio_offset += cnt;
    at += cnt;
    n -= cnt;
  }
  return 0;
}

// One iovec's worth of copying; returns 0 or EFAULT.
function uio_copy(counters: UiomoveStats, uio: uio, iov: iovec, kbuf: Uint8Array, cnt: number): number {
  const base = iov.iov_base;
  if (uio.uio_segflg === UIO_SYSSPACE) {
    if (typeof base === 'number') return panic('uiomove: UIO_SYSSPACE iovec with a user address');
    if (uio.uio_rw === UIO_READ) base.set(kbuf);
    else kbuf.set(base.subarray(0, cnt));
    counters.sysspace_bytes += cnt;
    return 0;
  }
  if (uio.uio_segflg !== UIO_USERSPACE) return panic('uiomove: bad seg');
  if (typeof base !== 'number') return panic('uiomove: UIO_USERSPACE iovec with a kernel buffer');
  const td = uio.uio_td ?? panic('uiomove: UIO_USERSPACE without a thread');
  try {
    if (uio.uio_rw === UIO_READ) td.copyout(kbuf, base, cnt);
    else td.copyin(base, kbuf, cnt);
  } catch (e) {
    if (e instanceof SyscallError && e.errno === EFAULT) return EFAULT;
    throw e;
  }
  if (uio.uio_rw === UIO_READ) counters.copyout_bytes += cnt;
  else counters.copyin_bytes += cnt;
  return 0;
}

// ---- ZERO_COPY_SOCKETS: the receive page flip (uiomoveco, userspaceco, vm_pgmoveco) ----
//
// soreceive asks soreceive_zc_source what an mbuf offers (is the kernel
// built for it, is kern.ipc.zero_copy.receive on, is the payload in
// disposable storage: a jumbo(9) page nobody else refers to), then moves
// the data with uiomoveco instead of uiomove. uiomoveco walks the iovecs
// like uiomove; for each piece userspaceco decides: a whole page, page
// aligned in the kernel and at a page aligned user address and offset, is
// flipped by vm_pgmoveco (the kernel page becomes the user's page, the
// user's old page is freed); anything else is copied out. Every decision
// is noted in the reader's record (kern/zc_trace.ts) with its reason.

/** What one mbuf offers the page flip: its page, or why it cannot be flipped. */
export interface ZcSource {
  readonly kern_pg: vm_page | null; // the jumbo(9) page holding the payload, if flippable
  readonly avail_bytes: number; // payload bytes left in the mbuf from the read position
  readonly why: ZcReason | null; // null: the mbuf qualifies; the user's side is checked in userspaceco
}

function ext_name(m: mbuf): string {
  if ((m.m_flags & M_EXT) === 0) return 'the mbuf itself';
  if (m.m_ext.ext_type === EXT_CLUSTER) return 'a 2 KB cluster';
  if (m.m_ext.ext_type === EXT_SFBUF) return 'an sf_buf';
  if (m.m_ext.ext_type === EXT_NET_DRV) return 'a driver buffer';
  return `ext_type ${m.m_ext.ext_type}`;
}

/**
 * soreceive_zc_source: the mbuf half of 5.0's soreceive/userspaceco test for
 * mbuf `m` read from offset `moff`: ZERO_COPY_SOCKETS, the sysctl,
 * EXT_DISPOSABLE storage (5.0 also needs the page's object to be the jumbo
 * object, OBJT_DEFAULT). MSG_PEEK and storage another mbuf shares are
 * copied too, since flipping would take the page from under them.
 */
export function soreceive_zc_source(kernel: Kernel, m: mbuf, moff: number, flags_peek: boolean): ZcSource {
  const avail_bytes = m.m_len - moff;
  const no = (why: ZcReason): ZcSource => ({ kern_pg: null, avail_bytes, why });
  if (!kernel.hasOption('ZERO_COPY_SOCKETS')) return no({ code: 'not_configured' });
  if (!so_zero_copy_receive(kernel)) return no({ code: 'sysctl_off', name: 'kern.ipc.zero_copy.receive' });
  if (flags_peek) return no({ code: 'peek' });
  if ((m.m_flags & M_EXT) === 0 || m.m_ext.ext_type !== EXT_DISPOSABLE) return no({ code: 'not_disposable', ext: ext_name(m) });
  if (m.m_ext.ref_cnt.value !== 1) return no({ code: 'not_disposable', ext: 'a page another mbuf shares' });
  const kva = jumbo_pool_of(kernel)?.kva_of_bytes.get(m.m_ext.ext_buf);
  const pg = kva === undefined ? null : jumbo_kva_to_page(kernel, kva);
  if (pg === null || pg.object === null || pg.object.type !== OBJT_DEFAULT) return no({ code: 'not_disposable', ext: 'a page outside jumbo(9)' });
  return { kern_pg: pg, avail_bytes, why: null };
}

/**
 * uiomoveco: uiomove for soreceive with ZERO_COPY_SOCKETS: moves
 * min(n, uio_resid) bytes of `cp` (the mbuf's data, n bytes) to the
 * reader `p`, flipping whole pages where userspaceco allows. Returns 0 or
 * EFAULT. Decisions are noted in record `e`.
 */
export function uiomoveco(kernel: Kernel, p: Proc, cp: Uint8Array, n: number, uio: uio, src: ZcSource, e: ZcEntry): number {
  if (uio.uio_rw !== UIO_READ || uio.uio_segflg !== UIO_USERSPACE) return panic('uiomoveco: not a read into user space');
  let at = 0;
  while (n > 0 && uio.uio_resid > 0) {
    const iov = uio.uio_iov[0];
    if (iov === undefined) return panic('uiomoveco: uio_resid beyond the iovecs');
    if (iov.iov_len === 0) {
      uio.uio_iov.shift();
      uio.uio_iovcnt--;
      continue;
    }
    const cnt = Math.min(iov.iov_len, n);
    const error = userspaceco(kernel, p, cp.subarray(at, at + cnt), cnt, uio, src, e);
    if (error !== 0) return error;
    at += cnt;
    n -= cnt;
  }
  return 0;
}

/**
 * userspaceco: one iovec's piece of uiomoveco. Flips when every 5.0
 * condition holds (the mbuf qualifies, the piece is a whole page, the
 * kernel data, iov_base and uio_offset are page aligned) and vm_pgmoveco
 * succeeds; otherwise copies out. Returns 0 or EFAULT.
 */
export function userspaceco(kernel: Kernel, p: Proc, cp: Uint8Array, cnt: number, uio: uio, src: ZcSource, e: ZcEntry): number {
  const iov = uio.uio_iov[0] ?? panic('userspaceco: no iovec');
  const uva = iov.iov_base;
  if (typeof uva !== 'number') return panic('userspaceco: kernel iovec');
  let why = src.why;
  if (why === null) {
    // The jumbo page is the Uint8Array's own buffer, so byteOffset is the offset in the page.
    if ((cp.byteOffset & PAGE_MASK) !== 0) why = { code: 'payload_unaligned', off_bytes: cp.byteOffset & PAGE_MASK };
    else if (src.avail_bytes < PAGE_SIZE) why = { code: 'payload_short', bytes: src.avail_bytes };
    else if (cnt < PAGE_SIZE) why = { code: 'short', bytes: cnt };
    else if ((uva & PAGE_MASK) !== 0) why = { code: 'buf_unaligned', off_bytes: uva & PAGE_MASK };
    else if ((uio.uio_offset & PAGE_MASK) !== 0) why = { code: 'offset_unaligned', off_bytes: uio.uio_offset & PAGE_MASK };
    else why = vm_pgmoveco(p, src.kern_pg ?? panic('userspaceco: no page'), uva);
  }
  if (why !== null) {
    // If vm_pgmoveco failed the page stays the kernel's and is freed with the mbuf, as in 5.0.
    const error = uiomove(kernel, cp, cnt, uio);
    if (error === 0) zc_note(p, e, 'copy', cnt, why);
    return error;
  }
  iov.iov_base = uva + cnt;
  iov.iov_len -= cnt;
  uio.uio_resid -= cnt;
  uio.uio_offset += cnt;
  zc_note(p, e, 'flip', cnt, null);
  return 0;
}

/**
 * vm_pgmoveco: makes kernel page `kern_pg` the page of process `p` at user
 * address `uaddr` (page aligned), in place of whatever page was there,
 * which is freed (or, if the kernel has it on loan for a send, left to
 * socow_iodone). Returns null on success, or why it could not. The page is
 * not mapped here: the reader's next access soft-faults it in.
 *
 * 5.0 looked the address up for VM_PROT_READ, which after fork (a
 * NEEDS_COPY entry) finds the object the parent and child share and would
 * flip the page into both; the lookup here is for VM_PROT_WRITE, as later
 * versions do, so the shadow object is made first.
 */
export function vm_pgmoveco(p: Proc, kern_pg: vm_page, uaddr: number): ZcReason | null {
  const map = p.p_vmspace.vm_map;
  const r = vm_map_lookup(map, uaddr, VM_PROT_WRITE);
  if (typeof r === 'number') return { code: 'no_dest_page' };
  if (r.wired) return { code: 'dest_wired' };
  const user_pg = vm_page_lookup(r.object, r.pindex);
  if (user_pg !== null && user_pg.wire_count > user_pg.cow) return { code: 'dest_wired' };
  if ((kern_pg.flags & PG_BUSY) !== 0 || kern_pg.queue === PQ_FREE) return panic('vm_pgmoveco: renaming free or busy page');
  if (user_pg !== null) {
    pmap_remove_all(user_pg);
    if (user_pg.cow > 0) vm_page_remove(user_pg);
    else vm_page_free(user_pg);
  } else {
    // Whatever is mapped here comes from a backing object (fork): unmap it.
    pmap_remove(map.pmap, uaddr, uaddr + PAGE_SIZE);
  }
  vm_page_rename(kern_pg, r.object, r.pindex);
  kern_pg.valid = VM_PAGE_BITS_ALL;
  // The NIC's wiring (jumbo_pg_alloc) ends: the page is an ordinary user page now.
  if (kern_pg.wire_count > 0) vm_page_unwire(kern_pg, true);
  return null;
}
