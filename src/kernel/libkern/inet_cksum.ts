// The Internet checksum (RFC 1071) over bytes: one's complement sums of
// 16-bit words. Pure arithmetic with no kernel state, shared by the stack
// (netinet/in_cksum.ts adds the walk over an mbuf chain) and the simulated
// boards' checksum engines (hardware/nic_cksum.ts). Mirrors the word
// arithmetic of sys/i386/i386/in_cksum.c and in_pseudo() (FreeBSD 5.0).
//
//   ip_sum = in_cksum_hdr(hdr20)                    // an IP header; 0 when verifying a good one
//   th_sum = in_cksum_fold(in_pseudo(src, dst, len + IPPROTO_TCP) + in_cksum_add(0, b, off, len))
/** Below this many bytes (headers, options) the byte loop beats making a Uint32Array view. */
const CKSUM_WORDS_MIN_BYTES = 64;

/**
 * Adds the bytes b[off, off+len) as big-endian 16-bit words to `sum`. The
 * result is unfolded but only its value modulo 0xffff is meaningful (plus
 * whether it is zero): that is all in_cksum_fold looks at.
 */
export function in_cksum_add(sum: number, b: Uint8Array, off: number, len: number): number {
  if (len < CKSUM_WORDS_MIN_BYTES) return sum + cksum_bytes(b, off, len);
  const misalign = (b.byteOffset + off) & 3;
  if (misalign === 0) return sum + cksum_words(b, off, len);
  // Two bytes off (an IP packet behind a 14-byte Ethernet header): one
  // 16-bit word by hand, then aligned words; both parts start on an even
  // offset, so their sums simply add.
  if (misalign === 2) return sum + cksum_bytes(b, off, 2) + cksum_words(b, off + 2, len - 2);
  return sum + cksum_bytes(b, off, len);
}

// Byte by byte, big-endian pairs: any alignment, short pieces.
function cksum_bytes(b: Uint8Array, off: number, len: number): number {
  const end = off + (len & ~1);
  let s = 0;
  let i = off;
  for (; i < end; i += 2) s += ((b[i] as number) << 8) + (b[i + 1] as number);
  if ((len & 1) !== 0) s += (b[off + len - 1] as number) << 8;
  return s;
}

// Four bytes at a time through a Uint32Array: the one's complement sum is
// the sum modulo 0xffff, and 2^16 = 1 modulo 0xffff, so a 32-bit word counts
// as its two halves added. The host reads the words little-endian: the
// folded sum then comes out byte-swapped (RFC 1071, "byte order
// independence"), and one swap at the end puts it right.
function cksum_words(b: Uint8Array, off: number, len: number): number {
  const nwords = len >>> 2;
  const w = new Uint32Array(b.buffer, b.byteOffset + off, nwords);
  // Four running sums shorten the chain of dependent adds (about 1.5x on V8).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < nwords; i += 4) {
    s0 += w[i] as number; // each sum stays < 2^53 for any frame
    s1 += w[i + 1] as number;
    s2 += w[i + 2] as number;
    s3 += w[i + 3] as number;
  }
  for (; i < nwords; i++) s0 += w[i] as number;
  const host = fold16(s0 + s1 + s2 + s3);
  const swapped = HOST_LITTLE_ENDIAN ? ((host & 0xff) << 8) | (host >>> 8) : host;
  const tail = nwords << 2;
  return swapped + cksum_bytes(b, off + tail, len - tail);
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Folds to 16 bits keeping the one's complement value (0 only for a zero sum).
function fold16(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
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

/**
 * in_pseudo: the sum of the pseudo-header (src, dst and length + protocol),
 * folded to 16 bits but not complemented, as C's in_pseudo returns it: what
 * tcp_output leaves in th_sum for whoever finishes the sum (ip_output's
 * in_delayed_cksum, or the board).
 */
export function in_pseudo(src: number, dst: number, lenproto: number): number {
  return fold16((src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + lenproto);
}

/** Folds an unfolded sum to 16 bits without complementing it (C's REDUCE16). */
export function in_cksum_reduce(sum: number): number {
  return fold16(sum);
}
