// Signal delivery, for the default actions only.
// Mirrors trapsignal(), psignal(), sigexit() and killproc() in
// sys/kern/kern_sig.c (FreeBSD 5.0).
//
// Simulated processes install no handlers, so a signal always takes its
// default action; every signal the simulation sends terminates the process.
// A process killed by a core-dumping signal (SIGSEGV, SIGBUS...) is logged
// to the console as 5.0 does with kern.logsigexit=1:
//   pid 104 (a.out), uid 1001: exited on signal 11
// No core file is written (there is no file system).

import { W_EXITCODE } from '../sys/wait.ts';
import { SIGKILL, sig_dumps_core } from '../sys/signal.ts';
import type { Proc } from '../sys/proc.ts';
import { ProcExitUnwind, exit1 } from './kern_exit.ts';

/**
 * trapsignal: `sig` caused by the running process itself (a bad memory
 * access). The process dies; the call unwinds its code and never returns.
 */
export function trapsignal(p: Proc, sig: number): never {
  sigexit(p, sig);
  throw new ProcExitUnwind(p);
}

/** psignal: sends `sig` to `p`, which is not running right now; it dies at once. */
export function psignal(p: Proc, sig: number): void {
  if (!p.is_alive()) return;
  sigexit(p, sig);
}

// sigexit: the default action of a terminating signal.
function sigexit(p: Proc, sig: number): void {
  if (sig_dumps_core(sig) && p.p_table.logsigexit) {
    p.p_table.log(`pid ${p.p_pid} (${p.p_comm}), uid ${p.p_ucred.cr_uid}: exited on signal ${sig}`);
  }
  exit1(p, W_EXITCODE(0, sig));
}

/** killproc: kills `p` with SIGKILL, logging why (the pageout daemon's "out of swap space"). */
export function killproc(p: Proc, why: string): void {
  p.p_table.log(`pid ${p.p_pid} (${p.p_comm}), uid ${p.p_ucred.cr_uid}, was killed: ${why}`);
  psignal(p, SIGKILL);
}
