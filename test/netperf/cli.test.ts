// The zcsim command, run as a user runs it: `node bin/zcsim.js ...` in a child process.
import test from 'ava';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

function zcsim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'zcsim.js'), ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

test('zcsim netperf prints netperf\'s table and exits 0', async (t) => {
  const r = await zcsim(['netperf', '-l', '0.005', '-c', '-C', '--', '-m', '16K']);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  t.is(lines[0], 'TCP STREAM TEST to b');
  t.regex(lines[6] ?? '', /^ 65536  32768  16384    0\.0\d/);
});

test('zcsim netperf --json gives the numbers: throughput_mbps, local_cpu_pct, remote_cpu_pct and the rest', async (t) => {
  const r = await zcsim(['netperf', '-l', '0.005', '--mtu', '9000', '--machine', 'ALPHA_500', '--json', '--', '-s', '128K', '-S', '128K']);
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  for (const k of ['throughput_mbps', 'local_cpu_pct', 'remote_cpu_pct', 'local_sd_us_per_kb', 'remote_sd_us_per_kb', 'elapsed_s', 'bytes', 'mss', 'mtu', 'retransmissions']) {
    t.is(typeof j[k], 'number', k);
  }
  t.is(j.mtu, 9000);
  t.is(j.mss, 8192);
  t.is(j.local_send_socket_bytes, 131072);
  t.is(j.remote_recv_socket_bytes, 131072);
  t.true((j.throughput_mbps as number) <= 989.1);
  t.is(typeof (j.local_cpu_by_category_pct as Record<string, number>).copy, 'number');
});

test('a configuration config(8) rejects: the ConfigError names the file and the line, exit 1', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zcsim-cli-'));
  try {
    const file = path.join(dir, 'BROKEN');
    fs.writeFileSync(file, 'machine\ti386\ncpu\tI686_CPU\nident\tBROKEN\noptions\tNO_SUCH_OPTION\n');
    const r = await zcsim(['netperf', '-l', '0.005', '--kernel-local', file]);
    t.is(r.code, 1);
    t.is(r.stdout, '');
    t.regex(r.stderr, new RegExp(`^zcsim: config: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 4: `));
    const s = await zcsim(['sysctl', '-a', '--kernel', file]);
    t.is(s.code, 1);
    t.regex(s.stderr, /line 4/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('bad usage exits 2 with the usage; netperf\'s own errors exit 1 with its message', async (t) => {
  for (const args of [[], ['frobnicate'], ['netperf', '--mtu', '70000'], ['netperf', '--machine', 'VAX'], ['netperf', '--kernel', 'A', '--kernel-local', 'B'], ['netstat', '-r']]) {
    const r = await zcsim(args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, /usage: zcsim netperf/);
  }
  const bad = await zcsim(['netperf', '-x']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /^netperf: illegal option -- x\n/);
  const missing = await zcsim(['netperf', '--kernel', '/nonexistent/KERNEL']);
  t.is(missing.code, 1);
  t.is(missing.stderr, 'zcsim: /nonexistent/KERNEL: No such file or directory\n');
});

test('zcsim sysctl and netstat -m show a booted kernel', async (t) => {
  const s = await zcsim(['sysctl', 'kern.ostype', 'net.inet.tcp.sendspace']);
  t.is(s.code, 0);
  t.is(s.stdout, 'kern.ostype: FreeBSD\nnet.inet.tcp.sendspace: 32768\n');
  const a = await zcsim(['sysctl', '-a']);
  t.true(a.stdout.split('\n').length > 20);
  const m = await zcsim(['netstat', '-m']);
  t.is(m.code, 0);
  t.regex(m.stdout, /^mbuf usage:/);
});
