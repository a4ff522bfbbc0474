// p_state values and p_flag bits of sys/sys/proc.h.
// Kept apart from struct proc (sys/proc.ts) because Proc's methods call the
// kernel's process code (exit1, fork1, mmap...), and that code needs these
// values: in this file they import nothing, so the two do not form a cycle.

// p_state values (5.0's KSE-era names).
export const PRS_NEW = 0; // being created
export const PRS_NORMAL = 1; // running, runnable or sleeping
export const PRS_ZOMBIE = 2; // exited, status not yet collected

// p_flag bits (proc.h).
export const P_WEXIT = 0x02000; // working on exiting
