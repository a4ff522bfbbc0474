// netperf and netserver between two simulated machines: the table netperf
// 2.2 prints, the wire's limit, CPU and service demand, determinism, errors.
import test from 'ava';
import { netperf_pair, type NetperfPairOptions } from 'zcsim';

const run = (o: NetperfPairOptions) => netperf_pair(o);

const CPU_TITLE = [
  'Recv   Send    Send                          Utilization       Service Demand',
  'Socket Socket  Message  Elapsed              Send     Recv     Send    Recv',
  'Size   Size    Size     Time     Throughput  local    remote   local   remote',
  'bytes  bytes   bytes    secs.    10^6bits/s  % ?      % ?      us/KB   us/KB',
  '',
];

test('netperf -c -C prints netperf 2.2\'s TCP STREAM table: title, header, and cpu_fmt_1\'s columns', async (t) => {
  const r = await run({ argv: ['-H', 'b', '-l', '0.01', '-c', '-C', '--', '-m', '32K'] });
  t.is(r.status, 0, r.stderr.join('\n'));
  t.is(r.lines[0], 'TCP STREAM TEST to b');
  t.deepEqual(r.lines.slice(1, 6), CPU_TITLE);
  t.is(r.lines.length, 7);
  // "%6d %6d %6d    %-6.2f     %7.2f   %-6.2f   %-6.2f   %-6.3f  %-6.3f"
  const row = r.lines[6]!;
  t.regex(row, /^ {0,5}\d{1,6} {1,6}\d{1,6} {1,6}\d{1,6} {4}\d+\.\d\d {1,4} {5} *\d+\.\d\d {3}\d+\.\d\d {1,4} {3}\d+\.\d\d {1,4} {3}\d+\.\d{3} {0,3} {2}\d+\.\d{3} *$/);
  t.is(row.slice(0, 20), ' 65536  32768  32768', 'remote recv 64K, local send 32K: FreeBSD 5.0\'s defaults; -m 32K');
  const r0 = r.result!;
  const expected =
    `${String(r0.remote_recv_socket_bytes).padStart(6)} ${String(r0.local_send_socket_bytes).padStart(6)} ${String(r0.send_size_bytes).padStart(6)}    ` +
    `${r0.elapsed_s.toFixed(2).padEnd(6)}     ${r0.throughput.toFixed(2).padStart(7)}   ${r0.local_cpu_pct.toFixed(2).padEnd(6)}   ` +
    `${r0.remote_cpu_pct.toFixed(2).padEnd(6)}   ${r0.local_sd_us_per_kb.toFixed(3).padEnd(6)}  ${r0.remote_sd_us_per_kb.toFixed(3).padEnd(6)}`;
  t.is(row, expected);
});

test('netperf without -c/-C prints tput_title and tput_fmt_1, trailing blanks included', async (t) => {
  const r = await run({ argv: ['-l', '0.005'] });
  t.deepEqual(r.lines.slice(0, 6), [
    'TCP STREAM TEST to b',
    'Recv   Send    Send                          ',
    'Socket Socket  Message  Elapsed              ',
    'Size   Size    Size     Time     Throughput  ',
    'bytes  bytes   bytes    secs.    10^6bits/sec  ',
    '',
  ]);
  t.regex(r.lines[6]!, /^ 65536  32768  32768    0\.0\d {2}   {1,3}\d{3}\.\d\d   $/);
});

test('-P 0 drops the headers, -v 0 prints only the number, -C alone prints -1 for the local side', async (t) => {
  const p0 = await run({ argv: ['-l', '0.005', '-P', '0'] });
  t.is(p0.lines.length, 1);
  const v0 = await run({ argv: ['-l', '0.005', '-v', '0', '-c'] });
  t.regex(v0.lines[1]!, /^ *\d+\.\d{3} \?$/);
  const c = await run({ argv: ['-l', '0.005', '-C'] });
  t.regex(c.lines[6]!, / -1\.00 /);
  t.regex(c.lines[6]!, / -1\.000 /);
});

