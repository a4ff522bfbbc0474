// vm_map: an address space as a sorted list of entries, each mapping a
// range of virtual addresses onto a range of a vm_object with a protection,
// a maximum protection and an inheritance; and vmspace, the map plus the
// process's segment sizes.
// Mirrors sys/vm/vm_map.c and sys/vm/vm_map.h (FreeBSD 5.0).
//
// How to use:
//   vm_map_find(map, null, 0, hint, len, true, prot, max, cow)  new anonymous range
//   vm_map_remove(map, start, end)          unmap (pages of a private range are freed)
//   vm_map_protect / vm_map_inherit         change an attribute of a range
//   vm_map_lookup(map, va, fault_type)      what vm_fault needs: object, pindex, prot
//   vmspace_fork(vm1)                       the child's address space for fork
//   vmspace_free(vms)                       at exit: unmap everything
//
// Addresses are plain numbers (up to 0xbfc00000, so never use 32-bit bitwise
// operators on them). Ranges are half open: [start, end).

import { panic } from '../kern/kern_shutdown.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { pmap_pinit, pmap_protect, pmap_release, pmap_remove, type pmap } from '../i386/i386/pmap.ts';
import {
  VM_INHERIT_COPY, VM_INHERIT_DEFAULT, VM_INHERIT_NONE, VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_WRITE,
  type vm_inherit_t, type vm_prot_t,
} from './vm.ts';
import {
  KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_NO_SPACE, KERN_PROTECTION_FAILURE, KERN_SUCCESS,
} from './vm_param.ts';
import {
  OBJ_ONEMAPPING, OBJT_DEFAULT, OBJT_SWAP, vm_object_allocate, vm_object_collapse, vm_object_deallocate,
  vm_object_page_remove, vm_object_reference, vm_object_shadow, type vm_object,
} from './vm_object.ts';
import type { VmSystem } from './vm_init.ts';

// entry.eflags (vm_map.h).
export const MAP_ENTRY_COW = 0x0002; // copy-on-write: never map writable without copying
export const MAP_ENTRY_NEEDS_COPY = 0x0004; // a shadow object must be made before the first write
export const MAP_ENTRY_NOFAULT = 0x0008; // faults are errors
export const MAP_ENTRY_USER_WIRED = 0x0020; // wired by mlock(2)
export const MAP_ENTRY_NOCOALESCE = 0x0400; // never extend this entry
export const MAP_ENTRY_GROWS_DOWN = 0x1000; // a stack

// `cow` flags for vm_map_insert/vm_map_find (vm_map.h).
export const MAP_COPY_ON_WRITE = 0x0002;
export const MAP_NOFAULT = 0x0004;

export class vm_map_entry {
  start: number; // first address mapped
  end: number; // first address not mapped
  object: vm_object | null; // what is mapped; null until the first fault (anonymous memory)
  offset: number; // bytes: where start falls in object
  eflags: number; // MAP_ENTRY_*
  protection: vm_prot_t; // current protection
  max_protection: vm_prot_t; // the most mprotect may ever grant
  inheritance: vm_inherit_t; // VM_INHERIT_*: what fork does with it
  wired_count = 0; // times the range was wired (mlock)

  constructor(start: number, end: number, object: vm_object | null, offset: number, eflags: number, prot: vm_prot_t, max: vm_prot_t, inh: vm_inherit_t) {
    this.start = start;
    this.end = end;
    this.object = object;
    this.offset = offset;
    this.eflags = eflags;
    this.protection = prot;
    this.max_protection = max;
    this.inheritance = inh;
  }

  clone(): vm_map_entry {
    const e = new vm_map_entry(this.start, this.end, this.object, this.offset, this.eflags, this.protection, this.max_protection, this.inheritance);
    e.wired_count = this.wired_count;
    return e;
  }
}

export class vm_map {
  readonly vm: VmSystem; // machine the map lives on
  readonly entries: vm_map_entry[] = []; // sorted by start, never overlapping
  readonly min_offset: number; // lowest address the map may use
  readonly max_offset: number; // first address it may not use
  readonly pmap: pmap; // the translation the MMU uses
  size = 0; // bytes mapped
  timestamp = 0; // bumped on every change, as vm_map_lookup_done checks in FreeBSD

