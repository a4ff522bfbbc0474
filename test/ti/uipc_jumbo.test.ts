// jumbo(9): the pool of page-sized disposable buffers (kern/uipc_jumbo.c).

import test from 'ava';
import {
  boot, EXT_DISPOSABLE, GENERIC, JUMBO_MAX_PAGES, jumbo_basekva, jumbo_freem, jumbo_kva_to_page, jumbo_pg_alloc, jumbo_pg_free,
  jumbo_pg_steal, jumbo_phys_to_kva, jumbo_stats, jumbo_vm_init, m_extadd, m_freem, m_get, M_DONTWAIT, MT_DATA, PAGE_SIZE,
  type Kernel,
} from 'zcsim';
import { vm_sys } from '../../src/kernel/vm/vm_init.ts';
import { OBJT_DEFAULT, vm_object_allocate } from '../../src/kernel/vm/vm_object.ts';
import { PG_BUSY, vm_page_free, vm_page_rename } from '../../src/kernel/vm/vm_page.ts';
import { KernelPanic } from '../../src/kernel/kern/kern_shutdown.ts';

function kernel(): Kernel {
  return boot(GENERIC);
}

test('jumbo_vm_init returns 1 and is idempotent; the pool has JUMBO_MAX_PAGES (3072) KVA slots, 12 MB', (t) => {
  const k = kernel();
  t.is(JUMBO_MAX_PAGES, 3072);
  t.is(jumbo_stats(k).kva_pages, 0);
  t.is(jumbo_vm_init(k), 1);
  t.is(jumbo_vm_init(k), 1);
  t.deepEqual(jumbo_stats(k), { max_pages: 3072, kva_pages: 3072, in_use: 0, free: 3072, stolen: 0, jumbo_vmuiomove_pgs_freed: 0, alloc_failures: 0 });
  t.is(JUMBO_MAX_PAGES * PAGE_SIZE, 12 * 1024 * 1024);
});

test('jumbo_pg_alloc gives a page with a KVA slot; jumbo_phys_to_kva clears PG_BUSY and maps pindex to basekva + pindex pages', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  const free0 = vm_sys(k).cnt.v_free_count;
  const pg = jumbo_pg_alloc(k);
  if (pg === null) return t.fail();
  t.true((pg.flags & PG_BUSY) !== 0);
  const kva = jumbo_phys_to_kva(k, pg.phys_addr);
  t.is(pg.flags & PG_BUSY, 0);
  t.is(kva, jumbo_basekva + pg.pindex * PAGE_SIZE);
  t.is(kva % PAGE_SIZE, 0);
  t.is(jumbo_kva_to_page(k, kva), pg);
  t.is(vm_sys(k).cnt.v_free_count, free0 - 1);
  t.is(jumbo_stats(k).in_use, 1);
  jumbo_pg_free(k, kva);
  t.is(jumbo_stats(k).in_use, 0);
  t.is(vm_sys(k).cnt.v_free_count, free0);
});

test('jumbo_freem, as an mbuf\'s external free routine, returns the page and its slot when the mbuf is freed', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  const free0 = vm_sys(k).cnt.v_free_count;
  const pg = jumbo_pg_alloc(k);
  const m = m_get(k, M_DONTWAIT, MT_DATA);
  if (pg === null || m === null) return t.fail();
  jumbo_phys_to_kva(k, pg.phys_addr);
  m_extadd(m, pg.bytes, PAGE_SIZE, jumbo_freem, null, 0, EXT_DISPOSABLE);
  t.is(m.m_ext.ext_type, EXT_DISPOSABLE);
  m_freem(m);
  t.is(jumbo_stats(k).in_use, 0);
  t.is(vm_sys(k).cnt.v_free_count, free0);
});

test('a page flipped into a user object is left to its new owner: jumbo_pg_free recycles only the slot and counts jumbo_vmuiomove_pgs_freed', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  const vm = vm_sys(k);
  const pg = jumbo_pg_alloc(k);
  if (pg === null) return t.fail();
  const kva = jumbo_phys_to_kva(k, pg.phys_addr);
  const uobj = vm_object_allocate(vm, OBJT_DEFAULT, 4);
  // What vm_pgmoveco does: rename into the reader's object (the page was never wired).
  vm_page_rename(pg, uobj, 2);
  const free_before = vm.cnt.v_free_count;
  jumbo_pg_free(k, kva);
  t.is(jumbo_stats(k).jumbo_vmuiomove_pgs_freed, 1);
  t.is(jumbo_stats(k).in_use, 0);
  t.is(vm.cnt.v_free_count, free_before, 'the page is not freed: the user has it');
  t.is(pg.object, uobj);
  vm_page_free(pg);
});

test('jumbo_pg_steal takes a page out of the pool and recycles its slot; a page from elsewhere panics', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  const pg = jumbo_pg_alloc(k);
  if (pg === null) return t.fail();
  jumbo_pg_steal(k, pg);
  t.like(jumbo_stats(k), { in_use: 0, free: 3072, stolen: 1 });
  t.is(pg.object, null);
  t.throws(() => jumbo_pg_steal(k, pg), { instanceOf: KernelPanic, message: /stealing a non jumbo_vm_object page/ });
  vm_page_free(pg);
});

test('when all 3072 KVA slots are in use jumbo_pg_alloc returns null; freeing one makes the next succeed, and nothing leaks', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  const vm = vm_sys(k);
  const free0 = vm.cnt.v_free_count;
  const kvas: number[] = [];
  for (let i = 0; i < JUMBO_MAX_PAGES; i++) {
    const pg = jumbo_pg_alloc(k);
    if (pg === null) return t.fail(`allocation ${i} failed`);
    kvas.push(jumbo_phys_to_kva(k, pg.phys_addr));
  }
  t.is(jumbo_pg_alloc(k), null);
  t.like(jumbo_stats(k), { in_use: 3072, free: 0, alloc_failures: 1 });
  jumbo_pg_free(k, kvas.pop() as number);
  const again = jumbo_pg_alloc(k);
  t.not(again, null);
  if (again !== null) kvas.push(jumbo_phys_to_kva(k, again.phys_addr));
  for (const kva of kvas) jumbo_pg_free(k, kva);
  t.like(jumbo_stats(k), { in_use: 0, free: 3072 });
  t.is(vm.cnt.v_free_count, free0);
});

test('jumbo_pg_free of an address that is not an in-use slot panics', (t) => {
  const k = kernel();
  jumbo_vm_init(k);
  t.throws(() => jumbo_pg_free(k, jumbo_basekva), { instanceOf: KernelPanic });
});
