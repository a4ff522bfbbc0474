// Two machines on one gigabit wire: a server on b echoes what a client on a
// sends, then the client tries a port where nobody listens.
import {
  boot, GENERIC, Simulation, ifunit, ifconfig, proc_table, sched_run, socket, bind, listen, accept, connect, read, write, close,
  sockaddr_in, SyscallError, AF_INET, SOCK_STREAM, wire_connect,
} from 'zcsim';

const sim = new Simulation();
const a = boot(GENERIC, { sim, hostname: 'a', nics: ['em'] });
const b = boot(GENERIC, { sim, hostname: 'b', nics: ['em'] });
wire_connect(ifunit(a, 'em0')!, ifunit(b, 'em0')!, { delay_ns: 1000 });
ifconfig(a, ['em0', 'inet', '10.0.0.1/24', 'up']);
ifconfig(b, ['em0', 'inet', '10.0.0.2/24', 'up']);

// Virtual time, in microseconds since boot: the same on every run.
const say = (who: string, what: string) => console.log(`${(sim.now_ns / 1000).toFixed(1).padStart(6)} us  ${who}: ${what}`);

proc_table(b).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  bind(p, s, sockaddr_in('0.0.0.0', 7));
  listen(p, s, 5);
  const c = await accept(p, s);
  const buf = p.malloc(512);
  const n = await read(p, c, buf, 512);
  say('b', `read ${n} bytes, echoing them`);
  await write(p, c, buf, n);
  close(p, c);
  close(p, s);
}, { comm: 'echod' });

proc_table(a).spawn(async (p) => {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  await connect(p, s, sockaddr_in('10.0.0.2', 7));
  say('a', 'connected to 10.0.0.2 port 7');
  const buf = p.malloc(512);
  p.strcpy(buf, 'hello, FreeBSD 5.0');
  await write(p, s, buf, 18);
  const n = await read(p, s, buf + 256, 256);
  say('a', `${n} bytes back: "${p.peekstr(buf + 256, n)}"`);
  close(p, s);

  const t = socket(p, AF_INET, SOCK_STREAM, 0);
  try {
    await connect(p, t, sockaddr_in('10.0.0.2', 9));
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    say('a', e.message);
  }
  close(p, t);
}, { comm: 'client' });

await sched_run(sim);
