// Shared helpers for the socket and TCP tests: two machines with IPv4
// addresses on one wire, processes on them, and a run to completion.

import { pair } from '../net/helpers.ts';
import {
  ifconfig, mb_inuse, proc_table, sched_run, Simulation, so_count,
  type Kernel, type MachineClassName, type Proc, type ProcBody, type SchedRunOptions, type SchedResult, type Wire, type WireOptions,
} from 'zcsim';

export interface Net {
  readonly sim: Simulation;
  readonly a: Kernel; // 10.0.0.1
  readonly b: Kernel; // 10.0.0.2
  readonly wire: Wire;
}

export const A = '10.0.0.1';
export const B = '10.0.0.2';

/** Two GENERIC machines with em0 wired together, addresses 10.0.0.1/24 and 10.0.0.2/24, up. */
export function net(wire: WireOptions = {}, opts: { mtu?: number; machineClass?: MachineClassName } = {}): Net {
  const { sim, a, b, wire: w } = pair({ delay_ns: 1000, ...wire }, opts);
  ifconfig(a, ['em0', 'inet', `${A}/24`]);
  ifconfig(b, ['em0', 'inet', `${B}/24`]);
  return { sim, a, b, wire: w };
}

/** Starts a process on `k`. */
export function spawn(k: Kernel, body: ProcBody, comm = 'a.out'): Proc {
  return proc_table(k).spawn(body, { comm });
}

/** Runs every process of the net to completion. */
export function run(n: Net, opts: SchedRunOptions = {}): Promise<SchedResult> {
  return sched_run(n.sim, opts);
}

/** Resources still held on `k`: mbufs, clusters, sockets. */
export function held(k: Kernel): { mbufs: number; clusters: number; sockets: number } {
  const u = mb_inuse(k);
  return { mbufs: u.mbufs, clusters: u.clusters, sockets: so_count(k) };
}

export { pattern } from '../lib/pattern.ts';
