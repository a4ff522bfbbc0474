// The event log and its snapshots: what a picture of a run shows about
// loaned, flipped and copied pages, that it stays bounded, that it changes
// nothing in the run, and that it is off unless asked for.
import test from 'ava';
import {
  kev_active, kev_capture, kev_record_start, kev_record_stop, eventhandler_deregister, eventhandler_register, boot, GENERIC,
  netperf_pair, write, zc_counters, KEV_KINDS, PAGE_SIZE,
  type KernelPicture, type Kernel, type KevEvent, type PageSnapshot, type MachineSnapshot,
} from 'zcsim';
import { net, run_transfer } from './helpers.ts';

// The log is one per host process; ava runs the tests of a file concurrently unless told otherwise.
const serial = test.serial;

function machine(pic: KernelPicture, e: KevEvent, host: string): MachineSnapshot {
  const s = pic.snapshots[e.snapshot];
  if (s === undefined) throw new Error(`event ${e.id} has no snapshot`);
  const m = s.machines.find((x) => x.host === host);
  if (m === undefined) throw new Error(`no machine ${host}`);
  return m;
}

function pages_at(m: MachineSnapshot, comm: string, uva: number, n: number): PageSnapshot[] {
  const p = m.procs.find((x) => x.comm === comm);
  if (p === undefined) throw new Error(`no process ${comm} on ${m.host}`);
  const out: PageSnapshot[] = [];
  for (let i = 0; i < n; i++) {
    const pg = p.pages.find((x) => x.uva === uva + i * PAGE_SIZE);
    if (pg === undefined) throw new Error(`${comm} has no resident page at 0x${(uva + i * PAGE_SIZE).toString(16)}`);
    out.push(pg);
  }
  return out;
}

serial('the log is off by default, and a run without it leaves nothing to see', async (t) => {
  t.is(kev_active(), null);
  const n = net('em');
  const { writer } = await run_transfer(n, 16384, async (p, s, reply) => {
    const buf = p.valloc(16384);
    p.memset(buf, 1, 16384);
    await write(p, s, buf, 16384);
    await reply();
  });
  t.is(zc_counters(writer).pages_loaned, 4, 'zero copy itself works without the log');
  const log = kev_record_start();
  t.is(kev_active(), log);
  const pic = kev_record_stop(log);
  t.is(kev_active(), null);
  t.is(pic.events_seen, 0);
  t.deepEqual(pic.events, []);
  t.deepEqual(pic.snapshots, []);
});

