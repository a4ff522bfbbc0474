// Signal numbers and their names and descriptions.
// Mirrors sys/sys/signal.h (numbers), lib/libc/gen/siglist.c (sys_signame,
// sys_siglist) as of FreeBSD 5.0.
//
// The simulation has no signal handlers: every signal a process receives
// takes its default action, which for the signals used here is to terminate
// the process (SIGSEGV and SIGBUS also "dump core").

export const SIGHUP = 1; // the terminal went away
export const SIGINT = 2; // ^C
export const SIGQUIT = 3; // ^\ (with a core dump)
export const SIGILL = 4; // an invalid instruction
export const SIGTRAP = 5; // a breakpoint or single step
export const SIGABRT = 6; // abort(3)
export const SIGEMT = 7; // an emulator trap
export const SIGFPE = 8; // an arithmetic fault
export const SIGKILL = 9; // unconditional termination: no handler, no ignoring
export const SIGBUS = 10; // a bad access to a mapped address
export const SIGSEGV = 11; // an access to an unmapped address
export const SIGSYS = 12; // an unknown system call
export const SIGPIPE = 13; // a write nobody will ever read
export const SIGALRM = 14; // alarm(3) expired
export const SIGTERM = 15; // kill(1)'s default: please exit
export const SIGURG = 16; // urgent data arrived on a socket
export const SIGSTOP = 17; // stop, from kill rather than the terminal
export const SIGTSTP = 18; // ^Z
export const SIGCONT = 19; // resume after a stop
export const SIGCHLD = 20; // a child stopped or exited
export const SIGTTIN = 21; // a background process read the terminal
export const SIGTTOU = 22; // a background process wrote the terminal (with tostop)
export const SIGIO = 23; // a descriptor became ready (O_ASYNC)
export const SIGXCPU = 24; // the CPU time limit ran out
export const SIGXFSZ = 25; // the file size limit was hit
export const SIGVTALRM = 26; // ITIMER_VIRTUAL expired
export const SIGPROF = 27; // ITIMER_PROF expired
export const SIGWINCH = 28; // the terminal was resized
export const SIGINFO = 29; // ^T
export const SIGUSR1 = 30; // free for programs to use
export const SIGUSR2 = 31; // free for programs to use, too
export const NSIG = 32; // one more than the highest signal number

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
