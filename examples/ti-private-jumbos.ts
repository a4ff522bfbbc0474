// The three ways ti(4) can build its jumbo receive buffers, and what each
// means for zero copy receive: 64 KB sent at MTU 9000, read into a
// page-aligned buffer, on kernels with ZERO_COPY_SOCKETS.
import {
  boot, GENERIC, Simulation, ConfigError, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect,
  read, write, close, AF_INET, SOCK_STREAM, sockaddr_in, zc_counters, jumbo_stats, type Kernel, wire_connect,
} from 'zcsim';

const N = 65536;

async function run(title: string, options: string): Promise<void> {
  const conf = `${GENERIC}\noptions ZERO_COPY_SOCKETS\n${options}\n`;
  const sim = new Simulation();
  const a = boot(conf, { sim, hostname: 'a', nics: ['ti'] });
  const b = boot(conf, { sim, hostname: 'b', nics: ['ti'] });
  wire_connect(ifunit(a, 'ti0')!, ifunit(b, 'ti0')!, {});
  const up = (k: Kernel, addr: string) => ifconfig(k, ['ti0', 'inet', addr, 'mtu', '9000', 'up']);
  up(a, '10.0.0.1/24');
  up(b, '10.0.0.2/24');

  const reader = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(N);
    for (let n; (n = await read(p, c, buf, N)) > 0; );
    close(p, c);
  }, { comm: 'reader' });
  proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const buf = p.valloc(N);
    p.memset(buf, 0x7a, N);
    await write(p, s, buf, N);
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(sim, { until_idle: true });

  // A flipped page now belongs to the reader; when its mbuf is freed,
  // jumbo(9) only recycles the address slot (jumbo_vmuiomove_pgs_freed).
  const c = zc_counters(reader);
  const slots = jumbo_stats(b).jumbo_vmuiomove_pgs_freed;
  console.log(`${title.padEnd(22)} ${String(c.pages_flipped).padStart(2)} pages flipped, ${String(c.bytes_copied_receive).padStart(5)} bytes copied, ${slots} jumbo slots recycled`);
}

await run('TI_JUMBO_HDRSPLIT', 'options TI_JUMBO_HDRSPLIT');
await run('neither (66-byte trick)', '');
await run('TI_PRIVATE_JUMBOS', 'options TI_PRIVATE_JUMBOS');

// Private jumbos are contiguous 9 KB buffers, not pages: config(8) refuses
// to combine them with header splitting, which exists to fill pages.
try {
  boot(`${GENERIC}\noptions TI_JUMBO_HDRSPLIT\noptions TI_PRIVATE_JUMBOS\n`, { file: 'TIGON' });
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.log(e.message);
}
