// The comparison matrix and its build-time form: every row the issue asks
// for is there, equal scenarios run once and give run_scenario's numbers,
// the model is set against the published figures, and the build's run
// length comes from the environment.
import test from 'ava';
import { COMPARISON_GROUPS, COMPARISON_ROWS, comparison_row, run_comparison, type ComparisonResult } from '../../src/bench/comparison.ts';
import { model_vs_published, PUBLISHED } from '../../src/bench/published.ts';
import { run_scenario, scenario_problems, type ScenarioResult } from '../../src/bench/scenario.ts';
import { zero_copy_mode } from '../../src/bench/zero_copy_mode.ts';
import { benchInputsHash, buildRunLengthS, BUILD_RUN_LENGTH_S } from '../../src/plugins/zcsim-bench.ts';

test('the matrix covers off, send, receive and both at MTU 9000 and 1500, both jumbo options, sub-page and unaligned sends, and the two reuse workloads', (t) => {
  for (const mtu of [9000, 1500]) {
    const modes = COMPARISON_ROWS.filter((r) => r.scenario.mtu === mtu && r.group.startsWith('modes')).map((r) => zero_copy_mode(r.scenario));
    t.deepEqual(modes, ['off', 'send', 'receive', 'both']);
  }
  t.true(COMPARISON_ROWS.some((r) => r.scenario.ti_jumbo_hdrsplit && zero_copy_mode(r.scenario) === 'both'));
  t.true(COMPARISON_ROWS.some((r) => r.scenario.ti_private_jumbos));
  t.true(COMPARISON_ROWS.some((r) => r.scenario.send_size_bytes < 4096));
  t.true(COMPARISON_ROWS.some((r) => r.scenario.send_offset_bytes % 4096 !== 0));
  t.true(COMPARISON_ROWS.some((r) => r.scenario.recv_offset_bytes % 4096 !== 0));
  t.true(COMPARISON_ROWS.some((r) => r.scenario.send_buffers === 1 && r.scenario.dirty_bytes > 0));
  const advised = comparison_row('reuse/advised').scenario;
  t.is(advised.send_buffers * advised.send_size_bytes, 2 * advised.send_socket_bytes, 'zero_copy(9): twice SO_SNDBUF before a buffer is reused');
  for (const r of COMPARISON_ROWS) {
    t.deepEqual(scenario_problems(r.scenario), [], r.id);
    t.true(COMPARISON_GROUPS.some((g) => g.id === r.group), r.id);
  }
  t.is(new Set(COMPARISON_ROWS.map((r) => r.id)).size, COMPARISON_ROWS.length, 'row ids are unique');
  t.throws(() => comparison_row('modes-9000/sometimes'), { message: 'comparison: no row "modes-9000/sometimes"' });
});

test('run_comparison runs an equal scenario once, and its rows carry run_scenario\'s numbers at the given length', async (t) => {
  const ids = ['modes-9000/both', 'jumbo/hdrsplit', 'modes-1500/send'];
  const started: string[] = [];
  const c = await run_comparison({ run_length_s: 0.01, only: ids, on_row: (row) => started.push(row.id) });
  t.deepEqual(started, ['modes-9000/both', 'modes-1500/send'], 'jumbo/hdrsplit is the same scenario as modes-9000/both');
  t.deepEqual(c.rows.map((r) => r.id), ids);
  t.is(c.run_length_s, 0.01);
  for (const row of c.rows) t.is(row.scenario.run_length_s, 0.01);
  t.deepEqual(c.rows[1]?.result, c.rows[0]?.result);
  const direct = await run_scenario({ ...comparison_row('modes-1500/send').scenario, run_length_s: 0.01 });
  t.deepEqual(c.rows[2]?.result, direct);
});

// A comparison made up for the verdicts: only the throughput and wire limit matter.
function fake(rows: Record<string, number>): ComparisonResult {
  return {
    run_length_s: 1,
    rows: Object.entries(rows).map(([id, mbps]) => ({
      ...comparison_row(id),
      result: { throughput_mbps: mbps, wire_limit_mbps: 989.1, sender_cpu_pct: 30, receiver_cpu_pct: 40 } as ScenarioResult,
    })),
  };
}

test('model_vs_published: within 5 % agrees, a figure above the wire is beyond gigabit Ethernet, otherwise higher or lower', (t) => {
  const lines = model_vs_published(fake({ 'modes-9000/both': 980, 'machines/PII_450-off': 600, 'machines/PIII_733-both': 950 }));
  const v = Object.fromEntries(lines.map((l) => [l.figure.id, l.verdict]));
  t.is(v['merry-2002'], 'agrees'); // 980 against 986
  t.is(v['duke-pii-copy'], 'model_higher'); // 600 against 450
  t.is(v['duke-pii-ip-copy'], 'model_lower'); // 600 against 666
  t.is(v['duke-pe4400-ip-zc'], 'beyond_wire'); // 1765 over gigabit Ethernet
  t.is(v['duke-alpha-gige'], undefined, 'no ALPHA_500 row, no line');
  const merry = lines.find((l) => l.figure.id === 'merry-2002');
  t.is(merry?.diff_pct.toFixed(3), ((100 * (980 - 986)) / 986).toFixed(3));
  t.is(merry?.simulated_cpu_pct, 40, 'the busier side');
  t.is(merry?.cpu_verdict, null, 'the 2002 page gave no CPU figure');
  const alpha = model_vs_published(fake({ 'machines/ALPHA_500-both': 985 })).find((l) => l.figure.id === 'duke-alpha-gige');
  t.is(alpha?.verdict, 'agrees');
  t.is(alpha?.cpu_verdict, 'model_higher', '40 % against "as low as 20 %"');
});

test('every published figure names a row of the matrix and a source', (t) => {
  for (const f of PUBLISHED) {
    if (f.compare_row !== null) t.notThrows(() => comparison_row(f.compare_row as string), f.id);
    t.not(f.source, '');
    t.not(f.gap_reason, '');
  }
});

test('the build\'s run length: the default, ZCSIM_BENCH_RUN_S, and a clear error for nonsense', (t) => {
  t.is(buildRunLengthS({}), BUILD_RUN_LENGTH_S);
  t.is(buildRunLengthS({ ZCSIM_BENCH_RUN_S: '1.5' }), 1.5);
  t.throws(() => buildRunLengthS({ ZCSIM_BENCH_RUN_S: 'long' }), { message: /ZCSIM_BENCH_RUN_S="long": expected virtual seconds above 0/ });
  t.throws(() => buildRunLengthS({ ZCSIM_BENCH_RUN_S: '-1' }));
});

test('the build cache key changes with the run length and is stable otherwise', (t) => {
  const here = process.cwd();
  t.is(benchInputsHash(here, 0.25), benchInputsHash(here, 0.25));
  t.not(benchInputsHash(here, 0.25), benchInputsHash(here, 0.5));
});
