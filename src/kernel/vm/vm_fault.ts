// vm_fault: resolves a page fault by finding or making the page and
// entering it in the pmap.
// Mirrors sys/vm/vm_fault.c (FreeBSD 5.0), for anonymous memory.
//
// Called by trap_pfault (a process touched memory the MMU would not let it
// touch) and by copyin/copyout (the kernel touching user memory). Returns a
// KERN_* code; the caller turns failure into a signal or EFAULT.
//
// The cases, in the order vm_fault meets them:
//   - no entry, or the entry forbids the access: fail (vm_map_lookup);
//   - the page is in the first object and lent to the kernel (m.cow > 0) and
//     this is a write: vm_page_cowfault gives the object a copy; retry;
//   - no page anywhere along the shadow chain: zero fill in the first object;
//   - the page is in a backing object (fork's copy-on-write) and this is a
//     write: copy it into the first object (or move it, if nobody else can
//     see the backing object: the v_cow_optim case); a read maps it read-only.

import { pmap_enter, pmap_remove_all, pmap_zero_page } from '../i386/i386/pmap.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { VM_PROT_WRITE, type vm_prot_t } from './vm.ts';
import { vm_map_lookup, type vm_map } from './vm_map.ts';
import { OBJT_DEFAULT, type vm_object } from './vm_object.ts';
import {
  VM_ALLOC_NORMAL, VM_PAGE_BITS_ALL, vm_page_activate, vm_page_alloc, vm_page_copy, vm_page_cowfault,
  vm_page_dirty, vm_page_lookup, vm_page_rename, vm_page_wakeup, type vm_page,
} from './vm_page.ts';
import { KERN_RESOURCE_SHORTAGE, KERN_SUCCESS } from './vm_param.ts';

export const VM_FAULT_NORMAL = 0; // nothing special
export const VM_FAULT_CHANGE_WIRING = 1; // change the wiring as appropriate
export const VM_FAULT_USER_WIRE = 2; // likewise, but for user purposes
export const VM_FAULT_WIRE_MASK = VM_FAULT_CHANGE_WIRING | VM_FAULT_USER_WIRE;
export const VM_FAULT_DIRTY = 8; // dirty the page

/**
 * vm_fault: makes `vaddr` accessible in `map` for `fault_type`
 * (VM_PROT_READ or VM_PROT_WRITE). Returns KERN_SUCCESS, the failure
 * vm_map_lookup reported, or KERN_RESOURCE_SHORTAGE when no free page was
 * left (FreeBSD would sleep in VM_WAIT for the pageout daemon; the
 * simulation has no swap to page out to, so the caller must decide).
 */
export function vm_fault(map: vm_map, vaddr: number, fault_type: vm_prot_t, fault_flags: number): number {
  const cnt = map.vm.cnt;
  cnt.v_vm_faults++;
  map.vm.charge?.('page_fault');
  const va = vaddr - (vaddr % PAGE_SIZE);
  for (;;) {
    const found = vm_map_lookup(map, va, fault_type);
    if (typeof found === 'number') return found;
    const first_object = found.object;
    const first_pindex = found.pindex;
    let prot = found.prot;

    // Walk the shadow chain for the page.
    let object: vm_object = first_object;
    let pindex = first_pindex;
    let m = vm_page_lookup(object, pindex);
    while (m === null && object.backing_object !== null) {
      pindex += Math.floor(object.backing_object_offset / PAGE_SIZE);
      object = object.backing_object;
      m = vm_page_lookup(object, pindex);
    }

    if (m !== null && object === first_object && m.cow > 0 && (fault_type & VM_PROT_WRITE)) {
      if (!vm_page_cowfault(m)) return KERN_RESOURCE_SHORTAGE;
      continue; // RetryFault: the object now holds the copy
    }

    if (m === null) {
      m = vm_page_alloc(first_object, first_pindex, VM_ALLOC_NORMAL);
      if (m === null) return KERN_RESOURCE_SHORTAGE;
      pmap_zero_page(m);
      map.vm.charge?.('zero_fill');
      m.valid = VM_PAGE_BITS_ALL;
      vm_page_wakeup(m);
      cnt.v_zfod++;
      object = first_object;
    }

    if (object !== first_object) {
      if (fault_type & VM_PROT_WRITE) {
        const copy = cow_copy(first_object, first_pindex, object, m);
        if (copy === null) return KERN_RESOURCE_SHORTAGE;
        m = copy;
      } else {
        prot &= ~VM_PROT_WRITE; // the backing object's page is shared: map it read-only
      }
    }

    // A page lent to the kernel stays read-only until vm_page_cowfault has run.
    if (m.cow > 0) prot &= ~VM_PROT_WRITE;
    pmap_enter(map.pmap, va, m, prot, found.wired);
    if ((fault_type & VM_PROT_WRITE) || (fault_flags & VM_FAULT_DIRTY)) vm_page_dirty(m);
    vm_page_activate(m);
    return KERN_SUCCESS;
  }
}

/**
 * The copy-on-write step: gives first_object its own version of page m,
 * found in backing object `object`. When first_object is the only thing
 * that can reach `object` and m is free of other users, the page is moved
 * instead of copied (cnt.v_cow_optim); otherwise it is copied
 * (cnt.v_cow_faults). Returns the page now in first_object, or null if no
 * page could be allocated.
 */
function cow_copy(first_object: vm_object, first_pindex: number, object: vm_object, m: vm_page): vm_page | null {
  const cnt = first_object.vm.cnt;
  if (object === first_object.backing_object && object.ref_count === 1 && object.shadow_count === 1 &&
      object.type === OBJT_DEFAULT && m.wire_count === 0 && m.hold_count === 0 && m.cow === 0 && m.busy === 0) {
    pmap_remove_all(m);
    vm_page_rename(m, first_object, first_pindex);
    cnt.v_cow_optim++;
    return m;
  }
  const mnew = vm_page_alloc(first_object, first_pindex, VM_ALLOC_NORMAL);
  if (mnew === null) return null;
  vm_page_copy(m, mnew);
  vm_page_wakeup(mnew);
  cnt.v_cow_faults++;
  return mnew;
}