  constructor(vm: VmSystem, min: number, max: number) {
    this.vm = vm;
    this.min_offset = min;
    this.max_offset = max;
    this.pmap = pmap_pinit(vm);
  }
}

export class vmspace {
  readonly vm_map: vm_map; // the address space
  vm_tsize = 0; // text size, pages
  vm_dsize = 0; // data size (grows with brk), pages
  vm_ssize = 0; // stack size, pages
  vm_taddr = 0; // user virtual address of text
  vm_daddr = 0; // user virtual address of data
  vm_maxsaddr = 0; // lowest address the stack may grow to
  vm_refcnt = 1; // processes sharing this vmspace (always 1: no rfork/vfork)

  constructor(map: vm_map) {
    this.vm_map = map;
  }
}

/** The number of pages in [start, end). */
export function atop(bytes: number): number {
  return Math.floor(bytes / PAGE_SIZE);
}

/**
 * vm_map_lookup_entry: the index of the entry containing `addr`, or, when
 * none does, -(i + 1) where i is the index at which such an entry would go.
 */
export function vm_map_lookup_entry(map: vm_map, addr: number): number {
  let lo = 0;
  let hi = map.entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = map.entries[mid];
    if (e === undefined) break;
    if (addr < e.start) hi = mid - 1;
    else if (addr >= e.end) lo = mid + 1;
    else return mid;
  }
  return -(lo + 1);
}

/** The entry containing `addr`, if any. */
export function vm_map_entry_at(map: vm_map, addr: number): vm_map_entry | undefined {
  const i = vm_map_lookup_entry(map, addr);
  return i >= 0 ? map.entries[i] : undefined;
}

/**
 * vm_map_insert: maps [start, end) onto `object` at `offset` (the caller's
 * reference on object passes to the map). Extends the previous entry instead
 * when both are anonymous and alike, as vm_object_coalesce allows.
 * Returns KERN_INVALID_ADDRESS (outside the map) or KERN_NO_SPACE (overlap).
 */
export function vm_map_insert(map: vm_map, object: vm_object | null, offset: number, start: number, end: number, prot: vm_prot_t, max: vm_prot_t, cow: number): number {
  if (start < map.min_offset || end > map.max_offset || start >= end) return KERN_INVALID_ADDRESS;
  const i = vm_map_lookup_entry(map, start);
  if (i >= 0) return KERN_NO_SPACE;
  const at = -i - 1;
  const next = map.entries[at];
  if (next !== undefined && next.start < end) return KERN_NO_SPACE;
  let eflags = 0;
  if (cow & MAP_COPY_ON_WRITE) eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
  if (cow & MAP_NOFAULT) eflags |= MAP_ENTRY_NOFAULT;
  const prev = map.entries[at - 1];
  if (object === null && prev !== undefined && prev.end === start && prev.wired_count === 0 &&
      (prev.eflags & MAP_ENTRY_NOCOALESCE) === 0 && prev.eflags === eflags &&
      prev.inheritance === VM_INHERIT_DEFAULT && prev.protection === prot && prev.max_protection === max &&
      vm_object_coalesce(prev.object, prev.offset, prev.end - prev.start, end - start)) {
    map.size += end - prev.end;
    prev.end = end;
    map.timestamp++;
    return KERN_SUCCESS;
  }
  map.entries.splice(at, 0, new vm_map_entry(start, end, object, offset, eflags, prot, max, VM_INHERIT_DEFAULT));
  map.size += end - start;
  map.timestamp++;
  return KERN_SUCCESS;
}

/**
 * vm_object_coalesce: may an entry mapping prev_object grow by next_size
 * bytes? Yes if it has no object yet, or a private anonymous one nobody
 * else uses; the object is then grown (and any stale pages in the new range,
 * left from an earlier unmap, are dropped).
 */
function vm_object_coalesce(prev_object: vm_object | null, prev_offset: number, prev_size: number, next_size: number): boolean {
  if (prev_object === null) return true;
  if (prev_object.type !== OBJT_DEFAULT && prev_object.type !== OBJT_SWAP) return false;
  if (prev_object.ref_count > 1 || prev_object.backing_object !== null || prev_object.shadow_count !== 0) return false;
  const first = atop(prev_offset + prev_size);
  const last = first + atop(next_size);
  vm_object_page_remove(prev_object, first, last);
  prev_object.size = Math.max(prev_object.size, last);
  return true;
}

