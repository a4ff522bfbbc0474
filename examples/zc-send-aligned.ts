// Which writes go out zero copy? Page-aligned, page-sized ones; the rest is
// copied, and the kernel's record says why, piece by piece.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, read, write,
  close, setsockopt, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, sockaddr_in, zc_trace, zc_counters, socow_stats, so_zerocp_stats,
  MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE, wire_connect,
} from 'zcsim';

// Two machines with em(4) on one wire; the sender's kernel has zero copy sockets.
const ZERO_COPY = `${GENERIC}
options ZERO_COPY_SOCKETS
`;
const sim = new Simulation();
const a = boot(ZERO_COPY, { sim, hostname: 'a', nics: ['em'] });
const b = boot(GENERIC, { sim, hostname: 'b', nics: ['em'] });
wire_connect(ifunit(a, 'em0')!, ifunit(b, 'em0')!, {});
ifconfig(a, ['em0', 'inet', '10.0.0.1/24', 'up']);
ifconfig(b, ['em0', 'inet', '10.0.0.2/24', 'up']);

let received = 0;
proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 5001));
  listen(p, s, 1);
  const c = await accept(p, s);
  const buf = p.malloc(65536);
  for (let n; (n = await read(p, c, buf, 65536)) > 0; ) received += n;
  close(p, c);
}, { comm: 'sink' });

const sender = proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 131072); // room for every write below
  await connect(p, s, sockaddr_in('10.0.0.2', 5001));
  const buf = p.valloc(65536); // page aligned
  p.memset(buf, 0x5a, 65536); // and resident: every page touched
  await write(p, s, buf, 16384); // 4 whole pages at a page boundary
  await write(p, s, buf + 100, 8192); // 100 bytes past a boundary
  await write(p, s, buf, 6000); // a page and a bit
  await write(p, s, buf + 2048, 10240); // half a page off, then aligned again
  await write(p, s, buf, 1000); // less than a page
  const fresh = p.mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE); // never touched
  await write(p, s, fresh, 8192);
  close(p, s);
}, { comm: 'sender' });

await sched_run(sim, { until_idle: true }); // until the last ACK has freed the last loan
for (const line of zc_trace(sender)) console.log(line);
console.log('sender:', JSON.stringify(zc_counters(sender)));
console.log('so_zerocp_stats:', JSON.stringify(so_zerocp_stats(a)));
console.log('socow_stats:', JSON.stringify(socow_stats(a)));
console.log(`sink received ${received} bytes`);
