// options MSIZE: the size of an mbuf, 256 bytes unless the kernel says
// otherwise. Everything an mbuf holds follows from it: MLEN bytes of data in
// a plain mbuf, MHLEN in one with a packet header, and MINCLSIZE, the write
// size from which sosend() puts data in a cluster instead.
import { boot, GENERIC, ConfigError, m_gethdr, m_copyback, m_freem, M_DONTWAIT, MT_DATA } from 'zcsim';

const message = new Uint8Array(400).fill(0x61); // a 400-byte record

const col = (v: number | string, w: number) => String(v).padStart(w);
console.log(`${col('MSIZE', 5)} ${col('MLEN', 5)} ${col('MHLEN', 5)} ${col('MINCLSIZE', 9)}  mbufs m_copyback adds for 400 bytes`);
for (const msize of [128, 256, 512, 1024]) {
  const kernel = boot(`${GENERIC}options MSIZE=${msize}\n`);
  const { MSIZE, MLEN, MHLEN, MINCLSIZE } = kernel.param;

  // m_copyback grows an empty packet header mbuf with plain mbufs of MLEN bytes.
  const m = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
  if (m === null) throw new Error('no mbufs');
  m_copyback(m, 0, message.length, message);
  const lens: number[] = [];
  for (let n = m.m_next; n !== null; n = n.m_next) lens.push(n.m_len);
  m_freem(m);

  console.log(`${col(MSIZE, 5)} ${col(MLEN, 5)} ${col(MHLEN, 5)} ${col(MINCLSIZE, 9)}  ${lens.join(' + ')}`);
}

// dtom() finds an mbuf's start by masking an address with ~(MSIZE - 1), so
// MSIZE must be a power of two; config(8) also keeps it within range.
for (const bad of ['384', '64', '2048']) {
  try {
    boot(`${GENERIC}options MSIZE=${bad}\n`, { file: 'MYKERNEL' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.log(e.message);
  }
}
