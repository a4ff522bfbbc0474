// Exit status encoding, as wait(2) reports it.
// Mirrors sys/sys/wait.h: the low 7 bits hold the terminating signal (0 for
// a normal exit), bit 7 says a core was dumped, bits 8-15 the exit code.

export const WCOREFLAG = 0o200; // core dumped

/** W_EXITCODE(ret, sig): the status of a process that exited with `ret` or died of `sig`. */
export function W_EXITCODE(ret: number, sig: number): number {
  return ((ret & 0xff) << 8) | sig;
}

export function WIFEXITED(status: number): boolean {
  return (status & 0o177) === 0;
}

export function WEXITSTATUS(status: number): number {
  return (status >> 8) & 0xff;
}

export function WIFSIGNALED(status: number): boolean {
  return (status & 0o177) !== 0o177 && (status & 0o177) !== 0;
}

export function WTERMSIG(status: number): number {
  return status & 0o177;
}

export function WCOREDUMP(status: number): boolean {
  return (status & WCOREFLAG) !== 0;
}
