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
// User memory is reached through td's copyin/copyout, which throw a
// SyscallError(EFAULT) for an unmapped or wrongly protected address and
// then have copied nothing. The process/VM code provides them; until it
// does, anything with that shape (UioThread) will do.

import type { Kernel } from './init_main.ts';
import { panic } from './kern_shutdown.ts';
import { EFAULT } from '../sys/errno.ts';
import { SyscallError } from '../sys/syscall_error.ts';
import { cpu_charge, machine_costs } from '../sim/cpu.ts';
import { copy_ns } from '../sim/cost_model.ts';

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

const stats = new WeakMap<Kernel, UiomoveStats>();

/** A copy of the uiomove byte counters of `kernel` (all zero before the first call). */
export function uiomove_stats(kernel: Kernel): UiomoveStats {
  return { ...uiomove_counters(kernel) };
}

function uiomove_counters(kernel: Kernel): UiomoveStats {
  let s = stats.get(kernel);
  if (s === undefined) {
    s = { copyout_bytes: 0, copyin_bytes: 0, sysspace_bytes: 0 };
    stats.set(kernel, s);
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
