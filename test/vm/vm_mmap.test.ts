import test from 'ava';
import { EACCES, EBADF, EINVAL, ENODEV, ENOMEM } from '../../src/kernel/sys/errno.ts';
import {
  INHERIT_NONE, MAP_ANON, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, MAP_STACK, PROT_EXEC, PROT_READ, PROT_WRITE,
} from '../../src/kernel/sys/mman.ts';
import { SyscallError } from '../../src/kernel/sys/syscall_error.ts';
import { VM_MAXUSER_ADDRESS } from '../../src/kernel/i386/include/vmparam.ts';
import { all_memory_free, machine, run1 } from './machine.ts';
import { errno_of } from '../lib/errno.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_ANON | MAP_PRIVATE;

test('mmap places anonymous mappings above the largest heap, at 0x28049000 and up', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 4096, RW, ANON);
    const b = p.mmap(0, 10000, RW, ANON);
    const c = p.mmap(0x08100000, 4096, RW, ANON); // a hint inside the heap's reach is moved
    t.is(a, 0x28049000);
    t.is(b, 0x2804a000);
    t.is(c, 0x2804d000);
    const d = p.mmap(0x30000000, 4096, RW, ANON); // a hint elsewhere is honoured
    t.is(d, 0x30000000);
  });
});

test('mmap fails with EINVAL for MAP_ANON with a descriptor, a negative length, or an unaligned MAP_FIXED address', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    t.is(errno_of(() => p.mmap(0, 4096, RW, ANON, 3)), EINVAL);
    t.is(errno_of(() => p.mmap(0, -1, RW, ANON)), EINVAL);
    t.is(errno_of(() => p.mmap(0x30000100, 4096, RW, ANON | MAP_FIXED)), EINVAL);
    t.is(errno_of(() => p.mmap(VM_MAXUSER_ADDRESS - 4096, 8192, RW, ANON | MAP_FIXED)), EINVAL);
    t.is(errno_of(() => p.mmap(0, 4096, PROT_READ, MAP_STACK)), EINVAL);
    t.is(p.p_vmspace.vm_map.entries.length, 3); // nothing was mapped: text, data, stack
  });
});

test('mmap of a file descriptor: EBADF if not open, ENODEV for the console', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    t.is(errno_of(() => p.mmap(0, 4096, RW, MAP_SHARED, 7)), EBADF);
    t.is(errno_of(() => p.mmap(0, 4096, RW, MAP_SHARED, 1)), ENODEV);
  });
});

test('mmap with length 0 succeeds and maps nothing, as in 5.0', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 0, RW, ANON);
    t.is(a, 0x28049000);
    t.is(p.p_vmspace.vm_map.entries.length, 3);
  });
});

test('mmap fails with ENOMEM when the address space is full', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const err = (() => {
      try {
        p.mmap(0, 0x7ffff000, RW, ANON);
        p.mmap(0, 0x7ffff000, RW, ANON);
      } catch (e) {
        return e;
      }
      return null;
    })();
    t.true(err instanceof SyscallError);
    t.is((err as SyscallError).errno, ENOMEM);
    t.regex((err as SyscallError).message, /^mmap\(0, 2147479552, 3, 4098, -1, 0\): ENOMEM \(Cannot allocate memory\)$/);
  });
});

test('MAP_FIXED replaces what was mapped there', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 8192, RW, ANON);
    p.poke(a + 4096, 'old');
    t.is(p.mmap(a + 4096, 4096, RW, ANON | MAP_FIXED), a + 4096);
    t.is(p.peek(a + 4096, 1)[0], 0);
  });
  t.true(all_memory_free(m.vm));
});

test('munmap fails with EINVAL unless the whole range is mapped, and then unmaps it all', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 3 * 4096, RW, ANON);
    p.memset(a, 1, 3 * 4096);
    t.is(errno_of(() => p.munmap(a, 4 * 4096)), EINVAL);
    t.is(p.peek(a + 2 * 4096, 1)[0], 1); // still there
    const free = m.vm.cnt.v_free_count;
    p.munmap(a + 4096, 4096); // a hole in the middle: its page is freed at once
    t.is(m.vm.cnt.v_free_count, free + 1);
    t.is(p.peek(a + 2 * 4096, 1)[0], 1);
    t.is(errno_of(() => p.munmap(a, 3 * 4096)), EINVAL);
    p.munmap(a, 4096);
    p.munmap(a + 2 * 4096, 4096);
  });
  t.true(all_memory_free(m.vm));
});

test('mprotect fails with EACCES beyond the maximum protection, and leaves the mapping unchanged', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 4096, RW, ANON);
    p.mprotect(a, 4096, PROT_READ | PROT_EXEC);
    const e = p.p_vmspace.vm_map.entries.find((x) => x.start === a)!;
    e.max_protection = PROT_READ;
    t.is(errno_of(() => p.mprotect(a, 4096, RW)), EACCES);
    t.is(e.protection, PROT_READ | PROT_EXEC);
  });
});

test('minherit(INHERIT_NONE) keeps a mapping out of the child', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const a = p.mmap(0, 4096, RW, ANON);
    p.poke(a, 'secret');
    p.minherit(a, 4096, INHERIT_NONE);
    const pid = p.fork((c) => {
      c.peek(a, 1);
    });
    t.is((await p.waitpid(pid)).status, 11);
  });
  t.true(all_memory_free(m.vm));
});
