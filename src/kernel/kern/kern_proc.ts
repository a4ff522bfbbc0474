// The process table and the run loop.
// Mirrors sys/kern/kern_proc.c (allproc, pfind, pid allocation) plus what
// a shell does to start a program; the run loop has no FreeBSD counterpart.
//
// How to use, on a booted kernel (boot() makes the table: proc_table(kernel)):
//   const p = kernel.spawn(async (p) => { ... return 0; }, { uid: 1001, comm: 'zc' });
//   await kernel.run();           // sched_run: processes and events in virtual time
//   p.status_text                 // 'exit 0', 'signal 11 (SIGSEGV)'...
//   kernel.output                 // what its processes printed, in order
// or `await p.exited` for one process's wait status. A table made by hand
// (new ProcTable(vm_mem_init(npages), log), as the VM tests do) runs with
// `await table.run()`, which only waits for the processes to exit: enough
// for programs that never sleep in tsleep (no sockets).
//
// A process body is an async function; the process exits when it returns
// (status: the number it returns, or 0), calls p.exit(n), throws (an
// uncaught SyscallError or other error is printed to its stderr like err(3)
// would, status 1), or dies of a signal. Processes run as JavaScript
// promises: each runs until it awaits something, so interleaving happens
// only at awaits (wait(2), blocking socket calls); sim/sched.ts's sched_run
// drives them together with the machine's events.

import type { Kernel } from './init_main.ts';
import { KernelPanic } from './kern_shutdown.ts';
import { SI_ORDER_ANY, SI_SUB_KMEM, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RW } from '../sys/sysctl.ts';
import { vm_sys } from '../vm/vm_init.ts';
import { SyscallError } from '../sys/syscall_error.ts';
import { W_EXITCODE } from '../sys/wait.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { ucred } from '../sys/ucred.ts';
import { Proc, PRS_NORMAL } from '../sys/proc.ts';
import type { filedesc } from './kern_descrip.ts';
import { fdinit } from './kern_descrip.ts';
import type { vmspace } from '../vm/vm_map.ts';
import type { VmSystem } from '../vm/vm_init.ts';
import { libc_state } from '../libc/libc.ts';
import { exec_new_vmspace } from './kern_exec.ts';
import { ProcExitUnwind, exit1 } from './kern_exit.ts';

/** A process's code: called once with its Proc; its result is the exit status. */
export type ProcBody = (p: Proc) => Promise<number | void> | number | void;

export interface SpawnOptions {
  readonly uid?: number; // user id (0, the default, is root)
  readonly gid?: number; // group id (default 0, wheel)
  readonly comm?: string; // command name, as ps and the kernel log show it (default 'a.out')
  readonly malloc_options?: string; // MALLOC_OPTIONS in its environment, e.g. 'aj' (see libc/stdlib/malloc.ts)
}

/** PID_MAX: pids wrap after this (kern_fork.c). */
export const PID_MAX = 99999;

/** kern.maxproc for a given maxusers: NPROC, 20 + 16 * maxusers (subr_param.c). */
export function maxproc_for(maxusers: number): number {
  return 20 + 16 * maxusers;
}

export class ProcTable {
  readonly vm: VmSystem; // the machine's memory
  readonly allproc: Proc[] = []; // live and zombie processes, oldest first
  readonly everproc: Proc[] = []; // every process ever created, for inspection after the run
  lastpid = 1; // last pid handed out; 1 is init, which the simulation does not run
  logsigexit = true; // kern.logsigexit: log deaths by core-dumping signals
  maxproc = maxproc_for(32); // kern.maxproc: fork fails with EAGAIN beyond it
  output = ''; // everything every process printed, in order, as on a terminal
  on_output: ((p: Proc, fd: number, text: string) => void) | null = null; // live copy of the output
  readonly log: (line: string) => void; // the kernel's printf (message buffer)
  kernel: Kernel | null = null; // the booted kernel this table belongs to; null for a standalone VM
  private panicked: unknown = null; // a KernelPanic raised inside some process

  constructor(vm: VmSystem, log: (line: string) => void = () => {}) {
    this.vm = vm;
    this.log = log;
  }

  /** Starts a new program running `body` with a fresh address space; returns its Proc. */
  spawn(body: ProcBody, opts: SpawnOptions = {}): Proc {
    const cred = new ucred(opts.uid ?? 0, opts.gid ?? 0);
    const vms = exec_new_vmspace(this.vm);
    const libc = new libc_state(vms.vm_daddr + vms.vm_dsize * PAGE_SIZE, opts.malloc_options);
    const p = this.proc_new(opts.comm ?? 'a.out', cred, fdinit(), vms, libc, null);
    this.proc_start(p, body);
    return p;
  }

