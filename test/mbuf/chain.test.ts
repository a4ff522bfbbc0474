import test from 'ava';
import {
  M_COPYALL,
  M_DONTWAIT,
  M_EXT,
  M_PKTHDR,
  M_PREPEND,
  MT_DATA,
  M_WRITABLE,
  m_adj,
  m_cat,
  m_copyback,
  m_copydata,
  m_copym,
  m_dup,
  m_freem,
  m_getcl,
  m_length,
  m_prepend,
  m_pullup,
  m_split,
  mb_inuse,
  mbstat_get,
  mtod,
} from 'zcsim';
import { chain_bytes, kernel_with, lens, pattern, small_chain } from './helpers.ts';

test('m_copym copies small mbufs and sets the copy\'s m_pkthdr.len', (t) => {
  const kernel = kernel_with();
  const data = pattern(600);
  const m = small_chain(kernel, data);
  t.deepEqual(lens(m), [192, 236, 172]);
  const all = m_copym(m, 0, M_COPYALL, M_DONTWAIT);
  const mid = m_copym(m, 150, 300, M_DONTWAIT);
  if (all === null || mid === null) return t.fail();
  t.deepEqual(chain_bytes(all), data);
  t.is(all.m_pkthdr.len, 600);
  t.deepEqual(chain_bytes(mid), data.subarray(150, 450));
  t.is(mid.m_flags & M_PKTHDR, 0); // off > 0: no header copied
  mtod(all)[0] = 0xff; // small mbufs are copies: the original is unchanged
  t.is(mtod(m)[0], data[0]);
  [m, all, mid].forEach((c) => m_freem(c));
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('m_copym of zero bytes returns null and counts m_mcfail', (t) => {
  const kernel = kernel_with();
  const m = small_chain(kernel, pattern(10));
  t.is(m_copym(m, 10, M_COPYALL, M_DONTWAIT), null);
  t.is(mbstat_get(kernel).m_mcfail, 1);
  m_freem(m);
});

test('m_copydata panics when asked for bytes past the end of the chain', (t) => {
  const kernel = kernel_with();
  const m = small_chain(kernel, pattern(10));
  t.throws(() => m_copydata(m, 5, 6, new Uint8Array(6)), { message: /m_copydata, length > size of mbuf chain/ });
  m_freem(m);
});

test('m_copyback overwrites in place and extends the chain with new mbufs', (t) => {
  const kernel = kernel_with();
  const m = small_chain(kernel, pattern(100));
  m_copyback(m, 50, 10, new Uint8Array(10).fill(9));
  const expect = pattern(100);
  expect.fill(9, 50, 60);
  t.deepEqual(chain_bytes(m), expect);
  m_copyback(m, 400, 4, Uint8Array.of(1, 2, 3, 4)); // past the end: zero-filled gap
  const got = chain_bytes(m);
  t.is(got.length, 404);
  t.is(m.m_pkthdr.len, 404);
  t.deepEqual(got.subarray(100, 400), new Uint8Array(300));
  t.deepEqual(got.subarray(400), Uint8Array.of(1, 2, 3, 4));
  m_freem(m);
});

test('m_adj trims from the head with a positive count and from the tail with a negative one', (t) => {
  const kernel = kernel_with();
  const data = pattern(600);
  const m = small_chain(kernel, data);
  m_adj(m, 200); // empties the first mbuf, 8 bytes into the second
  t.deepEqual(lens(m), [0, 228, 172]);
  t.is(m.m_pkthdr.len, 400);
  m_adj(m, -250); // the last mbuf goes, and 78 bytes of the one before
  t.deepEqual(lens(m), [0, 150, 0]);
  t.is(m.m_pkthdr.len, 150);
  t.deepEqual(chain_bytes(m), data.subarray(200, 350));
  m_freem(m);
});

test('m_pullup makes the first len bytes contiguous in the first mbuf', (t) => {
  const kernel = kernel_with();
  const data = pattern(300);
  let m = small_chain(kernel, data);
  m_adj(m, 190); // 2 bytes left in the header mbuf
  const pulled = m_pullup(m, 60);
  if (pulled === null) return t.fail();
  m = pulled;
  t.true(m.m_len >= 60);
  t.is(m.m_flags & M_PKTHDR, M_PKTHDR);
  t.deepEqual(chain_bytes(m), data.subarray(190));
  t.is(m.m_pkthdr.len, 110);
  m_freem(m);
});

test('m_pullup of a cluster head copies into a new header mbuf; too long a pull frees the chain', (t) => {
  const kernel = kernel_with();
  const m = m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (m === null) return t.fail();
  m.m_len = m.m_pkthdr.len = 100;
  mtod(m).set(pattern(100));
  const p = m_pullup(m, 20);
  if (p === null) return t.fail();
  t.is(p.m_flags & M_EXT, 0);
  t.is(p.m_len, 40); // rounded up to max_protohdr
  t.deepEqual(chain_bytes(p), pattern(100));
  t.is(m_pullup(p, kernel.param.MHLEN + 1), null);
  t.is(mbstat_get(kernel).m_mpfail, 1);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('M_PREPEND uses leading space when there is some, else m_prepend adds an mbuf', (t) => {
  const kernel = kernel_with();
  const m = small_chain(kernel, pattern(50));
  m_adj(m, 20); // 20 bytes of leading space now
  const a = M_PREPEND(m, 16, M_DONTWAIT);
  if (a === null) return t.fail();
  t.is(a, m);
  t.deepEqual(lens(a), [46]);
  const b = M_PREPEND(a, 40, M_DONTWAIT);
  if (b === null) return t.fail();
  t.not(b, a);
  t.deepEqual(lens(b), [40, 46]);
  t.is(b.m_pkthdr.len, 86);
  t.is(a.m_flags & M_PKTHDR, 0); // the header moved to the new first mbuf
  t.deepEqual(chain_bytes(b).subarray(56), pattern(50).subarray(20));
  const c = m_prepend(b, 10, M_DONTWAIT); // m_prepend alone leaves m_pkthdr.len
  if (c === null) return t.fail();
  t.is(c.m_pkthdr.len, 86);
  t.is(m_length(c), 96);
  m_freem(c);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('m_cat copies small tails into the last mbuf and links clusters', (t) => {
  const kernel = kernel_with();
  const a = small_chain(kernel, pattern(20, 1));
  const b = small_chain(kernel, pattern(30, 2));
  m_cat(a, b);
  t.deepEqual(lens(a), [50]); // b's data was copied and b freed
  t.deepEqual(mb_inuse(kernel).mbufs, 1);
  const c = m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (c === null) return t.fail();
  c.m_len = 1000;
  mtod(c).set(pattern(1000, 3));
  m_cat(a, c);
  t.deepEqual(lens(a), [50, 1000]);
  t.deepEqual(chain_bytes(a), Uint8Array.from([...pattern(20, 1), ...pattern(30, 2), ...pattern(1000, 3)]));
  m_freem(a);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('m_split of a cluster shares it between the two halves and splits the packet header', (t) => {
  const kernel = kernel_with();
  const m = m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (m === null) return t.fail();
  m.m_len = m.m_pkthdr.len = 1500;
  mtod(m).set(pattern(1500));
  const n = m_split(m, 1000, M_DONTWAIT);
  if (n === null) return t.fail();
  t.is(n.m_ext.ext_buf, m.m_ext.ext_buf);
  t.is(m.m_ext.ref_cnt.value, 2);
  t.false(M_WRITABLE(n));
  t.deepEqual([m.m_pkthdr.len, n.m_pkthdr.len], [1000, 500]);
  t.deepEqual(chain_bytes(m), pattern(1500).subarray(0, 1000));
  t.deepEqual(chain_bytes(n), pattern(1500).subarray(1000));
  m_freem(m);
  m_freem(n);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});

test('m_split of small mbufs copies the cut mbuf\'s tail', (t) => {
  const kernel = kernel_with();
  const data = pattern(600);
  const m = small_chain(kernel, data);
  const n = m_split(m, 300, M_DONTWAIT);
  if (n === null) return t.fail();
  t.deepEqual(lens(m), [192, 108]);
  t.deepEqual(chain_bytes(n), data.subarray(300));
  t.is(n.m_pkthdr.len, 300);
  m_freem(m);
  m_freem(n);
});

test('m_dup makes a deep, writable copy using clusters for large packets', (t) => {
  const kernel = kernel_with();
  const m = m_getcl(kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (m === null) return t.fail();
  m.m_len = m.m_pkthdr.len = 1200;
  mtod(m).set(pattern(1200));
  const d = m_dup(m, M_DONTWAIT);
  if (d === null) return t.fail();
  t.not(d.m_ext.ext_buf, m.m_ext.ext_buf);
  t.true(M_WRITABLE(d) && M_WRITABLE(m));
  t.deepEqual(chain_bytes(d), pattern(1200));
  t.is(d.m_pkthdr.len, 1200);
  m_freem(m);
  m_freem(d);
  t.deepEqual(mb_inuse(kernel), { mbufs: 0, clusters: 0 });
});
