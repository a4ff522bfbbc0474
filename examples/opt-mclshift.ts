// options MCLSHIFT: an mbuf cluster is 1 << MCLSHIFT bytes, 2 KB unless the
// kernel says otherwise. Besides the size of every cluster, it changes TCP:
// tcp_mss() rounds a segment larger than a cluster down to a multiple of
// MCLBYTES. Connect over ti(4) at two MTUs and ask for the MSS.
import {
  boot, machine_pair, GENERIC, ConfigError, proc_table, sched_run, socket, bind, listen, accept, connect, getsockopt, close,
  AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_MAXSEG, sockaddr_in,
} from 'zcsim';

async function mss(conf: string, mtu: number): Promise<number> {
  const { sim, a, b } = machine_pair({ nic: 'ti', mtu, configA: conf, configB: conf });
  let maxseg = 0;
  proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    close(p, await accept(p, s));
  });
  proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    maxseg = getsockopt(p, s, IPPROTO_TCP, TCP_MAXSEG); // data bytes per segment
    close(p, s);
  });
  await sched_run(sim, { until_idle: true });
  return maxseg;
}

for (const shift of [11, 12]) {
  const conf = `${GENERIC}options MCLSHIFT=${shift}\n`;
  const { MCLBYTES } = boot(conf).param;
  const at9000 = await mss(conf, 9000);
  const at7000 = await mss(conf, 7000);
  console.log(`MCLSHIFT ${shift}: MCLBYTES ${MCLBYTES}, TCP MSS ${at9000} at MTU 9000, ${at7000} at MTU 7000`);
}

// A cluster must hold a whole Ethernet frame (at least 11) and fit in the
// page mb_alloc carves it from (at most PAGE_SHIFT, 12).
for (const bad of [10, 13]) {
  try {
    boot(`${GENERIC}options MCLSHIFT=${bad}\n`, { file: 'MYKERNEL' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.log(e.message);
  }
}
