// Property: whatever the buffer's size and alignment, whenever the writer
// (or a forked sharer of its memory) overwrites it, whatever the wire
// loses, the reader gets exactly the bytes the buffer held at each write(2),
// under every kernel configuration; and afterwards no page is on loan,
// wired by the socket code or COW-marked, and every pool is whole.

import test from 'ava';
import fc from 'fast-check';
import { MAP_ANON, MAP_SHARED, PROT_READ, PROT_WRITE, write, zc_counters, type Proc } from 'zcsim';
import { CONFIGS, concat, pattern, pools, stray_pages, transfer, zcnet } from './helpers.ts';

type Op =
  | { readonly kind: 'write'; readonly start: number; readonly len: number }
  | { readonly kind: 'overwrite'; readonly start: number; readonly len: number; readonly seed: number; readonly by: 'self' | 'child' };

const MAX_BUF = 40_000;

const opArb = fc.oneof(
  // Page multiples are weighted up so that writes that can be lent are common.
  fc.record({
    kind: fc.constant('write' as const),
    start: fc.oneof(fc.nat(MAX_BUF - 1), fc.nat(9).map((i) => i * 4096)),
    len: fc.oneof(fc.integer({ min: 1, max: MAX_BUF }), fc.integer({ min: 1, max: 9 }).map((i) => i * 4096)),
  }),
  fc.record({
    kind: fc.constant('overwrite' as const), start: fc.nat(MAX_BUF - 1), len: fc.integer({ min: 1, max: 9000 }), seed: fc.nat(1000),
    by: fc.constantFrom('self' as const, 'child' as const),
  }),
);

async function write_all(p: Proc, s: number, buf: number, len: number): Promise<void> {
  let done = 0;
  while (done < len) done += await write(p, s, buf + done, len - done);
}

test('the reader gets the bytes as they were at each write, under random sizes, alignments, overwrites, sharing and loss', async (t) => {
  const seen = { loaned: 0, flipped: 0, cow_faults: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CONFIGS),
      fc.integer({ min: 4096, max: MAX_BUF }), // buffer size
      fc.constantFrom(0, 0, 0, 1, 100, 2048, 4095), // buffer offset past a page boundary
      fc.boolean(), // MAP_SHARED (a child's writes are seen) or private memory
      fc.array(opArb, { minLength: 1, maxLength: 8 }),
      fc.constantFrom(0, 0, 0.01, 0.03), // loss
      fc.integer({ min: 1, max: 1000 }), // wire seed
      fc.constantFrom(4096, 8192, 65536), // read size
      async (c, size, off, shared, ops, loss, seed, rsize) => {
        const model = pattern(size, seed);
        const expected: Uint8Array[] = [];
        const n = zcnet(c, { loss, seed });
        const r = await transfer(n, async (p, s) => {
          const base = shared ? p.mmap(0, size + off, PROT_READ | PROT_WRITE, MAP_ANON | MAP_SHARED) : p.valloc(size + off);
          const buf = base + off;
          p.poke(buf, model);
          for (const op of ops) {
            const start = op.start % size;
            const len = Math.min(op.len, size - start);
            if (op.kind === 'write') {
              expected.push(model.slice(start, start + len));
              await write_all(p, s, buf + start, len);
            } else {
              const bytes = pattern(len, op.seed);
              if (op.by === 'self') {
                p.poke(buf + start, bytes);
                model.set(bytes, start);
              } else {
                const pid = p.fork(async (ch) => {
                  ch.poke(buf + start, bytes);
                });
                await p.waitpid(pid);
                if (shared) model.set(bytes, start);
              }
            }
          }
        }, { rsize });
        const want = concat(expected);
        t.is(r.received.length, want.length);
        t.true(Buffer.from(r.received).equals(Buffer.from(want)), `${c.name}: bytes differ`);
        t.deepEqual(stray_pages(n.a), []);
        t.deepEqual(stray_pages(n.b), []);
        t.deepEqual(pools(n.a), n.base.a);
        t.deepEqual(pools(n.b), n.base.b);
        seen.loaned += zc_counters(r.writer).pages_loaned;
        seen.cow_faults += zc_counters(r.writer).cow_faults;
        seen.flipped += zc_counters(r.reader).pages_flipped;
      },
    ),
    { numRuns: 30, seed: 5005 },
  );
  // The runs must have exercised the zero copy paths, not only the copies.
  t.true(seen.loaned > 0 && seen.flipped > 0, JSON.stringify(seen));
  t.log(JSON.stringify(seen));
});
