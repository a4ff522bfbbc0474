// The C library's per-process state: what lives in a real process's data
// segment and so is copied by fork (curbrk, errno, malloc's bookkeeping).
// Mirrors the globals of lib/libc (curbrk/minbrk in i386/sys/sbrk.S and
// brk.S, errno, and the statics of stdlib/malloc.c).

import { malloc_state } from './stdlib/malloc_state.ts';

export class libc_state {
  curbrk: number; // current break: sbrk(0)
  minbrk: number; // the lowest break (end of the program's data): brk refuses to go below it
  errno = 0; // the process's errno, set by failing library calls such as malloc
  malloc_options: string | undefined; // the MALLOC_OPTIONS environment variable, read by malloc's first call
  malloc: malloc_state = new malloc_state(); // phkmalloc's bookkeeping

  constructor(brk: number, malloc_options?: string) {
    this.curbrk = this.minbrk = brk;
    this.malloc_options = malloc_options;
  }

  /** The child's copy at fork. */
  clone(): libc_state {
    const c = new libc_state(this.minbrk, this.malloc_options);
    c.curbrk = this.curbrk;
    c.errno = this.errno;
    c.malloc = this.malloc.clone();
    return c;
  }
}
