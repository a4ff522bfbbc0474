// struct proc: a simulated process, and the interface its code uses.
// Mirrors sys/sys/proc.h (the p_* fields) and, for its methods, the system
// calls and C library functions a 2002 FreeBSD program would call.
//
// A process is created by ProcTable.spawn (kern/kern_proc.ts) or by fork,
// and its code receives it as `p`:
//
//   kernel.spawn(async (p) => {
//     const buf = p.malloc(8192);              // page aligned: > half a page
//     p.strcpy(buf, 'hello');                  // the process writes its memory
//     p.printf('%s at %p\n', buf, buf);        // %s of a number reads user memory
//     const pid = p.fork(async (c) => { c.poke(buf, 'child'); });
//     await p.waitpid(pid);
//     return 0;                                // exit status
//   });
//
// Three kinds of method, with three failure styles, as in C:
//   - system calls (mmap, munmap, mprotect, minherit, sbrk, fork, waitpid)
//     throw SyscallError (errno and a message) and change nothing on failure;
//   - library calls (malloc, calloc, realloc, valloc) return 0 (NULL) and set
//     p.errno, like libc (misuse, such as a double free, makes 2002's
//     malloc abort the process with SIGABRT: see libc/stdlib/malloc.ts);
//   - memory accesses (poke, peek, memset, memcpy, strcpy...) are the
//     process's own loads and stores: a bad address kills it with SIGSEGV
//     (nothing mapped there) or SIGBUS (mapped, but the access is not
//     allowed: 5.0 i386 behaviour), and its code stops there.
// Addresses are numbers (user virtual addresses, below 0xbfc00000).

import type { ProcBody, ProcTable } from '../kern/kern_proc.ts';
import type { filedesc } from '../kern/kern_descrip.ts';
import type { vmspace } from '../vm/vm_map.ts';
import type { libc_state } from '../libc/libc.ts';
import type { ucred } from './ucred.ts';
import { PAGE_SIZE } from './param.ts';
import { signal_name } from './signal.ts';
import { WEXITSTATUS, WIFEXITED, WTERMSIG } from './wait.ts';
import { exit1, kern_wait, proc_check_alive, ProcExitUnwind, type WaitResult } from '../kern/kern_exit.ts';
import { W_EXITCODE } from './wait.ts';
import { fork1 } from '../kern/kern_fork.ts';
import { syscall_enter } from '../i386/i386/trap.ts';
import { minherit, mmap, mprotect, munmap } from '../vm/vm_mmap.ts';
import { sbrk } from '../vm/vm_unix.ts';
import { calloc, free, malloc, realloc, valloc } from '../libc/stdlib/malloc.ts';
import { printf_format, type PrintfArg } from '../libc/stdio/printf.ts';
import {
  user_compare, user_copy, user_fill, user_read, user_read_string, user_strlen, user_write, to_bytes, type UserData,
} from '../i386/i386/usermem.ts';

import { P_WEXIT, PRS_NEW, PRS_NORMAL, PRS_ZOMBIE } from './proc_flags.ts';

export { P_WEXIT, PRS_NEW, PRS_NORMAL, PRS_ZOMBIE };

export class Proc {
  readonly p_table: ProcTable; // the machine's process table
  readonly p_pid: number; // process id
  p_comm: string; // command name
  p_ucred: ucred; // credentials
  p_fd: filedesc; // open files
  p_vmspace: vmspace; // address space
  p_pptr: Proc | null; // parent; null means init
  readonly p_children: Proc[] = []; // children not yet reaped
  p_state = PRS_NEW; // PRS_*
  p_flag = 0; // P_* flags
  p_xstat = 0; // wait status once exited (sys/wait.ts)
  p_libc: libc_state; // the C library's state in this process
  p_error: unknown = undefined; // an uncaught exception that ended the process
  stdout = ''; // what it printed on fd 1
  stderr = ''; // what it printed on fd 2
  /** Resolves with the wait status when the process exits. */
  readonly exited: Promise<number>;
  private resolve_exited: (status: number) => void = () => {};
  private child_waiters: (() => void)[] = [];

  constructor(table: ProcTable, pid: number, comm: string, cred: ucred, fd: filedesc, vms: vmspace, libc: libc_state, parent: Proc | null) {
    this.p_table = table;
    this.p_pid = pid;
    this.p_comm = comm;
    this.p_ucred = cred;
    this.p_fd = fd;
    this.p_vmspace = vms;
    this.p_libc = libc;
    this.p_pptr = parent;
    this.exited = new Promise((resolve) => (this.resolve_exited = resolve));
  }

  // ---- state, for the kernel and for whoever ran the process ----

  /** True until the process has exited or been killed. */
  is_alive(): boolean {
    return (this.p_flag & P_WEXIT) === 0;
  }

  /** How the process ended, as a shell would summarise it: 'running', 'exit 0', 'signal 11 (SIGSEGV)'. */
  get status_text(): string {
    if (this.is_alive()) return 'running';
    if (WIFEXITED(this.p_xstat)) return `exit ${WEXITSTATUS(this.p_xstat)}`;
    const sig = WTERMSIG(this.p_xstat);
    return `signal ${sig} (${signal_name(sig)})`;
  }

  /** @internal exit1 calls this once. */
  notify_exit(status: number): void {
    this.resolve_exited(status);
  }

  /** @internal Wakes a parent sleeping in wait(2). */
  wakeup_waiters(): void {
    const w = this.child_waiters;
    this.child_waiters = [];
    for (const f of w) f();
  }

  /** @internal Sleeps until some child exits. */
  sleep_for_child(): Promise<void> {
    return new Promise((resolve) => this.child_waiters.push(resolve));
  }

