// pmap: the per-address-space translation from virtual pages to physical
// pages, as the i386 MMU walks it, plus the reverse map from each page to
// the (pmap, va) pairs that map it.
// Mirrors sys/i386/i386/pmap.c (FreeBSD 5.0) at the level the machine-
// independent VM uses it; page tables themselves are not simulated.
//
// How to use (only the VM system calls these):
//   pmap_enter(pmap, va, m, prot, wired)    map (or remap) one page
//   pmap_remove(pmap, sva, eva)             unmap a range
//   pmap_protect(pmap, sva, eva, prot)      reduce rights on a range
//   pmap_page_protect(m, prot)              reduce rights on every mapping of m
//   pmap_remove_all(m)                      unmap m everywhere
//   pmap_extract(pmap, va)                  physical address, or 0
//
// The i386 MMU knows only "present" and "writable" (there is no execute bit
// before PAE/NX), so a mapping is either read-only or read-write; PROT_EXEC
// and PROT_READ both come out readable. Every change to a valid PTE costs a
// TLB invalidation (invlpg), counted in vm.tlb_invalidations for the cost model.

import { panic } from '../../kern/kern_shutdown.ts';
import { PAGE_SIZE } from '../../sys/param.ts';
import { VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE, type vm_prot_t } from '../../vm/vm.ts';
import { PG_MAPPED, PG_WRITEABLE, vm_page_dirty, type vm_page } from '../../vm/vm_page.ts';
import type { VmSystem } from '../../vm/vm_init.ts';

/** A page table entry: what the MMU needs to translate one virtual page. */
export interface pt_entry {
  m: vm_page; // the physical page (PG_FRAME)
  rw: boolean; // PG_RW: writes allowed
  wired: boolean; // PG_W: wired mapping (not removable by the pageout daemon)
  accessed: boolean; // PG_A: set by the MMU on any access
  modified: boolean; // PG_M: set by the MMU on a write
}

/** One reverse-map entry: `pv_pmap` maps the page at `pv_va`. */
export interface pv_entry {
  pv_pmap: pmap;
  pv_va: number;
}

export class pmap {
  readonly vm: VmSystem; // machine whose MMU this is
  readonly pm_pte = new Map<number, pt_entry>(); // virtual page number -> PTE
  readonly pm_stats = { resident_count: 0, wired_count: 0 }; // pages mapped, of which wired

  constructor(vm: VmSystem) {
    this.vm = vm;
  }
}

/** pmap_pinit: a new, empty address space translation. */
export function pmap_pinit(vm: VmSystem): pmap {
  return new pmap(vm);
}

/** pmap_release: frees an address space translation, which must be empty by now. */
export function pmap_release(pm: pmap): void {
  if (pm.pm_pte.size !== 0) panic(`pmap_release: pmap still has ${pm.pm_pte.size} mappings`);
}

/** The PTE translating `va` in `pm`, or undefined; what the MMU would find. */
export function pmap_pte(pm: pmap, va: number): pt_entry | undefined {
  return pm.pm_pte.get(Math.floor(va / PAGE_SIZE));
}

// invlpg: the simulation only counts them.
function pmap_invalidate_page(pm: pmap): void {
  pm.vm.tlb_invalidations++;
  pm.vm.charge?.('tlb_invalidate');
}

/**
 * pmap_enter: maps `m` at `va` with `prot`, replacing whatever was mapped
 * there. Read-only unless prot includes VM_PROT_WRITE.
 */
export function pmap_enter(pm: pmap, va: number, m: vm_page, prot: vm_prot_t, wired: boolean): void {
  const vpn = Math.floor(va / PAGE_SIZE);
  const old = pm.pm_pte.get(vpn);
  if (old !== undefined) {
    if (old.m !== m) pmap_remove_pte(pm, vpn, old);
    else {
      if (old.wired !== wired) pm.pm_stats.wired_count += wired ? 1 : -1;
      old.rw = (prot & VM_PROT_WRITE) !== 0;
      old.wired = wired;
      if (old.rw) m.flags |= PG_WRITEABLE;
      pmap_invalidate_page(pm);
      return;
    }
  }
  pm.vm.charge?.('page_map');
  const pte: pt_entry = { m, rw: (prot & VM_PROT_WRITE) !== 0, wired, accessed: false, modified: false };
  pm.pm_pte.set(vpn, pte);
  m.md.pv_list.push({ pv_pmap: pm, pv_va: vpn * PAGE_SIZE });
  m.flags |= PG_MAPPED;
  if (pte.rw) m.flags |= PG_WRITEABLE;
  pm.pm_stats.resident_count++;
  if (wired) pm.pm_stats.wired_count++;
}

