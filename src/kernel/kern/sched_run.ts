// The run loop: processes and the event queue, together, in virtual time.
// No FreeBSD counterpart (a real machine just runs). It replaces
// ProcTable.run() when processes use blocking system calls.
//
// How to use:
//   const sim = new Simulation();
//   const a = boot(GENERIC, { sim, hostname: 'a', nics: ['em'] }); ...
//   proc_table(a).spawn(server, { comm: 'server' });
//   proc_table(b).spawn(client, { comm: 'client' });
//   await sched_run(sim);                       // throws SchedDeadlock if stuck
//   await sched_run(sim, { limit_ns: 10e9 });   // at most 10 s of virtual time (and, once all
//                                               // have exited, the network runs on up to it)
//   await sched_run(sim, { until_idle: true });  // after the last exit, until no event is left
//   const r = await sched_run(sim, { throw_on_block: false });  // r.blocked, r.message
//
// The loop alternates two things until every process on every kernel of
// the simulation has exited: let each runnable process run (its promise
// chain settles until it sleeps in tsleep or exits), then run the next
// event (a frame arrives, a timer fires, the CPU finishes work), which may
// wake someone. When no process can run and no event is left, or the time
// limit comes first, what is still asleep is reported:
//   sched_run: deadlock at 0.000912345 s: every process is asleep and nothing is left to happen
//     b pid 2 (server): sleeping on "sbwait" since 0.000411230 s
//     a pid 2 (client): sleeping on "sbwait" since 0.000410002 s
// Everything is deterministic: promise callbacks run in a fixed order and
// events in (time, schedule order), so a run repeats to the nanosecond.
//
// Processes must block only through tsleep (kern/kern_synch.ts): a process
// awaiting some other promise looks runnable, and the loop lets it settle
// for a while (SETTLE_TURNS microtask turns) before moving time on.

import { sched_of } from './kern_synch.ts';
import type { Proc } from '../sys/proc.ts';
import { SimKey, type Simulation } from '../engine/simulation.ts';
import { sim_kernels } from './kern_machine.ts';

/** Microtask turns a runnable process may take, without sleeping or exiting, before time moves on anyway. */
export const SETTLE_TURNS = 256;

/** Options of sched_run. */
export interface SchedRunOptions {
  readonly limit_ns?: number; // stop at this absolute virtual time (default: none)
  readonly throw_on_block?: boolean; // throw SchedDeadlock when processes stay blocked (default true)
  readonly until_idle?: boolean; // after the last exit, run the remaining events too (default false)
}

/** A process still asleep when the run ended. */
export interface BlockedProc {
  readonly host: string; // kern.hostname of its machine
  readonly pid: number;
  readonly comm: string;
  readonly wmesg: string; // what it sleeps on: "sbwait", "accept", "connec"...
  readonly since_ns: number; // when it fell asleep
}

/** What sched_run found. */
export interface SchedResult {
  readonly now_ns: number; // virtual time at the end
  readonly events: number; // events run
  readonly blocked: readonly BlockedProc[]; // processes left asleep (empty if all exited)
  readonly deadlock: boolean; // blocked with nothing left to happen (false: the time limit stopped it)
  readonly message: string | null; // the report, null if every process exited
}

/** Thrown by sched_run when processes are left blocked. */
export class SchedDeadlock extends Error {
  override readonly name = 'SchedDeadlock';
  readonly result: SchedResult;
  constructor(result: SchedResult) {
    super(result.message ?? 'sched_run: blocked');
    this.result = result;
  }
}

/** Seconds with 9 decimals, as the report prints times. */
export function fmt_s(ns: number): string {
  return `${Math.floor(ns / 1e9)}.${String(ns % 1e9).padStart(9, '0')}`;
}

// The process lists of every kernel on `sim` (kernels without processes left out).
const PROC_LISTS = new SimKey<{ n: number; lists: Proc[][] }>('the process lists');
function proc_lists(sim: Simulation): Proc[][] {
  const c = sim.slot(PROC_LISTS, () => ({ n: -1, lists: [] }));
  const kernels = sim_kernels(sim);
  if (c.n === kernels.length) return c.lists;
  const lists: Proc[][] = [];
  for (const kernel of kernels) if (kernel.proctable !== undefined) lists.push(kernel.proctable.everproc);
  c.n = kernels.length;
  c.lists = lists;
  return lists;
}

