import test from 'ava';
import {
  EXT_CLUSTER,
  EXT_DISPOSABLE,
  EXT_NET_DRV,
  EXT_SFBUF,
  EXT_SOCOW,
  M_DONTWAIT,
  M_EXT,
  M_PKTHDR,
  M_RDONLY,
  M_TRYWAIT,
  M_WRITABLE,
  MT_DATA,
  MT_HEADER,
  MT_OOBDATA,
  m_chtype,
  m_clget,
  m_copym,
  m_extadd,
  m_free,
  m_freem,
  m_get,
  m_getcl,
  m_gethdr,
  mb_inuse,
  mb_statpcpu,
  mbstat_get,
  mtod,
  type mbuf,
} from 'zcsim';
import { KernelPanic } from '../../src/kernel/kern/kern_shutdown.ts';
import { kernel_with, pattern } from './helpers.ts';

function types_total(kernel: Parameters<typeof mb_statpcpu>[0], type: number): number {
  return mb_statpcpu(kernel).reduce((n, p) => n + (p.mb_mbtypes[type] ?? 0), 0);
}

test('m_gethdr sets M_PKTHDR and a clean header; m_free returns the mbuf to its pool', (t) => {
  const kernel = kernel_with();
  const m = m_gethdr(kernel, M_DONTWAIT, MT_HEADER);
  if (m === null) return t.fail();
  t.is(m.m_flags, M_PKTHDR);
  t.is(m.m_type, MT_HEADER);
  t.deepEqual([m.m_len, m.m_pkthdr.len, m.m_next, m.m_nextpkt, m.m_pkthdr.rcvif], [0, 0, null, null, null]);
  t.deepEqual(mb_inuse(kernel), { mbufs: 1, clusters: 0 });
  t.is(types_total(kernel, MT_HEADER), 1);
  t.is(m_free(m), null);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
  t.is(types_total(kernel, MT_HEADER), 0);
});

test('m_free of an mbuf already freed panics instead of corrupting the pool', (t) => {
  const kernel = kernel_with();
  const m = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (m === null) return t.fail();
  m_free(m);
  t.throws(() => m_free(m), { instanceOf: KernelPanic, message: 'panic: m_free: mbuf already free' });
});

test('m_chtype moves the mbuf between the per-type counts', (t) => {
  const kernel = kernel_with();
  const m = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (m === null) return t.fail();
  m_chtype(m, MT_OOBDATA);
  t.is(types_total(kernel, MT_DATA), 0);
  t.is(types_total(kernel, MT_OOBDATA), 1);
  m_free(m);
  t.is(types_total(kernel, MT_OOBDATA), 0);
});