  // ---- identity ----

  getpid(): number {
    return this.p_pid;
  }

  /** The parent's pid; 1 (init) for a process spawned directly or orphaned. */
  getppid(): number {
    return this.p_pptr?.p_pid ?? 1;
  }

  getuid(): number {
    return this.p_ucred.cr_ruid;
  }

  geteuid(): number {
    return this.p_ucred.cr_uid;
  }

  getpagesize(): number {
    return PAGE_SIZE;
  }

  /** The C library's errno: set by malloc and friends when they return 0. */
  get errno(): number {
    return this.p_libc.errno;
  }

  // ---- process control ----

  /** exit(3): ends the process with `status`; never returns. */
  exit(status = 0): never {
    proc_check_alive(this);
    exit1(this, W_EXITCODE(status, 0));
    throw new ProcExitUnwind(this);
  }

  /** fork(2): starts a child running `child` with a copy of this process; returns its pid. */
  fork(child: ProcBody): number {
    syscall_enter(this);
    return fork1(this, child);
  }

  /** wait(2): waits for any child to exit. Throws ECHILD if there is none. */
  wait(): Promise<WaitResult> {
    syscall_enter(this);
    return kern_wait(this, -1, 0);
  }

  /** waitpid(2): waits for child `pid` (or any, with -1); options may be WNOHANG. Throws ECHILD. */
  waitpid(pid: number, options = 0): Promise<WaitResult> {
    syscall_enter(this);
    return kern_wait(this, pid, options);
  }

  // ---- output ----

  /** printf(3) to stdout; returns the number of characters printed. %s of a number reads a C string from user memory. */
  printf(fmt: string, ...args: PrintfArg[]): number {
    proc_check_alive(this);
    const text = printf_format(this, fmt, args);
    this.p_table.write(this, 1, text);
    return text.length;
  }

  /** warnx(3): "comm: message" on stderr. */
  warnx(fmt: string, ...args: PrintfArg[]): void {
    proc_check_alive(this);
    this.p_table.write(this, 2, `${this.p_comm}: ${printf_format(this, fmt, args)}\n`);
  }

  // ---- memory allocation (libc: 0 and errno on failure) ----

  malloc(size: number): number {
    return malloc(this, size);
  }

  calloc(number: number, size: number): number {
    return calloc(this, number, size);
  }

  realloc(ptr: number, size: number): number {
    return realloc(this, ptr, size);
  }

  free(ptr: number): void {
    free(this, ptr);
  }

  valloc(size: number): number {
    return valloc(this, size);
  }

  // ---- mappings (system calls: throw SyscallError) ----

  /** sbrk(2): moves the break by `incr` bytes; returns the old break. Throws ENOMEM. */
  sbrk(incr: number): number {
    syscall_enter(this);
    return sbrk(this, incr);
  }

  /** mmap(2): only anonymous memory (MAP_ANON, fd -1). Returns the address. Throws EINVAL, EBADF, ENOMEM... */
  mmap(addr: number, len: number, prot: number, flags: number, fd = -1, offset = 0): number {
    syscall_enter(this);
    return mmap(this, addr, len, prot, flags, fd, offset);
  }

  /** munmap(2). Throws EINVAL if any part of the range is not mapped. */
  munmap(addr: number, len: number): void {
    syscall_enter(this);
    munmap(this, addr, len);
  }

  /** mprotect(2). Throws EACCES if prot exceeds what the mapping allows. */
  mprotect(addr: number, len: number, prot: number): void {
    syscall_enter(this);
    mprotect(this, addr, len, prot);
  }

  /** minherit(2): INHERIT_SHARE, INHERIT_COPY or INHERIT_NONE for fork. */
  minherit(addr: number, len: number, inherit: number): void {
    syscall_enter(this);
    minherit(this, addr, len, inherit);
  }

  // ---- the process touching its own memory (SIGSEGV/SIGBUS on a bad address) ----

  /** Stores bytes (a string is stored as UTF-8, without a NUL) at addr. */
  poke(addr: number, data: UserData): void {
    user_write(this, addr, to_bytes(data));
  }

  /** Loads `len` bytes from addr. */
  peek(addr: number, len: number): Uint8Array {
    return user_read(this, addr, len);
  }

  /** Loads the NUL-terminated string at addr (at most maxlen bytes), decoded as UTF-8. */
  peekstr(addr: number, maxlen = Infinity): string {
    return user_read_string(this, addr, maxlen);
  }

  /** memset(3): fills len bytes at addr with (c & 0xff); returns addr. */
  memset(addr: number, c: number, len: number): number {
    user_fill(this, addr, c & 0xff, len);
    return addr;
  }

  /** memcpy(3) (overlap-safe, like memmove): copies len bytes from src to dst; returns dst. */
  memcpy(dst: number, src: number, len: number): number {
    user_copy(this, dst, src, len);
    return dst;
  }

  /** memcmp(3): compares len bytes at a with len bytes at address b (or with the given bytes). */
  memcmp(a: number, b: number | UserData, len: number): number {
    return user_compare(this, a, typeof b === 'number' ? b : to_bytes(b), len);
  }

  /** strcpy(3): copies the C string at address src, or a JavaScript string, to dst with its NUL; returns dst. */
  strcpy(dst: number, src: number | string): number {
    if (typeof src === 'number') user_copy(this, dst, src, user_strlen(this, src) + 1);
    else {
      const b = to_bytes(src);
      const z = new Uint8Array(b.length + 1);
      z.set(b);
      user_write(this, dst, z);
    }
    return dst;
  }

  /** strlen(3). */
  strlen(addr: number): number {
    return user_strlen(this, addr);
  }
}
