// The VM and processes inside a booted kernel: boot() runs vm_mem_init,
// the vm.stats sysctls and the process table, and Kernel.spawn/run drive them.
import test from 'ava';
import { boot, cpu_of, fmt_s, sim_of, tsleep, WEXITSTATUS } from '../../src/kernel/index.ts';
import { MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';

test('a booted kernel counts fork\'s copy-on-write faults in vm.stats.vm.v_cow_faults', async (t) => {
  const kernel = boot();
  const free = kernel.sysctl('vm.stats.vm.v_free_count');
  t.is(free, kernel.sysctl('vm.stats.vm.v_page_count'));
  t.is(kernel.sysctl('vm.stats.vm.v_page_size'), 4096);
  const p = kernel.spawn(async (p) => {
    const a = p.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE);
    p.strcpy(a, 'parent');
    const pid = p.fork((c) => {
      c.strcpy(a, 'child');
      c.printf('child: %s\n', a);
    });
    await p.waitpid(pid);
    p.printf('parent: %s\n', a);
  });
  await kernel.run();
  t.is(p.status_text, 'exit 0');
  t.is(kernel.output, 'child: child\nparent: parent\n');
  t.is(kernel.sysctl('vm.stats.vm.v_cow_faults'), 1);
  t.is(kernel.sysctl('vm.stats.vm.v_forks'), 1);
  t.is(kernel.sysctl('vm.stats.vm.v_free_count'), free);
  t.true(cpu_of(kernel).busy_until_ns > 0); // faults, copies and mappings were charged to the CPU
  t.true((kernel.sysctl('vm.stats.vm.v_free_reserved') as number) > 0);
  t.throws(() => kernel.sysctl('vm.stats.vm.v_cow_faults', 0), { message: /EPERM/ });
});

test('a process that dies of SIGSEGV is logged to the message buffer unless kern.logsigexit is 0', async (t) => {
  const kernel = boot();
  kernel.spawn((p) => {
    p.poke(0, 'x');
  }, { uid: 1001, comm: 'crash' });
  await kernel.run();
  t.is(kernel.dmesg[kernel.dmesg.length - 1], 'pid 2 (crash), uid 1001: exited on signal 11');
  const lines = kernel.dmesg.length;
  kernel.sysctl('kern.logsigexit', 0);
  const q = kernel.spawn((p) => {
    p.poke(0, 'x');
  });
  await kernel.run();
  t.is(q.status_text, 'signal 11 (SIGSEGV)');
  t.is(kernel.dmesg.length, lines);
});

test('a parent in waitpid sleeps on "wait" while its child sleeps in virtual time', async (t) => {
  const kernel = boot();
  const p = kernel.spawn(async (p) => {
    const pid = p.fork(async (c) => {
      await tsleep(c, {}, 'nap', 5_000_000); // 5 ms
      return 3;
    });
    await Promise.resolve();
    const r = await p.waitpid(pid);
    p.printf('child %d exited %d at %s s\n', r.pid, WEXITSTATUS(r.status), fmt_s(sim_of(kernel).now_ns));
  });
  const result = await kernel.run();
  t.is(p.status_text, 'exit 0');
  t.deepEqual(result.blocked, []);
  t.is(kernel.output, 'child 3 exited 3 at 0.005000000 s\n');
});
