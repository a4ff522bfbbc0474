// Reading the time: uptime and time of day, precise and cheap variants.
// Mirrors the interface of sys/kern/kern_tc.c (timecounters, 5.0).
//
// How to use:
//   nanouptime(kernel)       // { tv_sec, tv_nsec } since boot, to the ns
//   getmicrotime(kernel)     // { tv_sec, tv_usec } of day, as of the last tick
// The precise calls (nanouptime, microuptime, nanotime, microtime) read the
// virtual clock; the get* variants return the time of the last clock tick,
// as 5.0's do (they read a value hardclock stored, trading precision for
// speed), so code that uses them sees 10 ms steps exactly as it would have.
// Plain numbers in ns are also offered (uptime_ns) since most of the
// simulator measures in ns.

import type { Kernel } from './init_main.ts';
import { tick_ns } from './kern_clock.ts';
import { sim_boot_ns, sim_of } from './kern_machine.ts';

/** struct timespec. */
export interface timespec {
  readonly tv_sec: number; // seconds
  readonly tv_nsec: number; // nanoseconds, 0..999999999
}

/** struct timeval. */
export interface timeval {
  readonly tv_sec: number; // seconds
  readonly tv_usec: number; // microseconds, 0..999999
}

/**
 * boottime of every simulated machine: 2002-06-26 21:32:07 UTC, the moment
 * the version banner (conf/newvers.ts) says the kernel was built, in seconds
 * since the Epoch. A fixed date keeps time-of-day output reproducible.
 */
export const BOOTTIME_SEC = 1025127127;

/** ns since `kernel` booted, exact. */
export function uptime_ns(kernel: Kernel): number {
  return sim_of(kernel).now_ns - sim_boot_ns(kernel);
}

// `base_sec` is added after splitting: seconds since the Epoch in ns would
// pass 2^53 and lose the nanoseconds.
function ts(ns: number, base_sec = 0): timespec {
  const sec = Math.floor(ns / 1e9);
  return { tv_sec: base_sec + sec, tv_nsec: ns - sec * 1e9 };
}

function tv(ns: number, base_sec = 0): timeval {
  const t = ts(ns, base_sec);
  return { tv_sec: t.tv_sec, tv_usec: Math.floor(t.tv_nsec / 1000) };
}

// The uptime hardclock last recorded: uptime truncated to a tick.
function last_tick_ns(kernel: Kernel): number {
  const up = uptime_ns(kernel);
  return up - (up % tick_ns);
}

/** nanouptime(9): time since boot, to the ns. */
export function nanouptime(kernel: Kernel): timespec {
  return ts(uptime_ns(kernel));
}

/** microuptime(9): time since boot, to the us. */
export function microuptime(kernel: Kernel): timeval {
  return tv(uptime_ns(kernel));
}

/** getnanouptime(9): time since boot as of the last clock tick. */
export function getnanouptime(kernel: Kernel): timespec {
  return ts(last_tick_ns(kernel));
}

/** getmicrouptime(9): time since boot as of the last clock tick, in us. */
export function getmicrouptime(kernel: Kernel): timeval {
  return tv(last_tick_ns(kernel));
}

/** nanotime(9): time of day (since the Epoch), to the ns. */
export function nanotime(kernel: Kernel): timespec {
  return ts(uptime_ns(kernel), BOOTTIME_SEC);
}

/** microtime(9): time of day, to the us. */
export function microtime(kernel: Kernel): timeval {
  return tv(uptime_ns(kernel), BOOTTIME_SEC);
}

/** getmicrotime(9): time of day as of the last clock tick. */
export function getmicrotime(kernel: Kernel): timeval {
  return tv(last_tick_ns(kernel), BOOTTIME_SEC);
}
