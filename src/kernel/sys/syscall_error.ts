// SyscallError: the one error every failing system call throws.
//
// A real system call returns -1 and sets errno; here the call throws a
// SyscallError carrying the same errno. Kernel code fails with
//
//   return syscall_fail(ENOENT, 'sysctl', [name]);
//
// after it has validated its arguments and before it has changed anything,
// so a caught SyscallError always means "nothing happened".
//
// The message names the call and its input, then the errno symbol and the
// text libc's strerror(3) prints:
//   sysctl("kern.ipc.zero_copy.sned"): ENOENT (No such file or directory)

import { errno_name, strerror, type ErrnoName } from './errno.ts';

/** A value that can appear as a system call argument in an error message. */
export type SyscallArg = string | number | boolean | null | undefined;

export class SyscallError extends Error {
  override readonly name = 'SyscallError';
  readonly errno: number; // FreeBSD errno value, e.g. 2
  readonly code: ErrnoName; // its errno.h symbol, e.g. 'ENOENT'
  readonly syscall: string; // the failing call, e.g. 'sysctl'
  readonly args: readonly SyscallArg[]; // the arguments it was given

  /** `errno` must be a defined FreeBSD errno (1..ELAST). */
  constructor(errno: number, syscall: string, args: readonly SyscallArg[] = []) {
    const code = errno_name(errno);
    if (code === undefined) throw new RangeError(`SyscallError: ${errno} is not a FreeBSD errno`);
    super(`${syscall}(${args.map(format_arg).join(', ')}): ${code} (${strerror(errno)})`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    this.args = args;
  }
}

// Strings are quoted so that an empty or misspelled name stays visible.
function format_arg(arg: SyscallArg): string {
  return typeof arg === 'string' ? JSON.stringify(arg) : String(arg);
}

/** Throws SyscallError(errno, syscall, args). Typed `never` so callers can `return` it. */
export function syscall_fail(errno: number, syscall: string, args: readonly SyscallArg[] = []): never {
  throw new SyscallError(errno, syscall, args);
}
