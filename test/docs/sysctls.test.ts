// The sysctl reference page's data is what a booted kernel reports. The
// plugin walks the tree with SysctlTree.oids(); these tests ask a fresh
// kernel through sysctl(3)'s own calls instead (read, write, list, describe)
// and compare, so a walker that skipped, invented or misread a node fails.
import test from 'ava';
import path from 'node:path';
import { boot, GENERIC, LINT, EISDIR, ENOENT, EPERM, type Kernel } from 'zcsim';
import { loadZcsimContent } from '../../src/plugins/zcsim-content.ts';
import { SYSCTL_REFERENCE_CONFIG, bootReferenceKernel, sysctlAccess, sysctlTypeName, type SysctlRow } from '../../src/plugins/sysctl-reference.ts';
import { CTLFLAG_RD, CTLFLAG_RW, CTLTYPE_INT, CTLTYPE_NODE } from '../../src/kernel/sys/sysctl.ts';
import { errno_of as errno } from '../lib/errno.ts';

const root = path.resolve(import.meta.dirname, '../..');
const rows: readonly SysctlRow[] = loadZcsimContent(root).sysctls;

test('the reference lists exactly the leaves sysctl -a prints, with the same values', (t) => {
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  const listed = kernel.sysctlList().map((line) => {
    const at = line.indexOf(': ');
    return [line.slice(0, at), line.slice(at + 2)] as const;
  });
  const leaves = rows.filter((r) => r.value !== null).map((r) => [r.name, r.value ?? ''] as const);
  t.deepEqual(leaves, listed);
  t.true(leaves.length > 50, `${leaves.length} leaves`);
});

test('every row has the description sysctl -d gives, nodes included', (t) => {
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  for (const r of rows) t.is(r.descr, kernel.sysctlDescr(r.name), r.name);
});

test('nodes are exactly the names that read as EISDIR, and have no value', (t) => {
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  for (const r of rows) {
    const e = errno(() => kernel.sysctl(r.name));
    t.is(r.type === 'node', e === EISDIR, r.name);
    t.is(r.type === 'node', r.value === null, r.name);
  }
});

test('RD leaves refuse a write with EPERM and RW leaves take their own value back', (t) => {
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  for (const r of rows.filter((x) => x.value !== null)) {
    const current = kernel.sysctl(r.name);
    const e = errno(() => kernel.sysctl(r.name, current));
    t.is(e, r.access === 'RD' ? EPERM : 0, `${r.name} is ${r.access}`);
  }
});

test('integer rows hold numbers and string rows hold strings', (t) => {
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  for (const r of rows.filter((x) => x.value !== null)) {
    const v = kernel.sysctl(r.name);
    t.is(typeof v, r.type === 'string' ? 'string' : 'number', r.name);
    if (r.type === 'unsigned long') t.true(typeof v === 'number' && v >= 0, r.name);
  }
});

test('the zero copy switches are in the reference, read-write, 1 after boot', (t) => {
  for (const name of ['kern.ipc.zero_copy.send', 'kern.ipc.zero_copy.receive']) {
    const r = rows.find((x) => x.name === name);
    t.deepEqual(r && { type: r.type, access: r.access, value: r.value }, { type: 'integer', access: 'RW', value: '1' }, name);
  }
  t.is(rows.find((x) => x.name === 'kern.ipc.zero_copy')?.type, 'node');
});

test('no other configuration has a sysctl the reference lacks', (t) => {
  const reference = new Set(rows.map((r) => r.name));
  const others: [string, () => Kernel][] = [
    ['GENERIC', () => boot(GENERIC)],
    ['LINT', () => boot(LINT, { nics: ['ti', 'em'] })],
    ['GENERIC + ZERO_COPY_SOCKETS + TI_PRIVATE_JUMBOS', () => boot(`${GENERIC}options ZERO_COPY_SOCKETS\noptions TI_PRIVATE_JUMBOS\n`, { nics: ['ti'] })],
    ['GENERIC + MSIZE, MCLSHIFT, MAXMEM', () => boot(`${GENERIC}options MSIZE=512\noptions MCLSHIFT=12\noptions MAXMEM=65536\n`, { nics: ['ti-tigon1', 'ti-copper'] })],
  ];
  for (const [what, make] of others) {
    const missing = make().sysctls.oids().map((o) => o.name).filter((n) => !reference.has(n));
    t.deepEqual(missing, [], what);
  }
  // And the reference really needs ZERO_COPY_SOCKETS: without it the node is gone.
  t.is(errno(() => boot(GENERIC).sysctl('kern.ipc.zero_copy.send')), ENOENT);
});

test('SysctlTree.oids walks nodes before their children, in OID order, and knows prefixes', (t) => {
  const tree = bootReferenceKernel().sysctls;
  const all = tree.oids().map((o) => o.name);
  for (const [i, name] of all.entries()) {
    const parent = name.split('.').slice(0, -1).join('.');
    if (parent !== '') t.true(all.indexOf(parent) < i, `${parent} before ${name}`);
  }
  t.deepEqual(tree.oids('kern.ipc.zero_copy').map((o) => o.name), ['kern.ipc.zero_copy', 'kern.ipc.zero_copy.receive', 'kern.ipc.zero_copy.send']);
  t.deepEqual(
    tree.oids('kern.ipc.zero_copy').map((o) => tree.nametomib(o.name).at(-1)),
    [...tree.oids('kern.ipc.zero_copy').map((o) => tree.nametomib(o.name).at(-1))].sort((a, b) => (a ?? 0) - (b ?? 0)),
  );
  t.is(errno(() => tree.oids('kern.nosuch')), ENOENT);
  const kind = tree.oids('kern.ipc.zero_copy.send')[0]?.kind ?? 0;
  t.is(sysctlTypeName(kind), 'integer');
  t.is(sysctlAccess(kind), 'RW');
});

test('sysctl types and access flags are named as sysctl(8) names them', (t) => {
  t.is(sysctlTypeName(CTLTYPE_NODE | CTLFLAG_RW), 'node');
  t.is(sysctlTypeName(CTLTYPE_INT | CTLFLAG_RD), 'integer');
  t.is(sysctlAccess(CTLTYPE_INT | CTLFLAG_RD), 'RD');
  t.is(sysctlAccess(CTLTYPE_INT | CTLFLAG_RW), 'RW');
  t.throws(() => sysctlTypeName(5), { message: /no name for CTLTYPE 5/ });
});
