// jumbo(9): a pool of page-sized, disposable buffers for NICs whose MTU is
// a page or more, each a physical page with a slot of kernel address space.
// Mirrors sys/kern/uipc_jumbo.c (v1.4, 2002); the inline jumbo_phys_to_kva
// and the prototypes are in sys/jumbo.ts, as in <sys/jumbo.h>.
//
// How to use (a driver; see dev/ti/if_ti.ts):
//   if (!jumbo_vm_init(kernel)) return ENOMEM;       // at attach; 1 on success
//   const pg = jumbo_pg_alloc(kernel);               // null: no page or no KVA slot
//   const kva = jumbo_phys_to_kva(kernel, pg.phys_addr);   // clears PG_BUSY
//   m_extadd(m, pg.bytes, PAGE_SIZE, jumbo_freem, null, 0, EXT_DISPOSABLE);
//   ... m_freem(m) calls jumbo_freem, which calls jumbo_pg_free(kva) ...
//   jumbo_pg_free(kernel, kva)                       // a page the driver could not use
// and from the receive page flip (zero_copy(9), issue 5): after
// vm_page_rename() has moved the page into the reader's object, the mbuf's
// free still calls jumbo_freem; jumbo_pg_free sees the page is no longer
// in jumbo_vm_object, leaves it to its new owner, recycles only the KVA slot
// and counts jumbo_vmuiomove_pgs_freed.
//
// The limit: JUMBO_MAX_PAGES (3072) slots of KVA, 12 MB, reserved once at
// jumbo_vm_init and never grown (the man page's BUGS). When every slot is
// in use jumbo_pg_alloc returns null, as it does when the VM has no free
// page; the caller (ti_newbuf_jumbo) then recycles the old buffer and drops
// the packet. jumbo_pg_steal() is in the 2002 API but nothing calls it.
//
// Pages come back from jumbo_pg_alloc unwired, as 5.0 asked only for
// VM_ALLOC_INTERRUPT (the later sf_buf-based driver wires them). Nothing
// reclaims them while the NIC owns them: the simulated pageout daemon has
// no swap and only kills (vm/vm_pageout.ts), and the page flip hands the
// page to its reader with nothing to unwire. The KVA mapping is the pool's own
// table (kva -> page): the simulation has no kernel pmap, and a jumbo
// page's mapping must not show up as a user mapping in its pv list.

import type { Kernel } from './init_main.ts';
import { panic } from './kern_shutdown.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { vm_sys, type VmSystem } from '../vm/vm_init.ts';
import { SDT_PROBE } from './kern_sdt.ts';
import { OBJT_DEFAULT, vm_object_allocate, type vm_object } from '../vm/vm_object.ts';
import {
  PG_BUSY,
  PHYS_TO_VM_PAGE,
  VM_ALLOC_INTERRUPT,
  VM_ALLOC_WIRED,
  vm_page_alloc,
  vm_page_free,
  vm_page_remove,
  vm_page_unwire,
  type vm_page,
} from '../vm/vm_page.ts';

/** JUMBO_MAX_PAGES: KVA slots in the pool, 12 MB of 4 KB pages (a guess in 2002, its comment admits). */
export const JUMBO_MAX_PAGES = 3072;

/**
 * Where kmem_alloc_pageable() places the pool's KVA in the simulated kernel
 * map (jumbo_basekva). A real kernel finds it at boot; any page-aligned
 * kernel address above KERNBASE (0xc0000000) serves, this one is ours.
 */
export const JUMBO_BASEKVA = 0xc4000000;

/** The pool of one kernel: struct jumbo_kmap lists, the object and the counters. */
export interface jumbo_pool {
  readonly kernel: Kernel; // whose pool (C: the one kernel)
  readonly vm: VmSystem; // whose pages
  readonly jumbo_vm_object: vm_object; // every pool page lives here at pindex = slot number
  readonly jumbo_basekva: number; // first KVA slot
  readonly jumbo_kmap_free: number[]; // free slots' KVAs; the SLIST head is the last element
  readonly jumbo_kmap_inuse: Map<number, vm_page>; // slot KVA -> the page mapped there (pmap_qenter)
  readonly kva_of_bytes: WeakMap<Uint8Array, number>; // page frame -> its KVA, for jumbo_freem (pmap_kextract)
  jumbo_vmuiomove_pgs_freed: number; // pages freed by jumbo_pg_free after a flip had taken them
  jumbo_pgs_stolen: number; // pages taken out of the pool by jumbo_pg_steal (zcsim counter)
  jumbo_pg_alloc_failures: number; // jumbo_pg_alloc calls that returned null (zcsim counter)
}