/**
 * vm_map_findspace: the lowest address >= start at which `length` bytes are
 * free, or null if there is none below max_offset.
 */
export function vm_map_findspace(map: vm_map, start: number, length: number): number | null {
  let addr = Math.max(start, map.min_offset);
  let i = vm_map_lookup_entry(map, addr);
  if (i >= 0) {
    const e = map.entries[i];
    if (e !== undefined) addr = e.end;
    i++;
  } else {
    i = -i - 1;
  }
  for (; i <= map.entries.length; i++) {
    if (addr + length > map.max_offset) return null;
    const next = map.entries[i];
    if (next === undefined || addr + length <= next.start) return addr;
    addr = Math.max(addr, next.end);
  }
  return null;
}

/**
 * vm_map_find: vm_map_insert at *addr, or (find_space) at the first hole at
 * or above it. Returns the KERN_* code and the address used.
 */
export function vm_map_find(map: vm_map, object: vm_object | null, offset: number, addr: number, length: number, find_space: boolean, prot: vm_prot_t, max: vm_prot_t, cow: number): { rv: number; addr: number } {
  let start = addr;
  if (find_space) {
    const found = vm_map_findspace(map, start, length);
    if (found === null) return { rv: KERN_NO_SPACE, addr };
    start = found;
  }
  return { rv: vm_map_insert(map, object, offset, start, start + length, prot, max, cow), addr: start };
}

// An entry about to be split needs an object now, so both halves share it.
function ensure_object(map: vm_map, e: vm_map_entry): void {
  if (e.object === null) {
    e.object = vm_object_allocate(map.vm, OBJT_DEFAULT, atop(e.end - e.start));
    e.offset = 0;
  }
}

/** vm_map_clip_start: splits entry i so that an entry starts at `addr`; returns the index of that entry. */
export function vm_map_clip_start(map: vm_map, i: number, addr: number): number {
  const e = map.entries[i];
  if (e === undefined) panic('vm_map_clip_start: no entry');
  if (addr <= e.start) return i;
  ensure_object(map, e);
  const front = e.clone();
  front.end = addr;
  e.offset += addr - e.start;
  e.start = addr;
  vm_object_reference(e.object);
  map.entries.splice(i, 0, front);
  return i + 1;
}

/** vm_map_clip_end: splits entry i so that it ends at `addr`. */
export function vm_map_clip_end(map: vm_map, i: number, addr: number): void {
  const e = map.entries[i];
  if (e === undefined) panic('vm_map_clip_end: no entry');
  if (addr >= e.end) return;
  ensure_object(map, e);
  const back = e.clone();
  back.start = addr;
  back.offset += addr - e.start;
  e.end = addr;
  vm_object_reference(e.object);
  map.entries.splice(i + 1, 0, back);
}

// Clips the entries overlapping [start, end) to it; returns their index range.
function clip_range(map: vm_map, start: number, end: number): [number, number] {
  let i = vm_map_lookup_entry(map, start);
  if (i >= 0) i = vm_map_clip_start(map, i, start);
  else i = -i - 1;
  let j = i;
  for (; j < map.entries.length; j++) {
    const e = map.entries[j];
    if (e === undefined || e.start >= end) break;
    vm_map_clip_end(map, j, end);
  }
  return [i, j];
}

/**
 * vm_map_delete: removes every mapping in [start, end). Pages of a range
 * that only this mapping could see are freed immediately; the objects lose
 * the entries' references.
 */
export function vm_map_delete(map: vm_map, start: number, end: number): number {
  const [i, j] = clip_range(map, start, end);
  const doomed = map.entries.splice(i, j - i);
  for (const e of doomed) {
    pmap_remove(map.pmap, e.start, e.end);
    const object = e.object;
    if (object !== null && object.ref_count !== 1 && (object.flags & OBJ_ONEMAPPING) &&
        (object.type === OBJT_DEFAULT || object.type === OBJT_SWAP)) {
      vm_object_collapse(object);
      const first = atop(e.offset);
      vm_object_page_remove(object, first, first + atop(e.end - e.start));
    }
    map.size -= e.end - e.start;
    vm_object_deallocate(object);
  }
  map.timestamp++;
  return KERN_SUCCESS;
}

