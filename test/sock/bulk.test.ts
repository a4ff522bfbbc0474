// Bulk transfers: MSS from the MTU, the wire's limit, exact delivery under
// loss and corruption, determinism and no leaks.

import test from 'ava';
import fc from 'fast-check';
import {
  accept, AF_INET, bind, close, connect, intotcpcb, listen, read, setsockopt, SO_RCVBUF, SO_SNDBUF, SOCK_STREAM, sockaddr_in,
  socket, SOL_SOCKET, tcbinfo, tcp_state, write, cpu_snapshot, netstat_s_tcp, uiomove_stats, type Kernel, type MachineClassName, type WireOptions,
} from 'zcsim';
import { B, held, net, pattern, run, spawn, type Net } from './helpers.ts';

interface Transfer {
  n: Net;
  received: Uint8Array;
  first_ns: number; // when the receiver's first read returned
  first_bytes: number; // what it returned (they arrived before first_ns)
  last_ns: number; // when its last read returned
  maxseg: number[]; // t_maxseg of the sender's connection, seen while connected
  output: string;
}

/** Sends `data` from a to b over TCP in writes of `wsize`; b reads in `rsize` pieces. */
async function transfer(data: Uint8Array, opts: { wire?: WireOptions; mtu?: number; machineClass?: MachineClassName; sndbuf?: number; rcvbuf?: number; wsize?: number; rsize?: number } = {}): Promise<Transfer> {
  const n = net(opts.wire ?? {}, { ...(opts.mtu === undefined ? {} : { mtu: opts.mtu }), ...(opts.machineClass === undefined ? {} : { machineClass: opts.machineClass }) });
  const received = new Uint8Array(data.length);
  let got = 0;
  const r: Transfer = { n, received, first_ns: 0, first_bytes: 0, last_ns: 0, maxseg: [], output: '' };
  const rsize = opts.rsize ?? 65536;
  const wsize = opts.wsize ?? 32768;
  spawn(n.b, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    if (opts.rcvbuf !== undefined) setsockopt(p, s, SOL_SOCKET, SO_RCVBUF, opts.rcvbuf);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.malloc(rsize);
    for (;;) {
      const k = await read(p, c, buf, rsize);
      if (k === 0) break;
      if (got === 0) {
        r.first_ns = n.sim.now_ns;
        r.first_bytes = k;
      }
      if (got + k > data.length) throw new Error('more bytes than were sent');
      received.set(p.peek(buf, k), got);
      got += k;
      r.last_ns = n.sim.now_ns;
    }
    close(p, c);
    close(p, s);
  }, 'netserver');
  spawn(n.a, async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    if (opts.sndbuf !== undefined) setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, opts.sndbuf);
    await connect(p, s, sockaddr_in(B, 5001));
    r.maxseg.push(intotcpcb(tcbinfo(n.a).listhead[0]!)!.t_maxseg);
    const buf = p.malloc(Math.max(1, data.length));
    p.poke(buf, data);
    let sent = 0;
    while (sent < data.length) sent += await write(p, s, buf + sent, Math.min(wsize, data.length - sent));
    close(p, s);
  }, 'netperf');
  await run(n, { limit_ns: 600e9 });
  r.output = `${n.sim.now_ns} ${JSON.stringify(tcp_state(n.a).tcpstat)} ${JSON.stringify(tcp_state(n.b).tcpstat)}`;
  if (got !== data.length) throw new Error(`received ${got} of ${data.length} bytes`);
  return r;
}

// The rate between the first read and the last: the first read's bytes arrived before the interval began.
function mbps(t: Transfer): number {
  return ((t.received.length - t.first_bytes) * 8) / ((t.last_ns - t.first_ns) / 1e9) / 1e6;
}

test('tcp_mss: MSS is 1448 at MTU 1500 and 8192 at MTU 9000 (8948 rounded down to a multiple of MCLBYTES)', async (t) => {
  const a = await transfer(pattern(10000), { mtu: 1500 });
  t.deepEqual(a.maxseg, [1448]);
  const b = await transfer(pattern(10000), { mtu: 9000 });
  t.deepEqual(b.maxseg, [8192]);
});