/** What the pool looks like now; all counts in pages. */
export interface jumbo_state {
  readonly max_pages: number; // JUMBO_MAX_PAGES
  readonly kva_pages: number; // slots the pool got at jumbo_vm_init
  readonly in_use: number; // slots holding a page (NIC buffers, or pages flipped but whose mbuf is not yet freed)
  readonly free: number; // slots free for jumbo_pg_alloc
  readonly stolen: number; // jumbo_pg_steal calls
  readonly jumbo_vmuiomove_pgs_freed: number; // slots recycled after their page went to a user by page flipping
  readonly alloc_failures: number; // jumbo_pg_alloc calls that found no slot or no page
}

const pool_of_bytes = new WeakMap<Uint8Array, jumbo_pool>();

/** The pool of `kernel`, or null before jumbo_vm_init. */
export function jumbo_pool_of(kernel: Kernel): jumbo_pool | null {
  return kernel.jumbo ?? null;
}

/**
 * jumbo_vm_init: sets up the pool's VM object and KVA. Idempotent: a second
 * call returns 1 at once. Returns 1 on success, 0 on failure (no VM).
 * Drivers call it from attach so the resources are taken only when used.
 */
export function jumbo_vm_init(kernel: Kernel): number {
  if (kernel.jumbo !== undefined) return 1;
  let vm: VmSystem;
  try {
    vm = vm_sys(kernel);
  } catch {
    return 0;
  }
  const free: number[] = [];
  // Entries are pushed in reverse so that the SLIST head (the last
  // element) is slot 0, as the C loop's SLIST_INSERT_HEAD leaves the
  // highest slot first; either order works, this one keeps addresses rising.
  for (let i = JUMBO_MAX_PAGES - 1; i >= 0; i--) free.push(JUMBO_BASEKVA + i * PAGE_SIZE);
  kernel.jumbo = {
    kernel,
    vm,
    jumbo_vm_object: vm_object_allocate(vm, OBJT_DEFAULT, JUMBO_MAX_PAGES),
    jumbo_basekva: JUMBO_BASEKVA,
    jumbo_kmap_free: free,
    jumbo_kmap_inuse: new Map(),
    kva_of_bytes: new WeakMap(),
    jumbo_vmuiomove_pgs_freed: 0,
    jumbo_pgs_stolen: 0,
    jumbo_pg_alloc_failures: 0,
  };
  return 1;
}

function pool(kernel: Kernel, fn: string): jumbo_pool {
  return kernel.jumbo ?? panic(`${fn}: jumbo_vm_init has not run`);
}

/**
 * jumbo_pg_alloc: a physical page with a KVA slot, or null when the slots
 * are all in use or the VM has no free page. The page is the object's page
 * at pindex atop(kva - jumbo_basekva), PG_BUSY until jumbo_phys_to_kva.
 */
export function jumbo_pg_alloc(kernel: Kernel): vm_page | null {
  const p = pool(kernel, 'jumbo_pg_alloc');
  const kva = p.jumbo_kmap_free[p.jumbo_kmap_free.length - 1];
  if (kva === undefined) {
    p.jumbo_pg_alloc_failures++;
    return null;
  }
  const pindex = (kva - p.jumbo_basekva) / PAGE_SIZE;
  const pg = vm_page_alloc(p.jumbo_vm_object, pindex, VM_ALLOC_INTERRUPT);
  if (pg === null) {
    p.jumbo_pg_alloc_failures++;
    return null;
  }
  p.jumbo_kmap_free.pop();
  p.jumbo_kmap_inuse.set(kva, pg); // pmap_qenter(kva, &pg, 1)
  p.vm.charge?.('page_map');
  p.kva_of_bytes.set(pg.bytes, kva);
  pool_of_bytes.set(pg.bytes, p);
  if (kernel.sdt.on) SDT_PROBE(kernel, 'jumbo', kernel, 'jumbo_alloc', false);
  return pg;
}

/**
 * jumbo_pg_free: gives back the page mapped at `addr` (its KVA). If page
 * flipping moved the page into a user's object meanwhile, the page is the
 * user's now: only the KVA slot is recycled and jumbo_vmuiomove_pgs_freed
 * counts it. Panics on an address that is not an in-use slot.
 */
export function jumbo_pg_free(kernel: Kernel, addr: number): void {
  pool_pg_free(pool(kernel, 'jumbo_pg_free'), addr);
}

function pool_pg_free(p: jumbo_pool, addr: number): void {
  const pg = p.jumbo_kmap_inuse.get(addr) ?? panic(`jumbo_pg_free: 0x${addr.toString(16)} is not a jumbo page in use`);
  const flipped = pg.object !== p.jumbo_vm_object;
  if (flipped) {
    p.jumbo_vmuiomove_pgs_freed++;
  } else {
    if (pg.wire_count > 0) vm_page_unwire(pg, false);
    vm_page_free(pg);
  }
  unmap_slot(p, addr, pg);
  if (p.kernel.sdt.on) SDT_PROBE(p.kernel, 'jumbo', p.kernel, 'jumbo_free', flipped);
}

