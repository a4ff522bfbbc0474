// contigmalloc and contigfree: physically contiguous kernel memory, for a
// driver that DMAs into one large buffer (ti(4)'s TI_PRIVATE_JUMBOS pool).
// Mirrors contigmalloc()/contigfree() of sys/vm/vm_contig.c (FreeBSD 5.0)
// with M_NOWAIT.
//
//   const mem = contigmalloc(kernel, TI_JMEM);   // null: not enough free pages
//   contigfree(kernel, mem);
// The pages are taken from the free queues wired, into the kernel's own
// object, so the machine has that much less memory while the buffer exists.
// What the simulation leaves out: physical contiguity (free pages are never
// fragmented here, so only their number can make the call fail) and the
// address range and alignment arguments, which every 2002 caller passed as
// "anywhere below 4 GB, page aligned".

import type { Kernel } from '../kern/init_main.ts';
import { panic } from '../kern/kern_shutdown.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { vm_sys, type VmSystem } from './vm_init.ts';
import { VM_ALLOC_NORMAL, VM_ALLOC_WIRED, vm_page_alloc, vm_page_free, vm_page_unwire, type vm_page } from './vm_page.ts';

/** Where contigmalloc's pages sit in kernel_object: clear of the sf_buf and other kernel pages below. */
const CONTIG_PINDEX_BASE = 1 << 24;

// The pages behind each buffer contigmalloc returned.
const blocks = new WeakMap<Uint8Array, { readonly vm: VmSystem; readonly pages: vm_page[] }>();


/**
 * contigmalloc(size, M_DEVBUF, M_NOWAIT, 0, 0xffffffff, PAGE_SIZE, 0): a
 * zeroed buffer of `size` bytes backed by that many wired pages, or null,
 * with nothing taken, when the free pages (beyond v_free_reserved) do not
 * suffice.
 */
export function contigmalloc(kernel: Kernel, size: number): Uint8Array | null {
  if (!Number.isSafeInteger(size) || size <= 0) return panic(`contigmalloc: bad size ${size}`);
  const vm = vm_sys(kernel);
  const npages = Math.ceil(size / PAGE_SIZE);
  if (vm.cnt.v_free_count - vm.cnt.v_free_reserved < npages) return null;
  const st = vm.contig;
  // Far above the pindexes other kernel_object users take.
  const first = CONTIG_PINDEX_BASE + st.next_pindex;
  st.next_pindex += npages;
  st.held_pages += npages;
  const pages: vm_page[] = [];
  for (let i = 0; i < npages; i++) {
    const m = vm_page_alloc(vm.kernel_object, first + i, VM_ALLOC_NORMAL | VM_ALLOC_WIRED);
    if (m === null) return panic('contigmalloc: free pages vanished');
    pages.push(m);
  }
  const buf = new Uint8Array(size);
  blocks.set(buf, { vm, pages });
  return buf;
}

/** contigfree: gives back a buffer contigmalloc returned. Panics on anything else. */
export function contigfree(buf: Uint8Array): void {
  const b = blocks.get(buf) ?? panic('contigfree: not a contigmalloc buffer');
  blocks.delete(buf);
  b.vm.contig.held_pages -= b.pages.length;
  for (const m of b.pages) {
    vm_page_unwire(m, false);
    vm_page_free(m);
  }
}

/** Pages held by contigmalloc buffers on `kernel` now (they stay wired while held). */
export function contig_pages(kernel: Kernel): number {
  return vm_sys(kernel).contig.held_pages;
}
