// fork(2).
// Mirrors fork1() in sys/kern/kern_fork.c (FreeBSD 5.0).
//
// JavaScript cannot return twice from one call, so the child's code is the
// function passed to fork: `const pid = p.fork(async (child) => { ... })`.
// The child starts with a copy of everything the parent had at the moment of
// the call: its address space (private mappings copy-on-write, MAP_SHARED
// ones shared, see vmspace_fork), its descriptor table (each file shared),
// its credentials and its C library state (malloc's heap bookkeeping, which
// lives in user memory in a real process). It runs when the parent next
// waits for something.

import { crhold } from '../sys/ucred.ts';
import { EAGAIN } from '../sys/errno.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import type { Proc } from '../sys/proc.ts';
import { vmspace_fork } from '../vm/vm_map.ts';
import { fdcopy } from './kern_descrip.ts';
import type { ProcBody } from './kern_proc.ts';

/**
 * fork1: creates the child of `p1` running `body`; returns its pid.
 * Throws EAGAIN when the process table is full (kern.maxproc; the last ten
 * slots are kept for root).
 */
export function fork1(p1: Proc, body: ProcBody): number {
  const table = p1.p_table;
  const nprocs = table.allproc.length;
  if ((nprocs >= table.maxproc - 10 && p1.p_ucred.cr_ruid !== 0) || nprocs >= table.maxproc) {
    table.log('proc: table is full'); // tablefull("proc")
    syscall_fail(EAGAIN, 'fork');
  }
  const vm2 = vmspace_fork(p1.p_vmspace);
  const p2 = table.proc_new(p1.p_comm, crhold(p1.p_ucred), fdcopy(p1.p_fd), vm2, p1.p_libc.clone(), p1);
  p1.p_children.push(p2);
  const cnt = table.vm.cnt;
  cnt.v_forks++;
  cnt.v_forkpages += vm2.vm_dsize + vm2.vm_ssize;
  table.proc_start(p2, body);
  return p2.p_pid;
}
