// The benchmark scenario runner: what it measures, what it refuses, and
// that reporting progress or aborting changes nothing else.
import test from 'ava';
import { ScenarioError, run_scenario, scenario, scenario_problems, type Scenario } from '../../src/bench/scenario.ts';
import { ZERO_COPY_SETTINGS, type ZeroCopyMode } from '../../src/bench/zero_copy_mode.ts';

const zero_copy_settings = (m: ZeroCopyMode): Partial<Scenario> => ZERO_COPY_SETTINGS[m];

const SHORT_S = 0.02; // virtual seconds: enough for TCP to settle, short enough for CI

const run = (changes: Partial<Scenario>) => run_scenario(scenario({ run_length_s: SHORT_S, ...changes }));

test('zero copy send lowers the sender\'s CPU against a copying kernel at MTU 9000, and lends pages to do it', async (t) => {
  const off = await run(zero_copy_settings('off'));
  const send = await run(zero_copy_settings('send'));
  t.is(off.pages_loaned, 0);
  t.true(send.pages_loaned > 0);
  t.true(send.sender_cpu_pct < off.sender_cpu_pct, `send ${send.sender_cpu_pct} % vs off ${off.sender_cpu_pct} %`);
  t.true(send.sender_sd_us_per_kb < off.sender_sd_us_per_kb);
  // The receiver still copies in both runs.
  t.is(send.pages_flipped, 0);
  t.true(send.bytes_copied_receive > 0);
});

test('zero copy receive flips pages at MTU 9000 and lowers the receiver\'s service demand; at MTU 1500 it has nothing to flip', async (t) => {
  const off = await run(zero_copy_settings('off'));
  const rcv = await run(zero_copy_settings('receive'));
  t.true(rcv.pages_flipped > 0);
  t.true(rcv.receiver_sd_us_per_kb < off.receiver_sd_us_per_kb);
  const rcv1500 = await run({ ...zero_copy_settings('receive'), mtu: 1500 });
  t.is(rcv1500.pages_flipped, 0, 'a 1448-byte payload is less than a page');
});

test('a buffer rewritten right after each send takes COW faults; rotating through 2 x SO_SNDBUF takes none', async (t) => {
  const m = 65536;
  const early = await run({ send_buffers: 1, dirty_bytes: m, send_size_bytes: m });
  const advised = await run({ send_buffers: (2 * 131072) / m, dirty_bytes: m, send_size_bytes: m, send_socket_bytes: 131072 });
  t.true(early.cow_faults > 0, `cow_faults ${early.cow_faults}`);
  t.is(advised.cow_faults, 0);
  t.true(advised.pages_loaned > 0, 'the advised workload still sends with zero copy');
  t.true(early.sender_sd_us_per_kb > advised.sender_sd_us_per_kb, 'the faults cost the sender CPU');
});

test('netperf -o and -O: a buffer off a page boundary is copied on that side, without an error', async (t) => {
  const send_off = await run({ send_offset_bytes: 100 });
  t.is(send_off.pages_loaned, 0);
  t.true(send_off.pages_flipped > 0);
  const recv_off = await run({ recv_offset_bytes: 100 });
  t.true(recv_off.pages_loaned > 0);
  t.is(recv_off.pages_flipped, 0);
});

test('a send smaller than a page is always copied', async (t) => {
  const r = await run({ send_size_bytes: 1024 });
  t.is(r.pages_loaned, 0);
  t.true(r.bytes_copied_send > 0);
});

// 1000 Mbps times payload over wire bytes: each segment's IP packet is the
// MSS plus 52 bytes of IP, TCP and timestamp headers, and 38 more bytes of
// Ethernet framing surround it on the wire.
function wire_cap_mbps(mss: number): number {
  return (1000 * mss) / (mss + 52 + 38);
}

