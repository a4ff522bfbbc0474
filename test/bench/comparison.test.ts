// The comparison matrix and its build-time form: every row the issue asks
// for is there, equal scenarios run once and give run_scenario's numbers,
// and the build's run length comes from the environment.
import test from 'ava';
import { COMPARISON_GROUPS, COMPARISON_ROWS, comparison_row, run_comparison, type ComparisonResult } from '../../src/bench/comparison.ts';
import { run_scenario, scenario_problems } from '../../src/bench/scenario.ts';
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
  // Checksum offload on (2002's default, every other row) and off, with and without zero copy.
  t.deepEqual(COMPARISON_ROWS.filter((r) => !r.scenario.hw_cksum).map((r) => zero_copy_mode(r.scenario)), ['off', 'both']);
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
