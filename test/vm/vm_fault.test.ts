import test from 'ava';
import { MAP_ANON, MAP_PRIVATE, MAP_SHARED, PROT_NONE, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import { SIGBUS, SIGSEGV } from '../../src/kernel/sys/signal.ts';
import { WTERMSIG } from '../../src/kernel/sys/wait.ts';
import { all_memory_free, machine, run1, vm_check } from './machine.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_ANON | MAP_PRIVATE;

test('vm_fault zero fills a page on the first touch and counts v_zfod', async (t) => {
  const m = machine();
  const before = m.vm.cnt.v_free_count;
  let resident = -1;
  await run1(m, (p) => {
    const a = p.mmap(0, 3 * 4096, RW, ANON);
    t.is(m.vm.cnt.v_free_count, before); // mmap allocates no memory
    t.deepEqual([...p.peek(a + 4090, 12)], new Array(12).fill(0));
    resident = p.p_vmspace.vm_map.pmap.pm_stats.resident_count;
  });
  t.is(resident, 2); // the read touched two pages
  t.is(m.vm.cnt.v_zfod, 2);
  t.true(all_memory_free(m.vm));
});

test('vm_fault copies a private page on the first write after fork (v_cow_faults)', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const a = p.mmap(0, 2 * 4096, RW, ANON);
    p.strcpy(a, 'before fork');
    p.strcpy(a + 4096, 'second page');
    const faults = m.vm.cnt.v_cow_faults;
    const pid = p.fork((c) => {
      t.is(c.peekstr(a), 'before fork'); // reading shares the page: no copy
      t.is(m.vm.cnt.v_cow_faults, faults);
      c.strcpy(a, 'child wrote');
      t.is(m.vm.cnt.v_cow_faults, faults + 1);
      t.is(c.peekstr(a), 'child wrote');
    });
    await p.waitpid(pid);
    t.is(p.peekstr(a), 'before fork');
    t.is(p.peekstr(a + 4096), 'second page');
    p.strcpy(a + 4096, 'parent wrote');
    t.is(p.peekstr(a + 4096), 'parent wrote');
  });
  t.deepEqual(vm_check(m.vm), []);
  t.true(all_memory_free(m.vm));
});

test('after the child exits, vm_object_collapse gives the parent its pages back without copying', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const a = p.mmap(0, 4 * 4096, RW, ANON);
    for (let i = 0; i < 4; i++) p.memset(a + i * 4096, i + 1, 4096);
    const pid = p.fork(() => {});
    await p.waitpid(pid);
    const copies = m.vm.cnt.v_cow_faults;
    for (let i = 0; i < 4; i++) p.memset(a + i * 4096, 9, 1);
    t.is(m.vm.cnt.v_cow_faults, copies);
    t.is(p.peek(a + 3 * 4096 + 1, 1)[0], 4);
  });
  t.true(all_memory_free(m.vm));
});

test('MAP_SHARED memory stays shared across fork in both directions', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const s = p.mmap(0, 4096, RW, MAP_ANON | MAP_SHARED);
    p.strcpy(s, 'from parent');
    const pid = p.fork(async (c) => {
      t.is(c.peekstr(s), 'from parent');
      c.strcpy(s, 'from child');
    });
    await p.waitpid(pid);
    t.is(p.peekstr(s), 'from child');
  });
  t.true(all_memory_free(m.vm));
});

test('a write to a PROT_READ mapping kills the process with SIGBUS, as on 5.0 i386', async (t) => {
  const m = machine();
  let after = false;
  const p = await run1(m, (p) => {
    const a = p.mmap(0, 4096, PROT_READ, ANON);
    p.peek(a, 1);
    p.poke(a, 'x');
    after = true;
  }, { uid: 1001, comm: 'ro' });
  t.false(after);
  t.is(WTERMSIG(p.p_xstat), SIGBUS);
  t.is(p.status_text, 'signal 10 (SIGBUS)');
  t.deepEqual(m.log, ['pid 2 (ro), uid 1001: exited on signal 10']);
  t.true(all_memory_free(m.vm));
});

test('touching unmapped memory kills the process with SIGSEGV and frees all its memory', async (t) => {
  const m = machine();
  const p = await run1(m, (p) => {
    const b = p.malloc(100000);
    p.memset(b, 1, 100000);
    p.poke(0x10, [1]);
  });
  t.is(WTERMSIG(p.p_xstat), SIGSEGV);
  t.is(p.status_text, 'signal 11 (SIGSEGV)');
  t.true(all_memory_free(m.vm));
});

test('PROT_NONE memory cannot even be read (SIGBUS), and mprotect makes it usable', async (t) => {
  const m = machine();
  const ok = await run1(m, (p) => {
    const a = p.mmap(0, 8192, PROT_NONE, ANON);
    p.mprotect(a, 8192, RW);
    p.poke(a + 5000, 'ok');
    t.is(p.peekstr(a + 5000), 'ok');
    p.mprotect(a, 4096, PROT_READ);
    t.is(p.peek(a + 5000, 1)[0], 'o'.charCodeAt(0));
  });
  t.is(ok.status_text, 'exit 0');
  const dead = await run1(m, (p) => {
    const a = p.mmap(0, 4096, PROT_NONE, ANON);
    p.peek(a, 1);
  });
  t.is(dead.status_text, 'signal 10 (SIGBUS)');
});

test('a memset that runs off the end of a mapping stores up to the boundary, then SIGSEGV', async (t) => {
  const m = machine();
  let a = 0;
  let seen: number[] = [];
  await run1(m, async (p) => {
    a = p.mmap(0, 4096, RW, MAP_ANON | MAP_SHARED);
    const pid = p.fork(async (c) => {
      c.memset(a + 4000, 0xee, 200);
    });
    const r = await p.waitpid(pid);
    t.is(WTERMSIG(r.status), SIGSEGV);
    seen = [...p.peek(a + 3999, 97)];
  });
  t.deepEqual(seen, [0, ...new Array(96).fill(0xee)]);
});
