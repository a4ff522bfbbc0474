// Sleeping and waking up in virtual time.
// Mirrors tsleep() and wakeup() of sys/kern/kern_synch.c (FreeBSD 5.0).
//
// How to use (a system call that must wait):
//   while (so.so_rcv.sb_cc === 0) {
//     const error = await tsleep(p, so.so_rcv, 'sbwait');   // 0, or EWOULDBLOCK after timo
//     if (error) return error;
//   }
// and from whatever satisfies it (tcp_input, a callout...):
//   wakeup(so.so_rcv);
// A channel is any object; wakeup wakes every process asleep on it.
// tsleep returns a promise the process body awaits: the process is
// suspended, and the run loop (sim/sched.ts) moves virtual time on until
// something wakes it. While asleep the process is listed with its wmesg
// ("sbwait", "accept", "connec") so that a run that cannot go on reports
// who waits for what instead of hanging.
//
// A process killed while asleep is never resumed (its code stops there).

import type { Kernel } from './init_main.ts';
import { EWOULDBLOCK } from '../sys/errno.ts';
import type { Proc } from '../sys/proc.ts';
import { SimKey, type SimEvent, type Simulation } from '../engine/simulation.ts';
import { sim_of } from './kern_machine.ts';
import { cpu_of } from './kern_machine.ts';

/** One sleeping process. */
export interface sleeper {
  readonly p: Proc; // who sleeps
  readonly kernel: Kernel; // on which machine
  readonly chan: object; // what it waits for
  readonly wmesg: string; // why, as ps(1) shows it in the WCHAN column
  readonly since_ns: number; // virtual time it fell asleep
  timer: SimEvent | null; // the timeout, if any
  resolve: (error: number) => void; // resumes the process
}

/** Per-Simulation scheduler state, shared by every kernel on it. */
export interface sched_state {
  readonly sleeping: Set<sleeper>; // every process asleep, in the order it fell asleep
  readonly asleep: Map<Proc, sleeper>; // the same, by process
  readonly by_chan: Map<object, sleeper[]>; // the sleep queues
  wakeups: number; // processes made runnable since the run loop last looked
}

const SCHED = new SimKey<sched_state>('the scheduler');

/** The scheduler state of `sim`. */
export function sched_of(sim: Simulation): sched_state {
  return sim.slot(SCHED, () => ({ sleeping: new Set(), asleep: new Map(), by_chan: new Map(), wakeups: 0 }));
}

/** The kernel process `p` runs on. Throws if its process table is not a booted kernel's. */
export function proc_kernel(p: Proc): Kernel {
  const k = p.p_table.kernel;
  if (k === null) throw new Error(`proc_kernel: pid ${p.p_pid} does not belong to a booted kernel`);
  return k;
}

/**
 * tsleep: suspends `p` until wakeup(chan), or until `timo_ns` of virtual
 * time (0: no limit) have passed. Resolves to 0 when woken, EWOULDBLOCK on
 * timeout.
 */
export function tsleep(p: Proc, chan: object, wmesg: string, timo_ns = 0): Promise<number> {
  const kernel = proc_kernel(p);
  const sim = sim_of(kernel);
  const st = sched_of(sim);
  return new Promise<number>((resolve) => {
    const s: sleeper = { p, kernel, chan, wmesg, since_ns: sim.now_ns, timer: null, resolve };
    st.sleeping.add(s);
    st.asleep.set(p, s);
    let q = st.by_chan.get(chan);
    if (q === undefined) st.by_chan.set(chan, (q = []));
    q.push(s);
    if (timo_ns > 0) s.timer = sim.schedule_after(timo_ns, () => endtsleep(st, s));
  });
}

// The timeout of a sleep ran out.
function endtsleep(st: sched_state, s: sleeper): void {
  s.timer = null;
  const q = st.by_chan.get(s.chan);
  if (q !== undefined) {
    const i = q.indexOf(s);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) st.by_chan.delete(s.chan);
  }
  setrunnable(st, s, EWOULDBLOCK);
}

function setrunnable(st: sched_state, s: sleeper, error: number): void {
  st.sleeping.delete(s);
  st.asleep.delete(s.p);
  if (s.timer !== null) {
    sim_of(s.kernel).cancel(s.timer);
    s.timer = null;
  }
  if (!s.p.is_alive()) return;
  st.wakeups++;
  s.resolve(error);
}

/** wakeup: makes every process asleep on `chan` (on `kernel`'s simulation) runnable. */
export function wakeup(kernel: Kernel, chan: object): void {
  const st = sched_of(sim_of(kernel));
  const q = st.by_chan.get(chan);
  if (q === undefined) return;
  st.by_chan.delete(chan);
  for (const s of q) setrunnable(st, s, 0);
}

/** wakeup_one: makes only the first process asleep on `chan` runnable. */
export function wakeup_one(kernel: Kernel, chan: object): void {
  const st = sched_of(sim_of(kernel));
  const q = st.by_chan.get(chan);
  const s = q?.shift();
  if (q === undefined || s === undefined) return;
  if (q.length === 0) st.by_chan.delete(chan);
  setrunnable(st, s, 0);
}

/**
 * The process `p` has charged its CPU with work (a system call, a copy):
 * it goes on only when its machine's CPU has done everything queued so far,
 * so a saturated machine's processes fall behind in virtual time. Resolves
 * at once when the CPU is idle.
 */
export async function cpu_catchup(p: Proc): Promise<void> {
  const kernel = proc_kernel(p);
  const sim = sim_of(kernel);
  const until = cpu_of(kernel).busy_until_ns;
  if (until <= sim.now_ns) return;
  const chan = {};
  sim.schedule_at(until, () => wakeup(kernel, chan));
  await tsleep(p, chan, 'cpu');
}

/** Every process asleep on `sim`, oldest sleep first. */
export function sleeping(sim: Simulation): readonly sleeper[] {
  return [...sched_of(sim).sleeping];
}

/** True if process `p` is asleep. */
export function proc_sleeping(sim: Simulation, p: Proc): sleeper | undefined {
  return sched_of(sim).asleep.get(p);
}
