// A MAP_SHARED page sent zero copy while a second process writes to it.
// The page stays shared until someone writes while the kernel holds it;
// that write is copied: both processes see it, the wire carries the old bytes.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, read, write,
  close, AF_INET, SOCK_STREAM, sockaddr_in, zc_trace, zc_counters, MAP_ANON, MAP_SHARED, PROT_READ, PROT_WRITE, type Proc, wire_connect,
} from 'zcsim';

const ZERO_COPY = `${GENERIC}
options ZERO_COPY_SOCKETS
`;
const sim = new Simulation();
const a = boot(ZERO_COPY, { sim, hostname: 'a', nics: ['em'] });
const b = boot(GENERIC, { sim, hostname: 'b', nics: ['em'] });
wire_connect(ifunit(a, 'em0')!, ifunit(b, 'em0')!, {});
ifconfig(a, ['em0', 'inet', '10.0.0.1/24', 'up']);
ifconfig(b, ['em0', 'inet', '10.0.0.2/24', 'up']);

const text = (p: Proc, addr: number) => p.peekstr(addr, 40);

proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 5001));
  listen(p, s, 1);
  const c = await accept(p, s);
  const buf = p.malloc(4096);
  for (let i = 1; i <= 2; i++) {
    let got = 0;
    while (got < 4096) got += await read(p, c, buf + got, 4096 - got);
    console.log(`wire, page ${i}: "${text(p, buf)}"`);
    await write(p, c, buf, 1); // a reply: its ACK frees the loaned page
  }
  close(p, c);
}, { comm: 'sink' });

// A promise the two processes use to take turns.
function signal(): { wait: Promise<void>; post: () => void } {
  let post = () => {};
  const wait = new Promise<void>((r) => (post = r));
  return { wait, post };
}

const sender = proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  await connect(p, s, sockaddr_in('10.0.0.2', 5001));
  const page = p.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_ANON | MAP_SHARED);
  p.strcpy(page, 'first version, by the sender');
  const inFlight = signal();
  const acked = signal();
  const child = p.fork(async (c) => {
    await inFlight.wait; // the page is on loan to the kernel now
    c.strcpy(page, 'second version, by the child');
    console.log(`child ${c.getpid()} wrote while in flight; child sees "${text(c, page)}"`);
    await acked.wait; // the kernel has let go of the second send
    c.strcpy(page, 'third version, by the child');
    console.log(`child ${c.getpid()} wrote after the ACK`);
  });

  await write(p, s, page, 4096); // lent, not copied
  inFlight.post();
  await Promise.resolve();
  console.log(`sender sees "${text(p, page)}"`);
  console.log(`after send 1: ${JSON.stringify(zc_counters(p))}`);

  await read(p, s, page + 2048, 1); // the sink's reply: send 1 is acknowledged
  await write(p, s, page, 4096); // lend the (new) page again
  await read(p, s, page + 2048, 1);
  acked.post();
  await p.waitpid(child);
  console.log(`sender sees "${text(p, page)}"`);
  close(p, s);
}, { comm: 'sender' });

await sched_run(sim, { until_idle: true });
for (const line of zc_trace(sender)) console.log(line);
console.log(`sender: ${JSON.stringify(zc_counters(sender))}`);