test('m_copym shares a cluster and m_freem of both copies frees it once', (t) => {
  const kernel = kernel_with();
  const m = m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (m === null) return t.fail();
  m.m_len = m.m_pkthdr.len = 1000;
  mtod(m).set(pattern(1000));
  const n = m_copym(m, 100, 500, M_DONTWAIT);
  if (n === null) return t.fail();
  t.is(n.m_ext.ext_buf, m.m_ext.ext_buf); // same storage, not a copy
  t.is(n.m_ext.ref_cnt, m.m_ext.ref_cnt);
  t.is(m.m_ext.ref_cnt.value, 2);
  t.false(M_WRITABLE(m));
  t.deepEqual(mtod(n), pattern(1000).subarray(100, 600));
  t.deepEqual(mb_inuse(kernel), { mbufs: 2, clusters: 1 });
  m_freem(m);
  t.is(n.m_ext.ref_cnt.value, 1);
  t.true(M_WRITABLE(n));
  t.deepEqual(mb_inuse(kernel), { mbufs: 1, clusters: 1 });
  m_freem(n);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('MEXTADD storage: the free routine runs once, with its args, when the last reference goes', (t) => {
  const kernel = kernel_with();
  const page = new Uint8Array(4096);
  const calls: [Uint8Array, string][] = [];
  const m = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
  if (m === null) return t.fail();
  m_extadd(m, page, 4096, (buf, args: string) => calls.push([buf, args]), 'sf_buf 7', M_RDONLY, EXT_SOCOW);
  t.is(m.m_flags, M_PKTHDR | M_EXT | M_RDONLY);
  t.is(m.m_ext.ext_type, EXT_SFBUF); // 5.0's socow_setup used EXT_SFBUF
  t.false(M_WRITABLE(m));
  m.m_len = m.m_pkthdr.len = 4096;
  const copies = [m_copym(m, 0, 1000, M_DONTWAIT), m_copym(m, 1000, 3096, M_DONTWAIT)];
  t.is(m.m_ext.ref_cnt.value, 3);
  m_freem(m);
  for (const c of copies) {
    t.is(calls.length, 0);
    m_freem(c);
  }
  t.deepEqual(calls, [[page, 'sf_buf 7']]);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('MEXTADD takes EXT_NET_DRV and EXT_DISPOSABLE storage of any size', (t) => {
  const kernel = kernel_with();
  let freed = 0;
  for (const [type, size] of [[EXT_NET_DRV, 9018], [EXT_DISPOSABLE, 4096]] as const) {
    const m = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (m === null) return t.fail();
    m_extadd(m, new Uint8Array(size), size, () => freed++, null, 0, type);
    t.is(m.m_ext.ext_size, size);
    t.true(M_WRITABLE(m));
    m_free(m);
  }
  t.is(freed, 2);
});

test('MEXTADD with EXT_CLUSTER re-attaches a cluster and shares its reference count', (t) => {
  const kernel = kernel_with();
  const a = m_getcl(kernel, M_DONTWAIT, MT_DATA, 0);
  const b = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (a === null || b === null) return t.fail();
  m_extadd(b, a.m_ext.ext_buf, a.m_ext.ext_size, null, null, 0, EXT_CLUSTER);
  t.is(a.m_ext.ref_cnt.value, 2);
  m_free(a);
  t.deepEqual(mb_inuse(kernel), { mbufs: 1, clusters: 1 });
  m_free(b);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('MCLGET fails with no cluster when kern.ipc.nmbclusters is reached and counts the denial', (t) => {
  const kernel = kernel_with('options NMBCLUSTERS=512\n');
  t.is(kernel.sysctl('kern.ipc.nmbclusters'), 512);
  const held: mbuf[] = [];
  for (let i = 0; i < 512; i++) {
    const m = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (m === null) return t.fail();
    m_clget(m, M_DONTWAIT);
    t.true((m.m_flags & M_EXT) !== 0);
    held.push(m);
  }
  const m = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (m === null) return t.fail();
  m_clget(m, M_DONTWAIT);
  t.is(m.m_flags & M_EXT, 0); // MCLGET failed: the caller sees no M_EXT
  t.is(m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR), null);
  t.is(mbstat_get(kernel).m_drops, 2);
  t.is(mbstat_get(kernel).m_drain, 0);
  t.true(kernel.dmesg.includes('All mbufs or mbuf clusters exhausted, please see tuning(7).'));
  // M_TRYWAIT drains the protocols first, then (never sleeping) gives up.
  m_clget(m, M_TRYWAIT);
  t.is(m.m_flags & M_EXT, 0);
  t.deepEqual([mbstat_get(kernel).m_drops, mbstat_get(kernel).m_drain], [3, 1]);
  // Freeing one makes the next MCLGET succeed.
  m_freem(held.pop() ?? null);
  m_clget(m, M_DONTWAIT);
  t.true((m.m_flags & M_EXT) !== 0);
  held.push(m);
  held.forEach((h) => m_freem(h));
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('m_get returns null once kern.ipc.nmbufs mbufs are out (nmbufs = 2 * nmbclusters)', (t) => {
  const kernel = kernel_with('options NMBCLUSTERS=512\n');
  t.is(kernel.sysctl('kern.ipc.nmbufs'), 1024);
  const held: mbuf[] = [];
  for (let m = m_get(kernel, M_DONTWAIT, MT_DATA); m !== null; m = m_get(kernel, M_DONTWAIT, MT_DATA)) held.push(m);
  t.is(held.length, 1024);
  t.is(m_gethdr(kernel, M_TRYWAIT, MT_DATA), null);
  t.is(mbstat_get(kernel).m_drops, 2);
  held.forEach((m) => m_free(m));
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
  t.not(m_get(kernel, M_DONTWAIT, MT_DATA), null);
});

test('frees above kern.ipc.mbuf_hiwm move buckets from the CPU cache to the GEN cache', (t) => {
  const kernel = kernel_with();
  kernel.sysctl('kern.ipc.mbuf_hiwm', 40);
  const held: mbuf[] = [];
  for (let i = 0; i < 200; i++) {
    const m = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (m === null) return t.fail();
    held.push(m);
  }
  held.forEach((m) => m_free(m));
  const [cpu0, gen] = mb_statpcpu(kernel);
  if (cpu0 === undefined || gen === undefined) return t.fail();
  t.true(gen.mb_mbbucks > 0);
  t.true(cpu0.mb_mbfree <= 40 + 32);
  t.is(gen.mb_mbfree, gen.mb_mbbucks * 32); // all of GEN's mbufs are free
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
  // and the next allocations take buckets back from GEN
  for (let i = 0; i < 200; i++) t.not(m_get(kernel, M_DONTWAIT, MT_DATA), null);
  t.is(mb_inuse(kernel).mbufs, 200);
  t.is(mbstat_get(kernel).m_drops, 0);
});
