// Traps from user mode: page faults and system call entry.
// Mirrors trap_pfault() and syscall() in sys/i386/i386/trap.c (FreeBSD 5.0).
//
// usermem.ts (the simulated CPU) calls trap_pfault when the MMU refuses an
// access; a nonzero result is the signal the process gets. As on 5.0's
// i386, an access the map entry forbids (KERN_PROTECTION_FAILURE: a write
// to a PROT_READ page, any access to a PROT_NONE page) gives SIGBUS, and an
// address nothing is mapped at gives SIGSEGV. (FreeBSD 7 added the
// machdep.prot_fault_translation knob and later defaulted to SIGSEGV for both.)
//
// Every system call starts with syscall_enter, which counts it and refuses
// to run for a process that is already exiting.

import { SIGBUS, SIGKILL, SIGSEGV } from '../../sys/signal.ts';
import type { Proc } from '../../sys/proc.ts';
import { VM_PROT_READ, VM_PROT_WRITE } from '../../vm/vm.ts';
import { VM_FAULT_NORMAL, vm_fault } from '../../vm/vm_fault.ts';
import { KERN_PROTECTION_FAILURE, KERN_RESOURCE_SHORTAGE, KERN_SUCCESS } from '../../vm/vm_param.ts';
import { vm_pageout_oom } from '../../vm/vm_pageout.ts';
import { VM_MAXUSER_ADDRESS } from '../include/vmparam.ts';
import { proc_check_alive } from '../../kern/kern_exit.ts';
import { killproc } from '../../kern/kern_sig.ts';

/**
 * trap_pfault: a user-mode page fault at `va`. Returns 0 if the access may
 * now proceed, else the signal to deliver. When memory is exhausted the
 * largest process is killed, as the pageout daemon does when swap is full;
 * that may be the faulting process itself (SIGKILL).
 */
export function trap_pfault(p: Proc, va: number, write: boolean): number {
  const vm = p.p_vmspace.vm_map.vm;
  vm.cnt.v_trap++;
  if (va < 0 || va >= VM_MAXUSER_ADDRESS) return SIGSEGV;
  for (;;) {
    const rv = vm_fault(p.p_vmspace.vm_map, va, write ? VM_PROT_WRITE : VM_PROT_READ, VM_FAULT_NORMAL);
    if (rv === KERN_SUCCESS) return 0;
    if (rv !== KERN_RESOURCE_SHORTAGE) return rv === KERN_PROTECTION_FAILURE ? SIGBUS : SIGSEGV;
    const victim = vm_pageout_oom(p.p_table);
    if (victim === null) killproc(p, 'out of swap space'); // only the kernel holds memory: nothing else to kill
    if (victim === null || victim === p) return SIGKILL;
    proc_check_alive(p);
  }
}

/** syscall(): the entry of every system call made by `p`. */
export function syscall_enter(p: Proc): void {
  proc_check_alive(p);
  const vm = p.p_vmspace.vm_map.vm;
  vm.cnt.v_syscall++;
  vm.charge?.('syscall');
}