/** vm_map_remove: vm_map_delete with the range clamped to the map. */
export function vm_map_remove(map: vm_map, start: number, end: number): number {
  return vm_map_delete(map, Math.max(start, map.min_offset), Math.min(end, map.max_offset));
}

/**
 * vm_map_check_protection: is every address in [start, end) mapped with
 * at least `prot`? No side effects; copyin/copyout and munmap use it to
 * refuse a request before doing anything.
 */
export function vm_map_check_protection(map: vm_map, start: number, end: number, prot: vm_prot_t): boolean {
  let i = vm_map_lookup_entry(map, start);
  if (i < 0) return false;
  let addr = start;
  while (addr < end) {
    const e = map.entries[i++];
    if (e === undefined || e.start > addr) return false;
    if ((e.protection & prot) !== prot) return false;
    addr = e.end;
  }
  return true;
}

/**
 * vm_map_protect: sets the protection (or, with set_max, the maximum
 * protection) of [start, end). Fails with KERN_PROTECTION_FAILURE, changing
 * nothing, if new_prot exceeds some entry's maximum. Unmapped holes in the
 * range are ignored, as in 5.0. Rights are taken away from the pmap at
 * once; added rights are granted by the next fault.
 */
export function vm_map_protect(map: vm_map, start: number, end: number, new_prot: vm_prot_t, set_max: boolean): number {
  start = Math.max(start, map.min_offset);
  end = Math.min(end, map.max_offset);
  for (const e of map.entries) {
    if (e.end <= start || e.start >= end) continue;
    if ((new_prot & e.max_protection) !== new_prot) return KERN_PROTECTION_FAILURE;
  }
  const [i, j] = clip_range(map, start, end);
  for (let k = i; k < j; k++) {
    const e = map.entries[k];
    if (e === undefined) continue;
    const old_prot = e.protection;
    if (set_max) {
      e.max_protection = new_prot;
      e.protection = new_prot & old_prot;
    } else {
      e.protection = new_prot;
    }
    if (e.protection !== old_prot) {
      const mask = e.eflags & MAP_ENTRY_COW ? ~VM_PROT_WRITE : VM_PROT_ALL;
      pmap_protect(map.pmap, e.start, e.end, e.protection & mask);
    }
  }
  map.timestamp++;
  return KERN_SUCCESS;
}

/** vm_map_inherit: sets what fork does with [start, end). */
export function vm_map_inherit(map: vm_map, start: number, end: number, inh: vm_inherit_t): number {
  if (inh !== VM_INHERIT_SHARE && inh !== VM_INHERIT_COPY && inh !== VM_INHERIT_NONE) return KERN_INVALID_ARGUMENT;
  const [i, j] = clip_range(map, Math.max(start, map.min_offset), Math.min(end, map.max_offset));
  for (let k = i; k < j; k++) {
    const e = map.entries[k];
    if (e !== undefined) e.inheritance = inh;
  }
  map.timestamp++;
  return KERN_SUCCESS;
}

/** What vm_map_lookup found for a fault. */
export interface vm_map_lookup_result {
  entry: vm_map_entry; // the entry covering the address
  object: vm_object; // the entry's (first) object
  pindex: number; // page index of the address in object
  prot: vm_prot_t; // rights the mapping may get (write removed while NEEDS_COPY)
  wired: boolean; // entry is wired
}

/**
 * vm_map_lookup: finds what backs `vaddr` for an access of `fault_type`.
 * Makes the shadow object of a NEEDS_COPY entry on a write, and the object
 * of an entry that has none. Returns a KERN_* code on failure:
 * KERN_INVALID_ADDRESS (no entry) or KERN_PROTECTION_FAILURE.
 */
