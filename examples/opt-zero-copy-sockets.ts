// options ZERO_COPY_SOCKETS: the same program on two kernels. The sender
// writes 64 KB from a page-aligned buffer over em(4) at MTU 1500; the
// kernel with the option lends the pages (socow_setup) instead of copying
// them. The receive half needs more than this card offers (zero_copy(9)).
import {
  machine_pair, GENERIC, SyscallError, proc_table, sched_run, socket, bind, listen, accept, connect, recv, write, close, setsockopt,
  AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, MSG_WAITALL, sockaddr_in, zc_counters, zc_entries, zc_reason_text, type Proc,
} from 'zcsim';

const N = 65536;

// The first reason the kernel gave for copying, if it copied anything.
function why(p: Proc): string {
  for (const e of zc_entries(p)) for (const c of e.chunks) if (c.reason !== null) return zc_reason_text(c.reason);
  return '-';
}

async function run(title: string, conf: string): Promise<void> {
  const { sim, a, b } = machine_pair({ nic: 'em', configA: conf, configB: conf });
  let sysctl: string;
  try {
    sysctl = a.sysctlList('kern.ipc.zero_copy').join(', ');
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    sysctl = e.message;
  }
  const reader = proc_table(b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(N);
    await recv(p, c, buf, N, MSG_WAITALL);
    close(p, c);
  }, { comm: 'reader' });
  const writer = proc_table(a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 2 * N); // room for the whole write: no page waits for space
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const buf = p.valloc(N); // page aligned, 16 whole pages
    p.memset(buf, 0x5a, N);
    await write(p, s, buf, N);
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(sim, { until_idle: true });

  const w = zc_counters(writer);
  const r = zc_counters(reader);
  console.log(`== ${title}`);
  console.log(`   sysctl: ${sysctl}`);
  console.log(`   send:    ${w.pages_loaned} pages loaned, ${w.bytes_copied_send} bytes copied (${why(writer)})`);
  console.log(`   receive: ${r.pages_flipped} pages flipped, ${r.bytes_copied_receive} bytes copied (${why(reader)})`);
}

await run('GENERIC', GENERIC);
await run('GENERIC + ZERO_COPY_SOCKETS', `${GENERIC}options ZERO_COPY_SOCKETS\n`);