// pmap_qremove(addr, 1) and the move of the slot's entry from in-use to free.
function unmap_slot(p: jumbo_pool, addr: number, pg: vm_page): void {
  p.vm.charge?.('page_unmap');
  p.jumbo_kmap_inuse.delete(addr);
  if (p.kva_of_bytes.get(pg.bytes) === addr) p.kva_of_bytes.delete(pg.bytes);
  p.jumbo_kmap_free.push(addr);
}

/**
 * jumbo_freem: the external free routine of an mbuf built on a jumbo page
 * (MEXTADD(m, buf, PAGE_SIZE, jumbo_freem, NULL, 0, EXT_DISPOSABLE)).
 * `addr` is the page's storage (C: its KVA); `args` is ignored. A page
 * someone still holds is not freed: the C code prints a warning and leaks it.
 */
export function jumbo_freem(addr: Uint8Array, _args: unknown): void {
  const p = pool_of_bytes.get(addr) ?? panic('jumbo_freem: not a jumbo page');
  const kva = p.kva_of_bytes.get(addr) ?? panic('jumbo_freem: page has no KVA slot');
  const pg = p.jumbo_kmap_inuse.get(kva) ?? panic('jumbo_freem: slot not in use');
  if (pg.hold_count !== 0) {
    p.kernel.printf(`jumbo_freem: hold count for 0x${kva.toString(16)} is ${pg.hold_count}!!??`);
    return;
  }
  pool_pg_free(p, kva);
}

/**
 * jumbo_pg_steal: takes `pg` out of the pool for good (its new owner frees
 * it) and recycles its KVA slot. Panics "stealing a non jumbo_vm_object
 * page" for any other page. Unused by the 2002 kernel (man page BUGS).
 */
export function jumbo_pg_steal(kernel: Kernel, pg: vm_page): void {
  const p = pool(kernel, 'jumbo_pg_steal');
  if (pg.object !== p.jumbo_vm_object) panic('stealing a non jumbo_vm_object page');
  const kva = p.jumbo_basekva + pg.pindex * PAGE_SIZE;
  vm_page_remove(pg);
  p.jumbo_pgs_stolen++;
  unmap_slot(p, kva, pg);
}

/**
 * jumbo_phys_to_kva (an inline of <sys/jumbo.h>): the KVA of the jumbo
 * page at physical address `pa`. Side effect, as in C: clears PG_BUSY.
 */
export function jumbo_phys_to_kva(kernel: Kernel, pa: number): number {
  const p = pool(kernel, 'jumbo_phys_to_kva');
  const pg = PHYS_TO_VM_PAGE(p.vm, pa) ?? panic(`jumbo_phys_to_kva: no page at 0x${pa.toString(16)}`);
  pg.flags &= ~PG_BUSY;
  return pg.pindex * PAGE_SIZE + p.jumbo_basekva;
}

/** The page mapped at jumbo KVA `kva`, or null (a slot not in use). */
export function jumbo_kva_to_page(kernel: Kernel, kva: number): vm_page | null {
  return kernel.jumbo?.jumbo_kmap_inuse.get(kva) ?? null;
}

/**
 * The page behind a jumbo mbuf's storage (m.m_ext.ext_buf), or null if it
 * is not a jumbo page in use: what C gets with
 * PHYS_TO_VM_PAGE(vtophys(mtod(m, caddr_t))) in soreceive's zero copy path.
 */
export function jumbo_buf_to_page(buf: Uint8Array): vm_page | null {
  const p = pool_of_bytes.get(buf);
  const kva = p?.kva_of_bytes.get(buf);
  return p === undefined || kva === undefined ? null : (p.jumbo_kmap_inuse.get(kva) ?? null);
}

/** True if `buf` is the storage of a page allocated by jumbo_pg_alloc and not yet freed. */
export function jumbo_is_pool_page(buf: Uint8Array): boolean {
  const p = pool_of_bytes.get(buf);
  return p !== undefined && p.kva_of_bytes.has(buf);
}

/** The pool's state: slots in use and free, steals, pages freed after a flip. Zeros before jumbo_vm_init. */
export function jumbo_stats(kernel: Kernel): jumbo_state {
  const p = kernel.jumbo;
  if (p === undefined) {
    return { max_pages: JUMBO_MAX_PAGES, kva_pages: 0, in_use: 0, free: 0, stolen: 0, jumbo_vmuiomove_pgs_freed: 0, alloc_failures: 0 };
  }
  return {
    max_pages: JUMBO_MAX_PAGES,
    kva_pages: p.jumbo_kmap_free.length + p.jumbo_kmap_inuse.size,
    in_use: p.jumbo_kmap_inuse.size,
    free: p.jumbo_kmap_free.length,
    stolen: p.jumbo_pgs_stolen,
    jumbo_vmuiomove_pgs_freed: p.jumbo_vmuiomove_pgs_freed,
    alloc_failures: p.jumbo_pg_alloc_failures,
  };
}
