// The event queue: a binary min-heap of timed callbacks.
// No FreeBSD counterpart; the Simulation (sim/clock.ts) owns one and is the
// only code that should call it. Other code schedules through the Simulation.
//
// How to use:
//   const q = new EventQueue();
//   const ev = q.push(1_000, () => ...);   // at t = 1000 ns
//   q.cancel(ev);                          // true if it had not run yet
//   const next = q.pop();                  // earliest event, or undefined
//
// Ordering is total and deterministic: by time, then by the order the events
// were pushed (a sequence number), so two events for the same nanosecond run
// first-scheduled first. That FIFO tie-break is what makes a whole run
// reproducible to the nanosecond. Cancelled events stay in the heap, marked,
// and are skipped when they reach the top (cheaper than removing them from
// the middle; TCP resets its timers far more often than they fire).

/** One scheduled callback. Treat as opaque outside this file and clock.ts. */
export interface SimEvent {
  readonly time_ns: number; // when it runs, in virtual ns since the simulation began
  readonly seq: number; // push order, the tie-break for equal times
  readonly fn: () => void; // what runs
  cancelled: boolean; // set by cancel(); the heap skips it
  done: boolean; // set when it has been popped to run
}

/** Below this many entries the heap keeps its cancelled events (compaction would cost more than it saves). */
const COMPACT_MIN_EVENTS = 256;

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private next_seq = 0;
  private live = 0; // events neither cancelled nor run

  /** Events still to run (cancelled ones excluded). */
  get length(): number {
    return this.live;
  }

  /** Adds `fn` at `time_ns`. The caller (the Simulation) has checked the time. */
  push(time_ns: number, fn: () => void): SimEvent {
    const ev: SimEvent = { time_ns, seq: this.next_seq++, fn, cancelled: false, done: false };
    this.heap.push(ev);
    this.sift_up(this.heap.length - 1);
    this.live++;
    return ev;
  }

  /** Marks `ev` so it never runs. Returns false if it already ran or was cancelled. */
  cancel(ev: SimEvent): boolean {
    if (ev.cancelled || ev.done) return false;
    ev.cancelled = true;
    this.live--;
    if (this.heap.length > COMPACT_MIN_EVENTS && this.heap.length > 4 * this.live) this.compact();
    return true;
  }

  // Drops every cancelled event and rebuilds the heap: keeps a queue where
  // most events are dead timers from growing (and slowing every push and pop).
  private compact(): void {
    const h = this.heap;
    let n = 0;
    for (const ev of h) if (!ev.cancelled) h[n++] = ev;
    h.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.sift_down(i);
  }

  /** The earliest live event without removing it, or undefined. */
  peek(): SimEvent | undefined {
    this.drop_cancelled();
    return this.heap[0];
  }

  /** Removes and returns the earliest live event (marked done), or undefined. */
  pop(): SimEvent | undefined {
    this.drop_cancelled();
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.remove_top();
    top.done = true;
    this.live--;
    return top;
  }

  private drop_cancelled(): void {
    while (this.heap[0]?.cancelled === true) this.remove_top();
  }

  private remove_top(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.sift_down(0);
  }

  private sift_up(i: number): void {
    const h = this.heap;
    const ev = h[i] as SimEvent;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as SimEvent;
      if (!before(ev, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = ev;
  }

  private sift_down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const ev = h[i] as SimEvent;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const left = h[l] as SimEvent;
      const right = h[r];
      const take_right = right !== undefined && before(right, left);
      const child = take_right ? right : left;
      if (!before(child, ev)) break;
      h[i] = child;
      i = take_right ? r : l;
    }
    h[i] = ev;
  }
}

// Strict order: earlier time first, then earlier push.
function before(a: SimEvent, b: SimEvent): boolean {
  return a.time_ns < b.time_ns || (a.time_ns === b.time_ns && a.seq < b.seq);
}
