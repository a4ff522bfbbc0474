import test from 'ava';
import fc from 'fast-check';
import { boot, EINVAL, EISDIR, ENOENT, EPERM, GENERIC, LINT, SyscallError, type Kernel } from 'zcsim';
import { SysctlTree } from '../../src/kernel/kern/kern_sysctl.ts';
import { so_zero_copy_send } from '../../src/kernel/kern/uipc_socket.ts';
import { CTLFLAG_RW, OID_AUTO } from '../../src/kernel/sys/sysctl.ts';

const ZC = `${GENERIC}options ZERO_COPY_SOCKETS\n`;

function sysctl_error(t: import('ava').ExecutionContext, f: () => unknown): SyscallError {
  const error = t.throws(f, { instanceOf: SyscallError });
  if (error === undefined) throw new Error('unreachable: t.throws failed');
  return error as SyscallError;
}

test('sysctlbyname of an unknown name fails with ENOENT', (t) => {
  const error = sysctl_error(t, () => boot(ZC).sysctl('kern.ipc.zero_copy.sned'));
  t.is(error.errno, ENOENT);
  t.is(error.errno, 2);
  t.is(error.code, 'ENOENT');
  t.is(error.syscall, 'sysctl');
  t.is(error.message, 'sysctl("kern.ipc.zero_copy.sned"): ENOENT (No such file or directory)');
});

test('sysctlbyname of a name that runs past a leaf fails with ENOENT', (t) => {
  t.is(sysctl_error(t, () => boot().sysctl('kern.ostype.x')).errno, ENOENT);
  t.is(sysctl_error(t, () => boot().sysctl('')).errno, ENOENT);
});

test('writing a read-only sysctl fails with EPERM and changes nothing', (t) => {
  const kernel = boot();
  const error = sysctl_error(t, () => kernel.sysctl('kern.ostype', 'Linux'));
  t.is(error.errno, EPERM);
  t.is(error.errno, 1);
  t.is(error.message, 'sysctl("kern.ostype", "Linux"): EPERM (Operation not permitted)');
  t.is(kernel.sysctl('kern.ostype'), 'FreeBSD');
  t.is(sysctl_error(t, () => kernel.sysctl('kern.ipc.nmbclusters', 1)).errno, EPERM);
});

test('writing a bad value fails with EINVAL and changes nothing', (t) => {
  const kernel = boot(ZC);
  const bad: (number | string)[] = ['0', 'off', 1.5, NaN, 2 ** 31, -(2 ** 31) - 1];
  for (const v of bad) {
    const error = sysctl_error(t, () => kernel.sysctl('kern.ipc.zero_copy.send', v));
    t.is(error.errno, EINVAL);
    t.is(error.errno, 22);
  }
  t.is(sysctl_error(t, () => kernel.sysctl('kern.ipc.zero_copy.send', 'off')).message, 'sysctl("kern.ipc.zero_copy.send", "off"): EINVAL (Invalid argument)');
  t.is(kernel.sysctl('kern.ipc.zero_copy.send'), 1);
  t.is(sysctl_error(t, () => kernel.sysctl('kern.hostname', 42)).errno, EINVAL);
  t.is(sysctl_error(t, () => kernel.sysctl('kern.hostname', 'x'.repeat(256))).errno, EINVAL);
  t.is(kernel.sysctl('kern.hostname'), '');
});

test('kern.ipc.maxsockbuf refuses a size below MSIZE + MCLBYTES', (t) => {
  const kernel = boot();
  t.is(sysctl_error(t, () => kernel.sysctl('kern.ipc.maxsockbuf', 256 + 2048 - 1)).errno, EINVAL);
  t.is(kernel.sysctl('kern.ipc.maxsockbuf'), 262144);
  t.is(kernel.sysctl('kern.ipc.maxsockbuf', 256 + 2048), 262144);
  t.is(kernel.sysctl('kern.ipc.maxsockbuf'), 2304);
});

test('a failed sysctl write leaves every sysctl as it was', (t) => {
  fc.assert(
    fc.property(
      fc.constantFrom('kern.ipc.zero_copy.send', 'kern.ipc.zero_copy.receive', 'kern.ostype', 'kern.ipc', 'kern.hostname', 'kern.ipc.maxsockbuf', 'no.such'),
      fc.oneof(fc.string({ maxLength: 300 }), fc.double(), fc.integer()),
      (name, value) => {
        const kernel = boot(ZC);
        const before = kernel.sysctlList();
        try {
          kernel.sysctl(name, value);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          if (JSON.stringify(kernel.sysctlList()) !== JSON.stringify(before)) throw new Error(`${name} changed on failure`);
        }
      },
    ),
    { numRuns: 200 },
  );
  t.pass();
});

test('reading a node rather than a leaf fails with EISDIR', (t) => {
  const error = sysctl_error(t, () => boot().sysctl('kern.ipc'));
  t.is(error.errno, EISDIR);
  t.is(error.message, 'sysctl("kern.ipc"): EISDIR (Is a directory)');
});

