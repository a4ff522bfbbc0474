// The clock interrupt's rate and the tick counter.
// Mirrors hz and ticks from sys/kern/kern_clock.c and subr_param.c.
//
// How to use:
//   ticks(kernel)            // hardclock ticks since boot (an integer)
//   tvtohz_ns(250_000_000)   // ticks that cover 250 ms, rounded up, >= 1
// There is no hardclock interrupt in the simulation: the tick count is
// derived from virtual time (uptime / tick_ns), which is what a perfectly
// regular clock interrupt would have counted. Callouts (kern_timeout.ts)
// fire on these tick boundaries, so TCP's timers keep 5.0's 10 ms grain.

import type { Kernel } from './init_main.ts';
import { sim_boot_ns, sim_of } from './kern_machine.ts';

/** HZ: clock interrupts per second. 100 in FreeBSD 5.0 on i386 (sys/conf/options: HZ; subr_param.c). */
export const HZ = 100;

/** hz: the kernel's clock rate; not a tunable in the simulation. */
export const hz = HZ;

/** tick: ns between clock interrupts (5.0 keeps `tick` in us; ns avoids the rounding). */
export const tick_ns = 1_000_000_000 / hz;

/** ticks: hardclock ticks since `kernel` booted. */
export function ticks(kernel: Kernel): number {
  return Math.floor((sim_of(kernel).now_ns - sim_boot_ns(kernel)) / tick_ns);
}

/**
 * Ticks covering `ns` of time, rounded up and at least 1: what tvtohz()
 * returns for a timeval, for callers that think in ns.
 */
export function tvtohz_ns(ns: number): number {
  return Math.max(1, Math.ceil(ns / tick_ns));
}
