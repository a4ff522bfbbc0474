// netperf's command line: the real tool's options and size forms, and its
// messages for what it does not accept.
import test from 'ava';
import { netperf_args, netperf_convert, NETPERF_USAGE, type NetperfArgs } from 'zcsim';

function ok(argv: string[]): NetperfArgs {
  const r = netperf_args(argv);
  if (!r.ok) throw new Error(`expected success: ${r.stderr}${r.stdout}`);
  return r.args;
}

test('convert takes netperf 2.2 size forms: K, M, G are powers of 1024, k, m, g of 1000', (t) => {
  t.is(netperf_convert('64K'), 65536);
  t.is(netperf_convert('1M'), 1048576);
  t.is(netperf_convert('2G'), 2 * 1024 ** 3);
  t.is(netperf_convert('8k'), 8000);
  t.is(netperf_convert('3m'), 3_000_000);
  t.is(netperf_convert('32768'), 32768);
  t.is(netperf_convert('junk'), 0, 'atoi of no number is 0, as in C');
});

test('netperf_args: defaults are netsh.c set_defaults (localhost, TCP_STREAM, 10 s, port 12865)', (t) => {
  const a = ok([]);
  t.is(a.host_name, 'localhost');
  t.is(a.test_name, 'TCP_STREAM');
  t.is(a.test_time_s, 10);
  t.is(a.test_port, 12865);
  t.false(a.local_cpu_usage);
  t.false(a.remote_cpu_usage);
  t.is(a.send_size_bytes, 0, '0: the send socket buffer size is used');
});

test('netperf_args: global options, then test options after --', (t) => {
  const a = ok(['-H', '10.0.0.2', '-l', '0.05', '-t', 'tcp_stream', '-c', '-C', '--', '-m', '32K', '-s', '64K', '-S', ',128K']);
  t.is(a.host_name, '10.0.0.2');
  t.is(a.test_time_s, 0.05, 'fractions of a (virtual) second are allowed');
  t.is(a.test_name, 'TCP_STREAM');
  t.true(a.local_cpu_usage && a.remote_cpu_usage);
  t.is(a.send_size_bytes, 32768);
  t.is(a.lss_size_bytes, 65536, '-s without a comma sets both local sizes');
  t.is(a.lsr_size_bytes, 65536);
  t.is(a.rss_size_bytes, 0, '-S ,x sets only the receive size');
  t.is(a.rsr_size_bytes, 131072);
});

test('netperf_args: clustered flags, attached arguments, an optional CPU rate after -c, a byte count for a negative -l', (t) => {
  const a = ok(['-cC', '-Hb', '-l-1M']);
  t.true(a.local_cpu_usage && a.remote_cpu_usage);
  t.is(a.host_name, 'b');
  t.is(a.test_time_s, 0);
  t.is(a.test_bytes, 1048576);
  const b = ok(['-c', '450', '-H', 'b']);
  t.true(b.local_cpu_usage);
  t.is(b.host_name, 'b');
});

test('netperf_args: an unknown option prints getopt\'s message and the usage, status 1', (t) => {
  const r = netperf_args(['-x']);
  t.false(r.ok);
  if (r.ok) return;
  t.is(r.status, 1);
  t.is(r.stderr, `netperf: illegal option -- x\n${NETPERF_USAGE}`);
});

test('netperf_args: a missing argument is "option requires an argument"', (t) => {
  const r = netperf_args(['-H']);
  t.false(r.ok);
  if (!r.ok) t.true(r.stderr.startsWith('netperf: option requires an argument -- H\n'));
});

test('netperf_args: a bad test option prints the sockets usage on stdout', (t) => {
  const r = netperf_args(['--', '-q']);
  t.false(r.ok);
  if (r.ok) return;
  t.is(r.status, 1);
  t.is(r.stderr, 'netperf: illegal option -- q\n');
  t.regex(r.stdout, /TCP\/UDP BSD Sockets Test Options:/);
});

test('netperf_args: an unknown test is refused with netperf\'s words; a known one not simulated says so', (t) => {
  const r = netperf_args(['-t', 'FOO_STREAM']);
  t.false(r.ok);
  if (!r.ok) t.is(r.stdout.split('\n')[0], 'The test you requested is unknown to this netperf.');
  const rr = netperf_args(['-t', 'TCP_RR']);
  t.false(rr.ok);
  if (!rr.ok) t.is(rr.stderr, 'netperf: test TCP_RR is not modelled by this simulation\n');
});

test('netperf_args: -a/-A alignments, -o/-O offsets and -k dirty counts, in netperf\'s send,recv form', (t) => {
  const d = ok([]);
  t.is(d.local_send_align, 8, 'set_defaults: 8-byte alignment');
  t.is(d.local_send_offset, 0);
  t.is(d.loc_dirty_count, 0);
  const a = ok(['-a', '4096', '-A', ',16', '-o', '100,', '-O', ',200', '-k', '64K']);
  t.is(a.local_send_align, 4096);
  t.is(a.local_recv_align, 4096);
  t.is(a.remote_send_align, 8);
  t.is(a.remote_recv_align, 16);
  t.is(a.local_send_offset, 100);
  t.is(a.local_recv_offset, 0);
  t.is(a.remote_recv_offset, 200);
  t.is(a.loc_dirty_count, 65536);
  t.is(a.loc_clean_count, 65536, 'one value sets both, as break_args does');
  const bad = netperf_args(['-a', '3']);
  t.false(bad.ok);
  if (!bad.ok) t.is(bad.stderr, 'netperf: -a: alignment 3 is not a power of two\n');
});