test('kern.ipc.zero_copy is absent without options ZERO_COPY_SOCKETS', (t) => {
  const kernel = boot(GENERIC);
  for (const name of ['kern.ipc.zero_copy.send', 'kern.ipc.zero_copy.receive', 'kern.ipc.zero_copy']) {
    t.is(sysctl_error(t, () => kernel.sysctl(name)).errno, ENOENT);
  }
  t.is(sysctl_error(t, () => kernel.sysctlList('kern.ipc.zero_copy')).errno, ENOENT);
  t.false(so_zero_copy_send(kernel));
});

test('kern.ipc.zero_copy.send and .receive default to 1 with ZERO_COPY_SOCKETS', (t) => {
  const kernel = boot(ZC);
  t.is(kernel.sysctl('kern.ipc.zero_copy.send'), 1);
  t.is(kernel.sysctl('kern.ipc.zero_copy.receive'), 1);
  t.is(kernel.sysctlDescr('kern.ipc.zero_copy.send'), 'Enable zero copy send');
  t.true(so_zero_copy_send(kernel));
});

test('sysctl write returns the old value and the new one reads back', (t) => {
  const kernel = boot(ZC);
  t.is(kernel.sysctl('kern.ipc.zero_copy.send', 0), 1);
  t.is(kernel.sysctl('kern.ipc.zero_copy.send'), 0);
  t.false(so_zero_copy_send(kernel));
  t.is(kernel.sysctl('kern.ipc.zero_copy.receive'), 1, 'the other half is untouched');
  t.is(kernel.sysctl('kern.hostname', 'ns1.example.org'), '');
  t.is(kernel.sysctl('kern.hostname'), 'ns1.example.org');
});

test('two kernels do not share sysctl state', (t) => {
  const a: Kernel = boot(ZC);
  const b: Kernel = boot(ZC);
  a.sysctl('kern.ipc.zero_copy.send', 0);
  t.is(b.sysctl('kern.ipc.zero_copy.send'), 1);
});

test('sysctl -a lists leaves in OID order, as sysctl(8) prints them', (t) => {
  const lines = boot(LINT).sysctlList();
  t.deepEqual(lines.slice(0, 4), ['kern.ostype: FreeBSD', 'kern.osrelease: 5.0-CURRENT', 'kern.osrevision: 199506', 'kern.hostname: ']);
  t.true(lines.includes('kern.ident: LINT'));
  t.true(lines.includes('hw.machine: i386'));
  t.true(lines.includes('hw.pagesize: 4096'));
  t.true(lines.includes('hw.ncpu: 1'));
  t.true(lines.indexOf('kern.ipc.nmbclusters: 1024') < lines.indexOf('kern.ipc.zero_copy.receive: 1'));
  t.true(lines.findIndex((l) => l.startsWith('kern.')) < lines.findIndex((l) => l.startsWith('hw.')));
});

test('sysctl kern.ipc lists only that subtree; a leaf lists itself', (t) => {
  const kernel = boot(ZC);
  t.deepEqual(kernel.sysctlList('kern.ipc'), [
    'kern.ipc.maxsockbuf: 262144',
    'kern.ipc.nmbclusters: 9216',
    'kern.ipc.nmbufs: 18432',
    'kern.ipc.nmbcnt: 11776',
    'kern.ipc.nsfbufs: 2560',
    'kern.ipc.mbuf_wait: 64',
    'kern.ipc.mbuf_hiwm: 512',
    'kern.ipc.mbuf_lowm: 128',
    'kern.ipc.clust_hiwm: 128',
    'kern.ipc.clust_lowm: 16',
    'kern.ipc.zero_copy.receive: 1',
    'kern.ipc.zero_copy.send: 1',
  ]);
  t.deepEqual(kernel.sysctlList('hw.pagesize'), ['hw.pagesize: 4096']);
});

test('kern.ipc.nmbclusters is 1024 + 64 * maxusers unless NMBCLUSTERS is set', (t) => {
  t.is(boot().sysctl('kern.maxusers'), 128); // maxusers 0: sized from 256 MB
  t.is(boot().sysctl('kern.ipc.nmbclusters'), 1024 + 64 * 128);
  t.is(boot(GENERIC.replace('maxusers\t0', 'maxusers\t32')).sysctl('kern.ipc.nmbclusters'), 1024 + 64 * 32);
  t.is(boot(LINT).sysctl('kern.ipc.nmbclusters'), 1024);
});

test('sysctl_register_oid numbers OID_AUTO entries from 100 and rejects duplicates', (t) => {
  const tree = new SysctlTree();
  tree.node('', 1, 'kern', CTLFLAG_RW, '');
  tree.int('kern', OID_AUTO, 'b', CTLFLAG_RW, { value: 2 }, '');
  tree.int('kern', 5, 'a', CTLFLAG_RW, { value: 1 }, '');
  t.deepEqual(tree.nametomib('kern.b'), [1, 100]);
  t.deepEqual(tree.list(), ['kern.a: 1', 'kern.b: 2']);
  t.throws(() => tree.int('kern', OID_AUTO, 'a', CTLFLAG_RW, { value: 3 }, ''));
  t.throws(() => tree.int('nope', OID_AUTO, 'c', CTLFLAG_RW, { value: 3 }, ''));
});
