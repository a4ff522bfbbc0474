// A wire that loses 2% of its frames (seeded, so every run loses the same
// ones): TCP retransmits, and the receiver still gets every byte once, in
// order. One lost segment waits for the retransmission timer, so 300 KB
// takes about a quarter of a virtual second, and well under a real one.
import {
  machine_pair, proc_table, sched_run, socket, bind, listen, accept, connect, read, write, close, sockaddr_in,
  netstat_s_tcp, AF_INET, SOCK_STREAM,
} from 'zcsim';

const { sim, a, b, wire } = machine_pair({ link: { loss: 0.02, seed: 2002 } });
const size = 300_000;

// The bytes a sends: a pattern both sides can compute.
const byte = (i: number) => (i * 7 + (i >> 8)) & 255;
let received = 0;
let wrong = 0;

proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 5001));
  listen(p, s, 1);
  const c = await accept(p, s);
  const buf = p.malloc(16384);
  for (;;) {
    const n = await read(p, c, buf, 16384);
    if (n === 0) break;
    const got = p.peek(buf, n);
    for (let i = 0; i < n; i++) if (got[i] !== byte(received + i)) wrong++;
    received += n;
  }
  close(p, c);
  close(p, s);
}, { comm: 'sink' });

proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  await connect(p, s, sockaddr_in('10.0.0.2', 5001));
  const buf = p.malloc(size);
  p.poke(buf, Uint8Array.from({ length: size }, (_, i) => byte(i)));
  let sent = 0;
  while (sent < size) sent += await write(p, s, buf + sent, Math.min(32768, size - sent));
  close(p, s);
}, { comm: 'source' });

await sched_run(sim);
console.log(`received ${received} of ${size} bytes, ${wrong} wrong, by ${(sim.now_ns / 1e6).toFixed(3)} ms`);
console.log(`the wire lost ${wire.a.stats.lost} frames from a to b and ${wire.b.stats.lost} from b to a`);
console.log('netstat -s -p tcp on a (the sender), in part:');
const wanted = /retransmitted|retransmit timeout|duplicate ack|packets sent$/;
for (const line of netstat_s_tcp(a)) if (wanted.test(line)) console.log(line);
console.log('netstat -s -p tcp on b (the receiver), in part:');
for (const line of netstat_s_tcp(b)) if (/out-of-order|completely duplicate/.test(line)) console.log(line);
