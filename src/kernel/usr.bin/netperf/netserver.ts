// netserver(1): the benchmark's server, as a program for a simulated process.
// Mirrors netserver.c of netperf 2.2: listen on the control port (12865),
// take a control connection, read the test request and run the test.
//
//   proc_table(b).spawn((p) => netserver_main(p, [], { tests: 1 }), { comm: 'netserver' });
//
// The real netserver is a daemon that forks a child per control connection
// and never exits. Here connections are served one after another in the
// one process, and `tests` bounds how many: a simulation ends when its
// processes have exited, so a netserver that serves forever would keep the
// run from ending (sched_run would report it asleep in "accept").

import { accept, bind, close, listen, setsockopt, socket } from '../../kern/uipc_syscalls.ts';
import { sockaddr_in } from '../../netinet/in.ts';
import { EOPNOTSUPP } from '../../sys/errno.ts';
import type { Proc } from '../../sys/proc.ts';
import { AF_INET, SO_REUSEADDR, SOCK_STREAM, SOL_SOCKET } from '../../sys/socket.ts';
import { convert, NETPERF_PORT } from './netsh.ts';
import { DO_TCP_STREAM, NETPERF_MSG_BYTES, netperf_msg, recv_message, send_message } from './netlib.ts';
import { recv_tcp_stream } from './nettest_bsd.ts';

/** Options of netserver_main that have no command-line form. */
export interface NetserverOptions {
  readonly tests?: number; // control connections to serve before exiting (default: no limit)
}

/** netserver's main(): `argv` may be ['-p', port]. Returns the exit status. */
export async function netserver_main(p: Proc, argv: readonly string[] = [], opts: NetserverOptions = {}): Promise<number> {
  let port = NETPERF_PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-p' && argv[i + 1] !== undefined) port = convert(argv[++i] as string);
    else {
      p.p_table.write(p, 2, '\nUsage: netserver [options] \n\nOptions:\n    -h                Display this text\n    -p portnum        Listen for connect requests on portnum.\n\n');
      return 1;
    }
  }
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  setsockopt(p, s, SOL_SOCKET, SO_REUSEADDR, 1);
  bind(p, s, sockaddr_in('0.0.0.0', port));
  listen(p, s, 5);
  const msgbuf = p.malloc(NETPERF_MSG_BYTES);
  for (let served = 0; served < (opts.tests ?? Infinity); served++) {
    const control = await accept(p, s);
    const req = await recv_message(p, control, msgbuf);
    if (req !== null && req.type === DO_TCP_STREAM) await recv_tcp_stream(p, control, req, msgbuf);
    else if (req !== null) {
      // A test this netserver does not run: netperf reports the errno as "remote error".
      const rsp = new netperf_msg(req.type + 1);
      rsp.serv_errno = EOPNOTSUPP;
      await send_message(p, control, rsp, msgbuf);
    }
    close(p, control);
  }
  close(p, s);
  return 0;
}
