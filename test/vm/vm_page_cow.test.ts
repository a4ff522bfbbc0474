// The zero copy send path's page loan: vm_page_cowsetup, vm_page_cowfault
// (through vm_fault) and vm_page_cowclear, driven here the way socow_setup
// and socow_iodone (kern/uipc_cow.c) will drive them.
import test from 'ava';
import { pmap_extract, pmap_pte } from '../../src/kernel/i386/i386/pmap.ts';
import { MAP_ANON, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import type { Proc } from '../../src/kernel/sys/proc.ts';
import type { VmSystem } from '../../src/kernel/vm/vm_init.ts';
import {
  PHYS_TO_VM_PAGE, vm_page_cowclear, vm_page_cowsetup, vm_page_free, vm_page_unwire, vm_page_wire, type vm_page,
} from '../../src/kernel/vm/vm_page.ts';
import { all_memory_free, machine, vm_check } from './machine.ts';

const RW = PROT_READ | PROT_WRITE;

// socow_setup's part: find the page behind uva, loan it to the kernel.
function loan(vm: VmSystem, p: Proc, uva: number): vm_page {
  const pa = pmap_extract(p.p_vmspace.vm_map.pmap, uva);
  const m = PHYS_TO_VM_PAGE(vm, pa);
  if (pa === 0 || m === null) throw new Error('page not resident');
  vm_page_cowsetup(m);
  vm_page_wire(m);
  return m;
}

// socow_iodone's part: end the loan, free the page if it was orphaned meanwhile.
function release(m: vm_page): void {
  vm_page_cowclear(m);
  vm_page_unwire(m, false);
  if (m.wire_count === 0 && m.object === null) vm_page_free(m);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('vm_page_cowsetup write-protects the page in every process that maps it', async (t) => {
  const m = machine();
  await m.procs.spawn(async (p) => {
    const s = p.mmap(0, 4096, RW, MAP_ANON | MAP_SHARED);
    p.poke(s, 'x');
    const ready = deferred();
    const done = deferred();
    const pid = p.fork(async (c) => {
      c.poke(s, 'y'); // the child now maps the same page writable
      ready.resolve();
      await done.promise;
    });
    await ready.promise;
    const page = loan(m.vm, p, s);
    t.is(pmap_pte(p.p_vmspace.vm_map.pmap, s)?.rw, false);
    const child = m.procs.pfind(pid)!;
    t.is(pmap_pte(child.p_vmspace.vm_map.pmap, s)?.rw, false);
    t.is(page.cow, 1);
    done.resolve();
    await p.waitpid(pid);
    release(page);
  }).exited;
  t.true(all_memory_free(m.vm));
});

test('a write to a loaned page faults into vm_page_cowfault: the writer and a MAP_SHARED sharer see the new bytes, the kernel keeps the old ones', async (t) => {
  const m = machine();
  const freeAtStart = m.vm.cnt.v_free_count;
  await m.procs.spawn(async (p) => {
    const s = p.mmap(0, 4096, RW, MAP_ANON | MAP_SHARED);
    p.memset(s, 0x41, 4096); // "AAAA..."
    const loaned = deferred();
    const written = deferred();
    const pid = p.fork(async (c) => {
      t.is(c.peek(s, 1)[0], 0x41);
      await loaned.promise;
      await written.promise;
      t.is(c.peekstr(s, 4), 'BBBB'); // the sharer sees the write
    });
    await Promise.resolve();
    const page = loan(m.vm, p, s);
    loaned.resolve();
    const copies = m.vm.zero_copy_cowfault_copies;
    p.poke(s, 'BBBB');
    t.is(m.vm.zero_copy_cowfault_copies, copies + 1);
    t.is(page.object, null); // orphaned: only the kernel has it now
    t.is(String.fromCharCode(...page.bytes.subarray(0, 4)), 'AAAA'); // what is being transmitted
    t.is(p.peekstr(s, 4), 'BBBB');
    t.not(pmap_extract(p.p_vmspace.vm_map.pmap, s) - (s % 4096), page.phys_addr);
    written.resolve();
    await p.waitpid(pid);
    t.deepEqual(vm_check(m.vm), []);
    const free = m.vm.cnt.v_free_count;
    release(page); // the transmission completes
    t.is(m.vm.cnt.v_free_count, free + 1); // the old page is freed with the last reference
  }).exited;
  t.deepEqual(vm_check(m.vm), []);
  t.is(m.vm.cnt.v_free_count, freeAtStart);
});

test('if nobody writes during the loan there is no copy, and the next write just regains write access', async (t) => {
  const m = machine();
  await m.procs.spawn((p) => {
    const a = p.mmap(0, 4096, RW, MAP_ANON | MAP_PRIVATE);
    p.poke(a, 'data');
    const page = loan(m.vm, p, a);
    t.is(p.peekstr(a), 'data'); // reads are fine
    release(page);
    t.is(page.cow, 0);
    p.poke(a, 'more');
    t.is(m.vm.zero_copy_cowfault_copies, 0);
    t.is(pmap_extract(p.p_vmspace.vm_map.pmap, a), page.phys_addr); // same page, now writable again
    t.is(pmap_pte(p.p_vmspace.vm_map.pmap, a)?.rw, true);
  }).exited;
  t.true(all_memory_free(m.vm));
});

test('a process that exits while its page is on loan leaves the page to the kernel, which frees it on release', async (t) => {
  const m = machine();
  let page: vm_page | null = null;
  await m.procs.spawn((p) => {
    const a = p.malloc(8192);
    p.memset(a, 0x33, 8192);
    page = loan(m.vm, p, a);
  }).exited;
  const held = page as vm_page | null;
  if (held === null) return t.fail();
  t.is(held.object, null);
  t.is(held.bytes[0], 0x33);
  t.is(m.vm.cnt.v_free_count, m.vm.cnt.v_page_count - 1);
  release(held);
  t.true(all_memory_free(m.vm));
});

test('two loans of one page stack: the page stays read-only until both are cleared', async (t) => {
  const m = machine();
  await m.procs.spawn((p) => {
    const a = p.mmap(0, 4096, RW, MAP_ANON | MAP_PRIVATE);
    p.poke(a, 'one');
    const page = loan(m.vm, p, a);
    loan(m.vm, p, a);
    t.is(page.cow, 2);
    release(page);
    t.is(page.cow, 1);
    p.poke(a, 'two'); // still loaned once: copy
    t.is(m.vm.zero_copy_cowfault_copies, 1);
    t.is(String.fromCharCode(...page.bytes.subarray(0, 3)), 'one');
    release(page);
  }).exited;
  t.true(all_memory_free(m.vm));
});

test('a loaned page in a backing object is copied by fork\'s COW, leaving the kernel\'s page alone', async (t) => {
  const m = machine();
  await m.procs.spawn(async (p) => {
    const a = p.mmap(0, 4096, RW, MAP_ANON | MAP_PRIVATE);
    p.poke(a, 'orig');
    const pid = p.fork(async () => {});
    await p.waitpid(pid);
    const done = deferred();
    const pid2 = p.fork(async () => {
      await done.promise;
    });
    const page = loan(m.vm, p, a); // the page lives in the object both share, behind NEEDS_COPY
    p.poke(a, 'new!');
    t.is(m.vm.zero_copy_cowfault_copies, 0);
    t.true(m.vm.cnt.v_cow_faults >= 1);
    t.is(String.fromCharCode(...page.bytes.subarray(0, 4)), 'orig');
    done.resolve();
    await p.waitpid(pid2);
    release(page);
  }).exited;
  t.deepEqual(vm_check(m.vm), []);
  t.true(all_memory_free(m.vm));
});

test('vm.on_cowfault is told which loaned page vm_page_cowfault copied', async (t) => {
  const m = machine();
  const told: vm_page[] = [];
  m.vm.on_cowfault = (pg) => told.push(pg);
  await m.procs.spawn((p) => {
    const a = p.mmap(0, 4096, RW, MAP_ANON | MAP_PRIVATE);
    p.poke(a, 'x');
    const page = loan(m.vm, p, a);
    p.poke(a, 'y');
    t.deepEqual(told, [page]);
    release(page);
  }).exited;
  t.true(all_memory_free(m.vm));
});
