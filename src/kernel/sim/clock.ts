// The Simulation: one virtual clock and one event queue for a whole run.
// No FreeBSD counterpart. Several kernels (machines) booted on the same
// Simulation share its time; a wire between their interfaces carries frames.
//
// How to use:
//   const sim = new Simulation();
//   const a = boot(cfgA, { sim, hostname: 'a', nics: ['em'] });
//   const b = boot(cfgB, { sim, hostname: 'b', nics: ['em'] });
//   sim.connect(ifunit(a, 'em0'), ifunit(b, 'em0'), { delay_ns: 500 });
//   sim.schedule_after(1_000, () => ...);   // in 1 us of virtual time
//   sim.runUntilIdle(10e9);                 // at most 10 s of virtual time
//
// Time is an integer number of nanoseconds in a JavaScript number, exact up
// to 2^53 ns (about 104 days of virtual time), far beyond any run. Nothing
// reads a real clock: the same program gives the same events, in the same
// order, at the same nanoseconds, every run.
//
// Events at the same nanosecond run in the order they were scheduled. The
// run loops are synchronous; a scheduler that lets JavaScript promises
// (process bodies) settle between events drives the queue with step().
// A kernel booted without `sim` gets a Simulation of its own (sim_of), so
// every kernel has a clock.

import type { Kernel } from '../kern/init_main.ts';
import { EventQueue, type SimEvent } from './eventq.ts';
import { wire_connect, type Wire, type WireOptions } from './wire.ts';
import type { ifnet } from '../net/if_var.ts';

export type { SimEvent } from './eventq.ts';

/**
 * Events allowed at one nanosecond before the run is declared stuck. Real
 * work always costs time, so a million events without the clock moving is
 * a loop that would otherwise hang the host.
 */
export const SIM_MAX_EVENTS_PER_NS = 1_000_000;

export class Simulation {
  private readonly queue = new EventQueue();
  private now = 0; // virtual ns since the simulation began
  private same_ns_events = 0; // events run at `now` so far, for the livelock check
  private readonly machines: Kernel[] = []; // kernels booted on this simulation, in boot order
  private readonly links: Wire[] = []; // wires made by connect()

  /** The current virtual time, in ns since the simulation began. */
  get now_ns(): number {
    return this.now;
  }

  /** Kernels booted on this simulation, in boot order. */
  get kernels(): readonly Kernel[] {
    return this.machines;
  }

  /** Wires made by connect(), in order. */
  get wires(): readonly Wire[] {
    return this.links;
  }

  /** Events waiting to run. */
  get pending(): number {
    return this.queue.length;
  }

  /** Time of the next event, or undefined when the queue is empty. */
  next_event_ns(): number | undefined {
    return this.queue.peek()?.time_ns;
  }

  /**
   * Runs `fn` at virtual time `time_ns` (an integer, not in the past).
   * Throws RangeError otherwise: a callback in the past would break causality.
   */
  schedule_at(time_ns: number, fn: () => void): SimEvent {
    if (!Number.isSafeInteger(time_ns) || time_ns < this.now) {
      throw new RangeError(`schedule_at(${time_ns}): not an integer ns at or after now (${this.now})`);
    }
    return this.queue.push(time_ns, fn);
  }

  /** Runs `fn` `delay_ns` (an integer >= 0) from now. */
  schedule_after(delay_ns: number, fn: () => void): SimEvent {
    return this.schedule_at(this.now + delay_ns, fn);
  }

  /** Stops `ev` from running. Returns false if it already ran or was cancelled. */
  cancel(ev: SimEvent): boolean {
    return this.queue.cancel(ev);
  }

  /**
   * Runs the next event if it is due at or before `limit_ns`, advancing the
   * clock to its time. Returns false (and leaves the clock alone) when the
   * queue is empty or the next event is later than the limit.
   */
  step(limit_ns: number = Number.MAX_SAFE_INTEGER): boolean {
    const next = this.queue.peek();
    if (next === undefined || next.time_ns > limit_ns) return false;
    this.queue.pop();
    if (next.time_ns === this.now) {
      if (++this.same_ns_events > SIM_MAX_EVENTS_PER_NS) {
        throw new Error(`Simulation: more than ${SIM_MAX_EVENTS_PER_NS} events at t=${this.now} ns; a zero-cost loop`);
      }
    } else {
      this.now = next.time_ns;
      this.same_ns_events = 1;
    }
    next.fn();
    return true;
  }

  /** Runs every event due at or before `t_ns`, then sets the clock to `t_ns`. Returns events run. */
  runUntil(t_ns: number): number {
    if (!Number.isSafeInteger(t_ns) || t_ns < this.now) throw new RangeError(`runUntil(${t_ns}): before now (${this.now})`);
    let n = 0;
    while (this.step(t_ns)) n++;
    this.advance(t_ns);
    return n;
  }

  /**
   * Runs events until none is left or the next is later than `limit_ns`
   * (absolute virtual time). Returns true if the queue ran dry (the clock
   * stays at the last event), false if the limit stopped it (the clock is
   * then at `limit_ns`).
   */
  runUntilIdle(limit_ns: number = Number.MAX_SAFE_INTEGER): boolean {
    while (this.step(limit_ns));
    if (this.queue.length === 0) return true;
    this.advance(limit_ns);
    return false;
  }

  /**
   * Joins two interfaces with a full-duplex wire (see sim/wire.ts for the
   * options and their defaults). Both must belong to kernels booted on this
   * simulation and have a port (if_port) not already wired; throws Error
   * otherwise, RangeError for bad options.
   */
  connect(a: ifnet, b: ifnet, options: WireOptions = {}): Wire {
    for (const ifp of [a, b]) {
      if (sim_of(ifp.if_kernel) !== this) throw new Error(`connect: ${ifp.if_xname} belongs to a kernel of another Simulation`);
    }
    const w = wire_connect(this, a, b, options);
    this.links.push(w);
    return w;
  }

  /** @internal Called by sim_attach at boot. */
  add_machine(kernel: Kernel): void {
    this.machines.push(kernel);
  }

  // Moving the clock forward with no event: only runUntil/runUntilIdle do it.
  private advance(t_ns: number): void {
    if (t_ns > this.now) {
      this.now = t_ns;
      this.same_ns_events = 0;
    }
  }
}

interface Attachment {
  readonly sim: Simulation;
  readonly boot_ns: number; // virtual time the kernel booted (its uptime 0)
}

const attached = new WeakMap<Kernel, Attachment>();

/** Records that `kernel` boots on `sim` now. Called once per kernel, by boot. */
export function sim_attach(kernel: Kernel, sim: Simulation): void {
  if (attached.has(kernel)) throw new Error('sim_attach: kernel already attached');
  attached.set(kernel, { sim, boot_ns: sim.now_ns });
  sim.add_machine(kernel);
}

/** The Simulation `kernel` runs on; a kernel booted without one gets its own. */
export function sim_of(kernel: Kernel): Simulation {
  return attachment(kernel).sim;
}

/** Virtual time at which `kernel` booted. */
export function sim_boot_ns(kernel: Kernel): number {
  return attachment(kernel).boot_ns;
}

function attachment(kernel: Kernel): Attachment {
  let a = attached.get(kernel);
  if (a === undefined) {
    const sim = new Simulation();
    sim_attach(kernel, sim);
    a = attached.get(kernel) as Attachment;
  }
  return a;
}
