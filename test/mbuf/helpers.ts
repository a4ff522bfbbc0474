// Shared helpers for the mbuf tests: build chains from bytes, read them back.

import { boot, GENERIC, m_copydata, m_get, m_gethdr, m_length, M_DONTWAIT, MT_DATA, mtod, type Kernel, type mbuf } from 'zcsim';

/** A GENERIC kernel, optionally with extra config lines. */
export function kernel_with(extra = ''): Kernel {
  return boot(GENERIC + extra);
}

/** Bytes 0..n-1 offset by `seed`, so different buffers differ. */
export function pattern(n: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
}

/** Every data byte of the chain, via m_copydata. */
export function chain_bytes(m: mbuf | null): Uint8Array {
  if (m === null) return new Uint8Array(0);
  const out = new Uint8Array(m_length(m));
  m_copydata(m, 0, out.length, out);
  return out;
}

/** A packet-header chain of small mbufs holding `data` (MHLEN bytes in the first, MLEN after). */
export function small_chain(kernel: Kernel, data: Uint8Array): mbuf {
  const head = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
  if (head === null) throw new Error('no mbuf');
  let m = head;
  let at = 0;
  for (;;) {
    const room = m === head ? kernel.param.MHLEN : kernel.param.MLEN;
    m.m_len = Math.min(room, data.length - at);
    mtod(m).set(data.subarray(at, at + m.m_len));
    at += m.m_len;
    if (at === data.length) break;
    const n = m_get(kernel, M_DONTWAIT, MT_DATA);
    if (n === null) throw new Error('no mbuf');
    m.m_next = n;
    m = n;
  }
  head.m_pkthdr.len = data.length;
  return head;
}

/** The m_len of each mbuf in the chain. */
export function lens(m: mbuf | null): number[] {
  const out: number[] = [];
  for (; m !== null; m = m.m_next) out.push(m.m_len);
  return out;
}
