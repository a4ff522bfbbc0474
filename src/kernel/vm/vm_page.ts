// vm_page: the machine's physical pages, the free and paging queues, and
// the per-page state the rest of the VM system and zero copy rely on.
// Mirrors sys/vm/vm_page.c and sys/vm/vm_page.h (FreeBSD 5.0).
//
// How to use:
//   const m = vm_page_alloc(object, pindex, VM_ALLOC_NORMAL);  // null: no free page
//   ... m.bytes is the page's 4096 bytes; the page comes back PG_BUSY ...
//   vm_page_wakeup(m);                       // done initialising it
//   vm_page_wire(m) ... vm_page_unwire(m, true)   kernel needs it resident
//   vm_page_hold(m) ... vm_page_unhold(m)         short reference; a held page
//                                            that is freed waits on PQ_HOLD
//   pmap_remove_all(m); vm_page_free(m);     unmapped, unwired, unwanted
//
// Zero copy send (see zero_copy(9)): socow_setup() loans a user page to an
// mbuf with vm_page_cowsetup(m) and vm_page_wire(m). A write by anyone who
// maps the page then faults, and vm_fault() calls vm_page_cowfault(m): the
// object gets a copy, the kernel keeps the original. The mbuf's free routine
// calls vm_page_cowclear(m) and vm_page_unwire(m), and frees the page itself
// if it was orphaned meanwhile (object === null and wire_count === 0).
//
// Page flipping (receive) moves a kernel page into a user object with
// vm_page_rename(m, uobject, upindex), after freeing the user's old page.
//
// Physical memory is materialised lazily: a page object and its 4096 bytes
// exist only once the page has been allocated, so booting a 256 MB machine
// costs nothing until the memory is used.

import { PAGE_SIZE } from '../sys/param.ts';
import { panic } from '../kern/kern_shutdown.ts';
import { pmap_copy_page, pmap_page_protect, pmap_remove_all, type pv_entry } from '../i386/i386/pmap.ts';
import { VM_PROT_READ } from './vm.ts';
import type { vm_object } from './vm_object.ts';
import type { VmSystem } from './vm_init.ts';

// Page queues. FreeBSD 5.0 splits PQ_FREE, PQ_INACTIVE and PQ_CACHE by page
// colour; the simulation has no cache, so one queue each.
export const PQ_NONE = 0; // on no queue (wired, or busy being set up)
export const PQ_FREE = 1; // free
export const PQ_INACTIVE = 2; // allocated, not recently used
export const PQ_ACTIVE = 3; // allocated, in use
export const PQ_HOLD = 4; // freed while held: freed for real at the last vm_page_unhold
export const PQ_COUNT = 5;

// m.flags bits (vm_page.h).
export const PG_BUSY = 0x0001; // page is being set up or paged; nobody else may touch it
export const PG_WANTED = 0x0002; // someone is waiting for PG_BUSY to clear
export const PG_FICTITIOUS = 0x0008; // no RAM behind it: a device's memory
export const PG_WRITEABLE = 0x0010; // mapped writable somewhere
export const PG_MAPPED = 0x0020; // mapped somewhere
export const PG_ZERO = 0x0040; // holds only zeros
export const PG_REFERENCED = 0x0080; // used since the pageout daemon last looked

/** valid/dirty bit masks: one bit per DEV_BSIZE (512-byte) block of the page. */
export const VM_PAGE_BITS_ALL = 0xff;

// vm_page_alloc() request classes and flags (the 5.x encoding).
export const VM_ALLOC_NORMAL = 0; // ordinary allocation
export const VM_ALLOC_INTERRUPT = 1; // may use the last reserved pages
export const VM_ALLOC_SYSTEM = 2; // may use the system reserve
export const VM_ALLOC_CLASS_MASK = 3;
export const VM_ALLOC_WIRED = 0x20; // return the page wired
export const VM_ALLOC_ZERO = 0x40; // return the page zero filled

