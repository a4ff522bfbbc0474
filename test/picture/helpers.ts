// Two machines on one wire for the picture tests: a writer on `a` whose
// body is given, and a reader on `b` that reads everything into one buffer
// and then answers one byte, so that the writer can wait until the reader
// has it all (and so until every ACK has come back) while still alive.

import {
  boot, GENERIC, ifconfig, ifunit, proc_table, sched_run, Simulation,
  accept, AF_INET, bind, close, connect, listen, read, write, setsockopt, SO_SNDBUF, SOCK_STREAM, sockaddr_in, socket, SOL_SOCKET,
  type Kernel, type Proc, wire_connect,
} from 'zcsim';

export interface Net {
  readonly sim: Simulation;
  readonly a: Kernel;
  readonly b: Kernel;
}

/** Two kernels with ZERO_COPY_SOCKETS; ti(4) at MTU 9000 with header splitting, or em(4) at 1500. */
export function net(nic: 'em' | 'ti'): Net {
  const conf = `${GENERIC}\noptions ZERO_COPY_SOCKETS\n${nic === 'ti' ? 'options TI_JUMBO_HDRSPLIT\n' : ''}`;
  const sim = new Simulation();
  const a = boot(conf, { sim, hostname: 'a', nics: [nic] });
  const b = boot(conf, { sim, hostname: 'b', nics: [nic] });
  wire_connect(ifunit(a, `${nic}0`)!, ifunit(b, `${nic}0`)!, {});
  const mtu = nic === 'ti' ? '9000' : '1500';
  ifconfig(a, [`${nic}0`, 'inet', '10.0.0.1/24', 'mtu', mtu, 'up']);
  ifconfig(b, [`${nic}0`, 'inet', '10.0.0.2/24', 'mtu', mtu, 'up']);
  return { sim, a, b };
}

/**
 * Runs a transfer of `total` bytes: `writer(p, s)` writes them; the reader
 * reads into a page-aligned buffer (plus `roff` bytes) and replies one
 * byte when it has them all; the writer's body may await `reply()`.
 */
export async function run_transfer(
  n: Net,
  total: number,
  writer: (p: Proc, s: number, reply: () => Promise<void>) => Promise<void>,
  opts: { roff?: number } = {},
): Promise<{ writer: Proc; reader: Proc }> {
  const reader = proc_table(n.b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(total + 8192) + (opts.roff ?? 0);
    let got = 0;
    while (got < total) {
      const k = await read(p, c, buf + got, total - got);
      if (k === 0) break;
      got += k;
    }
    p.poke(buf, 'k');
    await write(p, c, buf, 1);
    close(p, c);
  }, { comm: 'reader' });
  const w = proc_table(n.a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 131072);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const one = p.malloc(16);
    await writer(p, s, async () => {
      await read(p, s, one, 1);
    });
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(n.sim, { until_idle: true });
  return { writer: w, reader };
}
