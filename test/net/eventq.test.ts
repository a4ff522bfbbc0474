// The Simulation's event queue: deterministic order, never early, FIFO for
// equal times, cancellation, run limits, and the zero-time livelock guard.

import test from 'ava';
import fc from 'fast-check';
import { Simulation, SIM_MAX_EVENTS_PER_NS } from 'zcsim';

// A schedule: top-level events at given times, each of which may schedule a
// child some delay later (0 allowed: same nanosecond) and cancel another.
const schedule = fc.array(
  fc.record({
    at: fc.integer({ min: 0, max: 50 }),
    child: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    cancel: fc.option(fc.nat(40), { nil: undefined }),
  }),
  { maxLength: 40 },
);

type Log = { id: string; at: number; now: number }[];

function play(s: { at: number; child: number | undefined; cancel: number | undefined }[]): Log {
  const sim = new Simulation();
  const log: Log = [];
  const evs = s.map((e, i) =>
    sim.schedule_at(e.at, () => {
      log.push({ id: `e${i}`, at: e.at, now: sim.now_ns });
      if (e.child !== undefined) {
        const at = sim.now_ns + e.child;
        sim.schedule_after(e.child, () => log.push({ id: `c${i}`, at, now: sim.now_ns }));
      }
      if (e.cancel !== undefined) {
        const victim = evs[e.cancel];
        if (victim !== undefined) sim.cancel(victim);
      }
    }),
  );
  sim.runUntilIdle();
  return log;
}

test('the event queue runs a random schedule in the same order every time', (t) => {
  fc.assert(fc.property(schedule, (s) => JSON.stringify(play(s)) === JSON.stringify(play(s))));
  t.pass();
});

test('no event runs before its time, and time never goes backwards', (t) => {
  fc.assert(
    fc.property(schedule, (s) => {
      const log = play(s);
      return log.every((e, i) => e.now === e.at && (i === 0 || (log[i - 1] as Log[number]).now <= e.now));
    }),
  );
  t.pass();
});

test('events for the same nanosecond run in the order they were scheduled', (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (times) => {
      const sim = new Simulation();
      const order: number[] = [];
      times.forEach((at, i) => sim.schedule_at(at, () => order.push(i)));
      sim.runUntilIdle();
      const expected = times.map((at, i) => [at, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
      return JSON.stringify(order) === JSON.stringify(expected);
    }),
  );
  t.pass();
});

test('cancel stops an event once; a cancelled or finished event cannot be cancelled again', (t) => {
  const sim = new Simulation();
  let ran = 0;
  const a = sim.schedule_at(10, () => ran++);
  const b = sim.schedule_at(20, () => ran++);
  t.true(sim.cancel(a));
  t.false(sim.cancel(a));
  t.is(sim.pending, 1);
  sim.runUntilIdle();
  t.is(ran, 1);
  t.false(sim.cancel(b));
  t.is(sim.now_ns, 20);
});

test('runUntil runs what is due and moves the clock to the limit; runUntilIdle reports a limit stop', (t) => {
  const sim = new Simulation();
  const seen: number[] = [];
  for (const at of [5, 10, 15, 30]) sim.schedule_at(at, () => seen.push(at));
  t.is(sim.runUntil(12), 2);
  t.is(sim.now_ns, 12);
  t.false(sim.runUntilIdle(20));
  t.is(sim.now_ns, 20);
  t.deepEqual(seen, [5, 10, 15]);
  t.is(sim.next_event_ns(), 30);
  t.true(sim.runUntilIdle());
  t.is(sim.now_ns, 30);
});

test('scheduling in the past or at a fractional time is refused', (t) => {
  const sim = new Simulation();
  sim.runUntil(100);
  t.throws(() => sim.schedule_at(99, () => {}), { instanceOf: RangeError });
  t.throws(() => sim.schedule_after(0.5, () => {}), { instanceOf: RangeError });
  t.throws(() => sim.runUntil(50), { instanceOf: RangeError });
});

test('a loop of zero-time events is reported instead of hanging', (t) => {
  const sim = new Simulation();
  const again = (): void => void sim.schedule_after(0, again);
  sim.schedule_at(7, again);
  const err = t.throws(() => sim.runUntilIdle(), { instanceOf: Error });
  t.regex(err?.message ?? '', new RegExp(`more than ${SIM_MAX_EVENTS_PER_NS} events at t=7 ns`));
});

test('step runs one event at a time, for a scheduler that settles promises between events', (t) => {
  const sim = new Simulation();
  const seen: number[] = [];
  sim.schedule_at(3, () => seen.push(3));
  sim.schedule_at(9, () => seen.push(9));
  t.true(sim.step());
  t.deepEqual(seen, [3]);
  t.false(sim.step(8));
  t.is(sim.now_ns, 3);
  t.true(sim.step(9));
  t.false(sim.step());
});
