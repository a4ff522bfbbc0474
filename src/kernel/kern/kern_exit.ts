// Process exit and wait(2).
// Mirrors exit1() and wait1() in sys/kern/kern_exit.c (FreeBSD 5.0).
//
// exit1 frees everything the process owned at once: its descriptors (so
// sockets close), its address space (every page only it used goes back on
// the free queue) and its credentials. It stays a zombie holding its exit
// status until its parent waits for it; orphans are reparented to init,
// which reaps them immediately.
//
// A process's JavaScript code is unwound by throwing ProcExitUnwind from
// whatever it was doing (exit(), a fatal signal, or the next system call or
// memory access after another process killed it).

import { ECHILD } from '../sys/errno.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import { crfree } from '../sys/ucred.ts';
import { P_WEXIT, PRS_ZOMBIE } from '../sys/proc_flags.ts';
import type { Proc } from '../sys/proc.ts';
import { vmspace_free } from '../vm/vm_map.ts';
import { fdfree } from './kern_descrip.ts';
import { tsleep, wakeup } from './kern_synch.ts';

/** Thrown through a process's code to stop it once it has exited. Not an error. */
export class ProcExitUnwind extends Error {
  override readonly name = 'ProcExitUnwind';
  constructor(p: Proc) {
    super(`pid ${p.p_pid} has exited`);
  }
}

/** Throws ProcExitUnwind if `p` has exited (been killed) and must run no further. */
export function proc_check_alive(p: Proc): void {
  if (p.p_flag & P_WEXIT) throw new ProcExitUnwind(p);
}

/** exit1: ends `p` with wait status `rv` (see sys/wait.ts). Does nothing if it already exited. */
export function exit1(p: Proc, rv: number): void {
  if (p.p_flag & P_WEXIT) return;
  p.p_flag |= P_WEXIT;
  p.p_xstat = rv;
  fdfree(p);
  vmspace_free(p.p_vmspace);
  crfree(p.p_ucred);
  for (const child of p.p_children) {
    child.p_pptr = null;
    if (child.p_state === PRS_ZOMBIE) p.p_table.proc_reap(child);
  }
  p.p_children.length = 0;
  p.p_state = PRS_ZOMBIE;
  const parent = p.p_pptr;
  if (parent === null) p.p_table.proc_reap(p);
  else {
    parent.wakeup_waiters();
    if (p.p_table.kernel !== null) wakeup(p.p_table.kernel, parent);
  }
  p.notify_exit(rv);
}

/** What wait(2) returns: the child's pid and its status (0 and 0 for WNOHANG with nothing to report). */
export interface WaitResult {
  pid: number;
  status: number;
}

export const WNOHANG = 1; // don't wait for a child to exit

/**
 * kern_wait: waits for a child of `p` (`pid` > 0: that child; -1: any) to
 * exit and reaps it. Throws ECHILD if there is no such child.
 */
export async function kern_wait(p: Proc, pid: number, options: number): Promise<WaitResult> {
  for (;;) {
    const mine = p.p_children.filter((c) => pid === -1 || c.p_pid === pid);
    if (mine.length === 0) syscall_fail(ECHILD, pid === -1 ? 'wait' : 'waitpid', pid === -1 ? [] : [pid]);
    const zombie = mine.find((c) => c.p_state === PRS_ZOMBIE);
    if (zombie !== undefined) {
      p.p_children.splice(p.p_children.indexOf(zombie), 1);
      p.p_table.proc_reap(zombie);
      return { pid: zombie.p_pid, status: zombie.p_xstat };
    }
    if (options & WNOHANG) return { pid: 0, status: 0 };
    // On a booted kernel the parent sleeps in tsleep, so the scheduler sees it
    // asleep on "wait" (as ps would show it) rather than runnable.
    if (p.p_table.kernel !== null) await tsleep(p, p, 'wait');
    else await p.sleep_for_child();
  }
}
