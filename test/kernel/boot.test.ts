import test from 'ava';
import { boot, GENERIC, LINT } from 'zcsim';

test('boot prints a deterministic FreeBSD 5.0-CURRENT banner', (t) => {
  const dmesg = boot().dmesg;
  t.is(dmesg[0], 'Copyright (c) 1992-2002 The FreeBSD Project.');
  t.is(dmesg[3], 'FreeBSD 5.0-CURRENT #0: Wed Jun 26 14:32:07 PDT 2002');
  t.is(dmesg[4], '    root@zcsim.example.org:/usr/obj/usr/src/sys/GENERIC');
  t.true(dmesg.includes('real memory  = 268435456 (262144K bytes)'));
  t.deepEqual(boot().dmesg, dmesg);
});

test('cpu_startup identifies the newest configured CPU class', (t) => {
  const cpu = (text: string): string | undefined => boot(text).dmesg.find((l) => l.startsWith('CPU: '));
  t.is(cpu(GENERIC), 'CPU: Pentium III/Pentium III Xeon/Celeron (866.38-MHz 686-class CPU)');
  t.is(cpu('machine i386\ncpu I486_CPU\nident SMALL\n'), 'CPU: 486DX2 (486-class CPU)');
  t.is(cpu('machine i386\ncpu I586_CPU\nident P5\n'), 'CPU: Pentium/P54C (166.19-MHz 586-class CPU)');
});

test('kern.ident and the build path follow the ident line', (t) => {
  const kernel = boot(LINT);
  t.is(kernel.ident, 'LINT');
  t.is(kernel.sysctl('kern.ident'), 'LINT');
  t.true(kernel.dmesg.includes('    root@zcsim.example.org:/usr/obj/usr/src/sys/LINT'));
});

test('kern_mib registers the identity sysctls', (t) => {
  const kernel = boot();
  t.is(kernel.sysctl('kern.ostype'), 'FreeBSD');
  t.is(kernel.sysctl('kern.osrelease'), '5.0-CURRENT');
  t.is(kernel.sysctl('kern.osrevision'), 199506);
  t.is(kernel.sysctl('hw.machine'), 'i386');
  t.is(kernel.sysctl('hw.pagesize'), 4096);
  t.is(kernel.sysctl('hw.ncpu'), 1);
});

test('options MAXMEM sets the RAM the kernel sees: hw.physmem, the boot lines and the VM page count', (t) => {
  const kernel = boot(`${GENERIC}\noptions MAXMEM=65536\n`);
  t.is(kernel.sysctl('hw.physmem'), 64 * 1024 * 1024);
  t.true(kernel.dmesg.includes('real memory  = 67108864 (65536K bytes)'));
  const avail = kernel.dmesg.find((l) => l.startsWith('avail memory = '));
  const availBytes = Number(/= (\d+)/.exec(avail ?? '')?.[1]);
  t.is(kernel.sysctl('vm.stats.vm.v_page_count'), availBytes / 4096);
  t.is(kernel.param.maxusers, 32); // 64 MB autosizes to the floor of 32
});

test('options MAXMEM outside 16 MB..1 GB is a config error at its line', (t) => {
  const error = t.throws(() => boot(`${GENERIC}\noptions MAXMEM=1024\n`));
  t.regex(error?.message ?? '', /^config: line \d+: option MAXMEM=1024 is out of range/);
});
