// The errno of a system call made in a test, for asserting failures.
import { SyscallError } from '../../src/kernel/index.ts';

/** The errno of a SyscallError thrown by `f`, or 0 if it returned; any other error is rethrown. */
export function errno_of(f: () => unknown): number {
  try {
    f();
    return 0;
  } catch (e) {
    if (e instanceof SyscallError) return e.errno;
    throw e;
  }
}
