// in_cksum_add's word-at-a-time path must agree with the plain RFC 1071 sum
// for every alignment, length and content.
import test from 'ava';
import fc from 'fast-check';
import { in_cksum_add, in_cksum_fold } from '../../src/kernel/netinet/in_cksum.ts';

// The definition: big-endian 16-bit words, one's complement sum.
function reference(b: Uint8Array, off: number, len: number): number {
  let s = 0;
  for (let i = 0; i + 1 < len; i += 2) s += ((b[off + i] as number) << 8) | (b[off + i + 1] as number);
  if (len & 1) s += (b[off + len - 1] as number) << 8;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

test('in_cksum_add equals the RFC 1071 definition at any offset and length', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 9100 }), fc.nat(), fc.nat(), (bytes, a, b) => {
      const off = bytes.length === 0 ? 0 : a % bytes.length;
      const len = bytes.length - off === 0 ? 0 : b % (bytes.length - off + 1);
      return in_cksum_fold(in_cksum_add(0, bytes, off, len)) === reference(bytes, off, len);
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('all-zero and all-ones data keep their distinct checksums', (t) => {
  const zeros = new Uint8Array(4096);
  const ones = new Uint8Array(4096).fill(0xff);
  t.is(in_cksum_fold(in_cksum_add(0, zeros, 0, 4096)), 0xffff);
  t.is(in_cksum_fold(in_cksum_add(0, ones, 0, 4096)), reference(ones, 0, 4096));
  t.is(in_cksum_fold(in_cksum_add(0, ones, 0, 4096)), 0);
});