export class vm_page {
  readonly phys_addr: number; // physical address of the page's first byte
  readonly vm: VmSystem; // the machine whose memory this is (no FreeBSD field: there is one machine)
  object: vm_object | null = null; // object the page belongs to, null if free or orphaned
  pindex = 0; // offset into the object, in pages
  queue = PQ_FREE; // which page queue the page is on (PQ_*)
  flags = 0; // PG_* bits
  wire_count = 0; // wired down maps and kernel references; > 0 keeps the page off the paging queues
  hold_count = 0; // short-term references that delay freeing
  cow = 0; // zero copy loans outstanding (vm_page_cowsetup minus vm_page_cowclear)
  busy = 0; // soft busy count (I/O in progress)
  valid = 0; // VM_PAGE_BITS_*: which blocks hold valid data
  dirty = 0; // VM_PAGE_BITS_*: which blocks were modified
  readonly md: { pv_list: pv_entry[] } = { pv_list: [] }; // i386: every (pmap, va) mapping the page
  pageq_prev: vm_page | null = null; // neighbours on the page queue
  pageq_next: vm_page | null = null;
  private data: Uint8Array | null = null; // the page frame; allocated on first touch

  constructor(vm: VmSystem, phys_addr: number) {
    this.vm = vm;
    this.phys_addr = phys_addr;
  }

  /** The 4096 bytes of physical memory, as the CPU would see them through any mapping. */
  get bytes(): Uint8Array {
    this.data ??= new Uint8Array(PAGE_SIZE);
    return this.data;
  }
}

/** A TAILQ of pages with its length, like struct vpgqueues. */
export class vm_pagequeue {
  head: vm_page | null = null;
  tail: vm_page | null = null;
  lcnt = 0; // number of pages on the queue

  insert_head(m: vm_page): void {
    m.pageq_prev = null;
    m.pageq_next = this.head;
    if (this.head !== null) this.head.pageq_prev = m;
    else this.tail = m;
    this.head = m;
    this.lcnt++;
  }

  insert_tail(m: vm_page): void {
    m.pageq_next = null;
    m.pageq_prev = this.tail;
    if (this.tail !== null) this.tail.pageq_next = m;
    else this.head = m;
    this.tail = m;
    this.lcnt++;
  }

  remove(m: vm_page): void {
    if (m.pageq_prev !== null) m.pageq_prev.pageq_next = m.pageq_next;
    else this.head = m.pageq_next;
    if (m.pageq_next !== null) m.pageq_next.pageq_prev = m.pageq_prev;
    else this.tail = m.pageq_prev;
    m.pageq_prev = m.pageq_next = null;
    this.lcnt--;
  }
}

/**
 * vm_page_startup: takes `npages` pages of physical memory starting at
 * physical address `first_pa` under VM management, all free.
 */
export function vm_page_startup(vm: VmSystem, first_pa: number, npages: number): void {
  vm.first_page_pa = first_pa;
  vm.vm_page_array = new Array<vm_page | undefined>(npages);
  vm.vm_page_fresh = 0;
  vm.cnt.v_page_size = PAGE_SIZE;
  vm.cnt.v_page_count = npages;
  vm.cnt.v_free_count = npages;
}

/** PHYS_TO_VM_PAGE: the vm_page for physical address `pa`, or null if the VM does not manage it. */
export function PHYS_TO_VM_PAGE(vm: VmSystem, pa: number): vm_page | null {
  const i = Math.floor((pa - vm.first_page_pa) / PAGE_SIZE);
  if (i < 0 || i >= vm.vm_page_array.length) return null;
  return vm.vm_page_array[i] ?? materialise(vm, i);
}

// Creates the vm_page for never-used page frame i; it is free.
function materialise(vm: VmSystem, i: number): vm_page {
  const m = new vm_page(vm, vm.first_page_pa + i * PAGE_SIZE);
  vm.vm_page_array[i] = m;
  return m;
}

