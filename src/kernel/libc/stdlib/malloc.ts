// malloc(3), calloc, realloc, free and valloc: FreeBSD 5.0's C library
// allocator, Poul-Henning Kamp's "phkmalloc".
// Mirrors lib/libc/stdlib/malloc.c (phkmalloc as of 2002) and
// lib/libc/gen/valloc.c.
//
// THE ALIGNMENT RULE (what zero copy users need to know):
//   - A request of more than half a page (size > 2048 bytes) gets whole
//     pages: the result is PAGE ALIGNED and the size is rounded up to a
//     multiple of 4096. So malloc(2049) .. malloc(4096) each take a page,
//     and any buffer big enough to be sent with zero copy (at least a page)
//     comes back page aligned.
//   - A request of at most 2048 bytes gets a chunk of the next power of two
//     (at least 16 bytes) carved from a page of equal chunks, so it is aligned
//     to its chunk size but generally NOT to a page (malloc(2048) is page
//     aligned only when it gets the first half of its page). malloc(0) is a
//     minimal (16-byte) allocation.
//   - For 16- and 32-byte chunks the page's bookkeeping (struct pginfo) sits
//     in the page's first chunks (48 and 32 bytes); for bigger chunks it is
//     malloc'ed separately.
//   - Pages come from the heap, which grows with brk(2) just above the
//     program; the first malloc makes the page directory (mmap'ed, so at
//     0x28049000) and a free-list node, a 32-byte chunk in the first heap
//     page (0x0804a000), so a first malloc(5000) returns 0x0804b000. Freed
//     runs of pages are reused first fit; more than 16 free pages at the top
//     of the heap are given back with brk.
//   - valloc(size) is the 4.4BSD one-liner: malloc(size + 4095) rounded up
//     to a page, which, by the rule above, is already page aligned (and so
//     can be passed to free). Note valloc(4096) takes two pages.
//
// Options, as 5.0-CURRENT had them in 2002: "A" (abort on any misuse) and
// "J" (junk: fill allocated and freed memory with 0xd0) are ON by default;
// release branches turned them off, and so can a process, with the
// MALLOC_OPTIONS string given at spawn (SpawnOptions.malloc_options, e.g.
// 'aj'). Letters: A/a abort, J/j junk, Z/z zero-fill, R/r always move on
// realloc, V/v malloc(0) returns NULL, X/x abort when out of memory,
// H/h page-out hints (accepted, no effect), >/< double/halve the page cache.
// With J, malloc touches (and so makes resident) every page it hands out.
//
// phkmalloc keeps its bookkeeping in the process's memory. Here the
// bookkeeping lives in JavaScript (in the process's libc_state, copied on
// fork), but every piece of user memory it would occupy (directory pages,
// pginfo headers, free-list nodes) is still allocated and touched, so
// addresses and resident page counts come out as on a real system.
//
// Misuse is reported on stderr; with A (the default) the process then
// aborts (SIGABRT), without it the call is ignored:
//   a.out in free(): error: chunk is already free.
//   a.out in free(): warning: chunk is already free.

import { MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../sys/mman.ts';
import { ENOMEM } from '../../sys/errno.ts';
import type { Proc } from '../../sys/proc.ts';
import { SyscallError } from '../../sys/syscall_error.ts';
import { syscall_enter } from '../../i386/i386/trap.ts';
import { mmap, munmap } from '../../vm/vm_mmap.ts';
import { obreak } from '../../vm/vm_unix.ts';
import { user_copy, user_fill } from '../../i386/i386/usermem.ts';
import { trapsignal } from '../../kern/kern_sig.ts';
import { SIGABRT } from '../../sys/signal.ts';
import { malloc_pageshift, malloc_state, type pginfo, type pgfree, type pd_entry } from './malloc_state.ts';

export { malloc_state } from './malloc_state.ts';

const malloc_pagesize = 4096;
const malloc_minsize = 16; // smallest chunk; also the smallest alignment malloc guarantees
const malloc_maxsize = malloc_pagesize >> 1; // largest chunk: bigger requests get pages
const SOME_JUNK = 0xd0; // the byte J fills allocated and freed memory with
const PGINFO_FIXED_BYTES = 16; // sizeof(struct pginfo) without its bits[] array (i386)
const PGFREE_BYTES = 20; // sizeof(struct pgfree) on i386: next, prev, page, end, size
const MALLOC_BITS = 32; // bits per u_int of the chunk bitmap

// Page directory values that are not pginfo pointers.
const MALLOC_FREE = 1; // the page is on the free list
const MALLOC_FIRST = 2; // first page of a multi-page allocation
const MALLOC_FOLLOW = 3; // a following page of one

function st(p: Proc): malloc_state {
  return p.p_libc.malloc;
}

function ptr2index(s: malloc_state, ptr: number): number {
  return Math.floor(ptr / malloc_pagesize) - s.malloc_origo;
}

function pageround(x: number): number {
  return Math.ceil(x / malloc_pagesize) * malloc_pagesize;
}

// wrterror: reports misuse and aborts the process (abort(3): SIGABRT).
function wrterror(p: Proc, msg: string): never {
  p.p_table.write(p, 2, `${p.p_comm}${st(p).malloc_func} error: ${msg}\n`);
  return trapsignal(p, SIGABRT);
}

// wrtwarning: reports misuse; with A it is an error.
function wrtwarning(p: Proc, msg: string): void {
  if (st(p).malloc_abort) wrterror(p, msg);
  p.p_table.write(p, 2, `${p.p_comm}${st(p).malloc_func} warning: ${msg}\n`);
}

// Fills [addr, addr + len) with byte c, as the library's memset does.
function junk(p: Proc, addr: number, c: number, len: number): void {
  user_fill(p, addr, c, len);
}

// mmap(2)/munmap(2) as phkmalloc's MMAP() macro does them; 0 on failure.
function sys_mmap(p: Proc, len: number): number {
  syscall_enter(p);
  try {
    return mmap(p, 0, len, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
  } catch (e) {
    if (e instanceof SyscallError) return 0;
    throw e;
  }
}

// brk(2): moves the break to addr; false (errno set) on failure.
function sys_brk(p: Proc, addr: number): boolean {
  syscall_enter(p);
  const error = obreak(p, addr);
  if (error !== 0) {
    p.p_libc.errno = error;
    return false;
  }
  p.p_libc.curbrk = addr;
  return true;
}

function malloc_init(p: Proc): void {
  const s = st(p);
  for (const ch of p.p_libc.malloc_options ?? '') {
    switch (ch) {
      case '>': s.malloc_cache *= 2; break;
      case '<': s.malloc_cache = Math.floor(s.malloc_cache / 2); break;
      case 'a': s.malloc_abort = false; break;
      case 'A': s.malloc_abort = true; break;
      case 'h': s.malloc_hint = false; break;
      case 'H': s.malloc_hint = true; break;
      case 'r': s.malloc_realloc = false; break;
      case 'R': s.malloc_realloc = true; break;
      case 'j': s.malloc_junk = false; break;
      case 'J': s.malloc_junk = true; break;
      case 'v': s.malloc_sysv = false; break;
      case 'V': s.malloc_sysv = true; break;
      case 'x': s.malloc_xmalloc = false; break;
      case 'X': s.malloc_xmalloc = true; break;
      case 'z': s.malloc_zero = false; break;
      case 'Z': s.malloc_zero = true; break;
      default: {
        const j = s.malloc_abort;
        s.malloc_abort = false;
        wrtwarning(p, 'unknown char in MALLOC_OPTIONS');
        s.malloc_abort = j;
      }
    }
  }
  // Z implies J (the slack past the requested size gets junk, the requested
  // bytes zeros), and J implies R, so that realloc always hands out fresh junk.
  if (s.malloc_zero) s.malloc_junk = true;
  if (s.malloc_junk) s.malloc_realloc = true;
  const dir = sys_mmap(p, malloc_pagesize);
  if (dir === 0) wrterror(p, 'mmap(2) failed, check limits.');
  s.page_dir = dir;
  // Directory slots 0..11 double as the chunk-size buckets, so slot 12 is the first heap page.
  s.malloc_origo = Math.floor(pageround(p.p_libc.curbrk) / malloc_pagesize) - malloc_pageshift;
  s.malloc_ninfo = malloc_pagesize / 4;
  s.malloc_cache = Math.max(1, s.malloc_cache) * malloc_pagesize;
  // A spare free-list node, taken now while the heap is small: it lives at a
  // low address and never pins the top (an idea phkmalloc credits to Kaleb Keithly).
  s.px = { addr: imalloc(p, PGFREE_BYTES), page: 0, end: 0, size: 0 };
  user_fill(p, dir, 0, 4); // the directory is written from the first allocation on
  s.initialized = true;
}

// Extends the page directory (a bigger mmap'ed copy) to cover slot `index`.
function extend_pgdir(p: Proc, index: number): boolean {
  const s = st(p);
  const pages = Math.floor((index * 4) / malloc_pagesize) + 2;
  const oldlen = s.malloc_ninfo * 4;
  const nw = sys_mmap(p, pages * malloc_pagesize);
  if (nw === 0) return false;
  user_copy(p, nw, s.page_dir, oldlen);
  s.malloc_ninfo = (pages * malloc_pagesize) / 4;
  const old = s.page_dir;
  s.page_dir = nw;
  syscall_enter(p);
  munmap(p, old, oldlen);
  return true;
}

// Gets `pages` new pages at the top of the heap; 0 on failure.
function map_pages(p: Proc, pages: number): number {
  const s = st(p);
  const result = pageround(p.p_libc.curbrk);
  const tail = result + pages * malloc_pagesize;
  if (!sys_brk(p, tail)) return 0;
  s.last_index = ptr2index(s, tail) - 1;
  s.malloc_brk = tail;
  if (s.last_index + 1 >= s.malloc_ninfo && !extend_pgdir(p, s.last_index)) return 0;
  return result;
}

// Allocates whole pages: first fit on the free list, else from the heap's top.
function malloc_pages(p: Proc, size: number): number {
  const s = st(p);
  size = pageround(size);
  let ptr = 0;
  let delay_free: pgfree | null = null;
  for (let i = 0; i < s.free_list.length; i++) {
    const pf = s.free_list[i];
    if (pf === undefined || pf.size < size) continue;
    ptr = pf.page;
    if (pf.size === size) {
      s.free_list.splice(i, 1);
      delay_free = pf;
    } else {
      pf.page += size;
      pf.size -= size;
    }
    break;
  }
  const npages = size / malloc_pagesize;
  if (ptr === 0) ptr = map_pages(p, npages);
  if (ptr !== 0) {
    const index = ptr2index(s, ptr);
    s.dir.set(index, MALLOC_FIRST);
    for (let i = 1; i < npages; i++) s.dir.set(index + i, MALLOC_FOLLOW);
    if (s.malloc_junk) junk(p, ptr, SOME_JUNK, size);
  }
  if (delay_free !== null) {
    if (s.px === null) s.px = delay_free;
    else ifree(p, delay_free.addr);
  }
  return ptr;
}

// Makes a page of 2^bits-byte chunks and puts it on its bucket.
function malloc_make_chunks(p: Proc, bits: number): boolean {
  const s = st(p);
  const pp = malloc_pages(p, malloc_pagesize);
  if (pp === 0) return false;
  const total = malloc_pagesize >> bits;
  let l = PGINFO_FIXED_BYTES + 4 * Math.ceil(total / MALLOC_BITS);
  let addr: number;
  // The header goes inside the page only if it costs at most two chunks.
  if (1 << bits <= l + l) {
    addr = pp;
  } else {
    addr = imalloc(p, l);
    if (addr === 0) {
      ifree(p, pp);
      return false;
    }
  }
  user_fill(p, addr, 0, l); // writing the header touches its page
  const bp: pginfo = { next: s.buckets[bits] ?? null, addr, page: pp, size: 1 << bits, shift: bits, free: total, total, bits: new Array<boolean>(total).fill(true) };
  s.dir.set(ptr2index(s, pp), bp);
  s.buckets[bits] = bp;
  if (addr === pp) {
    // The chunks under the header are not free, nor counted as usable.
    for (let i = 0; l > 0; i++) {
      bp.bits[i] = false;
      bp.free--;
      bp.total--;
      l -= 1 << bits;
    }
  }
  return true;
}

// fls(): index of the highest set bit, counting from 1.
function fls(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

// Allocates a chunk of at most malloc_maxsize bytes.
function malloc_bytes(p: Proc, size: number): number {
  const s = st(p);
  if (size < malloc_minsize) size = malloc_minsize;
  const j = fls(size - 1);
  if (s.buckets[j] === null && !malloc_make_chunks(p, j)) return 0;
  const bp = s.buckets[j];
  if (bp === null || bp === undefined) return 0;
  const k = bp.bits.indexOf(true);
  bp.bits[k] = false;
  bp.free--;
  if (bp.free === 0) {
    s.buckets[j] = bp.next;
    bp.next = null;
  }
  const r = bp.page + (k << bp.shift);
  if (s.malloc_junk) junk(p, r, SOME_JUNK, bp.size);
  return r;
}

function imalloc(p: Proc, size: number): number {
  if (!Number.isInteger(size) || size < 0 || size + malloc_pagesize > 0xffffffff) return 0; // overflow
  const r = size <= malloc_maxsize ? malloc_bytes(p, size) : malloc_pages(p, size);
  if (st(p).malloc_zero && r !== 0) junk(p, r, 0, size);
  return r;
}

// The checks and options every public entry shares.
function enter(p: Proc, func: string): malloc_state {
  const s = st(p);
  s.malloc_func = ` in ${func}():`;
  return s;
}

function leave(p: Proc, s: malloc_state, r: number): number {
  if (r === 0) {
    p.p_libc.errno = ENOMEM;
    if (s.malloc_xmalloc) wrterror(p, 'out of memory.');
  }
  return r;
}

/** malloc(3): returns the address of `size` bytes, or 0 with errno ENOMEM. */
export function malloc(p: Proc, size: number): number {
  const s = enter(p, 'malloc');
  if (!s.initialized) malloc_init(p);
  return leave(p, s, s.malloc_sysv && size === 0 ? 0 : imalloc(p, size));
}

/** calloc(3) (lib/libc/stdlib/calloc.c): `number` zeroed objects of `size` bytes, or 0 with errno ENOMEM. */
export function calloc(p: Proc, number: number, size: number): number {
  const bytes = number * size;
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > 0xffffffff) {
    p.p_libc.errno = ENOMEM;
    return 0;
  }
  const r = malloc(p, bytes);
  if (r !== 0) user_fill(p, r, 0, bytes);
  return r;
}

/** valloc(3) (lib/libc/gen/valloc.c): `size` bytes starting on a page boundary. */
export function valloc(p: Proc, size: number): number {
  const cp = malloc(p, size + (malloc_pagesize - 1));
  return cp === 0 ? 0 : pageround(cp);
}

/** free(3). A pointer malloc did not return is reported on stderr and aborts the process (unless option a). */
export function free(p: Proc, ptr: number): void {
  enter(p, 'free');
  ifree(p, ptr);
}

// Looks up the directory entry for ptr, warning (and returning null) if ptr is junk.
function lookup(p: Proc, ptr: number): { index: number; info: pd_entry } | null {
  const s = st(p);
  const index = ptr2index(s, ptr);
  if (index < malloc_pageshift) {
    wrtwarning(p, 'junk pointer, too low to make sense.');
    return null;
  }
  if (index > s.last_index) {
    wrtwarning(p, 'junk pointer, too high to make sense.');
    return null;
  }
  return { index, info: s.dir.get(index) ?? 0 }; // 0: MALLOC_NOT_MINE
}

function ifree(p: Proc, ptr: number): void {
  if (ptr === 0) return;
  if (!st(p).initialized) return wrtwarning(p, 'malloc() has never been called.');
  const found = lookup(p, ptr);
  if (found === null) return;
  if (typeof found.info === 'number') free_pages(p, ptr, found.index, found.info);
  else free_bytes(p, ptr, found.index, found.info);
}

function free_pages(p: Proc, ptr: number, index: number, info: number): void {
  const s = st(p);
  if (info === MALLOC_FREE) return wrtwarning(p, 'page is already free.');
  if (info !== MALLOC_FIRST) return wrtwarning(p, 'pointer to wrong page.');
  if (ptr % malloc_pagesize !== 0) return wrtwarning(p, 'modified (page-) pointer.');
  s.dir.set(index, MALLOC_FREE);
  let i = 1;
  for (; s.dir.get(index + i) === MALLOC_FOLLOW; i++) s.dir.set(index + i, MALLOC_FREE);
  const l = i * malloc_pagesize;
  if (s.malloc_junk) junk(p, ptr, SOME_JUNK, l);
  const tail = ptr + l;

  // Put the run on the address-ordered free list, joining any run it touches.
  let px = s.px ?? { addr: imalloc(p, PGFREE_BYTES), page: 0, end: 0, size: 0 };
  s.px = px;
  let pt: pgfree | null = null;
  const fl = s.free_list;
  let at = 0;
  while (at < fl.length - 1 && (fl[at]?.end ?? 0) < ptr) at++;
  const pf = fl[at];
  let last: pgfree;
  if (pf === undefined) {
    px = { ...px, page: ptr, end: tail, size: l };
    fl.push(px);
    s.px = null;
    last = px;
  } else if (pf.page > tail) {
    px = { ...px, page: ptr, end: tail, size: l };
    fl.splice(at, 0, px);
    s.px = null;
    last = px;
  } else if (pf.end === ptr) {
    pf.end += l;
    pf.size += l;
    const next = fl[at + 1];
    if (next !== undefined && pf.end === next.page) {
      pt = next;
      pf.end = next.end;
      pf.size += next.size;
      fl.splice(at + 1, 1);
    }
    last = pf;
  } else if (pf.page === tail) {
    pf.size += l;
    pf.page = ptr;
    last = pf;
  } else {
    px = { ...px, page: ptr, end: tail, size: l };
    fl.push(px);
    s.px = null;
    last = px;
  }

  // A run at the very top of the heap, bigger than the cache: shrink the heap.
  if (fl[fl.length - 1] === last && last.size > s.malloc_cache && last.end === s.malloc_brk && s.malloc_brk === p.p_libc.curbrk) {
    // The run keeps malloc_cache bytes (a page or more); the rest, a page or more, goes back.
    last.end = last.page + s.malloc_cache;
    last.size = s.malloc_cache;
    sys_brk(p, last.end);
    s.malloc_brk = last.end;
    const idx = ptr2index(s, last.end);
    for (let k = idx; k <= s.last_index; k++) s.dir.delete(k);
    s.last_index = idx - 1;
  }
  if (pt !== null) ifree(p, pt.addr);
}

function free_bytes(p: Proc, ptr: number, index: number, info: pginfo): void {
  const s = st(p);
  const i = (ptr % malloc_pagesize) >> info.shift;
  if (ptr % info.size !== 0) return wrtwarning(p, 'modified (chunk-) pointer.');
  if (info.bits[i] === true) return wrtwarning(p, 'chunk is already free.');
  if (s.malloc_junk) junk(p, ptr, SOME_JUNK, info.size);
  info.bits[i] = true;
  info.free++;
  if (info.free === 1) {
    // The page had no free chunk until now: back onto its bucket, kept roughly by address.
    let prev: pginfo | null = null;
    let cur = s.buckets[info.shift] ?? null;
    while (cur !== null && cur.next !== null && cur.next.page < info.page) {
      prev = cur;
      cur = cur.next;
    }
    info.next = cur;
    if (prev === null) s.buckets[info.shift] = info;
    else prev.next = info;
    return;
  }
  if (info.free !== info.total) return;
  // Every chunk is free: take the page off its bucket and free it.
  let prev: pginfo | null = null;
  let cur = s.buckets[info.shift] ?? null;
  while (cur !== null && cur !== info) {
    prev = cur;
    cur = cur.next;
  }
  if (prev === null) s.buckets[info.shift] = info.next;
  else prev.next = info.next;
  s.dir.set(index, MALLOC_FIRST);
  if (info.addr !== info.page) ifree(p, info.addr);
  ifree(p, info.page);
}

/** realloc(3): resizes in place when the size class allows (and R is off), else moves. 0 with errno ENOMEM on failure. */
export function realloc(p: Proc, ptr: number, size: number): number {
  const s = enter(p, 'realloc');
  if (ptr !== 0 && !s.initialized) {
    wrtwarning(p, 'malloc() has never been called.');
    ptr = 0;
  }
  if (!s.initialized) malloc_init(p);
  let r: number;
  if (s.malloc_sysv && size === 0) {
    ifree(p, ptr);
    r = 0;
  } else if (ptr === 0) {
    r = imalloc(p, size);
  } else {
    r = irealloc(p, ptr, size);
  }
  return leave(p, s, r);
}

function irealloc(p: Proc, ptr: number, size: number): number {
  const s = st(p);
  const found = lookup(p, ptr);
  if (found === null) return 0;
  let osize: number;
  if (found.info === MALLOC_FIRST) {
    if (ptr % malloc_pagesize !== 0) {
      wrtwarning(p, 'modified (page-) pointer.');
      return 0;
    }
    osize = malloc_pagesize;
    for (let i = found.index + 1; s.dir.get(i) === MALLOC_FOLLOW; i++) osize += malloc_pagesize;
    // Same block if R is off, it still fits, and shrinking would not free a whole page.
    if (!s.malloc_realloc && size <= osize && size > osize - malloc_pagesize) return ptr;
  } else if (typeof found.info !== 'number') {
    const info = found.info;
    if (ptr % info.size !== 0) {
      wrtwarning(p, 'modified (chunk-) pointer.');
      return 0;
    }
    if (info.bits[(ptr % malloc_pagesize) >> info.shift] === true) {
      wrtwarning(p, 'chunk is already free.');
      return 0;
    }
    osize = info.size;
    // Same chunk if R is off, it still fits, and a smaller size class would not do (or there is none).
    if (!s.malloc_realloc && size < osize && (size > osize / 2 || osize === malloc_minsize)) return ptr;
  } else {
    wrtwarning(p, 'pointer to wrong page.');
    return 0;
  }
  const r = imalloc(p, size);
  if (r !== 0) {
    if (size !== 0 && osize !== 0) user_copy(p, r, ptr, Math.min(osize, size));
    ifree(p, ptr);
  }
  return r;
}