for (const [name, changes] of [
  ['MTU 9000, zero copy both, the fastest machine', { machine_class: 'ALPHA_500' }],
  ['MTU 9000, copying, the fastest machine', { machine_class: 'ALPHA_500', ...zero_copy_settings('off') }],
  ['MTU 1500, zero copy both, the fastest machine', { machine_class: 'ALPHA_500', mtu: 1500 }],
  ['MTU 9000, private jumbos', { ti_jumbo_hdrsplit: false, ti_private_jumbos: true }],
  ['MTU 4000 on em(4)', { nic: 'em', mtu: 4000, ti_jumbo_hdrsplit: false }],
] as const) {
  test(`no configuration reports more than the wire carries: ${name}`, async (t) => {
    const r = await run(changes);
    t.true(r.throughput_mbps > 0);
    t.true(r.throughput_mbps <= wire_cap_mbps(r.mss), `${r.throughput_mbps} Mbps > ${wire_cap_mbps(r.mss)} at MSS ${r.mss}`);
    t.is(r.wire_limit_mbps.toFixed(6), wire_cap_mbps(r.mss).toFixed(6));
  });
}

test('the wire limits of the reference table: 989.1 Mbps at MTU 9000 and 941.5 at 1500', async (t) => {
  const j = await run({});
  const s = await run({ mtu: 1500 });
  t.is(j.mss, 8192);
  t.is(j.wire_limit_mbps.toFixed(1), '989.1');
  t.is(s.mss, 1448);
  t.is(s.wire_limit_mbps.toFixed(1), '941.5');
});

test('reporting progress changes no number; progress only grows and ends at the test length', async (t) => {
  const plain = await run({ mtu: 1500 });
  const seen: number[] = [];
  let total: number | null = -1;
  const reported = await run_scenario(scenario({ run_length_s: SHORT_S, mtu: 1500 }), {
    on_progress: (p) => {
      seen.push(p.done_ns);
      total = p.total_ns;
    },
  });
  t.deepEqual(reported, plain);
  t.true(seen.length >= 50, `${seen.length} reports`);
  t.deepEqual(seen, [...seen].sort((a, b) => a - b));
  t.is(total, SHORT_S * 1e9);
  t.is(seen[seen.length - 1], SHORT_S * 1e9);
});

test('an abort signal stops a run at the next progress report, with its reason', async (t) => {
  const c = new AbortController();
  let reports = 0;
  const stop = new Error('enough');
  await t.throwsAsync(
    run_scenario(scenario({ run_length_s: 10 }), {
      signal: c.signal,
      on_progress: () => {
        if (++reports === 3) c.abort(stop);
      },
    }),
    { is: stop },
  );
  t.is(reports, 3, 'the run ended at the report that aborted it, long before 10 virtual seconds');
  const before = new AbortController();
  before.abort(new Error('before'));
  await t.throwsAsync(run_scenario(scenario(), { signal: before.signal }), { message: 'before' });
});

test('scenario_problems names each problem; run_scenario refuses before booting', async (t) => {
  t.deepEqual(scenario_problems(scenario()), []);
  const bad = scenario({
    ti_private_jumbos: true,
    mtu: 20000,
    send_size_bytes: 0,
    run_length_s: 0,
    send_socket_bytes: 1 << 20,
  });
  const p = scenario_problems(bad);
  t.is(p.length, 5, p.join('\n'));
  t.regex(p.join('\n'), /TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS/);
  t.regex(p.join('\n'), /MTU 20000 is outside 72\.\.9000 for ti/);
  t.regex(p.join('\n'), /maxsockbuf/);
  t.deepEqual(scenario_problems(scenario({ ...zero_copy_settings('off'), zero_copy_send: true })), [
    'kern.ipc.zero_copy.* exist only in a kernel with options ZERO_COPY_SOCKETS',
  ]);
  t.deepEqual(scenario_problems(scenario({ nic: 'em', mtu: 9001 })), ['MTU 9001 is outside 72..9000 for em']);
  await t.throwsAsync(run_scenario(bad), { instanceOf: ScenarioError, message: /^scenario: / });
});