test('a bulk transfer arrives intact and never beats the wire: 941.5 Mbps at MTU 1500, 989.1 at 9000', async (t) => {
  for (const [mtu, limit] of [[1500, 941.5], [9000, 989.1]] as const) {
    const data = pattern(4_000_000, mtu);
    const r = await transfer(data, { mtu, sndbuf: 65536, rcvbuf: 65536 });
    t.deepEqual(r.received, data);
    const rate = mbps(r);
    t.true(rate <= limit, `MTU ${mtu}: ${rate.toFixed(1)} Mbps`);
    t.true(rate > 100, `MTU ${mtu}: ${rate.toFixed(1)} Mbps`);
    t.log(`MTU ${mtu}: ${rate.toFixed(1)} Mbps`);
  }
});

test('the same program twice gives the same bytes, the same counters and the same final time to the nanosecond', async (t) => {
  const data = pattern(300_000, 7);
  const opts = { wire: { loss: 0.02, seed: 42 }, sndbuf: 50000 };
  const x = await transfer(data, opts);
  const y = await transfer(data, opts);
  t.is(x.output, y.output);
  t.deepEqual(x.received, y.received);
});

test('no mbuf, cluster or socket is left behind once the processes exit and the connection has closed', async (t) => {
  const r = await transfer(pattern(500_000, 3), { wire: { loss: 0.01, seed: 5 } });
  await run(r.n, { until_idle: true });
  const ring = { mbufs: 256, clusters: 256, sockets: 0 }; // em0's receive ring
  t.deepEqual(held(r.n.a), ring);
  t.deepEqual(held(r.n.b), ring);
  t.is(tcbinfo(r.n.a).listhead.length + tcbinfo(r.n.b).listhead.length, 0);
});

test('delivery is exact under loss and corruption (property): every byte once, in order; retransmissions counted', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 200_000 }),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
      fc.double({ min: 0, max: 0.02, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }),
      fc.constantFrom(4096, 8192, 33304, 65536),
      fc.constantFrom(4096, 16384, 66608, 131072),
      fc.integer({ min: 1, max: 40000 }),
      async (size, loss, corrupt, seed, sndbuf, rcvbuf, wsize) => {
        const data = pattern(size, seed);
        const r = await transfer(data, { wire: { loss, corrupt, seed }, sndbuf, rcvbuf, wsize, rsize: 3000 });
        t.deepEqual(r.received, data);
        const st = tcp_state(r.n.a).tcpstat;
        const lost = r.n.wire.a.stats.lost + r.n.wire.a.stats.corrupted + r.n.wire.b.stats.lost + r.n.wire.b.stats.corrupted;
        if (lost > 0 && size > 2000) t.true(st.tcps_sndrexmitpack + tcp_state(r.n.b).tcpstat.tcps_sndrexmitpack + st.tcps_rexmttimeo > 0);
      },
    ),
    { numRuns: 25, seed: 20021101 },
  );
});

test('netstat -s -p tcp counts what a lossy transfer did: retransmissions, duplicate ACKs, out-of-order data', async (t) => {
  const r = await transfer(pattern(300_000, 9), { wire: { loss: 0.03, seed: 3 } });
  const a = netstat_s_tcp(r.n.a);
  const b = netstat_s_tcp(r.n.b);
  t.is(a[0], 'tcp:');
  t.regex(a[1]!, /^\t\d+ packets sent$/);
  t.regex(a[2]!, /^\t\t\d+ data packets \(\d+ bytes\)$/);
  const rexmit = /^\t\t(\d+) data packets? \((\d+) bytes?\) retransmitted$/.exec(a[3]!);
  t.truthy(rexmit);
  t.true(Number(rexmit![1]) > 0);
  t.true(b.some((l) => /^\t\t[1-9]\d* out-of-order packets?/.test(l)));
  t.true(a.includes('\t1 connection request'));
  t.true(b.includes('\t1 connection accept'));
});

test('uiomove charges every copied byte to the CPU: a slower machine (PII_450) moves the same data more slowly', async (t) => {
  const data = pattern(2_000_000, 1);
  const fast = await transfer(data, { machineClass: 'PIII_733' });
  const slow = await transfer(data, { machineClass: 'PII_450' });
  t.true(mbps(slow) < mbps(fast), `${mbps(slow).toFixed(1)} < ${mbps(fast).toFixed(1)}`);
  t.is(uiomove_stats(slow.n.a).copyin_bytes, data.length);
  t.is(uiomove_stats(slow.n.b).copyout_bytes, data.length);
  t.true(cpu_snapshot(slow.n.b).busy_ns.copy > cpu_snapshot(fast.n.b).busy_ns.copy);
});

export type { Kernel };
