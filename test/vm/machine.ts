// Test helpers for the VM tests: a small machine, a process runner, and a
// consistency check of the page bookkeeping.

import { vm_mem_init, type VmSystem } from '../../src/kernel/vm/vm_init.ts';
import { ProcTable, type ProcBody, type SpawnOptions } from '../../src/kernel/kern/kern_proc.ts';
import { PQ_ACTIVE, PQ_FREE, PQ_HOLD, PQ_INACTIVE, PQ_NONE, pagequeue } from '../../src/kernel/vm/vm_page.ts';
import type { Proc } from '../../src/kernel/sys/proc.ts';

export interface Machine {
  vm: VmSystem;
  procs: ProcTable;
  log: string[]; // kernel messages
}

/** A machine with `npages` pages of memory and an empty process table. */
export function machine(npages = 256): Machine {
  const vm = vm_mem_init(npages);
  const log: string[] = [];
  return { vm, procs: new ProcTable(vm, (l) => log.push(l)), log };
}

/** Spawns one process, runs the machine to completion, returns the process. */
export async function run1(m: Machine, body: ProcBody, opts: SpawnOptions = {}): Promise<Proc> {
  const p = m.procs.spawn(body, opts);
  await m.procs.run();
  return p;
}

/**
 * Checks the page bookkeeping of `vm`; returns a list of problems (empty if
 * consistent): no negative count, queue lengths match the counters, every
 * mapped page is allocated and belongs to an object or is wired.
 */
export function vm_check(vm: VmSystem): string[] {
  const bad: string[] = [];
  const c = vm.cnt;
  for (const [k, v] of Object.entries(c)) if (typeof v === 'number' && v < 0) bad.push(`cnt.${k} = ${v}`);
  let free = vm.cnt.v_page_count - vm.vm_page_fresh;
  let wired = 0;
  let active = 0;
  let inactive = 0;
  for (const m of vm.vm_page_array) {
    if (m === undefined) continue;
    if (m.wire_count < 0 || m.hold_count < 0 || m.cow < 0 || m.busy < 0) bad.push(`page 0x${m.phys_addr.toString(16)}: negative count`);
    if (m.queue === PQ_FREE) {
      free++;
      if (m.object !== null || m.md.pv_list.length > 0 || m.wire_count > 0) bad.push(`free page 0x${m.phys_addr.toString(16)} in use`);
    } else if (m.queue === PQ_ACTIVE) active++;
    else if (m.queue === PQ_INACTIVE) inactive++;
    if (m.wire_count > 0) wired++;
    if (m.queue === PQ_NONE && m.wire_count === 0) bad.push(`page 0x${m.phys_addr.toString(16)} on no queue but not wired`);
    for (const pv of m.md.pv_list) if (pv.pv_pmap.pm_pte.get(pv.pv_va / 4096)?.m !== m) bad.push('pv entry without matching pte');
    if (m.object !== null && m.object.memq.get(m.pindex) !== m) bad.push('page not in its object');
  }
  if (free !== c.v_free_count) bad.push(`free pages ${free} but v_free_count ${c.v_free_count}`);
  if (pagequeue(vm, PQ_FREE).lcnt + vm.cnt.v_page_count - vm.vm_page_fresh !== c.v_free_count) bad.push('free queue length mismatch');
  if (wired !== c.v_wire_count) bad.push(`wired pages ${wired} but v_wire_count ${c.v_wire_count}`);
  if (active !== c.v_active_count) bad.push(`active ${active} vs ${c.v_active_count}`);
  if (inactive !== c.v_inactive_count) bad.push(`inactive ${inactive} vs ${c.v_inactive_count}`);
  if (pagequeue(vm, PQ_HOLD).lcnt < 0) bad.push('hold queue negative');
  for (const o of vm.vm_object_list) {
    if (o.ref_count < 0 || o.shadow_count < 0) bad.push(`object ${o.id} negative count`);
    if (o.shadow_count !== o.shadow_head.size) bad.push(`object ${o.id} shadow_count mismatch`);
  }
  return bad;
}

/** True when every page is back on the free queue and only the kernel object is left. */
export function all_memory_free(vm: VmSystem): boolean {
  return vm.cnt.v_free_count === vm.cnt.v_page_count && vm.cnt.v_wire_count === 0 && vm.vm_object_list.size === 1;
}
