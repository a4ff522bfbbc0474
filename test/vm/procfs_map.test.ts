import test from 'ava';
import { procfs_domap } from '../../src/kernel/fs/procfs/procfs_map.ts';
import { MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import { machine, run1 } from './machine.ts';

test('procfs_domap shows fork\'s copy-on-write: COW NC entries sharing an object, then a shadow after the first write', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const a = p.mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE);
    p.memset(a, 1, 8192);
    const line = (text: string): string => text.split('\n').find((l) => l.startsWith(`0x${a.toString(16)} `)) ?? '';
    t.regex(line(procfs_domap(p)), /^0x28049000 0x2804b000 2 0 0x[0-9a-f]+ rw- 1 0 0x2000 NCOW NNC default$/);
    const pid = p.fork(async (c) => {
      t.regex(line(procfs_domap(c)), / 0 0 0x[0-9a-f]+ rw- 2 0 0x0 COW NC default$/);
      c.poke(a, 'x');
      t.regex(line(procfs_domap(c)), / 1 0 0x[0-9a-f]+ rw- 1 0 0x2000 COW NNC default$/);
    });
    await p.waitpid(pid);
    t.regex(line(procfs_domap(p)), /^0x28049000 0x2804b000 2 0 0x[0-9a-f]+ rw- 1 0 0x2000 COW NC default$/);
  });
});
