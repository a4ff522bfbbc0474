// The calibration the model has to earn: every target figure is reproduced
// within the tolerance stated for it, by a run whose conditions match the
// measurement; the sensitivity table says which rows test the model.
import test from 'ava';
import { CALIBRATION_TARGETS, CONTEXT_FIGURES, judge, receiver_packet_pct, run_calibration } from '../../src/bench/calibration.ts';
import { COST_GROUPS, scaled_costs } from '../../src/bench/cost_groups.ts';
import { PUBLISHED } from '../../src/bench/published.ts';
import { scenario_problems, ScenarioRuns, type ScenarioResult } from '../../src/bench/scenario.ts';
import { run_sensitivity } from '../../src/bench/sensitivity.ts';
import { MACHINE_CLASSES } from '../../src/kernel/index.ts';

// Long enough for slow start to be a small part of the run (the build's length).
const SECONDS = 0.25;
const runs = new ScenarioRuns();

test('every published figure is either a target or shown for context with a reason; each target is a valid scenario', (t) => {
  const ids = [...CALIBRATION_TARGETS.map((x) => x.figure.id), ...CONTEXT_FIGURES.map((x) => x.figure.id)];
  t.deepEqual([...new Set(ids)].sort(), PUBLISHED.map((f) => f.id).sort());
  for (const x of CALIBRATION_TARGETS) {
    t.deepEqual(scenario_problems(x.scenario), [], x.figure.id);
    t.not(x.conditions, '');
  }
  for (const c of CONTEXT_FIGURES) t.not(c.why_not, '');
  // Duke measured the P-II and the Alpha shares with every checksum in software; the Alteon and 2002 runs had the Tigon's offload.
  const sw = CALIBRATION_TARGETS.filter((x) => !x.scenario.hw_cksum).map((x) => x.figure.id);
  t.deepEqual(sw, ['duke-pii-copy', 'duke-pii-zc', 'duke-share-1500', 'duke-share-8k']);
});

test('the model reproduces every target within its tolerance', async (t) => {
  const c = await run_calibration({ run_length_s: SECONDS, runs });
  for (const r of c.rows) {
    t.log(`${r.target.figure.id}: published ${r.target.figure.value}, model ${r.model.toFixed(1)} (${r.diff.toFixed(1)} ${r.diff_unit})`);
    t.true(r.pass, `${r.target.figure.id}: ${r.model.toFixed(1)} against ${r.target.figure.value}`);
    t.true(r.result.throughput_mbps <= r.result.wire_limit_mbps, r.target.figure.id);
  }
});

test('judge: percent for rates, points for shares of CPU, the tolerance inclusive', (t) => {
  const [mbps, , cpu] = CALIBRATION_TARGETS as [typeof CALIBRATION_TARGETS[0], unknown, typeof CALIBRATION_TARGETS[0]];
  t.deepEqual(judge(mbps, 986), { diff: 0, diff_unit: '%', pass: true });
  t.false(judge(mbps, 970).pass);
  t.is(cpu.figure.id, 'duke-alpha-gige-cpu');
  t.deepEqual(judge(cpu, 25), { diff: 5, diff_unit: 'points', pass: true });
  t.false(judge(cpu, 25.5).pass);
});

test('receiver_packet_pct: interrupt, driver and protocol time over all the receiver\'s busy time', (t) => {
  const r = { receiver_cpu_by_category_pct: { copy: 30, protocol: 20, driver: 15, interrupt: 5, checksum: 10, syscall: 0 } } as unknown as ScenarioResult;
  t.is(receiver_packet_pct(r), 50);
});

test('scaled_costs doubles durations, halves rates and the bus\'s efficiency (capped at 1); bad groups and factors are refused', (t) => {
  const p = MACHINE_CLASSES.PII_450;
  const o = scaled_costs(p, { per_packet: 2, copy: 2, pci: 0.5 });
  t.is(o.tcp_input_ns, 2 * p.tcp_input_ns);
  t.is(o.memcpy_bytes_per_s, p.memcpy_bytes_per_s / 2);
  t.is(o.pci_dma_efficiency, 1);
  t.throws(() => scaled_costs(p, { wire: 2 } as never), { instanceOf: RangeError, message: /no group "wire"/ });
  t.throws(() => scaled_costs(p, { copy: 0 }), { instanceOf: RangeError });
  const all = COST_GROUPS.flatMap((g) => g.params);
  t.is(new Set(all).size, all.length, 'no parameter in two groups');
});

test('sensitivity: the headline moves with no cost parameter (the wire sets it); the copy and P-II rows move with the copy rate and the bus', async (t) => {
  const s = await run_sensitivity({ run_length_s: SECONDS, runs });
  const row = (id: string) => s.rows.find((r) => r.id === id) ?? t.fail(`no row ${id}`);
  const cell = (id: string, group: string, factor: number) => row(id)?.cells.find((c) => c.group === group && c.factor === factor)?.mbps_change_pct ?? NaN;
  t.true(row('headline')?.tests_nothing);
  t.false(row('copy')?.tests_nothing);
  t.true(cell('copy', 'copy', 2) < -10, 'a copy twice as dear slows the copying P-III');
  t.true(cell('pii-zc', 'pci', 2) < -30, 'a bus twice as slow slows the bus-bound P-II');
  t.true(Math.abs(cell('pii-zc', 'copy', 2)) < 1, 'zero copy does not care what a copy costs');
  t.true(cell('pii-copy', 'copy', 2) < -30);
});
