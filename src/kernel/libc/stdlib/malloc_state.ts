// phkmalloc's per-process state: the statics of lib/libc/stdlib/malloc.c,
// kept apart from the allocator's code so that a process's C library state
// (libc/libc.ts) can be made and copied without the code that uses it.

export const malloc_pageshift = 12; // log2 of malloc's page size

/** struct pginfo: a page of equal chunks. */
export interface pginfo {
  next: pginfo | null; // next page with free chunks of this size
  addr: number; // where phkmalloc keeps this structure: the page itself, or a malloc'ed chunk
  page: number; // the page's address
  size: number; // chunk size
  shift: number; // log2(size)
  free: number; // free chunks
  total: number; // usable chunks
  bits: boolean[]; // true = chunk i is free
}

/** struct pgfree: a run of free pages on the free list (which is sorted by address). */
export interface pgfree {
  addr: number; // the 20-byte chunk phkmalloc allocated for this node
  page: number; // first free page
  end: number; // first page after the run
  size: number; // bytes
}

export type pd_entry = pginfo | number;

/** phkmalloc's static variables, per process. */
export class malloc_state {
  initialized = false;
  malloc_abort = true; // A: abort() on misuse
  malloc_junk = true; // J: fill with SOME_JUNK
  malloc_zero = false; // Z: zero what the caller asked for
  malloc_realloc = false; // R: realloc always moves
  malloc_sysv = false; // V: malloc(0) returns NULL
  malloc_xmalloc = false; // X: abort() instead of returning NULL
  malloc_hint = false; // H: madvise freed pages (no effect here)
  malloc_cache = 16; // free pages kept at the top of the heap (bytes after init)
  malloc_func = ''; // " in free():" etc., for messages
  page_dir = 0; // address of the mmap'ed page directory
  malloc_ninfo = 0; // directory slots
  malloc_origo = 0; // page number of directory slot 0
  last_index = 0; // last directory slot in use
  malloc_brk = 0; // the break as malloc last set it
  dir = new Map<number, pd_entry>(); // directory: slot -> entry (absent: MALLOC_NOT_MINE)
  buckets: (pginfo | null)[] = new Array<pginfo | null>(malloc_pageshift).fill(null); // page_dir[0..11]: pages with free chunks
  free_list: pgfree[] = []; // free page runs, by address
  px: pgfree | null = null; // a spare free-list node

  clone(): malloc_state {
    const c = new malloc_state();
    const copies = new Map<pginfo, pginfo>();
    const copy = (bp: pginfo | null): pginfo | null => {
      if (bp === null) return null;
      let n = copies.get(bp);
      if (n === undefined) {
        n = { ...bp, bits: [...bp.bits], next: null };
        copies.set(bp, n);
        n.next = copy(bp.next);
      }
      return n;
    };
    Object.assign(c, { initialized: this.initialized, page_dir: this.page_dir, malloc_ninfo: this.malloc_ninfo });
    Object.assign(c, { malloc_abort: this.malloc_abort, malloc_junk: this.malloc_junk, malloc_zero: this.malloc_zero });
    Object.assign(c, { malloc_realloc: this.malloc_realloc, malloc_sysv: this.malloc_sysv, malloc_xmalloc: this.malloc_xmalloc });
    Object.assign(c, { malloc_hint: this.malloc_hint, malloc_cache: this.malloc_cache });
    Object.assign(c, { malloc_origo: this.malloc_origo, last_index: this.last_index, malloc_brk: this.malloc_brk });
    for (const [k, v] of this.dir) c.dir.set(k, typeof v === 'number' ? v : (copy(v) as pginfo));
    c.buckets = this.buckets.map(copy);
    c.free_list = this.free_list.map((f) => ({ ...f }));
    c.px = this.px === null ? null : { ...this.px };
    return c;
  }
}
