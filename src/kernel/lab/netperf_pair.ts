// netperf between two simulated machines in one call, for samples and the CLI.
// No FreeBSD counterpart: it is what one would type on two consoles,
//   b# netserver
//   a# netperf -H b -l 0.05 -c -C -- -m 32K
// done on a machine_pair (sim/pair.ts).
//
//   const { lines, result } = await netperf_pair({ argv: ['-l', '0.05', '-c', '-C'], mtu: 1500 });
//   lines.forEach((l) => console.log(l));       // netperf's output, line by line
//   result?.throughput_mbps                     // null if netperf failed (see stderr, status)
//   netperf_pair({ configA, configB, on_boot: ({ a }) => a.sysctl('kern.ipc.zero_copy.send', 0) });
//
// netperf runs on a (10.0.0.1), netserver on b (10.0.0.2). Unless argv has
// -H, "-H b" is added: the real tool's default, localhost, has no netserver.
//
// A long run can report how far it got and be stopped:
//   await netperf_pair({ argv, on_progress: ({ done_ns, total_ns }) => bar(done_ns / total_ns),
//                        signal: controller.signal });
// on_progress is called every progress_interval_ns of virtual time (default:
// a hundredth of the test length) from inside the simulation, and once at
// the end. The simulation never yields to the host's event loop, so the
// signal is checked at each progress report: abort it from on_progress
// (a wall-clock budget, say), or run netperf_pair in a Worker and terminate
// that. An aborted run rejects with the signal's reason. Reporting changes
// nothing in the run: the same options give the same numbers with or
// without it.

import { proc_table } from '../kern/kern_proc.ts';
import { zc_counters, type ZcCounters } from '../kern/zc_trace.ts';
import type { Simulation } from '../engine/simulation.ts';
import { sched_run } from '../kern/sched_run.ts';
import { machine_pair, type MachinePair, type MachinePairOptions } from './machine_pair.ts';
import { netperf_main } from '../usr.bin/netperf/netperf.ts';
import { netserver_main } from '../usr.bin/netperf/netserver.ts';
import type { NetperfResult } from '../usr.bin/netperf/nettest_bsd.ts';
import { netperf_args } from '../usr.bin/netperf/netsh.ts';

/** How far a run has got, in virtual time. */
export interface NetperfProgress {
  readonly done_ns: number; // virtual time since the machines booted, at most total_ns
  readonly total_ns: number | null; // the test length (-l), null for a byte count (-l < 0)
}

/** Options of netperf_pair: the machines (machine_pair's) and netperf's command line. */
export interface NetperfPairOptions extends MachinePairOptions {
  readonly argv?: readonly string[]; // netperf's arguments, without the program name
  readonly on_boot?: (pair: MachinePair) => void; // once both machines are up, before netserver starts: set sysctls here
  readonly on_progress?: (p: NetperfProgress) => void; // called as virtual time passes, and at the end
  readonly progress_interval_ns?: number; // virtual time between reports (default: test length / 100)
  readonly signal?: NetperfAbortSignal; // checked before the run and at each report
}

/** What netperf_pair reads of an AbortSignal (the kernel's lib has no DOM types; an AbortSignal fits). */
export interface NetperfAbortSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** What each program's zero copy record says at the end of the run (kern/zc_trace.ts). */
export interface NetperfPairZc {
  readonly netperf: ZcCounters; // the sender: pages loaned, COW faults, bytes copied by sosend
  readonly netserver: ZcCounters; // the receiver: pages flipped, bytes copied by soreceive
}

/** What netperf_pair ran and saw. */
export interface NetperfPairResult extends MachinePair {
  readonly lines: readonly string[]; // netperf's stdout, split into lines (no trailing empty line)
  readonly stderr: readonly string[]; // netperf's and netserver's stderr, likewise
  readonly status: number; // netperf's exit status
  readonly result: NetperfResult | null; // the numbers, when the test completed
  readonly zc: NetperfPairZc; // zero copy counters of netperf and netserver
}

// AbortSignal.throwIfAborted, for the structural signal above.
function check_abort(signal: NetperfAbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason ?? new Error('netperf_pair: aborted');
}

/**
 * Calls `report` every `interval_ns` of virtual time until `until_ns`. A
 * tick reschedules itself only while other events are pending, so a run
 * that has nothing left to do still ends (or deadlocks) where it would
 * without reports.
 */
function progress_ticker(sim: Simulation, interval_ns: number, until_ns: number, report: () => void): void {
  const tick = (): void => {
    report();
    if (sim.pending > 0 && sim.now_ns + interval_ns <= until_ns) sim.schedule_after(interval_ns, tick);
  };
  sim.schedule_after(interval_ns, tick);
}

function split_lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/**
 * Boots two machines, starts netserver on b and netperf on a, and runs the
 * simulation until netperf exits. Throws what machine_pair throws.
 */
export async function netperf_pair(o: NetperfPairOptions = {}): Promise<NetperfPairResult> {
  check_abort(o.signal);
  const pair = machine_pair(o);
  o.on_boot?.(pair);
  const argv = o.argv ?? [];
  const dashdash = argv.indexOf('--');
  const globals = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
  const has_host = globals.some((x) => /^-[A-Za-z46]*H/.test(x));
  const full = has_host ? [...argv] : ['-H', 'b', ...argv];
  let result: NetperfResult | null = null;
  let status = 0;
  const server = proc_table(pair.b).spawn((p) => netserver_main(p, [], { tests: 1 }), { comm: 'netserver' });
  const client = proc_table(pair.a).spawn(async (p) => {
    status = await netperf_main(p, full, (r) => (result = r));
    return status;
  }, { comm: 'netperf' });
  const parsed = netperf_args(full);
  const total_ns = parsed.ok && parsed.args.test_time_s > 0 ? Math.round(parsed.args.test_time_s * 1e9) : null;
  const report = (): void => {
    const now = pair.sim.now_ns;
    o.on_progress?.({ done_ns: total_ns === null ? now : Math.min(now, total_ns), total_ns });
    check_abort(o.signal);
  };
  if (o.on_progress !== undefined || o.signal !== undefined) {
    const span_ns = total_ns ?? 1e9; // a byte-count test: report every 10 ms of virtual time, for as long as it runs
    const interval_ns = Math.max(1, Math.round(o.progress_interval_ns ?? span_ns / 100));
    progress_ticker(pair.sim, interval_ns, total_ns ?? Number.MAX_SAFE_INTEGER, report);
  }
  const run = await sched_run(pair.sim, { throw_on_block: false });
  if (o.on_progress !== undefined) o.on_progress({ done_ns: total_ns ?? pair.sim.now_ns, total_ns });
  const stderr = split_lines(client.stderr + server.stderr);
  if (client.is_alive() && run.message !== null) stderr.push(...split_lines(run.message));
  const zc = { netperf: zc_counters(client), netserver: zc_counters(server) };
  return { ...pair, lines: split_lines(client.stdout), stderr, status, result, zc };
}
