// Per-machine CPU time in virtual time: work costs ns and is done one item
// at a time, so a saturated CPU falls behind. No FreeBSD counterpart (its
// closest relatives are the kern.cp_time counters top(1) reads).
//
// How to use (the kernel reaches its machine's CPU through kern/kern_machine.ts):
//   cpu_run(kernel, 'protocol', costs.tcp_input_ns, () => tcp_input(m));
//       // tcp_input runs when the CPU has done the work: its effects follow
//       // its cost, so a busy receiver delivers late and its window closes
//   const done_ns = cpu_charge(kernel, 'copy', copy_ns(costs, n));
//       // account work whose effect may happen at once (nothing waits on it)
//   await cpu_wait(kernel, 'syscall', costs.syscall_ns);
//       // a process body: resumes when the work is done (needs a scheduler
//       // that lets promises settle between events)
//   const t0 = cpu_snapshot(kernel); ... const use = cpu_usage(t0, cpu_snapshot(kernel));
//   use.util_pct.copy, use.busy_pct, use.idle_ns
//
// The CPU is a single FIFO server: an item submitted at time t starts at
// max(t, the end of the previous item) and ends `cost` later. There is no
// preemption: an interrupt that arrives behind a long copy waits for it,
// which is how a copy-bound receiver both falls behind and takes fewer
// interrupts (a pending interrupt covers every frame that arrives meanwhile).
// Only work submitted through this file counts; idle is the rest.

import type { SimEvent, Simulation } from './simulation.ts';
import type { CostModel } from './cost_model.ts';

/** What the CPU time was spent on. Idle is derived: time not in any of these. */
export type CpuCategory = 'user' | 'syscall' | 'copy' | 'checksum' | 'vm' | 'protocol' | 'driver' | 'interrupt';

/** Every category, in report order. */
export const CPU_CATEGORIES: readonly CpuCategory[] = ['user', 'syscall', 'copy', 'checksum', 'vm', 'protocol', 'driver', 'interrupt'];

/** ns per category. */
export type CpuTimes = Record<CpuCategory, number>;

/** Busy time per category up to a moment: what two snapshots are subtracted from. */
export interface CpuSnapshot {
  readonly at_ns: number; // virtual time of the snapshot
  readonly busy_ns: Readonly<CpuTimes>; // CPU time done by then, by category
}

/** Utilisation over an interval, from two snapshots. */
export interface CpuUsage {
  readonly interval_ns: number; // length of the interval
  readonly busy_ns: Readonly<CpuTimes>; // CPU time spent in it, by category
  readonly idle_ns: number; // interval minus all busy time
  readonly util_pct: Readonly<CpuTimes>; // busy_ns as a percentage of the interval
  readonly busy_pct: number; // all categories together, 0..100
}

function zero_times(): CpuTimes {
  return { user: 0, syscall: 0, copy: 0, checksum: 0, vm: 0, protocol: 0, driver: 0, interrupt: 0 };
}

// A stretch of CPU time given to one category; consecutive items of the same
// category are merged, so long runs of similar work stay one segment.
interface Segment {
  start_ns: number;
  end_ns: number;
  readonly category: CpuCategory;
}

export class Cpu {
  readonly sim: Simulation; // whose clock this CPU runs on
  readonly costs: CostModel; // the machine class's costs
  private free_at = 0; // when the last item submitted ends
  private readonly done = zero_times(); // busy ns of segments wholly in the past
  private segs: Segment[] = []; // segments not yet wholly in the past, in time order
  private head = 0; // first live index of segs
  private readonly submitted = zero_times(); // all work ever submitted, past or future
  private items = 0; // work items submitted

  constructor(sim: Simulation, costs: CostModel) {
    this.sim = sim;
    this.costs = costs;
    this.free_at = sim.now_ns;
  }

  /** When the CPU will have finished everything submitted so far (>= now when busy). */
  get busy_until_ns(): number {
    return Math.max(this.free_at, this.sim.now_ns);
  }

  /** ns of work queued ahead of anything submitted now: 0 when idle. */
  get backlog_ns(): number {
    return Math.max(0, this.free_at - this.sim.now_ns);
  }

  /** Work items submitted so far. */
  get work_items(): number {
    return this.items;
  }

  /** All work ever submitted, by category, including work not yet done. */
  get submitted_ns(): Readonly<CpuTimes> {
    return this.submitted;
  }

  /**
   * Queues `cost_ns` (an integer >= 0) of `category` work and returns the
   * virtual time it completes: max(now, end of queued work) + cost_ns.
   * Throws RangeError for a negative or fractional cost.
   */
  submit(category: CpuCategory, cost_ns: number): number {
    if (!Number.isSafeInteger(cost_ns) || cost_ns < 0) throw new RangeError(`cpu: cost ${cost_ns} ns is not an integer >= 0`);
    const now = this.sim.now_ns;
    const start = Math.max(now, this.free_at);
    const end = start + cost_ns;
    this.free_at = end;
    this.items++;
    this.submitted[category] += cost_ns;
    if (cost_ns > 0) this.append(start, end, category);
    this.retire(now);
    return end;
  }

  /** submit(), then runs `fn` at the completion time. Returns the event (cancellable). */
  run(category: CpuCategory, cost_ns: number, fn: () => void): SimEvent {
    return this.sim.schedule_at(this.submit(category, cost_ns), fn);
  }

  /** CPU time done by now, by category (a running item counts up to now). */
  snapshot(): CpuSnapshot {
    const now = this.sim.now_ns;
    this.retire(now);
    const busy = { ...this.done };
    const cur = this.segs[this.head];
    if (cur !== undefined && cur.start_ns < now) busy[cur.category] += now - cur.start_ns;
    return { at_ns: now, busy_ns: busy };
  }

  private append(start: number, end: number, category: CpuCategory): void {
    const last = this.segs[this.segs.length - 1];
    if (last !== undefined && this.segs.length > this.head && last.category === category && last.end_ns === start) {
      last.end_ns = end;
    } else {
      this.segs.push({ start_ns: start, end_ns: end, category });
    }
  }

  // Moves segments that ended by `now` into `done`, and compacts the array
  // now and then so it holds only present and future work.
  private retire(now: number): void {
    for (;;) {
      const s = this.segs[this.head];
      if (s === undefined || s.end_ns > now) break;
      this.done[s.category] += s.end_ns - s.start_ns;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.segs.length) {
      this.segs = this.segs.slice(this.head);
      this.head = 0;
    }
  }
}

/** Usage between two snapshots of the same CPU (`a` first). */
export function cpu_usage(a: CpuSnapshot, b: CpuSnapshot): CpuUsage {
  const interval_ns = b.at_ns - a.at_ns;
  if (interval_ns < 0) throw new RangeError('cpu_usage: snapshots out of order');
  const busy_ns = zero_times();
  const util_pct = zero_times();
  let total = 0;
  for (const c of CPU_CATEGORIES) {
    busy_ns[c] = b.busy_ns[c] - a.busy_ns[c];
    util_pct[c] = interval_ns === 0 ? 0 : (100 * busy_ns[c]) / interval_ns;
    total += busy_ns[c];
  }
  return { interval_ns, busy_ns, idle_ns: interval_ns - total, util_pct, busy_pct: interval_ns === 0 ? 0 : (100 * total) / interval_ns };
}

