// The simulated CPU's loads and stores in user mode.
// No FreeBSD counterpart: this is what the processor does when a program
// reads or writes its memory. Each access is translated through the
// process's pmap; when the PTE is missing or read-only for a write, the MMU
// traps and trap_pfault (i386/i386/trap.ts) runs vm_fault. If the fault
// cannot be resolved the process gets the signal, and its code stops: an
// access that spans pages may have stored into the first pages already, as
// a real string instruction would have.
//
// Kernel code must not use these (a bad address kills the process); system
// calls use copyin/copyout (i386/i386/support.ts), which fail with EFAULT.

import { pmap_pte } from './pmap.ts';
import { trap_pfault } from './trap.ts';
import { proc_check_alive } from '../../kern/kern_exit.ts';
import { trapsignal } from '../../kern/kern_sig.ts';
import { PAGE_SIZE } from '../../sys/param.ts';
import { SIGSEGV } from '../../sys/signal.ts';
import type { Proc } from '../../sys/proc.ts';

/** Data a process stores: bytes, a string (stored as UTF-8) or an array of byte values. */
export type UserData = Uint8Array | string | readonly number[];

/** The bytes of `data`: strings become UTF-8, numbers are taken modulo 256. */
export function to_bytes(data: UserData): Uint8Array {
  if (typeof data === 'string') return utf8_encode(data);
  if (data instanceof Uint8Array) return data;
  return Uint8Array.from(data, (x) => x & 0xff);
}

/** UTF-8 encoding (the kernel has no TextEncoder: it runs without DOM or Node types). */
export function utf8_encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/** UTF-8 decoding; a byte that does not start a valid sequence becomes U+FFFD. */
export function utf8_decode(b: Uint8Array): string {
  let s = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const n = c < 0x80 ? 0 : c < 0xc0 ? -1 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : c < 0xf8 ? 3 : -1;
    let cp = n <= 0 ? c : c & (0x3f >> n);
    let ok = n >= 0;
    for (let k = 1; ok && k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) ok = false;
      else cp = cp * 64 + (cc & 0x3f);
    }
    if (!ok || cp > 0x10ffff) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += String.fromCodePoint(cp);
    i += n + 1;
  }
  return s;
}

function check_len(what: string, len: number): void {
  if (!Number.isInteger(len) || len < 0) throw new RangeError(`${what}: length must be a non-negative integer, got ${len}`);
}

/**
 * The page frame behind user address `va` for a load or (write) a store,
 * after whatever faults the access takes. Kills the process on a bad address.
 */
export function user_frame(p: Proc, va: number, write: boolean): Uint8Array {
  proc_check_alive(p);
  if (!Number.isInteger(va) || va < 0 || va > 0xffffffff) trapsignal(p, SIGSEGV);
  const pm = p.p_vmspace.vm_map.pmap;
  for (;;) {
    const pte = pmap_pte(pm, va);
    if (pte !== undefined && (!write || pte.rw)) {
      pte.accessed = true;
      if (write) pte.modified = true;
      return pte.m.bytes;
    }
    const sig = trap_pfault(p, va, write);
    if (sig !== 0) trapsignal(p, sig);
  }
}

// Calls fn for each page-sized piece of [va, va + len), in address order.
function each_piece(p: Proc, va: number, len: number, write: boolean, fn: (frame: Uint8Array, off: number, n: number, done: number) => void): void {
  let done = 0;
  while (done < len) {
    const a = va + done;
    const off = a % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, len - done);
    fn(user_frame(p, a, write), off, n, done);
    done += n;
  }
}

/** Stores `data` at `va`. */
export function user_write(p: Proc, va: number, data: Uint8Array): void {
  each_piece(p, va, data.length, true, (frame, off, n, done) => frame.set(data.subarray(done, done + n), off));
}

/** Loads `len` bytes from `va`. */
export function user_read(p: Proc, va: number, len: number): Uint8Array {
  check_len('user_read', len);
  const out = new Uint8Array(len);
  each_piece(p, va, len, false, (frame, off, n, done) => out.set(frame.subarray(off, off + n), done));
  return out;
}

/** Stores `len` copies of byte `c` at `va`. */
export function user_fill(p: Proc, va: number, c: number, len: number): void {
  check_len('memset', len);
  each_piece(p, va, len, true, (frame, off, n) => frame.fill(c, off, off + n));
}

/** Copies `len` bytes from `src` to `dst` (reads everything first, so overlap is safe). */
export function user_copy(p: Proc, dst: number, src: number, len: number): void {
  check_len('memcpy', len);
  user_write(p, dst, user_read(p, src, len));
}

/** memcmp: <0, 0 or >0 as the `len` bytes at `a` compare with those at address `b` (or with bytes `b`). */
export function user_compare(p: Proc, a: number, b: number | Uint8Array, len: number): number {
  check_len('memcmp', len);
  const x = user_read(p, a, len);
  const y = typeof b === 'number' ? user_read(p, b, len) : b;
  for (let i = 0; i < len; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** strlen: the number of bytes before the first NUL at `va`. */
export function user_strlen(p: Proc, va: number, maxlen = Infinity): number {
  let len = 0;
  for (;;) {
    const a = va + len;
    const frame = user_frame(p, a, false);
    for (let off = a % PAGE_SIZE; off < PAGE_SIZE; off++, len++) {
      if (len >= maxlen || frame[off] === 0) return len;
    }
  }
}

/** The NUL-terminated string at `va` (at most maxlen bytes), as UTF-8. */
export function user_read_string(p: Proc, va: number, maxlen = Infinity): string {
  return utf8_decode(user_read(p, va, user_strlen(p, va, maxlen)));
}
