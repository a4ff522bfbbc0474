// netperf(1): the benchmark's client, as a program for a simulated process.
// Mirrors netperf.c of netperf 2.2: parse the command line, open the
// control connection to netserver (establish_control), run the test.
//
//   proc_table(a).spawn((p) => netperf_main(p, ['-H', 'b', '-l', '0.05', '-c', '-C']), { comm: 'netperf' });
//   // prints "TCP STREAM TEST to b" and the result table on the process's stdout;
//   // returns the exit status (0, or 1 after an error message like the real tool's)
//   netperf_main(p, argv, (r) => { r.throughput_mbps ... })   // the numbers, for programs
//
// netserver must already listen on the remote machine (netserver.ts).

import { close, connect, socket } from '../../kern/uipc_syscalls.ts';
import { proc_kernel } from '../../kern/kern_synch.ts';
import { sockaddr_in } from '../../netinet/in.ts';
import type { Proc } from '../../sys/proc.ts';
import { AF_INET, SOCK_STREAM } from '../../sys/socket.ts';
import { SyscallError } from '../../sys/syscall_error.ts';
import { strerror } from '../../sys/errno.ts';
import { netperf_gethostbyname } from './hosts.ts';
import { NETPERF_MSG_BYTES } from './netlib.ts';
import { netperf_args } from './netsh.ts';
import { send_tcp_stream, type NetperfResult } from './nettest_bsd.ts';

/**
 * netperf's main(): runs the test `argv` (without the program name) asks
 * for. Returns the exit status; `on_result` receives the numbers of a run
 * that completed.
 */
export async function netperf_main(p: Proc, argv: readonly string[], on_result?: (r: NetperfResult) => void): Promise<number> {
  const parsed = netperf_args(argv);
  if (!parsed.ok) {
    if (parsed.stdout !== '') p.p_table.write(p, 1, parsed.stdout);
    if (parsed.stderr !== '') p.p_table.write(p, 2, parsed.stderr);
    return parsed.status;
  }
  const a = parsed.args;
  const addr = netperf_gethostbyname(proc_kernel(p), a.host_name);
  if (addr === null) {
    p.p_table.write(p, 2, `establish_control: could not resolve the destination ${a.host_name}\n`);
    return 1;
  }
  const control = socket(p, AF_INET, SOCK_STREAM, 0);
  try {
    await connect(p, control, sockaddr_in(addr, a.test_port));
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    p.p_table.write(p, 2, `establish_control: control socket connect failed: ${strerror(e.errno)}\n`);
    close(p, control);
    return 1;
  }
  const msgbuf = p.malloc(NETPERF_MSG_BYTES);
  const { status, result } = await send_tcp_stream(p, a, control, addr, msgbuf);
  close(p, control);
  if (result !== null) on_result?.(result);
  return status;
}
