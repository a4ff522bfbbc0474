import test from 'ava';
import { vm_mem_init } from '../../src/kernel/vm/vm_init.ts';
import { OBJT_DEFAULT, vm_object_allocate, vm_object_deallocate } from '../../src/kernel/vm/vm_object.ts';
import {
  PQ_FREE, PQ_HOLD, VM_ALLOC_NORMAL, VM_ALLOC_WIRED, VM_ALLOC_ZERO, PHYS_TO_VM_PAGE, vm_page_alloc, vm_page_free,
  vm_page_hold, vm_page_lookup, vm_page_rename, vm_page_unhold, vm_page_unwire, vm_page_wire, vm_page_wakeup,
} from '../../src/kernel/vm/vm_page.ts';
import { KernelPanic } from '../../src/kernel/kern/kern_shutdown.ts';
import { vm_check } from './machine.ts';

test('vm_page_alloc takes free pages until none is left, then returns null', (t) => {
  const vm = vm_mem_init(4);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 8);
  const pages = [0, 1, 2, 3].map((i) => vm_page_alloc(obj, i, VM_ALLOC_NORMAL));
  t.true(pages.every((m) => m !== null));
  t.is(vm.cnt.v_free_count, 0);
  t.is(vm_page_alloc(obj, 4, VM_ALLOC_NORMAL), null);
  t.deepEqual(vm_check(vm), []);
});

test('vm_page_free puts the page back at the head of the free queue, so it is reused first', (t) => {
  const vm = vm_mem_init(8);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 8);
  const a = vm_page_alloc(obj, 0, VM_ALLOC_NORMAL)!;
  vm_page_alloc(obj, 1, VM_ALLOC_NORMAL);
  vm_page_wakeup(a);
  vm_page_free(a);
  t.is(a.queue, PQ_FREE);
  t.is(a.object, null);
  t.is(vm_page_lookup(obj, 0), null);
  t.is(vm_page_alloc(obj, 2, VM_ALLOC_NORMAL), a);
  t.deepEqual(vm_check(vm), []);
});

test('every page holds 4096 real bytes, and VM_ALLOC_ZERO clears stale ones', (t) => {
  const vm = vm_mem_init(1);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 2);
  const m = vm_page_alloc(obj, 0, VM_ALLOC_NORMAL)!;
  t.is(m.bytes.length, 4096);
  m.bytes.fill(7);
  vm_page_free(m);
  const again = vm_page_alloc(obj, 1, VM_ALLOC_ZERO)!;
  t.is(again, m);
  t.true(again.bytes.every((b) => b === 0));
  t.is(PHYS_TO_VM_PAGE(vm, m.phys_addr + 100), m);
});

test('vm_page_wire takes the page off the paging queues and counts it in v_wire_count', (t) => {
  const vm = vm_mem_init(4);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 4);
  const m = vm_page_alloc(obj, 0, VM_ALLOC_NORMAL)!;
  vm_page_wire(m);
  vm_page_wire(m);
  t.is(vm.cnt.v_wire_count, 1);
  t.is(vm.cnt.v_active_count, 0);
  t.throws(() => vm_page_free(m), { instanceOf: KernelPanic, message: /freeing wired page/ });
  vm_page_unwire(m, true);
  vm_page_unwire(m, true);
  t.is(vm.cnt.v_wire_count, 0);
  t.is(vm.cnt.v_active_count, 1);
  t.throws(() => vm_page_unwire(m, true), { instanceOf: KernelPanic, message: /invalid wire count: 0/ });
  const w = vm_page_alloc(obj, 1, VM_ALLOC_WIRED)!;
  t.is(w.wire_count, 1);
  t.deepEqual(vm_check(vm), []);
});

test('a page freed while held waits on PQ_HOLD until vm_page_unhold', (t) => {
  const vm = vm_mem_init(2);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 2);
  const m = vm_page_alloc(obj, 0, VM_ALLOC_NORMAL)!;
  vm_page_hold(m);
  vm_page_free(m);
  t.is(m.queue, PQ_HOLD);
  t.is(vm.cnt.v_free_count, 1);
  vm_page_unhold(m);
  t.is(m.queue, PQ_FREE);
  t.is(vm.cnt.v_free_count, 2);
});

test('vm_page_rename moves a page into another object (page flipping)', (t) => {
  const vm = vm_mem_init(2);
  const kobj = vm.kernel_object;
  const uobj = vm_object_allocate(vm, OBJT_DEFAULT, 4);
  const m = vm_page_alloc(kobj, 9, VM_ALLOC_NORMAL)!;
  m.bytes[0] = 0x5a;
  vm_page_rename(m, uobj, 3);
  t.is(vm_page_lookup(kobj, 9), null);
  t.is(vm_page_lookup(uobj, 3), m);
  t.is(kobj.resident_page_count, 0);
  t.is(uobj.resident_page_count, 1);
  vm_object_deallocate(uobj);
  t.is(vm.cnt.v_free_count, 2); // the renamed page went with the user object
});

test('vm_object_deallocate frees the pages of the last reference', (t) => {
  const vm = vm_mem_init(4);
  const obj = vm_object_allocate(vm, OBJT_DEFAULT, 4);
  for (let i = 0; i < 3; i++) vm_page_wakeup(vm_page_alloc(obj, i, VM_ALLOC_NORMAL)!);
  obj.ref_count++;
  vm_object_deallocate(obj);
  t.is(vm.cnt.v_free_count, 1);
  vm_object_deallocate(obj);
  t.is(vm.cnt.v_free_count, 4);
  t.is(vm.cnt.v_pfree, 3);
  t.deepEqual(vm_check(vm), []);
});
