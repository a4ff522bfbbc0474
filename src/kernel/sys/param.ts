// Machine parameters for i386: page geometry and the default mbuf sizes.
// Mirrors sys/i386/include/param.h (included by sys/sys/param.h).
//
// MSIZE and MCLSHIFT are only defaults: a kernel configuration may override
// them (`options MSIZE=512`, `options MCLSHIFT=12`), so code that runs inside a
// booted kernel must read kernel.param, not these constants.

export const PAGE_SHIFT = 12; // i386 pages are 4 KB
export const PAGE_SIZE = 1 << PAGE_SHIFT; // 4096 bytes
export const PAGE_MASK = PAGE_SIZE - 1; // offset-within-page bits

/** Default size of an mbuf in bytes ("#ifndef MSIZE #define MSIZE 256"). */
export const MSIZE = 256;
/** Default log2 of the mbuf cluster size ("#ifndef MCLSHIFT #define MCLSHIFT 11"). */
export const MCLSHIFT = 11;
/** Default mbuf cluster size in bytes: 1 << MCLSHIFT = 2048. */
export const MCLBYTES = 1 << MCLSHIFT;

/** Rounds `x` (bytes) down to a page boundary, like trunc_page(). */
export function trunc_page(x: number): number {
  return x - (x % PAGE_SIZE); // % rather than & so values above 2 GB stay exact
}

/** Rounds `x` (bytes) up to a page boundary, like round_page(). */
export function round_page(x: number): number {
  return trunc_page(x + PAGE_MASK);
}
