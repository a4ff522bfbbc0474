// The Internet checksum (RFC 1071): one's complement sum of 16-bit words.
// Mirrors sys/i386/i386/in_cksum.c and in_pseudo() (FreeBSD 5.0).
//
// How to use:
//   ip_sum = in_cksum_hdr(hdr20)                    // an IP header; 0 when verifying a good one
//   th_sum = in_cksum_fold(in_pseudo(src, dst, len + IPPROTO_TCP) + in_cksum_mbuf(m, off, len))
// in_cksum_mbuf walks an mbuf chain and copes with mbufs of odd length by
// byte-swapping the partial sums, as the C code does; the returned partial
// sum is unfolded, so sums of several pieces can be added before folding.
// The CPU cost is the caller's to charge (cksum_ns of the cost model).

import { mtod, type mbuf } from '../sys/mbuf.ts';

/** Adds the bytes b[off, off+len) as big-endian 16-bit words to `sum` (unfolded). */
export function in_cksum_add(sum: number, b: Uint8Array, off: number, len: number): number {
  const end = off + (len & ~1);
  let s = 0;
  let i = off;
  // Eight bytes per turn keeps the loop short; the partial sum stays far below 2^53.
  for (; i + 8 <= end; i += 8) {
    s += ((b[i] as number) << 8) + (b[i + 1] as number) + ((b[i + 2] as number) << 8) + (b[i + 3] as number) +
      ((b[i + 4] as number) << 8) + (b[i + 5] as number) + ((b[i + 6] as number) << 8) + (b[i + 7] as number);
  }
  for (; i < end; i += 2) s += ((b[i] as number) << 8) + (b[i + 1] as number);
  if ((len & 1) !== 0) s += (b[off + len - 1] as number) << 8;
  return sum + s;
}

/** Folds an unfolded sum to 16 bits and complements it: the checksum field's value. */
export function in_cksum_fold(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** The checksum of a 20-byte IP header (0 when checking one whose sum is right). */
export function in_cksum_hdr(b: Uint8Array): number {
  return in_cksum_fold(in_cksum_add(0, b, 0, 20));
}

/** in_pseudo: the unfolded sum of the pseudo-header: src, dst and (length + protocol). */
export function in_pseudo(src: number, dst: number, lenproto: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + lenproto;
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
    const part = in_cksum_add(0, mtod(m), off, n);
    sum += odd ? swab16(part) : part;
    if ((n & 1) !== 0) odd = !odd;
    len -= n;
  }
  return sum;
}
