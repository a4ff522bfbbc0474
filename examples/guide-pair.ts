// The guide's sender and receiver, with every rule applied: a kernel with
// ZERO_COPY_SOCKETS and TI_JUMBO_HDRSPLIT on Tigon 2 boards at MTU 9000,
// page-aligned buffers rotated so that two send buffers' worth of data goes
// out before a buffer is reused, and page-aligned reads of whole pages.
// Run twice: rotating through 2 x SO_SNDBUF, as zero_copy(9) advises, and
// through 4 x SO_SNDBUF, the margin ti(4) needs (it frees sent frames only
// at its coalesced send-completion interrupt).
import {
  machine_pair, GENERIC, proc_table, sched_run, socket, bind, listen, accept, connect, recv, write, close,
  setsockopt, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, SO_SNDLOWAT, SO_RCVBUF, MSG_WAITALL,
  sockaddr_in, zc_trace, zc_counters,
} from 'zcsim';

const conf = `${GENERIC}
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
`;
const BLOCK = 16384; // bytes per call: four pages
const SNDBUF = 32768; // the send buffer
const CALLS = 12;

async function run(multiple: number, trace: boolean): Promise<void> {
  const NBUFS = (multiple * SNDBUF) / BLOCK; // buffers to rotate
  const { sim, a, b } = machine_pair({ nic: 'ti', mtu: 9000, configA: conf, configB: conf });

  let intact = 0;
  const receiver = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    setsockopt(p, s, SOL_SOCKET, SO_RCVBUF, 65536);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(BLOCK); // page aligned, whole pages
    for (let i = 0; i < CALLS; i++) {
      await recv(p, c, buf, BLOCK, MSG_WAITALL); // always a full, aligned block
      if (p.peek(buf, BLOCK).every((x) => x === i + 1)) intact++;
    }
    close(p, c);
  }, { comm: 'receiver' });

  const sender = proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, SNDBUF);
    setsockopt(p, s, SOL_SOCKET, SO_SNDLOWAT, BLOCK); // wait for room for a whole block
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const bufs = Array.from({ length: NBUFS }, () => p.valloc(BLOCK));
    for (let i = 0; i < CALLS; i++) {
      const buf = bufs[i % NBUFS]!;
      p.memset(buf, i + 1, BLOCK); // filled just before it is sent
      await write(p, s, buf, BLOCK);
    }
    close(p, s);
  }, { comm: 'sender' });

  await sched_run(sim, { until_idle: true });
  console.log(`== ${NBUFS} buffers: ${multiple} x SO_SNDBUF between reuses, blocks intact ${intact}/${CALLS}`);
  console.log(`   sender:   ${JSON.stringify(zc_counters(sender))}`);
  console.log(`   receiver: ${JSON.stringify(zc_counters(receiver))}`);
  if (trace) for (const line of [...zc_trace(sender).slice(0, 3), ...zc_trace(receiver).slice(0, 3)]) console.log(line);
}

await run(2, false);
await run(4, true);
