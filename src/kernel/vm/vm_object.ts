// vm_object: a set of pages indexed by page number, with reference counts
// and shadow chains for copy-on-write.
// Mirrors sys/vm/vm_object.c (FreeBSD 5.0), for anonymous memory only.
//
// How to use:
//   const obj = vm_object_allocate(vm, OBJT_DEFAULT, size_pages);  // ref_count 1
//   vm_object_reference(obj) / vm_object_deallocate(obj)          // last one frees the pages
//   vm_object_shadow(...)   gives a private layer over an object shared by fork
//
// Copy-on-write after fork works as in FreeBSD: both map entries keep the
// same object and are marked NEEDS_COPY. The first write through an entry
// puts a new, empty shadow object in front of it (vm_object_shadow);
// vm_fault looks a page up along the chain shadow -> backing object and
// copies it into the shadow on a write. A shadow holds one reference on its
// backing object. When a backing object is left with a single shadow and no
// other reference, vm_object_collapse merges it into that shadow, so chains
// do not grow without bound across repeated forks.

import { panic } from '../kern/kern_shutdown.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { pmap_remove_all } from '../i386/i386/pmap.ts';
import { vm_page_free, vm_page_remove, vm_page_rename, vm_page_lookup, type vm_page } from './vm_page.ts';
import type { VmSystem } from './vm_init.ts';

// Object types (vm_object.h, objtype_t).
export const OBJT_DEFAULT = 0; // anonymous memory, zero filled on demand
export const OBJT_SWAP = 1; // anonymous memory with swap backing (none here)
export const OBJT_VNODE = 2;
export const OBJT_DEVICE = 3;
export const OBJT_PHYS = 4;
export const OBJT_DEAD = 5;

// object.flags (vm_object.h).
export const OBJ_ACTIVE = 0x0004; // in use
export const OBJ_DEAD = 0x0008; // being torn down
export const OBJ_NOSPLIT = 0x0010; // vm_object_split must leave it whole
export const OBJ_ONEMAPPING = 0x2000; // mapped once, by one process that has not forked

export class vm_object {
  readonly vm: VmSystem; // machine whose pages these are
  readonly id: number; // creation number, for debugging output only
  type: number; // OBJT_*
  size: number; // object size, in pages
  ref_count = 1; // map entries, shadows and kernel users holding the object
  shadow_count = 0; // objects that have this one as backing_object
  flags = 0; // OBJ_*
  generation = 1; // bumped on every page insert/remove
  backing_object: vm_object | null = null; // the object this one shadows
  backing_object_offset = 0; // bytes: where this object starts within backing_object
  readonly shadow_head = new Set<vm_object>(); // objects shadowing this one
  readonly memq = new Map<number, vm_page>(); // resident pages by pindex
  resident_page_count = 0; // memq.size, kept as FreeBSD keeps it
  paging_in_progress = 0; // pager operations under way (always 0: no pager)

  constructor(vm: VmSystem, type: number, size: number) {
    this.vm = vm;
    this.id = ++vm.vm_object_count;
    this.type = type;
    this.size = size;
  }
}

/**
 * vm_object_allocate: a new object of `size` pages with one reference.
 * Anonymous objects start OBJ_ONEMAPPING: until someone shares them, pages
 * of an unmapped range can be freed at once.
 */
export function vm_object_allocate(vm: VmSystem, type: number, size: number): vm_object {
  const object = new vm_object(vm, type, size);
  if (type === OBJT_DEFAULT || type === OBJT_SWAP) object.flags |= OBJ_ONEMAPPING;
  vm.vm_object_list.add(object);
  return object;
}

/** vm_object_reference: one more user of `object`. */
export function vm_object_reference(object: vm_object | null): void {
  if (object === null) return;
  if (object.flags & OBJ_DEAD) panic('vm_object_reference: dead object');
  object.ref_count++;
}

/**
 * vm_object_deallocate: drops one reference. At zero the object's pages are
 * freed and the reference it held on its backing object is dropped in turn.
 * When only one reference is left and it is a single anonymous shadow's, the
 * shadow absorbs the object (vm_object_collapse).
 */
export function vm_object_deallocate(object: vm_object | null): void {
  while (object !== null) {
    if (object.ref_count <= 0) panic(`vm_object_deallocate: object ${object.id} deallocated too many times`);
    object.ref_count--;
    if (object.ref_count > 1) return;
    if (object.ref_count === 1) {
      if (object.shadow_count === 0) {
        object.flags |= OBJ_ONEMAPPING;
      } else if (object.shadow_count === 1 && is_anonymous(object)) {
        const robject = first_shadow(object);
        if (is_anonymous(robject)) vm_object_collapse(robject);
      }
      return;
    }
    const temp = object.backing_object;
    if (temp !== null) unlink_shadow(object, temp);
    if ((object.flags & OBJ_DEAD) === 0) vm_object_terminate(object);
    object = temp;
  }
}

