// Tigon 1 or Tigon 2? Both boards run a kernel built with TI_JUMBO_HDRSPLIT,
// but only the Tigon 2 firmware can split headers. The Tigon 1 falls back to
// a 66-byte first buffer, which works only while TCP headers are 66 bytes.
import {
  machine_pair, GENERIC, proc_table, sched_run, socket, bind, listen, accept, connect, recv, write, close,
  AF_INET, SOCK_STREAM, MSG_WAITALL, sockaddr_in, zc_counters,
} from 'zcsim';

const conf = `${GENERIC}
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
`;
const N = 32768;

async function run(nic: 'ti' | 'ti-tigon1', timestamps: number): Promise<void> {
  const { sim, a, b } = machine_pair({ nic, mtu: 9000, configA: conf, configB: conf });
  a.sysctl('net.inet.tcp.rfc1323', timestamps);
  b.sysctl('net.inet.tcp.rfc1323', timestamps);
  const reader = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(N); // page aligned, a whole number of pages
    await recv(p, c, buf, N, MSG_WAITALL);
    close(p, c);
  }, { comm: 'reader' });
  proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const buf = p.valloc(N);
    p.memset(buf, 0x42, N);
    await write(p, s, buf, N);
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(sim, { until_idle: true });
  const c = zc_counters(reader);
  const notes = b.dmesg.filter((l) => l.includes('header splitting'));
  console.log(`== ${nic}, rfc1323=${timestamps}: ${c.pages_flipped} pages flipped, ${c.bytes_copied_receive} bytes copied`);
  for (const line of new Set(notes)) console.log(`   dmesg: ${line}`);
}

await run('ti', 1);
await run('ti', 0);
await run('ti-tigon1', 1);
await run('ti-tigon1', 0);
