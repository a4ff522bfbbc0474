import {
  boot, GENERIC, ifconfig, ifunit, Simulation, proc_table, sched_run, socket, bind, listen, accept, connect, read, write, close,
  AF_INET, SOCK_STREAM, sockaddr_in, zc_trace, zc_counters, socow_stats, so_zerocp_stats, jumbo_stats, mb_inuse, vm_sys,
} from 'zcsim';

const nic = process.argv[2] ?? 'em';
const mtu = Number(process.argv[3] ?? 1500);
const sim = new Simulation();
const conf = GENERIC + 'options ZERO_COPY_SOCKETS\n' + (nic === 'ti' ? 'options TI_JUMBO_HDRSPLIT\n' : '');
const a = boot(conf, { sim, hostname: 'a', nics: [nic as 'em'] });
const b = boot(conf, { sim, hostname: 'b', nics: [nic as 'em'] });
sim.connect(ifunit(a, `${nic}0`)!, ifunit(b, `${nic}0`)!, { delay_ns: 1000 });
ifconfig(a, [`${nic}0`, 'inet', '10.0.0.1/24', 'mtu', String(mtu), 'up']);
ifconfig(b, [`${nic}0`, 'inet', '10.0.0.2/24', 'mtu', String(mtu), 'up']);
const N = 65536;
let got = new Uint8Array(0);
const rp = proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 5001)); listen(p, s, 1);
  const c = await accept(p, s);
  const buf = p.valloc(N);
  const parts: number[] = [];
  let n = 0;
  for (;;) { const k = await read(p, c, buf + n, N - n); if (k === 0) break; n += k; }
  got = p.peek(buf, n).slice();
  close(p, c); close(p, s);
}, { comm: 'server' });
const wp = proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  await connect(p, s, sockaddr_in('10.0.0.2', 5001));
  const buf = p.valloc(N + 4096);
  for (let i = 0; i < N + 4096; i++) p.poke(buf + i, [i & 0xff]);
  await write(p, s, buf, 32768);
  await write(p, s, buf + 32768 + 100, 32768 - 100);
  await write(p, s, buf + 65536, 100);
  p.poke(buf, 'X');
  close(p, s);
}, { comm: 'client' });
const t0 = Date.now(); const rr = await sched_run(sim, { limit_ns: 10e9 }); console.log(JSON.stringify(rr)); console.log("ms", Date.now() - t0, sim.now_ns);
for (const l of zc_trace(wp)) console.log(l);
for (const l of zc_trace(rp).slice(0, 20)) console.log(l);
console.log(zc_counters(wp), zc_counters(rp), socow_stats(a), so_zerocp_stats(a), got.length, got[0], got[1]);
console.log(jumbo_stats(b), mb_inuse(a), vm_sys(a).cnt.v_wire_count, vm_sys(b).cnt.v_wire_count);
