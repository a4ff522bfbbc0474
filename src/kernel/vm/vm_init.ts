// VmSystem: one machine's virtual memory globals, and the boot hook that
// creates them.
// Mirrors sys/vm/vm_init.c (vm_mem_init) plus the globals FreeBSD keeps in
// vm_page.c (vm_page_array, vm_page_queues), vm_meter.c (cnt) and
// vm_object.c (the object list). They live in one object, not in module
// globals, because one simulation boots several machines.
//
// How to use:
//   const vm = vm_mem_init(npages);           // standalone (tests)
//   const vm = vm_sys(kernel);                // a booted kernel's VM (SI_SUB_VM)
//   vm.cnt.v_free_count, vm.tlb_invalidations ...
// In a booted kernel every fault, page zeroing or copy, mapping, unmapping
// and TLB invalidation (and every system call) is charged to the machine's
// CPU through vm.charge, at the prices of its cost model.

import type { Kernel } from '../kern/init_main.ts';
import { SI_ORDER_FIRST, SI_SUB_VM, type SysInit } from '../sys/kernel.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { vmmeter } from '../sys/vmmeter.ts';
import { KERNEL_RESERVED_BYTES } from '../i386/i386/pc.ts';
import { OBJT_DEFAULT, vm_object_allocate, type vm_object } from './vm_object.ts';
import { PQ_COUNT, vm_page_startup, vm_pagequeue, type vm_page } from './vm_page.ts';
import { vm_pageout_init } from './vm_pageout.ts';
import { type CpuCategory } from '../engine/cpu.ts';
import { page_copy_ns } from '../engine/cost_model.ts';
import { cpu_charge, machine_costs } from '../kern/kern_machine.ts';

/**
 * Pieces of work the VM (and system call entry) does, which a booted kernel
 * charges to its CPU (sim/cpu.ts) at the cost model's price.
 */
export type VmWork = 'syscall' | 'page_fault' | 'zero_fill' | 'page_copy' | 'page_map' | 'page_unmap' | 'tlb_invalidate';

export class VmSystem {
  readonly cnt = new vmmeter(); // vm.stats counters
  vm_page_array: (vm_page | undefined)[] = []; // every managed page frame; undefined = never used (free)
  vm_page_fresh = 0; // index of the first never-used frame: frames from here on are free
  first_page_pa = 0; // physical address of vm_page_array[0]
  readonly vm_page_queues: vm_pagequeue[] = Array.from({ length: PQ_COUNT }, () => new vm_pagequeue()); // by PQ_*
  readonly vm_object_list = new Set<vm_object>(); // every live object
  vm_object_count = 0; // objects ever created (for ids)
  vm_object_collapses = 0; // vm_object_collapse merges (vm.object_collapses)
  kernel_object!: vm_object; // the kernel's own pages (sf_bufs, jumbo buffers)
  readonly contig = { next_pindex: 0, held_pages: 0 }; // contigmalloc: the next kernel_object pindex, the pages its buffers hold
  // Simulation counters without a FreeBSD sysctl, for the cost model.
  tlb_invalidations = 0; // PTEs changed or removed (each an invlpg on i386)
  zero_copy_cowfault_copies = 0; // pages copied by vm_page_cowfault
  // kern.ipc.zero_copy's "full page" hint, which lets vm_page_cowfault skip the copy.
  so_zerocp_fullpage = false;
  /** Told of every piece of VmWork done; null (standalone VMs): nothing is charged. */
  charge: ((work: VmWork) => void) | null = null;
  /**
   * Told after vm_page_cowfault has given m's object a copy of m (m is the
   * original, still on loan to the kernel), so the zero copy code can tell
   * the lender (uipc_cow.ts's socow_cowfault). Null: nobody is told.
   */
  on_cowfault: ((m: vm_page) => void) | null = null;
}

/**
 * vm_mem_init: brings up the VM on a machine with `npages` free page frames
 * whose first one is at physical address `first_pa`.
 */
export function vm_mem_init(npages: number, first_pa = KERNEL_RESERVED_BYTES): VmSystem {
  if (!Number.isInteger(npages) || npages <= 0) throw new RangeError(`vm_mem_init: bad page count ${npages}`);
  const vm = new VmSystem();
  vm_page_startup(vm, first_pa, npages);
  vm.kernel_object = vm_object_allocate(vm, OBJT_DEFAULT, 0);
  return vm;
}


/** The VM of a booted kernel. Throws if the kernel was booted without the VM SYSINIT. */
export function vm_sys(kernel: Kernel): VmSystem {
  const vm = kernel.vm;
  if (vm === undefined) throw new Error('vm_sys: this kernel has no VM (vm_mem_init did not run)');
  return vm;
}

/** The page frames the VM manages: "avail memory" of the boot messages. */
export function avail_pages(physmem_bytes: number): number {
  return Math.floor((physmem_bytes - KERNEL_RESERVED_BYTES) / PAGE_SIZE);
}

export const vm_mem_init_sysinit: SysInit = {
  name: 'vm_mem_init',
  subsystem: SI_SUB_VM,
  order: SI_ORDER_FIRST,
  func: (kernel) => {
    const vm = vm_mem_init(avail_pages(kernel.param.physmem_bytes));
    vm_pageout_init(vm);
    const costs = machine_costs(kernel);
    const price: Record<VmWork, [CpuCategory, number]> = {
      syscall: ['syscall', costs.syscall_ns],
      page_fault: ['vm', costs.page_fault_ns],
      zero_fill: ['vm', Math.round((PAGE_SIZE * 1e9) / costs.bzero_bytes_per_s)],
      page_copy: ['vm', page_copy_ns(costs, PAGE_SIZE)],
      page_map: ['vm', costs.page_map_ns],
      page_unmap: ['vm', costs.page_unmap_ns],
      tlb_invalidate: ['vm', costs.tlb_invalidate_ns],
    };
    vm.charge = (work) => cpu_charge(kernel, ...price[work]);
    kernel.vm = vm;
  },
};
