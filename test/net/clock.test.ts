// Kernel time on the virtual clock: ticks at hz = 100, callouts on tick
// boundaries, and the precise and per-tick time reads.

import test from 'ava';
import {
  boot,
  callout,
  callout_active,
  callout_deactivate,
  callout_pending,
  callout_reset,
  callout_stop,
  getmicrotime,
  getnanouptime,
  hz,
  microtime,
  nanouptime,
  sim_of,
  Simulation,
  tick_ns,
  ticks,
  BOOTTIME_SEC,
} from 'zcsim';

test('hz is 100, as in FreeBSD 5.0, so a tick is 10 ms', (t) => {
  t.is(hz, 100);
  t.is(tick_ns, 10_000_000);
});

test('callout_reset fires on the tick boundary n ticks after the current tick', (t) => {
  const kernel = boot();
  const sim = sim_of(kernel);
  sim.runUntil(25_000_000); // 2.5 ticks after boot
  const fired: number[] = [];
  const c = new callout(kernel);
  callout_reset(c, 3, (tag: string) => fired.push(sim.now_ns) && t.is(tag, 'rexmt'), 'rexmt');
  t.true(callout_pending(c));
  t.true(callout_active(c));
  sim.runUntilIdle();
  t.deepEqual(fired, [50_000_000]); // tick 2 + 3 = tick 5
  t.false(callout_pending(c));
  t.true(callout_active(c)); // still active until stopped or deactivated
  callout_deactivate(c);
  t.false(callout_active(c));
});

test('callout_reset of a pending callout moves it; zero ticks means one', (t) => {
  const kernel = boot();
  const sim = sim_of(kernel);
  const fired: number[] = [];
  const c = new callout(kernel);
  callout_reset(c, 10, () => fired.push(sim.now_ns), null);
  callout_reset(c, 0, () => fired.push(sim.now_ns), null);
  sim.runUntilIdle();
  t.deepEqual(fired, [tick_ns]);
});

test('callout_stop returns 1 for a pending callout and 0 after it fired', (t) => {
  const kernel = boot();
  const sim = sim_of(kernel);
  let n = 0;
  const c = new callout(kernel);
  callout_reset(c, 2, () => n++, null);
  t.is(callout_stop(c), 1);
  sim.runUntilIdle();
  t.is(n, 0);
  callout_reset(c, 1, () => n++, null);
  sim.runUntilIdle();
  t.is(n, 1);
  t.is(callout_stop(c), 0);
  t.false(callout_active(c));
});

test('a handler may re-arm its own callout, as TCP timers do', (t) => {
  const kernel = boot();
  const sim = sim_of(kernel);
  const c = new callout(kernel);
  const at: number[] = [];
  const tick = (): void => {
    at.push(ticks(kernel));
    if (at.length < 3) callout_reset(c, 5, tick, null);
  };
  callout_reset(c, 5, tick, null);
  sim.runUntilIdle();
  t.deepEqual(at, [5, 10, 15]);
});

test('uptime counts from each kernel boot; get* reads are as of the last tick', (t) => {
  const sim = new Simulation();
  const a = boot(undefined, { sim });
  sim.runUntil(1_234_567_891);
  const b = boot(undefined, { sim });
  sim.runUntil(1_300_000_000);
  t.deepEqual(nanouptime(a), { tv_sec: 1, tv_nsec: 300_000_000 });
  t.deepEqual(nanouptime(b), { tv_sec: 0, tv_nsec: 65_432_109 });
  t.deepEqual(getnanouptime(b), { tv_sec: 0, tv_nsec: 60_000_000 });
  t.deepEqual(microtime(a), { tv_sec: BOOTTIME_SEC + 1, tv_usec: 300_000 });
  t.is(getmicrotime(b).tv_usec, 60_000);
  t.is(ticks(a), 130);
  t.is(ticks(b), 6);
});
