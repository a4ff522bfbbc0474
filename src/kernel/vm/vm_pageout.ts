// What the pageout daemon does when memory runs out.
// Mirrors the "out of swap space" path of vm_pageout_scan() in
// sys/vm/vm_pageout.c (FreeBSD 5.0).
//
// The simulation has no swap, so there is nothing to page out: when a
// fault finds no free page, the largest process (most resident pages; among
// equals the newest, since allproc is scanned newest first) is killed, which
// frees its memory. Pages the kernel holds (wired, zero copy loans) are
// never reclaimed.
//
// vm_pageout_init sets the free-page thresholds (vm.stats.vm.v_free_*)
// the daemon would compute when it starts.

import type { ProcTable } from '../kern/kern_proc.ts';
import type { Proc } from '../sys/proc.ts';
import { killproc } from '../kern/kern_sig.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import type { VmSystem } from './vm_init.ts';

/** Kills the biggest live process and returns it, or null if there is none to kill. */
export function vm_pageout_oom(table: ProcTable): Proc | null {
  let bigproc: Proc | null = null;
  let bigsize = 0;
  for (const p of table.allproc_newest_first()) {
    if (!p.is_alive()) continue;
    const size = p.p_vmspace.vm_map.pmap.pm_stats.resident_count;
    if (size > bigsize) {
      bigproc = p;
      bigsize = size;
    }
  }
  if (bigproc !== null) killproc(bigproc, 'out of swap space');
  return bigproc;
}

/** Pages the pageout daemon writes out per cluster (VM_PAGEOUT_PAGE_COUNT). */
export const VM_PAGEOUT_PAGE_COUNT = 16;
/** Largest file system block (MAXBSIZE), which sizes the pageout reserve. */
const MAXBSIZE = 65536;
/** Page colours of the free queue (PQ_L2_SIZE for the default 256 KB cache). */
const PQ_L2_SIZE = 64;

/**
 * vm_pageout_init: the free-page thresholds the pageout daemon computes at
 * start-up (the head of vm_pageout() in 5.0). v_free_reserved is also the
 * number of pages an ordinary allocation must leave free (vm_page_alloc).
 * A booted kernel runs this; test machines made with vm_mem_init alone keep
 * the thresholds at 0, so that every page can be used.
 */
export function vm_pageout_init(vm: VmSystem): void {
  const cnt = vm.cnt;
  cnt.v_interrupt_free_min = 2;
  const page_count = cnt.v_page_count < 2000 ? 8 : VM_PAGEOUT_PAGE_COUNT;
  cnt.v_free_min = cnt.v_page_count > 1024 ? 4 + Math.floor((cnt.v_page_count - 1024) / 200) : 4;
  cnt.v_pageout_free_min = (2 * MAXBSIZE) / PAGE_SIZE + cnt.v_interrupt_free_min;
  cnt.v_free_reserved = page_count + cnt.v_pageout_free_min + Math.floor(cnt.v_page_count / 768) + PQ_L2_SIZE;
  cnt.v_free_severe = Math.floor(cnt.v_free_min / 2) + cnt.v_free_reserved;
  cnt.v_free_min += cnt.v_free_reserved;
  cnt.v_free_target = (cnt.v_free_count > 6144 ? 4 : 2) * cnt.v_free_min + cnt.v_free_reserved;
  if (cnt.v_free_count > 2048) {
    cnt.v_cache_min = cnt.v_free_target;
    cnt.v_cache_max = 2 * cnt.v_cache_min;
    cnt.v_inactive_target = Math.floor((3 * cnt.v_free_target) / 2);
  } else {
    cnt.v_cache_min = 0;
    cnt.v_cache_max = 0;
    cnt.v_inactive_target = Math.floor(cnt.v_free_count / 4);
  }
  cnt.v_inactive_target = Math.min(cnt.v_inactive_target, Math.floor(cnt.v_free_count / 3));
}
