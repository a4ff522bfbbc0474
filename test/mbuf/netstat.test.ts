import test from 'ava';
import { M_DONTWAIT, MT_DATA, MT_HEADER, m_clget, m_freem, m_get, m_gethdr, netstat_m, type Kernel, type mbuf } from 'zcsim';
import { kernel_with } from './helpers.ts';

// A packet: a header mbuf with a cluster and three small mbufs behind it.
function small_allocation(kernel: Kernel): mbuf {
  const m = m_gethdr(kernel, M_DONTWAIT, MT_HEADER);
  if (m === null) throw new Error('no mbuf');
  m_clget(m, M_DONTWAIT);
  let tail = m;
  for (let i = 0; i < 3; i++) {
    const n = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (n === null) throw new Error('no mbuf');
    tail.m_next = n;
    tail = n;
  }
  return m;
}

test('netstat -m on GENERIC after a small allocation, in the mb_alloc format', (t) => {
  const kernel = kernel_with();
  const m = small_allocation(kernel);
  t.deepEqual(netstat_m(kernel), [
    'mbuf usage:',
    '\tGEN cache:\t0/0 (in use/in pool)',
    '\tCPU #0 cache:\t4/64 (in use/in pool)',
    '\tTotal:\t\t4/64 (in use/in pool)',
    '\tMbuf cache high watermark: 512',
    '\tMaximum possible: 18432',
    '\tAllocated mbuf types:',
    '\t  3 mbufs allocated to data',
    '\t  1 mbufs allocated to packet headers',
    '\t0% of mbuf map consumed',
    'mbuf cluster usage:',
    '\tGEN cache:\t0/0 (in use/in pool)',
    '\tCPU #0 cache:\t1/64 (in use/in pool)',
    '\tTotal:\t\t1/64 (in use/in pool)',
    '\tCluster cache high watermark: 128',
    '\tMaximum possible: 9216',
    '\t0% of cluster map consumed',
    '144 KBytes of wired memory reserved (2% in use)',
    '0 requests for memory denied',
    '0 requests for memory delayed',
    '0 calls to protocol drain routines',
  ]);
  m_freem(m);
  t.true(netstat_m(kernel).includes('\tTotal:\t\t0/64 (in use/in pool)'));
});

test('netstat -m follows MSIZE and MCLSHIFT: fewer objects per bucket, more bytes in use', (t) => {
  const kernel = kernel_with('options MSIZE=512\noptions MCLSHIFT=12\n');
  const m = small_allocation(kernel);
  const out = netstat_m(kernel);
  t.is(out[2], '\tCPU #0 cache:\t4/32 (in use/in pool)');
  t.is(out[12], '\tCPU #0 cache:\t1/32 (in use/in pool)');
  // (4 * 512 + 1 * 4096) * 100 / 147456 = 4%
  t.is(out[17], '144 KBytes of wired memory reserved (4% in use)');
  m_freem(m);
});

test('netstat -m: the wired memory grows with the pool and never shrinks', (t) => {
  const kernel = kernel_with('options MSIZE=512\n');
  const held: mbuf[] = [];
  for (let i = 0; i < 100; i++) {
    const m = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (m === null) return t.fail();
    held.push(m);
  }
  held.forEach((m) => m_freem(m));
  // 100 mbufs of 512 bytes take 7 buckets of 16 (7 * 8 KB) beside the 128 KB of clusters.
  t.true(netstat_m(kernel).includes('184 KBytes of wired memory reserved (0% in use)'));
});

test('netstat -m counts requests for memory denied and calls to protocol drain routines', (t) => {
  const kernel = kernel_with('options NMBCLUSTERS=512\n');
  const held: mbuf[] = [];
  for (let m = m_get(kernel, M_DONTWAIT, MT_DATA); m !== null; m = m_get(kernel, M_DONTWAIT, MT_DATA)) held.push(m);
  t.is(m_get(kernel, 0 /* M_TRYWAIT */, MT_DATA), null);
  const out = netstat_m(kernel);
  t.true(out.includes('\tTotal:\t\t1024/1024 (in use/in pool)'));
  t.true(out.includes('\t100% of mbuf map consumed'));
  t.true(out.includes('2 requests for memory denied'));
  t.true(out.includes('1 calls to protocol drain routines'));
  held.forEach((m) => m_freem(m));
});
