// Reusing a buffer too early: each page written while the kernel still has
// it on loan is copied by a COW fault. zero_copy(9)'s advice, send twice
// SO_SNDBUF before touching a buffer again, leaves no fault at all.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, read, write,
  close, setsockopt, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, SO_SNDLOWAT, sockaddr_in, zc_trace, zc_counters, cpu_snapshot, type Proc, wire_connect,
} from 'zcsim';

const ZERO_COPY = `${GENERIC}
options ZERO_COPY_SOCKETS
`;
const BLOCK = 16384; // bytes per write: four pages
const WRITES = 16;

async function round(title: string, sndbuf: number, nbufs: number, send = 1): Promise<void> {
  const sim = new Simulation();
  const a = boot(ZERO_COPY, { sim, hostname: 'a', nics: ['em'] });
  const b = boot(GENERIC, { sim, hostname: 'b', nics: ['em'] });
  wire_connect(ifunit(a, 'em0')!, ifunit(b, 'em0')!, {});
  ifconfig(a, ['em0', 'inet', '10.0.0.1/24', 'up']);
  ifconfig(b, ['em0', 'inet', '10.0.0.2/24', 'up']);
  a.sysctl('kern.ipc.zero_copy.send', send);

  let intact = 0; // blocks that arrived holding what was written
  proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.malloc(BLOCK);
    for (let i = 0; i < WRITES; i++) {
      let got = 0;
      while (got < BLOCK) got += await read(p, c, buf + got, BLOCK - got);
      if (p.peek(buf, BLOCK).every((x) => x === i + 1)) intact++;
    }
    close(p, c);
  }, { comm: 'sink' });

  const sender: Proc = proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, sndbuf);
    // Wait for room for a whole block: a write that only partly fits would
    // copy a piece and leave the rest of the buffer misaligned.
    setsockopt(p, s, SOL_SOCKET, SO_SNDLOWAT, BLOCK);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const bufs = Array.from({ length: nbufs }, () => p.valloc(BLOCK));
    for (let i = 0; i < WRITES; i++) {
      const buf = bufs[i % nbufs]!;
      p.memset(buf, i + 1, BLOCK); // block i holds the byte i + 1
      await write(p, s, buf, BLOCK);
    }
    close(p, s);
  }, { comm: 'sender' });

  await sched_run(sim, { until_idle: true });
  const c = zc_counters(sender);
  console.log(`== ${title}: SO_SNDBUF ${sndbuf}, ${nbufs} buffer(s) of ${BLOCK} bytes`);
  console.log(`   pages loaned ${c.pages_loaned}, COW faults ${c.cow_faults}, blocks intact ${intact}/${WRITES}`);
  const cpu = cpu_snapshot(a).busy_ns; // what the sending machine's CPU spent copying and in the VM
  console.log(`   CPU of a: copy ${(cpu.copy / 1000).toFixed(1)} us, vm ${(cpu.vm / 1000).toFixed(1)} us`);
  for (const line of zc_trace(sender).slice(0, 6)) console.log(line);
}

await round('one buffer, refilled right after each write', 32768, 1);
await round('four buffers, 2 x SO_SNDBUF between reuses', 32768, 4);
await round('for comparison, one buffer and kern.ipc.zero_copy.send=0', 32768, 1, 0);