// Drops one valid PTE and its pv entry; carries the MMU's modified bit to the page.
function pmap_remove_pte(pm: pmap, vpn: number, pte: pt_entry): void {
  const m = pte.m;
  if (pte.modified) vm_page_dirty(m);
  pm.vm.charge?.('page_unmap');
  pm.pm_pte.delete(vpn);
  const i = m.md.pv_list.findIndex((pv) => pv.pv_pmap === pm && pv.pv_va === (vpn * PAGE_SIZE));
  if (i < 0) panic('pmap_remove_pte: pv entry not found');
  m.md.pv_list.splice(i, 1);
  if (m.md.pv_list.length === 0) m.flags &= ~(PG_MAPPED | PG_WRITEABLE);
  pm.pm_stats.resident_count--;
  if (pte.wired) pm.pm_stats.wired_count--;
  pmap_invalidate_page(pm);
}

// The PTEs of pm in [sva, eva), found by whichever is cheaper to walk.
function ptes_in_range(pm: pmap, sva: number, eva: number): [number, pt_entry][] {
  const first = Math.floor(sva / PAGE_SIZE);
  const last = Math.ceil(eva / PAGE_SIZE);
  const out: [number, pt_entry][] = [];
  if (last - first <= pm.pm_pte.size) {
    for (let vpn = first; vpn < last; vpn++) {
      const pte = pm.pm_pte.get(vpn);
      if (pte !== undefined) out.push([vpn, pte]);
    }
  } else {
    for (const [vpn, pte] of pm.pm_pte) if (vpn >= first && vpn < last) out.push([vpn, pte]);
    out.sort((a, b) => a[0] - b[0]);
  }
  return out;
}

/** pmap_remove: unmaps every page in [sva, eva). */
export function pmap_remove(pm: pmap, sva: number, eva: number): void {
  for (const [vpn, pte] of ptes_in_range(pm, sva, eva)) pmap_remove_pte(pm, vpn, pte);
}

/**
 * pmap_protect: lowers the rights of the mappings in [sva, eva) to `prot`.
 * Like the i386 original it never adds rights: without VM_PROT_READ the
 * pages are unmapped, with VM_PROT_WRITE nothing changes, otherwise they
 * become read-only. The VM grants write access again on the next fault.
 */
export function pmap_protect(pm: pmap, sva: number, eva: number, prot: vm_prot_t): void {
  if ((prot & (VM_PROT_READ | VM_PROT_EXECUTE)) === 0) {
    pmap_remove(pm, sva, eva);
    return;
  }
  if (prot & VM_PROT_WRITE) return;
  for (const [, pte] of ptes_in_range(pm, sva, eva)) write_protect(pm, pte);
}

function write_protect(pm: pmap, pte: pt_entry): void {
  if (!pte.rw) return;
  if (pte.modified) vm_page_dirty(pte.m);
  pte.rw = false;
  pmap_invalidate_page(pm);
}

/**
 * pmap_page_protect: lowers the rights of every mapping of `m` (5.0's name
 * for what later became pmap_remove_write when prot is VM_PROT_READ).
 */
export function pmap_page_protect(m: vm_page, prot: vm_prot_t): void {
  if (prot & VM_PROT_WRITE) return;
  if ((prot & (VM_PROT_READ | VM_PROT_EXECUTE)) === 0) {
    pmap_remove_all(m);
    return;
  }
  for (const pv of m.md.pv_list) {
    const pte = pmap_pte(pv.pv_pmap, pv.pv_va);
    if (pte !== undefined) write_protect(pv.pv_pmap, pte);
  }
  m.flags &= ~PG_WRITEABLE;
}

/** pmap_remove_all: removes every mapping of `m`, in every pmap. */
export function pmap_remove_all(m: vm_page): void {
  while (m.md.pv_list.length > 0) {
    const pv = m.md.pv_list[0];
    if (pv === undefined) break;
    const vpn = Math.floor(pv.pv_va / PAGE_SIZE);
    const pte = pv.pv_pmap.pm_pte.get(vpn);
    if (pte === undefined) panic('pmap_remove_all: pv entry without pte');
    pmap_remove_pte(pv.pv_pmap, vpn, pte);
  }
}

/** pmap_extract: the physical address `va` translates to, or 0 if it is not mapped. */
export function pmap_extract(pm: pmap, va: number): number {
  const pte = pmap_pte(pm, va);
  return pte === undefined ? 0 : pte.m.phys_addr + (va % PAGE_SIZE);
}

/** pmap_is_modified: has any mapping written to `m` since the bit was cleared? */
export function pmap_is_modified(m: vm_page): boolean {
  return m.md.pv_list.some((pv) => pmap_pte(pv.pv_pmap, pv.pv_va)?.modified === true);
}

/** pmap_zero_page: fills the page frame with zeros (through a temporary kernel mapping). */
export function pmap_zero_page(m: vm_page): void {
  m.bytes.fill(0);
}

/** pmap_copy_page: copies one page frame to another. */
export function pmap_copy_page(src: vm_page, dst: vm_page): void {
  dst.bytes.set(src.bytes);
}
