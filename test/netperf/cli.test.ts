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

const ZEROCOPY = path.join('examples', 'kernels', 'ZEROCOPY');

test('a kernel file with only ti(4) runs netperf on ti0: --nic defaults to the NIC the file has', async (t) => {
  const r = await zcsim(['netperf', '--kernel', ZEROCOPY, '--mtu', '9000', '--json', '-l', '0.005', '--', '-m', '64K', '-s', '128K', '-S', '128K']);
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, number>;
  t.is(j.mtu, 9000);
  t.true((j.throughput_mbps ?? 0) > 0, String(j.throughput_mbps));
  const i = await zcsim(['ifconfig', '--kernel', ZEROCOPY]);
  t.regex(i.stdout, /^ti0: flags=/);
  const em = await zcsim(['netperf', '--kernel', ZEROCOPY, '--nic', 'em', '-l', '0.005']);
  t.is(em.code, 1);
  t.regex(em.stderr, /has no em0 \(its configuration needs "device em"\)/);
  const bad = await zcsim(['netperf', '--nic', 'fxp']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--nic fxp: unknown \(known: ti, ti-tigon1, em\)/);
  const tigon1 = await zcsim(['ifconfig', 'ti0', '--kernel', ZEROCOPY, '--nic', 'ti-tigon1']);
  t.is(tigon1.code, 0, tigon1.stderr);
});

test('zcsim sysctl: -n, -d, -a and name=value, with sysctl(8)\'s messages', async (t) => {
  const n = await zcsim(['sysctl', '-n', 'kern.ipc.zero_copy.send', 'kern.ostype', '--kernel', ZEROCOPY]);
  t.is(n.stdout, '1\nFreeBSD\n');
  const d = await zcsim(['sysctl', '-d', 'kern.ipc.zero_copy', '--kernel', ZEROCOPY]);
  t.is(d.stdout, 'kern.ipc.zero_copy.receive: Enable zero copy receive\nkern.ipc.zero_copy.send: Enable zero copy send\n');
  const set = await zcsim(['sysctl', 'kern.ipc.zero_copy.send=0', '--kernel', ZEROCOPY]);
  t.is(set.stdout, 'kern.ipc.zero_copy.send: 1 -> 0\n');
  t.is((await zcsim(['sysctl', '-n', 'kern.ipc.zero_copy.send=0', '--kernel', ZEROCOPY])).stdout, '1 -> 0\n');
  const all = await zcsim(['sysctl', '-an']);
  t.false(all.stdout.includes(': '), 'no names with -n');
  t.is(all.stdout.split('\n').length, (await zcsim(['sysctl', '-a'])).stdout.split('\n').length);
  for (const [args, message] of [
    [['kern.ostype=Linux'], "sysctl: oid 'kern.ostype' is read only\n"],
    [['kern.nosuch', 'kern.ostype'], "sysctl: unknown oid 'kern.nosuch'\n"],
    [['kern.ipc=1'], "sysctl: oid 'kern.ipc' isn't a leaf node\n"],
    [['kern.ipc.maxsockbuf=lots'], "sysctl: invalid integer 'lots'\n"],
    [['kern.ipc.maxsockbuf=-5'], 'sysctl: kern.ipc.maxsockbuf: Invalid argument\n'],
  ] as const) {
    const r = await zcsim(['sysctl', ...args]);
    t.is(r.code, 1, args.join(' '));
    t.is(r.stderr, message);
    t.is(r.stdout, '', 'the first error ends it, as errx(1) does');
  }
  const usage = await zcsim(['sysctl', '-x', 'kern']);
  t.is(usage.code, 2);
});

test('zcsim ifconfig ti0 prints the interface as ifconfig(8) does', async (t) => {
  const r = await zcsim(['ifconfig', 'ti0', '--kernel', ZEROCOPY, '--mtu', '9000']);
  t.is(r.code, 0, r.stderr);
  t.is(
    r.stdout,
    [
      'ti0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 9000',
      '\toptions=13<RXCSUM,TXCSUM,VLAN_HWTAGGING>',
      '\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255',
      '\tether 00:01:02:00:00:00',
      '\tmedia: Ethernet autoselect (1000baseSX <full-duplex>)',
      '\tstatus: active',
      '',
    ].join('\n'),
  );
  const missing = await zcsim(['ifconfig', 'em0', '--kernel', ZEROCOPY]);
  t.is(missing.code, 1);
  t.is(missing.stderr, 'ifconfig: interface em0 does not exist\n');
});

test('zcsim netstat -i and -s -p tcp, after a netperf run, count what it did', async (t) => {
  const i = await zcsim(['netstat', '-i', '--kernel', ZEROCOPY, '--after-netperf', '-l 0.005']);
  t.is(i.code, 0, i.stderr);
  const [head, row] = i.stdout.split('\n');
  t.is(head, 'Name  Mtu   Network       Address              Ipkts Ierrs    Opkts Oerrs  Coll');
  const cells = (row ?? '').trim().split(/\s+/);
  t.is(cells[0], 'ti0');
  t.true(Number(cells[6]) > 100, row);
  const s = await zcsim(['netstat', '-s', '-p', 'tcp', '--kernel', ZEROCOPY, '--after-netperf', '-l 0.005']);
  t.is(s.code, 0, s.stderr);
  const lines = s.stdout.split('\n');
  t.is(lines[0], 'tcp:');
  t.regex(lines[2] ?? '', /^\t\t[1-9]\d* data packets \([1-9]\d* bytes\)$/);
  t.false(s.stdout.includes('ip:'), '-p tcp prints tcp only');
  const fresh = await zcsim(['netstat', '-s', '-p', 'tcp', '--kernel', ZEROCOPY]);
  t.regex(fresh.stdout, /^tcp:\n\t0 packets sent\n/);
  const bad = await zcsim(['netstat', '-s', '-p', 'udp']);
  t.is(bad.code, 2);
});
