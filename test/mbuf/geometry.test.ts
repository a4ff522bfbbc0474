import test from 'ava';
import {
  CLUST_BUCK_SZ,
  M_DONTWAIT,
  M_EXT,
  M_PKTDAT_OFFSET,
  MBUF_BUCK_SZ,
  MT_DATA,
  M_TRAILINGSPACE,
  m_clget,
  m_freem,
  m_get,
  m_gethdr,
  mbstat_get,
} from 'zcsim';
import { kernel_with } from './helpers.ts';

test('MSIZE=512 MCLSHIFT=12 gives MLEN/MHLEN/MCLBYTES as the real headers derive them', (t) => {
  const kernel = kernel_with('options MSIZE=512\noptions MCLSHIFT=12\n');
  const s = mbstat_get(kernel);
  // MLEN = MSIZE - sizeof(struct m_hdr) (20); MHLEN = MLEN - sizeof(struct pkthdr) (44).
  t.deepEqual([s.m_msize, s.m_mclbytes, s.m_mlen, s.m_mhlen, s.m_minclsize], [512, 4096, 492, 448, 449]);
  t.is(s.m_mbperbuck, MBUF_BUCK_SZ / 512);
  t.is(s.m_clperbuck, CLUST_BUCK_SZ / 4096);
});

test('m_get gives MLEN real bytes of room, m_gethdr MHLEN, m_clget MCLBYTES', (t) => {
  for (const [extra, mlen, mhlen, mclbytes] of [
    ['', 236, 192, 2048],
    ['options MSIZE=512\noptions MCLSHIFT=12\n', 492, 448, 4096],
  ] as const) {
    const kernel = kernel_with(extra);
    const m = m_get(kernel, M_DONTWAIT, MT_DATA);
    const h = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
    const c = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
    if (m === null || h === null || c === null) return t.fail('allocation failed');
    t.is(m.m_dat.length, mlen);
    t.is(M_TRAILINGSPACE(m), mlen);
    t.is(M_TRAILINGSPACE(h), mhlen);
    t.is(h.m_data, M_PKTDAT_OFFSET);
    m_clget(c, M_DONTWAIT);
    t.true((c.m_flags & M_EXT) !== 0);
    t.is(c.m_ext.ext_size, mclbytes);
    t.is(c.m_ext.ext_buf.length, mclbytes);
    t.is(M_TRAILINGSPACE(c), mclbytes);
    m_freem(m);
    m_freem(h);
    m_freem(c);
  }
});

test('an mbuf\'s data area lies in its MSIZE bytes of bucket memory, after the 20-byte m_hdr', (t) => {
  const kernel = kernel_with();
  const a = m_get(kernel, M_DONTWAIT, MT_DATA);
  const b = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (a === null || b === null) return t.fail('allocation failed');
  t.is(a.m_dat.buffer, b.m_dat.buffer); // same bucket
  t.is(Math.abs(a.m_dat.byteOffset - b.m_dat.byteOffset), 256);
  t.is(a.m_dat.byteOffset % 256, 20);
  m_freem(a);
  m_freem(b);
});