for (const [mtu, limit, sizes] of [[1500, 941.5, ['-s', '64K', '-S', '64K']], [9000, 989.1, ['-s', '128K', '-S', '128K', '-m', '64K']]] as const) {
  test(`throughput never exceeds the wire's limit at MTU ${mtu}: ${limit} Mbps (ALPHA_500, copies cheap enough to approach it)`, async (t) => {
    const r = await run({ mtu, machineClass: 'ALPHA_500', argv: ['-l', '0.02', '-c', '-C', '--', ...sizes] });
    const x = r.result!;
    t.is(x.mtu, mtu);
    t.is(x.mss, mtu === 1500 ? 1448 : 8192);
    t.true(x.throughput_mbps <= limit, `${x.throughput_mbps.toFixed(1)} Mbps`);
    t.true(x.throughput_mbps > 300, `${x.throughput_mbps.toFixed(1)} Mbps`);
    t.log(`MTU ${mtu}: ${x.throughput_mbps.toFixed(1)} Mbps, CPU ${x.local_cpu_pct.toFixed(1)} % / ${x.remote_cpu_pct.toFixed(1)} %`);
  });
}

test('CPU utilisation is within 0..100 and service demand is CPU time per KB received', async (t) => {
  const r = await run({ machineClass: 'PII_450', argv: ['-l', '0.01', '-c', '-C', '--', '-m', '8K'] });
  const x = r.result!;
  for (const pct of [x.local_cpu_pct, x.remote_cpu_pct]) t.true(pct >= 0 && pct <= 100, String(pct));
  const kb = x.bytes / 1024;
  t.true(Math.abs(x.local_sd_us_per_kb - ((x.local_cpu_pct / 100) * x.elapsed_s * 1e6) / kb) < 1e-6 * x.local_sd_us_per_kb + 1e-9);
  t.true(Math.abs(x.remote_sd_us_per_kb - ((x.remote_cpu_pct / 100) * x.elapsed_s * 1e6) / kb) < 1e-3 * x.remote_sd_us_per_kb);
  const sum = Object.values(x.local_cpu_by_category_pct).reduce((s, v) => s + v, 0);
  t.true(Math.abs(sum - x.local_cpu_pct) < 1e-6, 'the categories add up to the total');
  t.true(x.local_cpu_by_category_pct.copy > 0, 'the sender copies (uiomove) in a copying kernel');
  t.true(x.remote_cpu_by_category_pct.copy > 0);
  t.is(x.bytes, x.sends * x.send_size_bytes, 'every byte sent was received');
  t.is(x.send_buffer_alloc, 'malloc', '8 KB is more than half a page: phkmalloc gives whole pages');
});

test('a small -m uses valloc for its page-aligned buffers', async (t) => {
  const r = await run({ argv: ['-l', '0.002', '--', '-m', '1K'] });
  t.is(r.result!.send_buffer_alloc, 'valloc');
  t.is(r.result!.send_size_bytes, 1024);
});

test('the same netperf twice prints the same table and the same numbers', async (t) => {
  const o: NetperfPairOptions = { argv: ['-l', '0.005', '-c', '-C'], link: { loss: 0.01, seed: 9 } };
  const x = await run(o);
  const y = await run(o);
  t.deepEqual(x.lines, y.lines);
  t.deepEqual(x.result, y.result);
  t.is(x.sim.now_ns, y.sim.now_ns);
});

test('a lossy link: netperf still counts only bytes received, and reports the retransmissions', async (t) => {
  const r = await run({ argv: ['-l', '0.01'], link: { loss: 0.02, seed: 4 } });
  t.is(r.status, 0);
  t.true(r.result!.retransmissions > 0);
  t.is(r.result!.bytes, r.result!.sends * r.result!.send_size_bytes);
});

test('errors are the real tool\'s: ENOBUFS for a socket buffer over kern.ipc.maxsockbuf, refused control connection, unknown host', async (t) => {
  const big = await run({ argv: ['-l', '0.01', '--', '-s', '512K'] });
  t.is(big.status, 1);
  t.deepEqual(big.stderr, ['netperf: create_data_socket: SO_SNDBUF option: errno 55']);
  const remote = await run({ argv: ['-l', '0.01', '--', '-S', '512K'] });
  t.is(remote.status, 1);
  t.deepEqual(remote.stderr, ['netperf: remote error 55No buffer space available']);
  const port = await run({ argv: ['-l', '0.01', '-p', '9'] });
  t.deepEqual(port.stderr, ['establish_control: control socket connect failed: Connection refused']);
  const host = await run({ argv: ['-H', 'nowhere'] });
  t.deepEqual(host.stderr, ['establish_control: could not resolve the destination nowhere']);
  t.is(host.result, null);
});
