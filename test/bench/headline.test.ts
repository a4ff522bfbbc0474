// The 2002 headline comes out of the model: two P-III 733s with Tigon 2
// boards, header splitting, MTU 9000 and zero copy sockets report 986 Mbps
// within half a percent, and no run ever reports more than the wire carries.
import test from 'ava';
import { headline_ceiling_mbps, headline_scenario, HEADLINE_MBPS, run_headline } from '../../src/bench/headline.ts';
import { netperf_pair, GENERIC } from '../../src/kernel/index.ts';

// Long enough for slow start to be a small part of the run, short enough for CI.
const SECONDS = 0.25;

test('the headline run reports 986 Mbps within 0.5 %, below the wire ceiling', async (t) => {
  const r = await run_headline(headline_scenario(SECONDS));
  t.not(r.result, null, r.stderr.join('\n'));
  const mbps = r.result?.throughput_mbps ?? 0;
  t.log(`headline: ${mbps.toFixed(2)} Mbps, sender CPU ${r.result?.local_cpu_pct.toFixed(1)} %, receiver ${r.result?.remote_cpu_pct.toFixed(1)} %`);
  t.true(Math.abs(mbps - HEADLINE_MBPS) / HEADLINE_MBPS <= 0.005, `${mbps} Mbps is not within 0.5 % of ${HEADLINE_MBPS}`);
  t.true(mbps <= headline_ceiling_mbps(9000), `${mbps} Mbps exceeds the wire's ${headline_ceiling_mbps(9000)}`);
  // Zero copy is why the CPUs keep up: both sides are mostly idle.
  t.true((r.result?.local_cpu_pct ?? 100) < 60);
  t.true((r.result?.remote_cpu_pct ?? 100) < 60);
});

test('the wire ceiling is 990.04 Mbps at MTU 9000 and 941.48 at 1500', (t) => {
  t.is(headline_ceiling_mbps(9000).toFixed(2), '990.04');
  t.is(headline_ceiling_mbps(1500).toFixed(2), '941.48');
});

// A spread of configurations, including ones that are CPU-bound: none may
// report more than the wire can carry at its MTU.
const CASES: ReadonlyArray<{ name: string; nic: 'em' | 'ti' | 'ti-tigon1'; mtu: number; zc: boolean; m: string }> = [
  { name: 'em, MTU 1500, copying', nic: 'em', mtu: 1500, zc: false, m: '65536' },
  { name: 'em, MTU 9000, zero copy', nic: 'em', mtu: 9000, zc: true, m: '65536' },
  { name: 'ti, MTU 1500, zero copy', nic: 'ti', mtu: 1500, zc: true, m: '8192' },
  { name: 'ti, MTU 9000, copying, small sends', nic: 'ti', mtu: 9000, zc: false, m: '1000' },
  { name: 'Tigon 1, MTU 9000, zero copy', nic: 'ti-tigon1', mtu: 9000, zc: true, m: '65536' },
];
for (const c of CASES) {
  test(`no run reports more than the wire carries: ${c.name}`, async (t) => {
    const config = c.zc ? `${GENERIC}\noptions ZERO_COPY_SOCKETS\n${c.nic.startsWith('ti') ? 'options TI_JUMBO_HDRSPLIT\n' : ''}` : GENERIC;
    const r = await netperf_pair({ configA: config, configB: config, nic: c.nic, mtu: c.mtu, argv: ['-l', '0.05', '-c', '-C', '--', '-s', '131072', '-S', '131072', '-m', c.m] });
    t.not(r.result, null, r.stderr.join('\n'));
    const mbps = r.result?.throughput_mbps ?? Infinity;
    t.log(`${mbps.toFixed(2)} Mbps (ceiling ${headline_ceiling_mbps(c.mtu).toFixed(2)})`);
    t.true(mbps > 0);
    t.true(mbps <= headline_ceiling_mbps(c.mtu));
  });
}