function is_anonymous(object: vm_object): boolean {
  return object.type === OBJT_DEFAULT || object.type === OBJT_SWAP;
}

function first_shadow(object: vm_object): vm_object {
  for (const s of object.shadow_head) return s;
  return panic('vm_object: shadow_count and shadow_head disagree');
}

function unlink_shadow(shadow: vm_object, backing: vm_object): void {
  backing.shadow_head.delete(shadow);
  backing.shadow_count--;
  backing.generation++;
  shadow.backing_object = null;
}

/**
 * vm_object_terminate: the object's last reference is gone. Unwired pages
 * are freed (a held one when its hold ends); a wired page (lent to the
 * kernel by zero copy, say) is only taken out of the object, and whoever
 * holds the wiring frees it later.
 */
export function vm_object_terminate(object: vm_object): void {
  object.flags |= OBJ_DEAD;
  for (const p of [...object.memq.values()]) {
    if (p.md.pv_list.length !== 0) panic(`vm_object_terminate: object ${object.id} has mapped pages`);
    if (p.wire_count === 0 && p.cow === 0) {
      vm_page_free(p);
      object.vm.cnt.v_pfree++;
    } else {
      vm_page_remove(p);
    }
  }
  object.type = OBJT_DEAD;
  object.vm.vm_object_list.delete(object);
}

/**
 * vm_object_shadow: puts a new anonymous object in front of *source (a map
 * entry's object and offset). The entry's reference on the source becomes
 * the shadow's reference; the entry now points at the shadow at offset 0.
 */
export function vm_object_shadow(source: vm_object | null, offset: number, length: number): { object: vm_object; offset: number } {
  const vm = source?.vm;
  if (source === null || vm === undefined) panic('vm_object_shadow: no source object');
  const result = vm_object_allocate(vm, OBJT_DEFAULT, length);
  result.backing_object = source;
  result.backing_object_offset = offset;
  source.shadow_head.add(result);
  source.shadow_count++;
  source.generation++;
  return { object: result, offset: 0 };
}

/**
 * vm_object_collapse: while `object`'s backing object is anonymous and only
 * `object` refers to it, moves the backing object's pages that `object` does
 * not already shadow into `object` and splices the backing object out of
 * the chain. Pages made unreachable are freed (or orphaned if wired).
 */
export function vm_object_collapse(object: vm_object): void {
  for (;;) {
    const backing = object.backing_object;
    if (backing === null || !is_anonymous(backing) || backing.ref_count !== 1) return;
    if (!is_anonymous(object) || (object.flags & OBJ_DEAD)) return;
    const shift = Math.floor(object.backing_object_offset / PAGE_SIZE);
    for (const p of [...backing.memq.values()]) {
      const new_pindex = p.pindex - shift;
      const reachable = new_pindex >= 0 && new_pindex < object.size && vm_page_lookup(object, new_pindex) === null;
      if (reachable) {
        vm_page_rename(p, object, new_pindex);
      } else {
        pmap_remove_all(p);
        if (p.wire_count === 0 && p.cow === 0) vm_page_free(p);
        else vm_page_remove(p);
      }
    }
    // Take `backing` out of the chain: `object` inherits what it shadowed.
    const next = backing.backing_object;
    unlink_shadow(object, backing);
    if (next !== null) {
      next.shadow_head.delete(backing);
      next.shadow_head.add(object);
      object.backing_object = next;
      object.backing_object_offset += backing.backing_object_offset;
      backing.backing_object = null;
    }
    backing.ref_count = 0;
    backing.flags |= OBJ_DEAD;
    backing.type = OBJT_DEAD;
    object.vm.vm_object_list.delete(backing);
    object.vm.vm_object_collapses++;
  }
}

/**
 * vm_object_page_remove: removes the pages with start <= pindex < end
 * (end 0 meaning "to the end") from every pmap and frees them; wired pages
 * are orphaned instead. Used when a range of a singly mapped object is
 * unmapped, so its memory comes back at once.
 */
export function vm_object_page_remove(object: vm_object, start: number, end: number): void {
  for (const p of [...object.memq.values()]) {
    if (p.pindex < start || (end !== 0 && p.pindex >= end)) continue;
    pmap_remove_all(p);
    if (p.wire_count === 0 && p.cow === 0) vm_page_free(p);
    else vm_page_remove(p);
  }
}
