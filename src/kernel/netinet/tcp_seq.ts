// TCP sequence number arithmetic, modulo 2^32.
// Mirrors sys/netinet/tcp_seq.h (FreeBSD 5.0).
//
// Sequence numbers are unsigned 32-bit values kept in JavaScript numbers
// in [0, 2^32). Compare them only with these (a < b is wrong across the
// wrap) and add with seq_add.

export function SEQ_LT(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}
export function SEQ_LEQ(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}
export function SEQ_GT(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
export function SEQ_GEQ(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
/** a + n, wrapped to 32 bits. */
export function seq_add(a: number, n: number): number {
  return (a + n) >>> 0;
}
/** a - b as a signed 32-bit distance. */
export function seq_sub(a: number, b: number): number {
  return (a - b) | 0;
}
/** Timestamp comparison (RFC 1323): also modulo 2^32. */
export const TSTMP_LT = SEQ_LT;
export const TSTMP_GEQ = SEQ_GEQ;