/** The page queue `queue` (PQ_*) of machine `vm`. */
export function pagequeue(vm: VmSystem, queue: number): vm_pagequeue {
  const pq = vm.vm_page_queues[queue];
  if (pq === undefined) panic(`pagequeue: no queue ${queue}`);
  return pq;
}

// Unlinks m from whatever queue it is on and updates the matching counter.
function vm_pageq_remove(m: vm_page): void {
  const vm = m.vm;
  if (m.queue === PQ_NONE) return;
  if (m.queue === PQ_FREE) panic('vm_pageq_remove: page is on the free queue');
  pagequeue(vm, m.queue).remove(m);
  if (m.queue === PQ_ACTIVE) vm.cnt.v_active_count--;
  else if (m.queue === PQ_INACTIVE) vm.cnt.v_inactive_count--;
  m.queue = PQ_NONE;
}

function vm_pageq_enqueue(m: vm_page, queue: number): void {
  vm_pageq_remove(m);
  m.queue = queue;
  pagequeue(m.vm, queue).insert_tail(m);
  if (queue === PQ_ACTIVE) m.vm.cnt.v_active_count++;
  else if (queue === PQ_INACTIVE) m.vm.cnt.v_inactive_count++;
}

/**
 * vm_page_alloc: takes a free page and inserts it in `object` at `pindex`.
 * The page comes back PG_BUSY (clear it with vm_page_wakeup), on no queue,
 * and with stale contents unless VM_ALLOC_ZERO is given. Returns null when
 * no page is free: the caller decides whether that is ENOMEM, ENOBUFS or a
 * reason to kill a process.
 */
export function vm_page_alloc(object: vm_object, pindex: number, page_req: number): vm_page | null {
  const vm = object.vm;
  if (vm_page_lookup(object, pindex) !== null) panic(`vm_page_alloc: page already allocated (pindex ${pindex})`);
  if (vm.cnt.v_free_count <= reserve_for(vm, page_req & VM_ALLOC_CLASS_MASK)) return null;
  const free = pagequeue(vm, PQ_FREE);
  let m: vm_page;
  if (free.head !== null) {
    m = free.head;
    free.remove(m);
  } else {
    m = materialise(vm, vm.vm_page_fresh++);
  }
  vm.cnt.v_free_count--;
  m.queue = PQ_NONE;
  m.flags = PG_BUSY;
  m.wire_count = 0;
  m.hold_count = 0;
  m.busy = 0;
  m.cow = 0;
  m.valid = 0;
  m.dirty = 0;
  vm_page_insert(m, object, pindex);
  if (page_req & VM_ALLOC_ZERO) {
    m.bytes.fill(0);
    m.valid = VM_PAGE_BITS_ALL;
  }
  if (page_req & VM_ALLOC_WIRED) {
    m.wire_count = 1;
    vm.cnt.v_wire_count++;
  } else {
    vm_pageq_enqueue(m, PQ_ACTIVE);
  }
  return m;
}

// Pages an allocation of this class must leave free: ordinary requests stop
// at v_free_reserved, interrupt-time ones may take everything.
function reserve_for(vm: VmSystem, klass: number): number {
  if (klass === VM_ALLOC_NORMAL) return vm.cnt.v_free_reserved;
  if (klass === VM_ALLOC_SYSTEM) return vm.cnt.v_interrupt_free_min;
  return 0;
}

/**
 * vm_page_free (vm_page_free_toq): returns m to the free queue, removing it
 * from its object. The page must be unwired and unmapped. A held page is
 * parked on PQ_HOLD and freed by the last vm_page_unhold.
 */
