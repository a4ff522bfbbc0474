import test from 'ava';
import { ENOMEM } from '../../src/kernel/sys/errno.ts';
import { all_memory_free, machine, run1 } from './machine.ts';

test('malloc of more than half a page returns page aligned memory; smaller requests get power-of-two chunks', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    for (const size of [2049, 3000, 4096, 4097, 65536]) t.is(p.malloc(size) % 4096, 0, `malloc(${size})`);
    const sizes = [1, 16, 17, 100, 1000, 2048];
    for (const size of sizes) {
      const a = p.malloc(size);
      const chunk = Math.max(16, 2 ** Math.ceil(Math.log2(size)));
      t.is(a % chunk, 0, `malloc(${size}) aligned to ${chunk}`);
    }
  });
});

test('phkmalloc keeps the bookkeeping of 16- and 32-byte chunk pages in the page itself', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.malloc(10);
    const b = p.malloc(16);
    t.is(a % 4096, 48); // 16-byte chunks 0-2 hold the page's struct pginfo
    t.is(b, a + 16);
    const c = p.malloc(30);
    t.is(c, 0x0804a040); // chunk 0: pginfo; chunk 1: the free-list node malloc_init allocated
  });
});

test('malloc takes its pages from the brk heap just above the program, the directory from mmap', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.malloc(5000);
    t.is(a, 0x0804b000); // after the page of 32-byte chunks malloc_init made
    t.is(p.sbrk(0), 0x0804d000);
    t.is(p.p_libc.malloc.page_dir, 0x28049000);
  });
});

test('freed pages are reused first fit, and a big free at the top of the heap is given back with brk', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.malloc(8192);
    const b = p.malloc(8192);
    p.free(a);
    t.is(p.malloc(4096), a);
    const top = p.sbrk(0);
    const big = p.malloc(40 * 4096);
    t.is(big, top);
    p.memset(big, 1, 40 * 4096);
    p.free(big);
    t.true(p.sbrk(0) < top + 40 * 4096); // all but malloc_cache (16 pages) returned
    t.is(p.sbrk(0), big + 16 * 4096);
    p.free(b);
  });
  t.true(all_memory_free(m.vm));
});

test('valloc returns page aligned memory that free accepts; valloc(4096) uses two pages', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const v = p.valloc(4096);
    t.is(v % 4096, 0);
    const next = p.malloc(4096);
    t.is(next, v + 8192);
    p.free(v);
    t.is(p.stderr, '');
  });
});

test('with 5.0-CURRENT\'s default option A, a double free aborts the process (SIGABRT)', async (t) => {
  const m = machine();
  const p = await run1(m, (p) => {
    const a = p.malloc(64);
    p.free(a);
    p.free(a);
  }, { comm: 'dbl' });
  t.is(p.stderr, 'dbl in free(): error: page is already free.\n');
  t.is(p.status_text, 'signal 6 (SIGABRT)');
  t.deepEqual(m.log, ['pid 2 (dbl), uid 0: exited on signal 6']);
  t.true(all_memory_free(m.vm));
});

test('with MALLOC_OPTIONS=a, free of a bad pointer only prints phkmalloc\'s warning', async (t) => {
  const m = machine();
  const p = await run1(m, (p) => {
    const a = p.malloc(64);
    const b = p.malloc(64);
    p.free(a);
    p.free(a);
    p.free(b + 5);
    p.free(b);
    p.free(b); // the page went back when its last chunk was freed
    p.free(0x30000000);
  }, { comm: 'dbl', malloc_options: 'a' });
  t.is(p.stderr, [
    'dbl in free(): warning: chunk is already free.',
    'dbl in free(): warning: modified (chunk-) pointer.',
    'dbl in free(): warning: page is already free.',
    'dbl in free(): warning: junk pointer, too high to make sense.',
    '',
  ].join('\n'));
  t.is(p.status_text, 'exit 0');
});

test('option J (on by default) fills allocated and freed memory with 0xd0; Z zeroes what was asked for', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.malloc(100);
    t.deepEqual([...p.peek(a, 128)], new Array(128).fill(0xd0));
    p.memset(a, 1, 100);
    const b = p.malloc(8192);
    t.is(p.p_vmspace.vm_map.pmap.pm_stats.resident_count >= 4, true); // J touched every page
    p.free(b);
    t.is(p.peek(b, 1)[0], 0xd0);
  });
  await run1(m, (p) => {
    const a = p.malloc(100);
    t.deepEqual([...p.peek(a, 100)], new Array(100).fill(0));
    t.deepEqual([...p.peek(a + 100, 28)], new Array(28).fill(0xd0));
  }, { malloc_options: 'Z' });
  await run1(m, (p) => {
    const b = p.malloc(8192);
    t.is(p.peek(b, 1)[0], 0); // fresh pages, untouched by malloc
  }, { malloc_options: 'j' });
});

test('realloc keeps the block when the size class allows (and J/R are off) and moves it with its bytes otherwise', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.malloc(100);
    p.strcpy(a, 'moved');
    const b = p.realloc(a, 120); // R (implied by J) always moves
    t.not(b, a);
    t.is(p.peekstr(b), 'moved');
  });
  await run1(m, (p) => {
    const a = p.malloc(100);
    p.strcpy(a, 'keep me');
    t.is(p.realloc(a, 120), a);
    const b = p.realloc(a, 3000);
    t.not(b, a);
    t.is(b % 4096, 0);
    t.is(p.peekstr(b), 'keep me');
    const c = p.calloc(10, 10);
    t.deepEqual([...p.peek(c, 100)], new Array(100).fill(0));
  }, { malloc_options: 'j' });
});

test('malloc returns 0 with errno ENOMEM beyond the data size limit (RLIMIT_DATA, 128 MB)', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    t.is(p.malloc(200 * 1024 * 1024), 0);
    t.is(p.errno, ENOMEM);
    t.not(p.malloc(1024 * 1024), 0); // without J, untouched memory costs nothing
    t.is(p.p_vmspace.vm_map.pmap.pm_stats.resident_count, 2); // the directory and one chunk page
  }, { malloc_options: 'j' });
  t.true(all_memory_free(m.vm));
});

test('a forked child has its own copy of the heap bookkeeping', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const a = p.malloc(3000);
    p.strcpy(a, 'parent heap');
    const pid = p.fork((c) => {
      t.is(c.peekstr(a), 'parent heap');
      c.free(a);
      t.is(c.malloc(3000), a);
      t.is(c.stderr, '');
    });
    await p.waitpid(pid);
    t.not(p.malloc(3000), a);
  });
  t.true(all_memory_free(m.vm));
});
