// Zero copy receive asks for three things: an MTU larger than a page, a
// payload that starts on a page boundary (header splitting), and a
// page-aligned read buffer of at least a page. Each run below breaks one.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, read, write,
  close, AF_INET, SOCK_STREAM, sockaddr_in, zc_entries, zc_reason_text, type Kernel, wire_connect,
} from 'zcsim';

interface Run {
  nic: 'em' | 'ti';
  mtu: number;
  options?: string; // extra kernel options
  rfc1323?: number; // net.inet.tcp.rfc1323 (timestamps: 12 more header bytes)
  roff?: number; // read buffer this many bytes past a page boundary
  rsize?: number; // bytes per read
}

const N = 16384; // bytes sent, from a page-aligned buffer

async function run(title: string, r: Run): Promise<void> {
  const conf = `${GENERIC}
options ZERO_COPY_SOCKETS
${r.options ?? ''}
`;
  const sim = new Simulation();
  const up = (k: Kernel, addr: string) => {
    ifconfig(k, [`${r.nic}0`, 'inet', addr, 'mtu', String(r.mtu), 'up']);
    if (r.rfc1323 !== undefined) k.sysctl('net.inet.tcp.rfc1323', r.rfc1323);
  };
  const a = boot(conf, { sim, hostname: 'a', nics: [r.nic] });
  const b = boot(conf, { sim, hostname: 'b', nics: [r.nic] });
  wire_connect(ifunit(a, `${r.nic}0`)!, ifunit(b, `${r.nic}0`)!, {});
  up(a, '10.0.0.1/24');
  up(b, '10.0.0.2/24');

  const reader = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(N + 4096) + (r.roff ?? 0);
    for (let n; (n = await read(p, c, buf, r.rsize ?? N)) > 0; );
    close(p, c);
  }, { comm: 'reader' });
  proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const buf = p.valloc(N);
    p.memset(buf, 0x61, N);
    await write(p, s, buf, N);
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(sim, { until_idle: true });

  // What happened to the 16384 bytes, summed over the reads by reason
  // (the first read's details shown).
  const sum = new Map<string, { text: string; bytes: number }>();
  for (const e of zc_entries(reader)) {
    for (const c of e.chunks) {
      const key = c.reason?.code ?? 'flip';
      const text = c.reason === null ? 'flipped' : `copied: ${zc_reason_text(c.reason)}`;
      const s = sum.get(key) ?? { text, bytes: 0 };
      s.bytes += c.bytes;
      sum.set(key, s);
    }
  }
  console.log(`== ${title}`);
  for (const { text, bytes } of sum.values()) console.log(`   ${String(bytes).padStart(5)} bytes ${text}`);
}

await run('em(4), MTU 1500: payloads land in 2 KB clusters', { nic: 'em', mtu: 1500 });
await run('ti(4), MTU 1500: no jumbo pages below a page', { nic: 'ti', mtu: 1500 });
await run('ti(4), MTU 9000, no header splitting, 66-byte headers', { nic: 'ti', mtu: 9000 });
await run('ti(4), MTU 9000, no header splitting, no timestamps', { nic: 'ti', mtu: 9000, rfc1323: 0 });
await run('ti(4), MTU 9000, TI_JUMBO_HDRSPLIT', { nic: 'ti', mtu: 9000, options: 'options TI_JUMBO_HDRSPLIT' });
await run('... but the read buffer is 100 bytes off', { nic: 'ti', mtu: 9000, options: 'options TI_JUMBO_HDRSPLIT', roff: 100 });
await run('... but each read asks for 1000 bytes', { nic: 'ti', mtu: 9000, options: 'options TI_JUMBO_HDRSPLIT', rsize: 1000 });