  /**
   * Waits until every process, including children forked meanwhile, has
   * exited (a process killed while its code awaits something counts as
   * exited: its code is never resumed). Rethrows a kernel panic.
   */
  async run(): Promise<void> {
    for (;;) {
      const alive = this.everproc.filter((p) => p.is_alive());
      if (alive.length === 0) break;
      await Promise.all(alive.map((p) => p.exited));
    }
    if (this.panicked !== null) throw this.panicked;
  }

  /** pfind: the live or zombie process with `pid`, if any. */
  pfind(pid: number): Proc | undefined {
    return this.allproc.find((p) => p.p_pid === pid);
  }

  /** allproc in FreeBSD's list order (newest first), as its scanners see it. */
  allproc_newest_first(): Proc[] {
    return [...this.allproc].reverse();
  }

  /** Creates a process (used by spawn and fork1). */
  proc_new(comm: string, cred: ucred, fd: filedesc, vms: vmspace, libc: libc_state, parent: Proc | null): Proc {
    const p = new Proc(this, this.alloc_pid(), comm, cred, fd, vms, libc, parent);
    this.allproc.push(p);
    this.everproc.push(p);
    return p;
  }

  /** Removes a zombie from the table once its parent (or init) has collected its status. */
  proc_reap(p: Proc): void {
    const i = this.allproc.indexOf(p);
    if (i >= 0) this.allproc.splice(i, 1);
  }

  /** Runs `body` as process p's code, starting after the caller's current step. */
  proc_start(p: Proc, body: ProcBody): void {
    p.p_state = PRS_NORMAL;
    void (async () => {
      await Promise.resolve();
      try {
        const rv = p.is_alive() ? await body(p) : 0;
        exit1(p, W_EXITCODE(typeof rv === 'number' ? rv : 0, 0));
      } catch (e) {
        this.proc_died(p, e);
      }
    })();
  }

  // The body threw: either the normal unwinding of an exited process or a real error.
  private proc_died(p: Proc, e: unknown): void {
    if (e instanceof ProcExitUnwind || !p.is_alive()) return;
    if (e instanceof KernelPanic) {
      this.panicked ??= e;
      this.log(e.message);
      try {
        exit1(p, W_EXITCODE(1, 0));
      } catch {
        // the machine is already inconsistent; the panic is what gets reported
      }
      return;
    }
    p.p_error = e;
    const what = e instanceof SyscallError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.write(p, 2, `${p.p_comm}: ${what}\n`);
    exit1(p, W_EXITCODE(1, 0));
  }

  /** Appends what a process printed on fd 1 or 2 to its record and to the terminal. */
  write(p: Proc, fd: number, text: string): void {
    if (fd === 2) p.stderr += text;
    else p.stdout += text;
    this.output += text;
    this.on_output?.(p, fd, text);
  }

  // Next free pid after lastpid, wrapping at PID_MAX (to 100, as kern_fork.c does).
  private alloc_pid(): number {
    for (;;) {
      this.lastpid = this.lastpid >= PID_MAX ? 100 : this.lastpid + 1;
      if (this.pfind(this.lastpid) === undefined) return this.lastpid;
    }
  }
}


/** The process table of a booted kernel. */
export function proc_table(kernel: Kernel): ProcTable {
  const t = kernel.proctable;
  if (t === undefined) throw new Error('proc_table: this kernel has no process table (procinit did not run)');
  return t;
}

/** KERN_LOGSIGEXIT: kern.logsigexit's fixed number (sys/sysctl.h). */
const KERN_LOGSIGEXIT = 34;

// procinit: the process table (FreeBSD sets up allproc and proc0 here),
// sized by maxusers, and kern.logsigexit from kern_sig.c. Runs once the VM
// and the sysctl tree exist.
function procinit(kernel: Kernel): void {
  const table = new ProcTable(vm_sys(kernel), (line) => kernel.printf(line));
  table.maxproc = maxproc_for(kernel.param.maxusers);
  table.kernel = kernel;
  kernel.proctable = table;
  const logsigexit = {
    get value() {
      return table.logsigexit ? 1 : 0;
    },
    set value(v: number) {
      table.logsigexit = v !== 0;
    },
  };
  kernel.sysctls.int('kern', KERN_LOGSIGEXIT, 'logsigexit', CTLFLAG_RW, logsigexit, 'Log processes quitting on abnormal signals to syslog');
}

export const procinit_sysinit: SysInit = { name: 'procinit', subsystem: SI_SUB_KMEM, order: SI_ORDER_ANY, func: procinit };
