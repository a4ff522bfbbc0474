// One socket suite under every kernel configuration (zero copy off, send
// only, receive only, both; ti(4) at MTU 1500 and 9000, em(4) at 1500): the
// bytes each reader receives are the same everywhere, as they were at each
// write(2); only the counters differ. Afterwards nothing is left on loan,
// wired or COW-marked, and every pool is back where it started.

import test from 'ava';
import { MAP_ANON, MAP_SHARED, PROT_READ, PROT_WRITE, write, zc_counters, type Proc, type ZcCounters } from 'zcsim';
import { CONFIGS, concat, pattern, pools, stray_pages, transfer, zcnet, type WriterBody, type ZcConfig } from './helpers.ts';

interface Case {
  readonly name: string;
  readonly expected: Uint8Array;
  readonly writer: WriterBody;
  readonly rsize?: number;
  readonly roff?: number;
}

async function write_all(p: Proc, s: number, buf: number, len: number): Promise<void> {
  let done = 0;
  while (done < len) done += await write(p, s, buf + done, len - done);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const bulk = pattern(256 * 1024, 1);
const odd = pattern(70_000, 2);
const oddSizes = [5000, 100, 12288, 7777, 40000, 4835];
const blocks = Array.from({ length: 12 }, (_, i) => pattern(16384, 10 + i));
const shared = [pattern(16384, 30), pattern(16384, 31)];

const CASES: readonly Case[] = [
  {
    name: 'page-aligned bulk writes',
    expected: bulk,
    writer: async (p, s) => {
      const buf = p.valloc(bulk.length);
      p.poke(buf, bulk);
      for (let off = 0; off < bulk.length; off += 32768) await write_all(p, s, buf + off, 32768);
    },
  },
  {
    name: 'misaligned writes of odd sizes into a misaligned reader',
    expected: odd,
    rsize: 3000,
    roff: 100,
    writer: async (p, s) => {
      const buf = p.valloc(odd.length + 4096) + 100;
      p.poke(buf, odd);
      let off = 0;
      for (const n of oddSizes) {
        await write_all(p, s, buf + off, n);
        off += n;
      }
    },
  },
  {
    name: 'a buffer overwritten right after each write',
    expected: concat(blocks),
    writer: async (p, s) => {
      const buf = p.valloc(16384);
      for (const b of blocks) {
        p.poke(buf, b);
        await write_all(p, s, buf, b.length);
      }
      p.memset(buf, 0xee, 16384); // after the last write too: must not reach the wire
    },
  },
  {
    name: 'a MAP_SHARED page written by a forked sharer while in flight',
    expected: concat(shared),
    writer: async (p, s) => {
      const [v0, v1] = shared as [Uint8Array, Uint8Array];
      const buf = p.mmap(0, 16384, PROT_READ | PROT_WRITE, MAP_ANON | MAP_SHARED);
      p.poke(buf, v0);
      const go = deferred();
      const pid = p.fork(async (c) => {
        await go.promise;
        c.poke(buf, v1);
      });
      await write_all(p, s, buf, 16384);
      go.resolve();
      await p.waitpid(pid);
      await write_all(p, s, buf, 16384); // now the sharer's bytes
    },
  },
  {
    name: 'private memory written by parent and child after fork',
    expected: concat([blocks[0] as Uint8Array, blocks[1] as Uint8Array]),
    writer: async (p, s) => {
      const buf = p.valloc(16384);
      p.poke(buf, blocks[0] as Uint8Array);
      const pid = p.fork(async (c) => {
        c.memset(buf, 0x77, 16384); // the child's copy; never sent
      });
      await write_all(p, s, buf, 16384);
      p.poke(buf, blocks[1] as Uint8Array);
      await write_all(p, s, buf, 16384);
      await p.waitpid(pid);
    },
  },
];

const totals = new Map<string, { w: ZcCounters; r: ZcCounters }>();

function add(c: ZcConfig, w: ZcCounters, r: ZcCounters): void {
  const t = totals.get(c.name) ?? { w: zc_counters_zero(), r: zc_counters_zero() };
  for (const k of Object.keys(w) as (keyof ZcCounters)[]) {
    t.w[k] += w[k];
    t.r[k] += r[k];
  }
  totals.set(c.name, t);
}

function zc_counters_zero(): ZcCounters {
  return { pages_loaned: 0, pages_flipped: 0, bytes_copied_send: 0, bytes_copied_receive: 0, cow_faults: 0 };
}

for (const c of CONFIGS) {
  test.serial(`${c.name}: every case delivers the bytes as they were at each write, and gives everything back`, async (t) => {
    for (const k of CASES) {
      const n = zcnet(c);
      const r = await transfer(n, k.writer, { ...(k.rsize === undefined ? {} : { rsize: k.rsize }), ...(k.roff === undefined ? {} : { roff: k.roff }) });
      t.is(r.received.length, k.expected.length, k.name);
      t.true(Buffer.from(r.received).equals(Buffer.from(k.expected)), `${k.name}: bytes differ`);
      t.deepEqual(stray_pages(n.a), [], `${k.name}: writer's machine`);
      t.deepEqual(stray_pages(n.b), [], `${k.name}: reader's machine`);
      t.deepEqual(pools(n.a), n.base.a, `${k.name}: writer's pools`);
      t.deepEqual(pools(n.b), n.base.b, `${k.name}: reader's pools`);
      add(c, zc_counters(r.writer), zc_counters(r.reader));
    }
  });
}

test.serial('only the counters differ: loans with the send half, flips only with the receive half on a header-splitting MTU 9000 link', (t) => {
  for (const c of CONFIGS) {
    const x = totals.get(c.name);
    if (x === undefined) return t.fail(`${c.name} did not run`);
    t.is(x.w.pages_loaned > 0, c.send, `${c.name}: loans`);
    t.is(x.r.pages_flipped > 0, c.receive && c.mtu > 4096 && c.nic === 'ti', `${c.name}: flips`);
    if (!c.send) t.is(x.w.cow_faults, 0, `${c.name}: no COW faults without loans`);
  }
  const both = totals.get('ti mtu 9000 both');
  t.true((both?.w.cow_faults ?? 0) > 0, 'overwriting a loaned buffer costs COW faults');
});
