// The Internet checksum over an mbuf chain.
// Mirrors sys/i386/i386/in_cksum.c (FreeBSD 5.0); the word arithmetic is
// libkern/inet_cksum.ts, re-exported here under the same names.
//
// How to use:
//   th_sum = in_cksum_fold(in_pseudo(src, dst, len + IPPROTO_TCP) + in_cksum_mbuf(m, off, len))
// in_cksum_mbuf walks an mbuf chain and copes with mbufs of odd length by
// byte-swapping the partial sums, as the C code does; the returned partial
// sum is unfolded, so sums of several pieces can be added before folding.
// The CPU cost is the caller's to charge (cksum_ns of the cost model).

import { m_storage, type mbuf } from '../sys/mbuf.ts';
import { in_cksum_add, in_cksum_fold } from '../libkern/inet_cksum.ts';

export { in_cksum_add, in_cksum_fold, in_cksum_hdr, in_cksum_reduce, in_pseudo } from '../libkern/inet_cksum.ts';

/** in_cksum_skip: the checksum (complemented) of bytes skip..len of chain `m`. */
export function in_cksum_skip(m: mbuf, len: number, skip: number): number {
  return in_cksum_fold(in_cksum_mbuf(m, skip, len - skip));
}

// Swaps the bytes of a 16-bit-folded value: the sum of a piece that starts at an odd offset.
function swab16(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ((sum & 0xff) << 8) | (sum >> 8);
}

/** The unfolded sum of `len` bytes of chain `m` from offset `off`. */
export function in_cksum_mbuf(m: mbuf | null, off: number, len: number): number {
  while (m !== null && off >= m.m_len) {
    off -= m.m_len;
    m = m.m_next;
  }
  let sum = 0;
  let odd = false; // the bytes so far are an odd count: the next piece starts mid-word
  for (; m !== null && len > 0; m = m.m_next, off = 0) {
    const n = Math.min(m.m_len - off, len);
    if (n <= 0) continue;
    const part = in_cksum_add(0, m_storage(m), m.m_data + off, n);
    sum += odd ? swab16(part) : part;
    if ((n & 1) !== 0) odd = !odd;
    len -= n;
  }
  return sum;
}
