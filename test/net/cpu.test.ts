// The CPU in virtual time: work is serialised, a saturated CPU falls behind
// linearly, time is accounted by category, and the cost model is sane.

import test from 'ava';
import {
  boot,
  copy_ns,
  cow_fault_ns,
  cpu_charge,
  cpu_of,
  cpu_run,
  cpu_snapshot,
  cpu_usage,
  DEFAULT_MACHINE_CLASS,
  machine_costs,
  MACHINE_CLASSES,
  sim_of,
  Simulation,
  type CostModel,
} from 'zcsim';

test('work submitted to an idle CPU completes after its cost; queued work waits for the CPU', (t) => {
  const k = boot();
  t.is(cpu_charge(k, 'protocol', 1000), 1000);
  t.is(cpu_charge(k, 'copy', 500), 1500);
  sim_of(k).runUntil(10_000);
  t.is(cpu_charge(k, 'syscall', 100), 10_100);
  t.is(cpu_of(k).backlog_ns, 100);
});

test('a CPU given work faster than it can do it falls behind linearly', (t) => {
  const k = boot();
  const sim = sim_of(k);
  const cost = 3_000; // ns per item
  const every = 2_000; // ns between submissions: 1.5x overload
  const done: number[] = [];
  for (let i = 0; i < 100; i++) sim.schedule_at(i * every, () => void cpu_run(k, 'copy', cost, () => done.push(sim.now_ns)));
  sim.runUntilIdle();
  done.forEach((at, i) => t.is(at, (i + 1) * cost)); // completion = max(t, free) + cost
  const lag = done.map((at, i) => at - i * every);
  t.is(lag[99]! - lag[98]!, cost - every); // the lag grows by the excess per item
  t.is(lag[50]! - lag[0]!, 50 * (cost - every));
});

test('a CPU with less work than time keeps up: completion is submission plus cost', (t) => {
  const k = boot();
  const sim = sim_of(k);
  const done: number[] = [];
  for (let i = 0; i < 20; i++) sim.schedule_at(i * 5_000, () => void cpu_run(k, 'protocol', 4_000, () => done.push(sim.now_ns)));
  sim.runUntilIdle();
  done.forEach((at, i) => t.is(at, i * 5_000 + 4_000));
});

test('utilisation over an interval is reported by category, with idle the rest', (t) => {
  const k = boot();
  const sim = sim_of(k);
  sim.schedule_at(0, () => {
    cpu_charge(k, 'copy', 3_000);
    cpu_charge(k, 'interrupt', 1_000);
  });
  sim.schedule_at(6_000, () => void cpu_charge(k, 'protocol', 2_000));
  sim.runUntil(0);
  const t0 = cpu_snapshot(k);
  sim.runUntil(2_000); // partway through the copy
  t.is(cpu_snapshot(k).busy_ns.copy, 2_000);
  sim.runUntil(10_000);
  const u = cpu_usage(t0, cpu_snapshot(k));
  t.is(u.interval_ns, 10_000);
  t.is(u.busy_ns.copy, 3_000);
  t.is(u.busy_ns.interrupt, 1_000);
  t.is(u.busy_ns.protocol, 2_000);
  t.is(u.idle_ns, 4_000);
  t.is(u.busy_pct, 60);
  t.is(u.util_pct.copy, 30);
});

test('work queued for the future is not counted before it runs', (t) => {
  const k = boot();
  cpu_charge(k, 'vm', 5_000);
  const s = cpu_snapshot(k);
  t.is(s.busy_ns.vm, 0);
  t.is(cpu_of(k).submitted_ns.vm, 5_000);
});

test('negative or fractional costs are refused', (t) => {
  const k = boot();
  t.throws(() => cpu_charge(k, 'copy', -1), { instanceOf: RangeError });
  t.throws(() => cpu_charge(k, 'copy', 1.5), { instanceOf: RangeError });
});

test('boot selects the machine class; the default is PIII_733; an unknown one is refused', (t) => {
  t.is(machine_costs(boot()).name, DEFAULT_MACHINE_CLASS);
  t.is(DEFAULT_MACHINE_CLASS, 'PIII_733');
  t.is(machine_costs(boot(undefined, { machineClass: 'PII_450' })).clock_hz, 450e6);
  t.is(machine_costs(boot(undefined, { machineClass: 'ALPHA_500' })).name, 'ALPHA_500');
  // @ts-expect-error: not a machine class
  t.throws(() => boot(undefined, { machineClass: 'VAX_780' }), { instanceOf: RangeError, message: /unknown machineClass "VAX_780"/ });
});

test('every machine class has every cost positive, and faster CPUs cost less per packet', (t) => {
  const classes = Object.values(MACHINE_CLASSES) as CostModel[];
  t.true(classes.length >= 2);
  for (const c of classes) {
    for (const [k, v] of Object.entries(c)) if (typeof v === 'number') t.true(v > 0, `${c.name}.${k}`);
  }
  const p2 = MACHINE_CLASSES.PII_450;
  const p3 = MACHINE_CLASSES.PIII_733;
  t.true(p3.tcp_input_ns < p2.tcp_input_ns);
  t.true(p3.memcpy_bytes_per_s > p2.memcpy_bytes_per_s);
});

test('the P-II 450 copies at ~85 MB/s (11.8 ns a byte), leaving room for checksum and packet work within the 450 Mb/s measured', (t) => {
  const c = MACHINE_CLASSES.PII_450;
  const per_byte_ns = copy_ns(c, 1_000_000) / 1_000_000;
  t.is(Math.round(per_byte_ns * 10) / 10, 11.8);
  t.true(8e9 / per_byte_ns / 1e6 > 450); // copy alone allows more than the measured total
  t.is(cow_fault_ns(c, 4096), c.page_fault_ns + copy_ns(c, 4096) + c.page_map_ns + c.tlb_invalidate_ns);
});

test('kernels on one simulation have independent CPUs', (t) => {
  const sim = new Simulation();
  const a = boot(undefined, { sim });
  const b = boot(undefined, { sim });
  cpu_charge(a, 'copy', 1_000);
  t.is(cpu_of(b).backlog_ns, 0);
  t.is(cpu_of(a).backlog_ns, 1_000);
});