// Processes alive and not asleep.
function runnable(sim: Simulation): number {
  const asleep = sched_of(sim).asleep;
  let n = 0;
  for (const list of proc_lists(sim)) for (const p of list) if (p.is_alive() && !asleep.has(p)) n++;
  return n;
}

function alive(sim: Simulation): number {
  let n = 0;
  for (const list of proc_lists(sim)) for (const p of list) if (p.is_alive()) n++;
  return n;
}

// Lets runnable processes run until each sleeps or exits (or SETTLE_TURNS pass).
async function settle(sim: Simulation): Promise<void> {
  const st = sched_of(sim);
  let idle_turns = 0;
  let last = -1;
  for (;;) {
    st.wakeups = 0;
    const n = runnable(sim);
    if (n === 0) return;
    if (n === last) {
      if (++idle_turns > SETTLE_TURNS) return;
    } else {
      idle_turns = 0;
      last = n;
    }
    await Promise.resolve();
  }
}

/**
 * sched_run: runs the processes of every kernel on `sim` and its events
 * until all processes have exited, nothing is left to happen, or the time
 * limit. Throws SchedDeadlock (unless throw_on_block is false) when
 * processes are left asleep.
 */
export async function sched_run(sim: Simulation, opts: SchedRunOptions = {}): Promise<SchedResult> {
  const limit = opts.limit_ns ?? Number.MAX_SAFE_INTEGER;
  const st = sched_of(sim);
  let events = 0;
  let stopped_by_limit = false;
  for (;;) {
    await settle(sim);
    if (alive(sim) === 0) break;
    // Run events until one of them wakes a process: until then nobody can run.
    let ran = false;
    while (sim.step(limit)) {
      events++;
      ran = true;
      if (st.wakeups > 0) break;
    }
    if (ran) continue;
    // Nothing left to happen before the limit.
    stopped_by_limit = sim.pending > 0;
    if (stopped_by_limit && limit < Number.MAX_SAFE_INTEGER) sim.runUntil(limit);
    break;
  }
  // Once every process has exited, the network may still have work (FINs,
  // TIME_WAIT): until_idle, or an explicit limit, lets it finish.
  if (alive(sim) === 0 && (opts.until_idle === true || opts.limit_ns !== undefined)) {
    while (sim.step(limit)) events++;
    if (opts.limit_ns !== undefined && sim.pending > 0) sim.runUntil(limit);
  }
  const result = report(sim, events, !stopped_by_limit);
  if (result.message !== null && opts.throw_on_block !== false) throw new SchedDeadlock(result);
  return result;
}

function report(sim: Simulation, events: number, deadlock: boolean): SchedResult {
  const blocked: BlockedProc[] = [];
  for (const s of sched_of(sim).sleeping) {
    if (!s.p.is_alive()) continue;
    blocked.push({ host: String(s.kernel.sysctl('kern.hostname')), pid: s.p.p_pid, comm: s.p.p_comm, wmesg: s.wmesg, since_ns: s.since_ns });
  }
  const now = sim.now_ns;
  let message: string | null = null;
  const left = alive(sim);
  if (left > 0) {
    const why = deadlock
      ? 'every process is asleep and nothing is left to happen'
      : 'the time limit was reached with processes still asleep';
    const lines = [`sched_run: ${deadlock ? 'deadlock' : 'time limit'} at ${fmt_s(now)} s: ${why}`];
    for (const b of blocked) lines.push(`  ${b.host || '?'} pid ${b.pid} (${b.comm}): sleeping on "${b.wmesg}" since ${fmt_s(b.since_ns)} s`);
    if (blocked.length < left) lines.push(`  ${left - blocked.length} process(es) waiting on something other than tsleep`);
    message = lines.join('\n');
  }
  return { now_ns: now, events, blocked: left > 0 ? blocked : [], deadlock: left > 0 && deadlock, message };
}
