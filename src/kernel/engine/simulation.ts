// The Simulation: one virtual clock and one event queue for a whole run.
// No FreeBSD counterpart. It is the engine's bottom layer: it knows nothing
// of kernels, boards or wires, which are built on it (ARCHITECTURE.md).
//
// How to use:
//   const sim = new Simulation();
//   sim.schedule_after(1_000, () => ...);   // in 1 us of virtual time
//   sim.runUntilIdle(10e9);                 // at most 10 s of virtual time
//   const k = new SimKey<MyState>('my layer');
//   sim.slot(k, () => new MyState())        // a layer's per-run state, kept by the run
//
// Time is an integer number of nanoseconds in a JavaScript number, exact up
// to 2^53 ns (about 104 days of virtual time), far beyond any run. Nothing
// reads a real clock: the same program gives the same events, in the same
// order, at the same nanoseconds, every run.
//
// Events at the same nanosecond run in the order they were scheduled. The
// run loops are synchronous; a scheduler that lets JavaScript promises
// (process bodies) settle between events drives the queue with step().
// A layer above that needs state per run (the kernels' scheduler, their
// host table, an event log) keeps it in a slot of the Simulation under a key
// of its own, so the state lives and dies with the run and nothing in the
// engine needs to know its type.

import { EventQueue, type SimEvent } from './eventq.ts';

export type { SimEvent } from './eventq.ts';

/**
 * Events allowed at one nanosecond before the run is declared stuck. Real
 * work always costs time, so a million events without the clock moving is
 * a loop that would otherwise hang the host.
 */
export const SIM_MAX_EVENTS_PER_NS = 1_000_000;

/** A key under which a layer keeps per-run state in a Simulation (see slot). */
export class SimKey<T> {
  readonly name: string; // for messages
  /** Never set: ties the key to its value's type. */
  readonly _type?: T;
  constructor(name: string) {
    this.name = name;
  }
}

export class Simulation {
  private readonly queue = new EventQueue();
  private now = 0; // virtual ns since the simulation began
  private same_ns_events = 0; // events run at `now` so far, for the livelock check
  private hosts = 0; // hosts attached so far (host_attach)
  private readonly slots = new Map<SimKey<unknown>, unknown>(); // the layers' per-run state

  /** The current virtual time, in ns since the simulation began. */
  get now_ns(): number {
    return this.now;
  }

  /**
   * Numbers a new host of this run: 0, 1, 2... in the order they are
   * attached. Hardware uses it where a real machine has a serial number (a
   * board's Ethernet address), so addresses repeat exactly from run to run.
   */
  host_attach(): number {
    return this.hosts++;
  }

  /** Hosts attached so far. */
  get host_count(): number {
    return this.hosts;
  }

  /** The state a layer keeps under `key` in this run, made by `init` the first time. */
  slot<T>(key: SimKey<T>, init: () => T): T {
    if (this.slots.has(key as SimKey<unknown>)) return this.slots.get(key as SimKey<unknown>) as T;
    const v = init();
    this.slots.set(key as SimKey<unknown>, v);
    return v;
  }

  /** The state under `key`, or undefined if no layer has made it yet. */
  peek_slot<T>(key: SimKey<T>): T | undefined {
    return this.slots.get(key as SimKey<unknown>) as T | undefined;
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

  // Moving the clock forward with no event: only runUntil/runUntilIdle do it.
  private advance(t_ns: number): void {
    if (t_ns > this.now) {
      this.now = t_ns;
      this.same_ns_events = 0;
    }
  }
}