export function vm_page_free(m: vm_page): void {
  const vm = m.vm;
  if (m.queue === PQ_FREE) panic(`vm_page_free: freeing free page (pa 0x${m.phys_addr.toString(16)})`);
  if (m.busy !== 0) panic('vm_page_free: freeing busy page');
  if (m.wire_count !== 0) panic(`vm_page_free: freeing wired page, wire count ${m.wire_count}`);
  if (m.md.pv_list.length !== 0) panic('vm_page_free: freeing mapped page');
  if (m.cow !== 0) panic(`vm_page_free: freeing page lent to the kernel, cow ${m.cow}`);
  if (m.object !== null) vm_page_remove(m);
  vm_pageq_remove(m);
  m.flags &= ~(PG_BUSY | PG_WANTED | PG_ZERO | PG_REFERENCED | PG_MAPPED | PG_WRITEABLE);
  m.valid = 0;
  m.dirty = 0;
  vm.cnt.v_tfree++;
  if (m.hold_count !== 0) {
    m.queue = PQ_HOLD;
    pagequeue(vm, PQ_HOLD).insert_tail(m);
    return;
  }
  m.queue = PQ_FREE;
  pagequeue(vm, PQ_FREE).insert_head(m); // LIFO: the most recently freed page is reused first
  vm.cnt.v_free_count++;
}

/** vm_page_insert: makes m the page of `object` at `pindex`. m must belong to no object. */
export function vm_page_insert(m: vm_page, object: vm_object, pindex: number): void {
  if (m.object !== null) panic('vm_page_insert: already inserted');
  if (object.memq.has(pindex)) panic(`vm_page_insert: pindex ${pindex} already occupied`);
  m.object = object;
  m.pindex = pindex;
  object.memq.set(pindex, m);
  object.resident_page_count++;
  object.generation++;
}

/** vm_page_remove: takes m out of its object; it stays allocated (an "orphan" if nobody frees it). */
export function vm_page_remove(m: vm_page): void {
  const object = m.object;
  if (object === null) return;
  object.memq.delete(m.pindex);
  object.resident_page_count--;
  object.generation++;
  m.object = null;
}

/** vm_page_lookup: the page of `object` at `pindex`, or null if it is not resident. */
export function vm_page_lookup(object: vm_object, pindex: number): vm_page | null {
  return object.memq.get(pindex) ?? null;
}

/**
 * vm_page_rename: moves m to `new_object` at `new_pindex` and marks it dirty.
 * Used by the COW optimisation in vm_fault and by vm_pgmoveco (page flipping).
 * The target slot must be empty; existing pmap mappings of m stay valid.
 */
export function vm_page_rename(m: vm_page, new_object: vm_object, new_pindex: number): void {
  vm_page_remove(m);
  vm_page_insert(m, new_object, new_pindex);
  vm_page_dirty(m);
}

/** vm_page_wire: pins m in memory and takes it off the paging queues. */
export function vm_page_wire(m: vm_page): void {
  if (m.queue === PQ_FREE) panic('vm_page_wire: wiring a free page');
  if (m.wire_count === 0) {
    vm_pageq_remove(m);
    m.vm.cnt.v_wire_count++;
  }
  m.wire_count++;
}

/**
 * vm_page_unwire: drops one wiring. At zero the page goes back on the active
 * (activate) or inactive queue; an orphaned page is not freed here, its last
 * holder does that (see the file comment).
 */
export function vm_page_unwire(m: vm_page, activate: boolean): void {
  if (m.wire_count <= 0) panic(`vm_page_unwire: invalid wire count: ${m.wire_count}`);
  m.wire_count--;
  if (m.wire_count === 0) {
    m.vm.cnt.v_wire_count--;
    vm_pageq_enqueue(m, activate ? PQ_ACTIVE : PQ_INACTIVE);
  }
}

/** vm_page_hold: a short-term reference; the page cannot be reused while held. */
export function vm_page_hold(m: vm_page): void {
  m.hold_count++;
}

/** vm_page_unhold: drops a hold; a page freed while held is freed now. */
export function vm_page_unhold(m: vm_page): void {
  if (m.hold_count <= 0) panic(`vm_page_unhold: hold count ${m.hold_count}`);
  m.hold_count--;
  if (m.hold_count === 0 && m.queue === PQ_HOLD) {
    pagequeue(m.vm, PQ_HOLD).remove(m);
    m.queue = PQ_FREE;
    pagequeue(m.vm, PQ_FREE).insert_head(m);
    m.vm.cnt.v_free_count++;
  }
}