serial('loaned pages are wired and COW-marked while the data is in flight, and given back after the ACKs', async (t) => {
  const log = kev_record_start();
  const n = net('em');
  let buf = 0;
  let after = -1;
  await run_transfer(n, 16384, async (p, s, reply) => {
    buf = p.valloc(16384);
    p.memset(buf, 1, 16384);
    await write(p, s, buf, 16384);
    await reply(); // the reader has everything: every byte was ACKed
    after = kev_capture(n.a);
  });
  const pic = kev_record_stop(log);
  const loan = pic.events.find((e) => e.kind === 'loan');
  if (loan === undefined) return t.fail('no loan event');
  t.is(loan.pages, 4);
  t.is(loan.uva, buf);
  t.regex(loan.text, /^t=\d+\.\d{3} ms a: writer send #1: 4 pages loaned from 0x/);
  const during = pages_at(machine(pic, loan, 'a'), 'writer', buf, 4);
  for (const pg of during) {
    t.is(pg.state, 'on_loan');
    t.true(pg.cow >= 1 && pg.wire_count >= 1);
    t.false(pg.writable, 'a loaned page is write-protected');
  }
  const snd = machine(pic, loan, 'a').sockets.find((so) => so.owners.length > 0 && so.state === 'ESTABLISHED')?.snd;
  t.truthy(snd);
  t.deepEqual(snd?.mbufs.filter((m) => m.storage === 'socow').map((m) => m.loan?.uva), [0, 1, 2, 3].map((i) => buf + i * PAGE_SIZE));

  const returns = pic.events.filter((e) => e.kind === 'loan_return');
  t.is(returns.reduce((k, e) => k + e.pages, 0), 4, 'every loaned page comes back');
  t.true(returns.every((e) => e.t_ns > loan.t_ns));
  const snap = pic.snapshots[after];
  if (snap === undefined) return t.fail('kev_capture took no snapshot');
  const m = snap.machines.find((x) => x.host === 'a') as MachineSnapshot;
  for (const pg of pages_at(m, 'writer', buf, 4)) {
    t.is(pg.state, 'returned');
    t.is(pg.cow, 0);
    t.is(pg.wire_count, 0);
  }
  t.is(m.mbufs.sf_bufs_in_use, 0);
});

serial('a flipped page shows as flipped in the reader, unwired, and the jumbo slot as recycled', async (t) => {
  const log = kev_record_start();
  const n = net('ti');
  const { reader } = await run_transfer(n, 16384, async (p, s, reply) => {
    const buf = p.valloc(16384);
    p.memset(buf, 2, 16384);
    await write(p, s, buf, 16384);
    await reply();
  });
  const pic = kev_record_stop(log);
  const flips = pic.events.filter((e) => e.kind === 'flip');
  t.is(flips.reduce((k, e) => k + e.pages, 0), zc_counters(reader).pages_flipped);
  t.true(flips.length > 0);
  for (const e of flips) {
    t.regex(e.text, /b: reader recv #\d+: \d pages? flipped into 0x/);
    const pgs = pages_at(machine(pic, e, 'b'), 'reader', e.uva, e.pages);
    for (const pg of pgs) {
      t.is(pg.state, 'flipped');
      t.is(pg.wire_count, 0, 'the NIC wiring ends with the flip');
    }
  }
  const last = flips[flips.length - 1] as KevEvent;
  const b = machine(pic, last, 'b');
  const flipped = b.procs.flatMap((p) => p.pages).filter((pg) => pg.state === 'flipped');
  t.is(flipped.length, flips.reduce((k, e) => k + e.pages, 0), 'after the last flip, every flipped page is drawn as flipped');
  t.true(pic.events.some((e) => e.kind === 'jumbo_free' && /page went to a process by a flip/.test(e.text)));
  t.truthy(b.jumbo);
  t.true(b.nics.some((nic) => nic.driver === 'ti' && nic.rings.some((r) => r.name === 'jumbo rx' && r.used > 0)));
});

serial("a copied chunk carries its reason, in the event and on the page", async (t) => {
  const log = kev_record_start();
  const n = net('em');
  let buf = 0;
  await run_transfer(n, 8192, async (p, s, reply) => {
    buf = p.valloc(16384);
    p.memset(buf, 3, 16384);
    await write(p, s, buf + 100, 8192);
    await reply();
  });
  const pic = kev_record_stop(log);
  const copy = pic.events.find((e) => e.kind === 'copy' && e.host === 'a');
  if (copy === undefined) return t.fail('no copy event on a');
  t.deepEqual(copy.reason, { code: 'buf_unaligned', off_bytes: 100 });
  t.regex(copy.text, /a: writer send #1: 6144 bytes copied: buffer not page aligned \(off by 100 bytes\)$/);
  const [pg] = pages_at(machine(pic, copy, 'a'), 'writer', buf, 1);
  t.is(pg?.state, 'copied');
  t.is(pg?.reason, 'buffer not page aligned (off by 100 bytes)');
  t.false(pic.events.some((e) => e.kind === 'loan'), 'nothing was loaned');
});

serial('a page written while on loan is copied by a COW fault, and drawn so', async (t) => {
  const log = kev_record_start();
  const n = net('em');
  let buf = 0;
  await run_transfer(n, 16384, async (p, s, reply) => {
    buf = p.valloc(16384);
    p.memset(buf, 4, 16384);
    await write(p, s, buf, 16384);
    p.memset(buf, 5, 100); // the first page is still on loan
    await reply();
  });
  const pic = kev_record_stop(log);
  const fault = pic.events.find((e) => e.kind === 'cow_fault');
  if (fault === undefined) return t.fail('no COW fault');
  t.is(fault.uva, buf);
  t.regex(fault.text, /writer wrote 0x[0-9a-f]{8} while send #1 still had it on loan: COW fault/);
  const [pg] = pages_at(machine(pic, fault, 'a'), 'writer', buf, 1);
  t.is(pg?.state, 'cow_copied');
  t.is(pg?.cow, 0, 'the process has a fresh copy; the loaned original went to the kernel');
  t.true(pg?.writable);
});

serial('the log changes nothing in the run, and stays bounded over a long netperf run', async (t) => {
  const argv = ['-H', 'b', '-l', '0.05', '--', '-m', '64K', '-s', '128K', '-S', '128K'];
  const config = `${GENERIC}\noptions ZERO_COPY_SOCKETS\noptions TI_JUMBO_HDRSPLIT\n`;
  const opts = { nic: 'ti' as const, mtu: 9000, configA: config, configB: config, argv };
  const plain = await netperf_pair(opts);
  const log = kev_record_start({ max_detailed_events: 200, max_sampled_events: 100, max_snapshots: 10, max_snapshot_takes: 40 });
  const logged = await netperf_pair(opts);
  const pic = kev_record_stop(log);
  t.deepEqual(logged.result, plain.result, 'the same numbers with the log on');
  t.true(pic.events_seen > 2000, `a long run (${pic.events_seen} events)`);
  t.is(pic.events.filter((e) => !e.sampled && e.kind !== 'run_end').length, 200);
  t.true(pic.events_sampled < 100);
  t.true(pic.events.length <= 200 + 100 + pic.runs.length);
  t.true(pic.sample_stride > 8, 'the stride grew as the run went on');
  const sampled = pic.events.filter((e) => e.sampled);
  t.true(sampled.every((e, i) => i === 0 || e.id > (sampled[i - 1] as KevEvent).id));
  t.true(pic.snapshots.length <= 10 + pic.runs.length);
  // Every event is counted, kept or not: totals and buckets agree with events_seen.
  const total = Object.values(pic.totals).reduce((k, v) => k + v.events, 0);
  t.is(total, pic.events_seen);
  const bucketed = pic.runs.flatMap((r) => r.buckets).reduce((k, b) => k + b.counts.reduce((x, y) => x + y, 0), 0);
  t.is(bucketed, pic.events_seen - (pic.totals.run_end?.events ?? 0));
  t.true(pic.runs.every((r) => r.buckets.every((b) => b.counts.length === 100 && KEV_KINDS.includes(b.kind))));
  t.true(pic.runs.every((r) => r.end_ns < r.bucket_ns * 100));
});

serial('a picture is plain data: it survives structured cloning and JSON unchanged', async (t) => {
  const log = kev_record_start();
  await run_transfer(net('ti'), 8192, async (p, s, reply) => {
    const buf = p.valloc(8192);
    p.memset(buf, 6, 8192);
    await write(p, s, buf, 8192);
    await reply();
  });
  const pic = kev_record_stop(log);
  t.true(pic.snapshots.length > 0);
  t.deepEqual(structuredClone(pic), pic);
  t.deepEqual(JSON.parse(JSON.stringify(pic)), pic);
});

serial('kernel_booted handlers see every kernel booted while registered; logs record independently', (t) => {
  const seen: Kernel[] = [];
  const tag = eventhandler_register('kernel_booted', (k) => seen.push(k));
  const k1 = boot(GENERIC);
  t.deepEqual(seen, [k1]);
  t.true(eventhandler_deregister(tag));
  t.false(eventhandler_deregister(tag));
  boot(GENERIC);
  t.is(seen.length, 1);

  // Logs are independent: two can record at once, each watching the kernels booted while it records.
  const log = kev_record_start();
  const k2 = boot(GENERIC, { hostname: 'solo' });
  const other = kev_record_start();
  t.is(kev_active(), other);
  boot(GENERIC, { hostname: 'late' });
  t.deepEqual(kev_record_stop(other).runs.map((r) => r.hosts), [['late']]);
  const pic = kev_record_stop(log);
  t.deepEqual(pic.runs.map((r) => r.hosts), [['solo'], ['late']]); // two Simulations, two runs
  t.not(k2, k1);
  t.throws(() => kev_record_start({ max_sampled_events: 1 }), { instanceOf: RangeError, message: /max_sampled_events/ });
  t.is(kev_active(), null);
});
