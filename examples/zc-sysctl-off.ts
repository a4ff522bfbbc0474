// kern.ipc.zero_copy.send and .receive switch each half off (and on again)
// while the system runs; the next write or read just copies.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, recv, write,
  close, AF_INET, SOCK_STREAM, MSG_WAITALL, sockaddr_in, zc_trace, wire_connect,
} from 'zcsim';

// Two Tigon 2 boards splitting headers from payloads, at MTU 9000: both
// halves of zero copy can work.
const conf = `${GENERIC}
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
`;
const sim = new Simulation();
const a = boot(conf, { sim, hostname: 'a', nics: ['ti'] });
const b = boot(conf, { sim, hostname: 'b', nics: ['ti'] });
wire_connect(ifunit(a, 'ti0')!, ifunit(b, 'ti0')!, {});
ifconfig(a, ['ti0', 'inet', '10.0.0.1/24', 'mtu', '9000', 'up']);
ifconfig(b, ['ti0', 'inet', '10.0.0.2/24', 'mtu', '9000', 'up']);

const BLOCK = 32768;
const sink = proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 5001));
  listen(p, s, 1);
  const c = await accept(p, s);
  const buf = p.valloc(BLOCK);
  await recv(p, c, buf, BLOCK, MSG_WAITALL);
  console.log(`b: sysctl kern.ipc.zero_copy.receive: ${b.sysctl('kern.ipc.zero_copy.receive', 0)} -> 0`);
  await recv(p, c, buf, BLOCK, MSG_WAITALL);
  console.log(`b: sysctl kern.ipc.zero_copy.receive: ${b.sysctl('kern.ipc.zero_copy.receive', 1)} -> 1`);
  await recv(p, c, buf, BLOCK, MSG_WAITALL);
  close(p, c);
}, { comm: 'sink' });

const sender = proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  await connect(p, s, sockaddr_in('10.0.0.2', 5001));
  const buf = p.valloc(BLOCK);
  p.memset(buf, 0x41, BLOCK);
  await write(p, s, buf, BLOCK);
  console.log(`a: sysctl kern.ipc.zero_copy.send: ${a.sysctl('kern.ipc.zero_copy.send', 0)} -> 0`);
  await write(p, s, buf, BLOCK);
  console.log(`a: sysctl kern.ipc.zero_copy.send: ${a.sysctl('kern.ipc.zero_copy.send', 1)} -> 1`);
  await write(p, s, buf, BLOCK);
  close(p, s);
}, { comm: 'sender' });

await sched_run(sim, { until_idle: true });
for (const line of [...zc_trace(sender), ...zc_trace(sink)]) console.log(line);
