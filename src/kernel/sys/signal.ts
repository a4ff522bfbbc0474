// Signal numbers and their names and descriptions.
// Mirrors sys/sys/signal.h (numbers), lib/libc/gen/siglist.c (sys_signame,
// sys_siglist) as of FreeBSD 5.0.
//
// The simulation has no signal handlers: every signal a process receives
// takes its default action, which for the signals used here is to terminate
// the process (SIGSEGV and SIGBUS also "dump core").

export const SIGHUP = 1; // hangup
export const SIGINT = 2; // interrupt
export const SIGQUIT = 3; // quit
export const SIGILL = 4; // illegal instruction
export const SIGTRAP = 5; // trace trap
export const SIGABRT = 6; // abort()
export const SIGEMT = 7; // EMT instruction
export const SIGFPE = 8; // floating point exception
export const SIGKILL = 9; // kill (cannot be caught or ignored)
export const SIGBUS = 10; // bus error
export const SIGSEGV = 11; // segmentation violation
export const SIGSYS = 12; // non-existent system call invoked
export const SIGPIPE = 13; // write on a pipe with no one to read it
export const SIGALRM = 14; // alarm clock
export const SIGTERM = 15; // software termination signal from kill
export const SIGURG = 16; // urgent condition on IO channel
export const SIGSTOP = 17; // sendable stop signal not from tty
export const SIGTSTP = 18; // stop signal from tty
export const SIGCONT = 19; // continue a stopped process
export const SIGCHLD = 20; // to parent on child stop or exit
export const SIGTTIN = 21; // to readers pgrp upon background tty read
export const SIGTTOU = 22; // like TTIN if (tp->t_local&LTOSTOP)
export const SIGIO = 23; // input/output possible signal
export const SIGXCPU = 24; // exceeded CPU time limit
export const SIGXFSZ = 25; // exceeded file size limit
export const SIGVTALRM = 26; // virtual time alarm
export const SIGPROF = 27; // profiling time alarm
export const SIGWINCH = 28; // window size changes
export const SIGINFO = 29; // information request
export const SIGUSR1 = 30; // user defined signal 1
export const SIGUSR2 = 31; // user defined signal 2
export const NSIG = 32; // counting 0; could be 33 (mask is 1-32)

// sys_signame[]: lower case, without the SIG prefix, indexed by number.
const signame = [
  'sig0', 'hup', 'int', 'quit', 'ill', 'trap', 'abrt', 'emt', 'fpe', 'kill', 'bus', 'segv', 'sys',
  'pipe', 'alrm', 'term', 'urg', 'stop', 'tstp', 'cont', 'chld', 'ttin', 'ttou', 'io', 'xcpu',
  'xfsz', 'vtalrm', 'prof', 'winch', 'info', 'usr1', 'usr2',
];

// sys_siglist[]: what a shell prints when a child dies of the signal.
const siglist = [
  'Signal 0', 'Hangup', 'Interrupt', 'Quit', 'Illegal instruction', 'Trace/BPT trap', 'Abort trap',
  'EMT trap', 'Floating point exception', 'Killed', 'Bus error', 'Segmentation fault',
  'Bad system call', 'Broken pipe', 'Alarm clock', 'Terminated', 'Urgent I/O condition',
  'Suspended (signal)', 'Suspended', 'Continued', 'Child exited', 'Stopped (tty input)',
  'Stopped (tty output)', 'I/O possible', 'Cputime limit exceeded', 'Filesize limit exceeded',
  'Virtual timer expired', 'Profiling timer expired', 'Window size changes', 'Information request',
  'User defined signal 1', 'User defined signal 2',
];

/** The signal's symbol, e.g. 11 -> 'SIGSEGV'. */
export function signal_name(sig: number): string {
  const n = signame[sig];
  return n === undefined ? `SIG${sig}` : `SIG${n.toUpperCase()}`;
}

/** strsignal(3): the signal's description, e.g. 11 -> 'Segmentation fault'. */
export function strsignal(sig: number): string {
  return siglist[sig] ?? `Unknown signal: ${sig}`;
}

/** True for the signals whose default action dumps core (sigprop SA_CORE in kern_sig.c). */
export function sig_dumps_core(sig: number): boolean {
  return [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGEMT, SIGFPE, SIGBUS, SIGSEGV, SIGSYS, SIGXCPU, SIGXFSZ].includes(sig);
}
