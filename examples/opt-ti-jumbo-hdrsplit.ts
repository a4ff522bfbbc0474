// options TI_JUMBO_HDRSPLIT: the Tigon 2 firmware puts every TCP payload on
// a page boundary. Without it, ti(4) sizes the first buffer for 66 bytes of
// headers, which only TCP with timestamps fills. Here timestamps are off
// (net.inet.tcp.rfc1323=0, 54-byte headers) and 32 KB go from a to b.
import {
  machine_pair, GENERIC, ifunit, proc_table, sched_run, socket, bind, listen, accept, connect, recv, write, close,
  AF_INET, SOCK_STREAM, MSG_WAITALL, sockaddr_in, ti_softc_of, zc_counters, zc_entries, zc_reason_text,
} from 'zcsim';

const N = 32768;

async function run(title: string, options: string): Promise<void> {
  const conf = `${GENERIC}options ZERO_COPY_SOCKETS\n${options}\n`;
  const { sim, a, b } = machine_pair({ nic: 'ti', mtu: 9000, configA: conf, configB: conf });
  for (const k of [a, b]) k.sysctl('net.inet.tcp.rfc1323', 0);
  const reader = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(N); // page aligned, whole pages: the reader does its part
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
  console.log(`== ${title}: ti_hdrsplit ${ti_softc_of(ifunit(b, 'ti0')!).ti_hdrsplit}`);
  console.log(`   ${c.pages_flipped} pages flipped, ${c.bytes_copied_receive} bytes copied`);
  // What the read made of each run of bytes, in order (the "why was this copied" record).
  for (const chunk of zc_entries(reader)[0]?.chunks ?? []) {
    const why = chunk.reason === null ? '' : `: ${zc_reason_text(chunk.reason)}`;
    console.log(`   ${String(chunk.bytes).padStart(5)} bytes ${chunk.action === 'copy' ? 'copied' : 'flipped'}${why}`);
  }
}

await run('GENERIC + ZERO_COPY_SOCKETS', '');
await run('GENERIC + ZERO_COPY_SOCKETS + TI_JUMBO_HDRSPLIT', 'options TI_JUMBO_HDRSPLIT');