export function vm_map_lookup(map: vm_map, vaddr: number, fault_type: vm_prot_t): vm_map_lookup_result | number {
  const entry = vm_map_entry_at(map, vaddr);
  if (entry === undefined) return KERN_INVALID_ADDRESS;
  let prot = entry.protection;
  if ((fault_type & prot) !== fault_type) return KERN_PROTECTION_FAILURE;
  if (entry.eflags & MAP_ENTRY_NEEDS_COPY) {
    if (entry.object === null) {
      entry.eflags &= ~MAP_ENTRY_NEEDS_COPY;
    } else if (fault_type & VM_PROT_WRITE) {
      const s = vm_object_shadow(entry.object, entry.offset, atop(entry.end - entry.start));
      entry.object = s.object;
      entry.offset = s.offset;
      entry.eflags &= ~MAP_ENTRY_NEEDS_COPY;
      map.timestamp++;
    } else {
      prot &= ~VM_PROT_WRITE;
    }
  }
  if (entry.object === null) {
    entry.object = vm_object_allocate(map.vm, OBJT_DEFAULT, atop(entry.end - entry.start));
    entry.offset = 0;
  }
  const pindex = atop(vaddr - entry.start + entry.offset);
  return { entry, object: entry.object, pindex, prot, wired: entry.wired_count > 0 };
}

/** vmspace_alloc: an empty address space covering [min, max). */
export function vmspace_alloc(vm: VmSystem, min: number, max: number): vmspace {
  return new vmspace(new vm_map(vm, min, max));
}

/**
 * vmspace_fork: the child's address space. VM_INHERIT_SHARE entries share
 * the parent's object (MAP_SHARED stays shared); VM_INHERIT_COPY entries
 * become copy-on-write in both processes (vm_map_copy_entry); NONE entries
 * are left out. The child starts with an empty pmap and faults pages in.
 */
export function vmspace_fork(vm1: vmspace): vmspace {
  const old_map = vm1.vm_map;
  const vm2 = vmspace_alloc(old_map.vm, old_map.min_offset, old_map.max_offset);
  for (const f of ['vm_tsize', 'vm_dsize', 'vm_ssize', 'vm_taddr', 'vm_daddr', 'vm_maxsaddr'] as const) vm2[f] = vm1[f];
  const new_map = vm2.vm_map;
  for (const old_entry of old_map.entries) {
    if (old_entry.inheritance === VM_INHERIT_NONE) continue;
    const new_entry = old_entry.clone();
    new_entry.wired_count = 0;
    new_entry.eflags &= ~MAP_ENTRY_USER_WIRED;
    if (old_entry.inheritance === VM_INHERIT_SHARE) {
      if (old_entry.object === null) {
        old_entry.object = vm_object_allocate(old_map.vm, OBJT_DEFAULT, atop(old_entry.end - old_entry.start));
        old_entry.offset = 0;
      }
      if (old_entry.eflags & MAP_ENTRY_NEEDS_COPY) {
        // The sharers must share the parent's post-copy object, not the pre-fork one.
        const s = vm_object_shadow(old_entry.object, old_entry.offset, atop(old_entry.end - old_entry.start));
        old_entry.object = s.object;
        old_entry.offset = s.offset;
        old_entry.eflags &= ~MAP_ENTRY_NEEDS_COPY;
      }
      old_entry.object.flags &= ~OBJ_ONEMAPPING;
      vm_object_reference(old_entry.object);
      new_entry.object = old_entry.object;
      new_entry.offset = old_entry.offset;
      new_entry.eflags = old_entry.eflags;
    } else {
      vm_map_copy_entry(old_map, old_entry, new_entry);
    }
    new_map.entries.push(new_entry);
    new_map.size += new_entry.end - new_entry.start;
  }
  old_map.timestamp++;
  return vm2;
}

// vm_map_copy_entry: makes src and dst copy-on-write views of one object.
function vm_map_copy_entry(src_map: vm_map, src: vm_map_entry, dst: vm_map_entry): void {
  if ((src.eflags & MAP_ENTRY_NEEDS_COPY) === 0) {
    pmap_protect(src_map.pmap, src.start, src.end, src.protection & ~VM_PROT_WRITE);
  }
  const object = src.object;
  if (object !== null) {
    vm_object_reference(object);
    object.flags &= ~OBJ_ONEMAPPING;
    dst.object = object;
    dst.offset = src.offset;
    src.eflags |= MAP_ENTRY_COW | MAP_ENTRY_NEEDS_COPY;
    dst.eflags = src.eflags;
  } else {
    dst.object = null;
    dst.offset = 0;
  }
}

/** vmspace_free: tears down an address space at exit; every page it alone used is freed. */
export function vmspace_free(vms: vmspace): void {
  if (--vms.vm_refcnt > 0) return;
  const map = vms.vm_map;
  vm_map_delete(map, map.min_offset, map.max_offset);
  pmap_release(map.pmap);
}
