import test from 'ava';
import { copyin, copyinstr, copyout, uio_thread } from '../../src/kernel/i386/i386/support.ts';
import { EFAULT, ECHILD, ENAMETOOLONG, ENOMEM } from '../../src/kernel/sys/errno.ts';
import { MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import { SyscallError } from '../../src/kernel/sys/syscall_error.ts';
import { WEXITSTATUS, WIFEXITED } from '../../src/kernel/sys/wait.ts';
import { fdalloc } from '../../src/kernel/kern/kern_descrip.ts';
import { all_memory_free, machine, run1, vm_check } from './machine.ts';

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_ANON | MAP_PRIVATE;

test('a process exits with the number its body returns, or 0', async (t) => {
  const m = machine();
  const a = m.procs.spawn(() => 7);
  const b = m.procs.spawn(async () => {});
  await m.procs.run();
  t.is(a.status_text, 'exit 7');
  t.is(b.status_text, 'exit 0');
  t.is(await a.exited, 7 << 8);
  t.deepEqual([a.p_pid, b.p_pid], [2, 3]);
});

test('p.exit ends the process at once with its status', async (t) => {
  const m = machine();
  let after = false;
  const p = await run1(m, (p) => {
    p.exit(42);
    after = true;
  });
  t.false(after);
  t.is(p.status_text, 'exit 42');
});

test('an uncaught SyscallError is printed like err(3) and the process exits 1', async (t) => {
  const m = machine();
  const p = await run1(m, (p) => {
    p.munmap(0x1000, 4096);
  }, { comm: 'unmap' });
  t.is(p.stderr, 'unmap: munmap(4096, 4096): EINVAL (Invalid argument)\n');
  t.is(p.status_text, 'exit 1');
  t.true(p.p_error instanceof SyscallError);
});

test('printf formats like the C library, and %s of an address reads the process\'s memory', async (t) => {
  const m = machine();
  const p = await run1(m, (p) => {
    const s = p.malloc(32);
    p.strcpy(s, 'zero copy');
    p.printf('[%5d|%-5d|%05d|%x|%#X|%u|%c|%.4s|%s|%p|%%]\n', 42, 42, -42, 255, 255, -1, 65, s, 'js', s);
  });
  t.is(p.stdout, '[   42|42   |-0042|ff|0XFF|4294967295|A|zero|js|0x804a040|%]\n');
  t.is(m.procs.output, p.stdout);
});

test('fork gives the child a copy of the descriptor table and its own pid; wait reaps it', async (t) => {
  const m = machine();
  await run1(m, async (p) => {
    const tty = p.p_fd.fd_ofiles[0]!;
    t.is(tty.f_count, 3);
    let childPid = 0;
    const pid = p.fork((c) => {
      childPid = c.getpid();
      t.is(c.getppid(), p.getpid());
      t.not(c.p_fd, p.p_fd);
      t.is(c.p_fd.fd_ofiles[1], tty);
      t.is(tty.f_count, 6);
      t.is(fdalloc(c, 0), 3); // a new descriptor would be 3
      return 5;
    });
    const r = await p.wait();
    t.is(r.pid, pid);
    t.is(childPid, pid);
    t.true(WIFEXITED(r.status));
    t.is(WEXITSTATUS(r.status), 5);
    t.is(tty.f_count, 3);
    await t.throwsAsync(() => p.wait(), { instanceOf: SyscallError, message: 'wait(): ECHILD (No child processes)' });
    t.is(m.vm.cnt.v_forks, 1);
  });
  t.is(m.procs.allproc.length, 0);
  t.is(ECHILD, 10);
});

test('copyin of an unmapped buffer fails with EFAULT and copies nothing', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 4096, RW, ANON);
    p.memset(a, 0x61, 4096);
    const kbuf = new Uint8Array(8192).fill(0xff);
    t.is(copyin(p, a + 100, kbuf, 8192), EFAULT); // runs off the end of the mapping
    t.true(kbuf.every((b) => b === 0xff));
    t.is(copyin(p, a, kbuf, 10), 0);
    t.is(kbuf[9], 0x61);
  });
  t.is(m.log.length, 0); // the process was not killed
});

test('copyout to a read-only buffer fails with EFAULT and changes nothing', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 8192, RW, ANON);
    p.memset(a, 0x61, 8192);
    p.mprotect(a + 4096, 4096, PROT_READ);
    t.is(copyout(p, new Uint8Array(8192).fill(0x7a), a, 8192), EFAULT);
    t.is(p.peekstr(a, 3), 'aaa');
    t.is(copyout(p, new Uint8Array([0x62]), a, 1), 0);
    t.is(p.peekstr(a, 3), 'baa');
    p.strcpy(a, 'name');
    t.deepEqual(copyinstr(p, a, 16), { error: 0, str: 'name' });
    t.is(copyinstr(p, a, 3).error, ENAMETOOLONG);
    t.throws(() => uio_thread(p).copyin(0x1000, new Uint8Array(4), 4), { instanceOf: SyscallError, message: /copyin\(4096, 4\): EFAULT/ });
  });
});

test('when memory runs out the biggest process is killed ("out of swap space"), and a system call gets ENOMEM', async (t) => {
  const m = machine(64);
  const big = m.procs.spawn(async (p) => {
    const a = p.malloc(40 * 4096);
    p.memset(a, 1, 40 * 4096);
    await new Promise(() => {}); // sleeps forever
  }, { comm: 'hog', uid: 1001 });
  const small = m.procs.spawn(async (p) => {
    await Promise.resolve();
    await Promise.resolve();
    const a = p.malloc(30 * 4096);
    p.memset(a, 2, 30 * 4096); // needs more than is left
    t.is(p.peek(a + 29 * 4096, 1)[0], 2);
  }, { comm: 'small' });
  await m.procs.run(); // the killed hog's code never resumes, but it has exited
  t.is(big.status_text, 'signal 9 (SIGKILL)');
  t.is(small.status_text, 'exit 0');
  t.deepEqual(m.log, ['pid 2 (hog), uid 1001, was killed: out of swap space']);
  t.true(all_memory_free(m.vm));

  const m2 = machine(16);
  await run1(m2, (p) => {
    const a = p.mmap(0, 20 * 4096, RW, ANON);
    t.is(copyout(p, new Uint8Array(20 * 4096), a, 20 * 4096), ENOMEM);
  });
  t.deepEqual(vm_check(m2.vm), []);
});

test('fork fails with EAGAIN when the process table is full (kern.maxproc)', async (t) => {
  const m = machine();
  m.procs.maxproc = 14;
  const p = await run1(m, async (p) => {
    const pids: number[] = [];
    let release = (): void => {};
    const children = new Promise<void>((r) => (release = r));
    for (let i = 0; i < 3; i++) pids.push(p.fork(() => children)); // 4 processes: uid 1001 may have maxproc - 10
    t.throws(() => p.fork(() => {}), { instanceOf: SyscallError, message: 'fork(): EAGAIN (Resource temporarily unavailable)' });
    release();
    for (const pid of pids) await p.waitpid(pid);
  }, { uid: 1001 });
  t.is(p.status_text, 'exit 0');
  t.deepEqual(m.log, ['proc: table is full']);
});