/** vm_page_activate: puts an unwired page at the tail of the active queue. */
export function vm_page_activate(m: vm_page): void {
  if (m.wire_count === 0 && m.queue !== PQ_ACTIVE) vm_pageq_enqueue(m, PQ_ACTIVE);
  m.flags |= PG_REFERENCED;
}

/** vm_page_busy: marks the page busy (being set up); see vm_page_wakeup. */
export function vm_page_busy(m: vm_page): void {
  if (m.flags & PG_BUSY) panic('vm_page_busy: page already busy');
  m.flags |= PG_BUSY;
}

/** vm_page_wakeup: clears PG_BUSY (and would wake anyone sleeping on it). */
export function vm_page_wakeup(m: vm_page): void {
  m.flags &= ~(PG_BUSY | PG_WANTED);
}

/** vm_page_dirty: the whole page holds data that exists nowhere else. */
export function vm_page_dirty(m: vm_page): void {
  m.dirty = VM_PAGE_BITS_ALL;
}

/** vm_page_copy: copies the contents (and validity) of src_m into dest_m. */
export function vm_page_copy(src_m: vm_page, dest_m: vm_page): void {
  pmap_copy_page(src_m, dest_m);
  dest_m.vm.charge?.('page_copy');
  dest_m.valid = VM_PAGE_BITS_ALL;
}

/**
 * vm_page_cowsetup: the kernel borrows m for a zero copy send. Counts the
 * loan and revokes write access in every pmap that maps the page (5.0 does
 * this with pmap_page_protect(m, VM_PROT_READ)), so that the next write by
 * any process traps into vm_fault and from there into vm_page_cowfault.
 * The caller also wires the page (socow_setup does vm_page_wire).
 */
export function vm_page_cowsetup(m: vm_page): void {
  m.cow++;
  pmap_page_protect(m, VM_PROT_READ);
}

/**
 * vm_page_cowclear: the kernel returns one loan. Write access is not given
 * back here: the owner's next write fault restores it.
 */
export function vm_page_cowclear(m: vm_page): void {
  if (m.cow > 0) m.cow--;
}

/**
 * vm_page_cowfault: someone writes to m while the kernel still has it on
 * loan. Gives m's object a fresh copy at the same pindex and leaves m, now an
 * orphan, with the kernel, which frees it when its last loan ends.
 *
 * Every mapping of m is removed first, so every process that maps the object
 * (MAP_SHARED sharers included) faults in the copy and sees the write; 5.0's
 * version left other pmaps' read-only mappings of m in place, which later
 * versions fixed with pmap_remove_all. The wirings that are not the kernel's
 * loans (mlock) move to the copy, as later versions do.
 *
 * Returns false if no page could be allocated (FreeBSD would VM_WAIT and
 * retry); m is then left where it was.
 */
export function vm_page_cowfault(m: vm_page): boolean {
  const object = m.object;
  if (object === null) panic('vm_page_cowfault: page has no object');
  const pindex = m.pindex;
  if (m.cow === 0) return true; // the loan ended meanwhile: nothing to copy
  pmap_remove_all(m);
  vm_page_remove(m);
  const mnew = vm_page_alloc(object, pindex, VM_ALLOC_INTERRUPT);
  if (mnew === null) {
    vm_page_insert(m, object, pindex);
    return false;
  }
  if (m.vm.so_zerocp_fullpage) mnew.valid = VM_PAGE_BITS_ALL;
  else vm_page_copy(m, mnew);
  const user_wirings = Math.max(0, m.wire_count - m.cow);
  for (let i = 0; i < user_wirings; i++) {
    vm_page_wire(mnew);
    vm_page_unwire(m, false);
  }
  vm_page_dirty(mnew);
  vm_page_wakeup(mnew);
  m.vm.zero_copy_cowfault_copies++;
  m.vm.on_cowfault?.(m);
  return true;
}
