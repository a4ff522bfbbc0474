// Test data that differs from buffer to buffer: a byte stream from a linear
// congruential generator, so a byte out of place or a stale page shows.

/** Bytes 0..n-1 of a pattern that depends on `seed`. */
export function pattern(n: number, seed = 0): Uint8Array {
  const b = new Uint8Array(n);
  let x = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}
