// Callouts: functions the kernel asks to run a number of clock ticks later.
// Mirrors callout(9) in sys/kern/kern_timeout.c (FreeBSD 5.0).
//
// How to use (TCP's retransmit timer is the model user):
//   const c = new callout(kernel);                     // callout_init
//   callout_reset(c, tp.t_rxtcur, tcp_timer_rexmt, tp); // (re)arm
//   callout_stop(c);                                   // 1 if it was pending
//   callout_active(c), callout_pending(c), callout_deactivate(c)
// A callout fires on a tick boundary: armed at tick T for n ticks, it runs
// when the tick count reaches T + n, so the first tick of a timeout is
// partial, exactly as with 5.0's callwheel; n <= 0 is taken as 1.
// The function runs from the event queue, at the tick's virtual time; it
// charges CPU for its own work if it has any (sim/cpu.ts). Re-arming a
// pending callout moves it; stopping one that already fired returns 0 and
// only clears CALLOUT_ACTIVE, which is how 5.0's callers detect the race.

import type { Kernel } from './init_main.ts';
import type { SimEvent } from '../engine/simulation.ts';
import { tick_ns, ticks } from './kern_clock.ts';
import { sim_boot_ns, sim_of } from './kern_machine.ts';

// c_flags (sys/callout.h).
export const CALLOUT_LOCAL_ALLOC = 0x0001; // came from the callout free list (timeout(9))
export const CALLOUT_ACTIVE = 0x0002; // armed, or its function running
export const CALLOUT_PENDING = 0x0004; // queued, not yet fired
export const CALLOUT_MPSAFE = 0x0008; // its function runs without Giant

/** struct callout. */
export class callout {
  c_time = 0; // tick count at which the callout fires
  c_arg: unknown = null; // passed to c_func
  c_func: ((arg: unknown) => void) | null = null; // run when the callout fires
  c_flags = 0; // CALLOUT_* state
  readonly c_kernel: Kernel; // whose clock it runs on (C has one global callwheel)
  /** @internal the queued event while CALLOUT_PENDING. */
  c_event: SimEvent | null = null;

  /** callout_init(c, mpsafe): a stopped, inactive callout on `kernel`'s clock. */
  constructor(kernel: Kernel, mpsafe = false) {
    this.c_kernel = kernel;
    if (mpsafe) this.c_flags |= CALLOUT_MPSAFE;
  }
}

/**
 * callout_setfunc: gives `c` the function and argument callout_schedule
 * arms it with. (FreeBSD 13's callout(9) has it; 5.0 named the function at
 * every callout_reset. It lets code arm a timer without importing the
 * function it runs: tcp_output arms TCP's retransmit timer so.)
 */
export function callout_setfunc<A>(c: callout, func: (arg: A) => void, arg: A): void {
  c.c_func = func as (arg: unknown) => void;
  c.c_arg = arg;
}

/** callout_schedule: callout_reset with the function and argument `c` last had (callout_setfunc or a callout_reset). */
export function callout_schedule(c: callout, to_ticks: number): void {
  const func = c.c_func;
  if (func === null) throw new Error('callout_schedule: the callout has no function (callout_setfunc it first)');
  callout_reset(c, to_ticks, func, c.c_arg);
}

/** callout_reset(9): runs `func(arg)` `to_ticks` ticks from now, replacing any pending run. */
export function callout_reset<A>(c: callout, to_ticks: number, func: (arg: A) => void, arg: A): void {
  const n = to_ticks <= 0 ? 1 : Math.floor(to_ticks);
  c.c_time = ticks(c.c_kernel) + n;
  c.c_func = func as (arg: unknown) => void;
  c.c_arg = arg;
  c.c_flags |= CALLOUT_ACTIVE | CALLOUT_PENDING;
  const when = callout_when_ns(c);
  // Timers that are pushed back on every packet (TCP's retransmit and
  // keepalive timers, ti's watchdog) keep their queued event: when it comes
  // due early, softclock_one queues it again for the new time. Cancelling
  // and re-queueing instead would leave one dead event in the queue per
  // packet.
  if (c.c_event !== null) {
    if (c.c_event.time_ns <= when) return;
    sim_of(c.c_kernel).cancel(c.c_event);
  }
  c.c_event = sim_of(c.c_kernel).schedule_at(when, () => softclock_one(c));
}

// Virtual time of the tick at which c is due.
function callout_when_ns(c: callout): number {
  return sim_boot_ns(c.c_kernel) + c.c_time * tick_ns;
}

/** callout_stop(9): cancels a pending run. Returns 1 if one was pending, else 0. Clears ACTIVE. */
export function callout_stop(c: callout): number {
  c.c_flags &= ~CALLOUT_ACTIVE;
  if (c.c_event === null) return 0;
  sim_of(c.c_kernel).cancel(c.c_event);
  c.c_event = null;
  c.c_flags &= ~CALLOUT_PENDING;
  return 1;
}

/** callout_active(9): armed and not stopped or deactivated since (it may have fired). */
export function callout_active(c: callout): boolean {
  return (c.c_flags & CALLOUT_ACTIVE) !== 0;
}

/** callout_pending(9): armed and not yet fired. */
export function callout_pending(c: callout): boolean {
  return (c.c_flags & CALLOUT_PENDING) !== 0;
}

/** callout_deactivate(9): clears CALLOUT_ACTIVE; a handler calls it to say "seen". */
export function callout_deactivate(c: callout): void {
  c.c_flags &= ~CALLOUT_ACTIVE;
}

// softclock(): runs one expired callout. PENDING is cleared before the call
// so the handler may re-arm its own callout.
function softclock_one(c: callout): void {
  const when = callout_when_ns(c);
  if (when > sim_of(c.c_kernel).now_ns) {
    c.c_event = sim_of(c.c_kernel).schedule_at(when, () => softclock_one(c)); // re-armed later since queued
    return;
  }
  c.c_event = null;
  c.c_flags &= ~CALLOUT_PENDING;
  const func = c.c_func;
  if (func !== null) func(c.c_arg);
}
