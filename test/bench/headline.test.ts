// The 2002 headline comes out of the model: two P-III 733s with Tigon 2
// boards, header splitting, MTU 9000 and zero copy sockets report the 2002
// figure within half a percent, below what the wire can carry, with CPU to
// spare; the same hardware copying spends several times the CPU per byte.
// (The headline is wire-bound: calibration.test.ts and the sensitivity
// table hold the model to the figures that test it.)
import test from 'ava';
import { headline_scenario, HEADLINE_MBPS } from '../../src/bench/headline.ts';
import { run_scenario } from '../../src/bench/scenario.ts';
import { tcp_segment_bytes } from '../../src/bench/wire_limit.ts';

// Long enough for slow start to be a small part of the run, short enough for CI.
const SECONDS = 0.25;

test('the headline run reports 986 Mbps within 0.5 %, below the wire ceiling, with CPU to spare', async (t) => {
  const r = await run_scenario(headline_scenario(SECONDS));
  t.log(`headline: ${r.throughput_mbps.toFixed(2)} Mbps of ${r.wire_limit_mbps.toFixed(2)}, sender CPU ${r.sender_cpu_pct.toFixed(1)} %, receiver ${r.receiver_cpu_pct.toFixed(1)} %`);
  t.true(Math.abs(r.throughput_mbps - HEADLINE_MBPS) / HEADLINE_MBPS <= 0.005, `${r.throughput_mbps} Mbps is not within 0.5 % of ${HEADLINE_MBPS}`);
  t.true(r.throughput_mbps <= r.wire_limit_mbps);
  t.true(r.sender_cpu_pct < 60);
  t.true(r.receiver_cpu_pct < 60);
  t.true(r.pages_loaned > 0);
  t.true(r.pages_flipped > 0);
  t.is(r.mss, tcp_segment_bytes(9000, true)); // the page's arithmetic agrees with tcp_mss
});

test('the same hardware copying: no pages lent or flipped, and each kilobyte costs both sides several times the CPU', async (t) => {
  const copy = await run_scenario(headline_scenario(0.05, false));
  const zc = await run_scenario(headline_scenario(0.05));
  t.log(`copying: ${copy.throughput_mbps.toFixed(2)} Mbps, sender CPU ${copy.sender_cpu_pct.toFixed(1)} %, receiver ${copy.receiver_cpu_pct.toFixed(1)} %`);
  t.is(copy.pages_loaned, 0);
  t.is(copy.pages_flipped, 0);
  t.true(copy.throughput_mbps <= copy.wire_limit_mbps);
  t.true(copy.sender_sd_us_per_kb > 2 * zc.sender_sd_us_per_kb);
  t.true(copy.receiver_sd_us_per_kb > 2 * zc.receiver_sd_us_per_kb);
});

test('headline_scenario refuses a duration that is not a positive number of seconds', (t) => {
  t.throws(() => headline_scenario(0), { instanceOf: RangeError });
  t.throws(() => headline_scenario(Number.NaN), { instanceOf: RangeError });
});
