// netperf between two simulated machines in one call, for samples and the CLI.
// No FreeBSD counterpart: it is what one would type on two consoles,
//   b# netserver
//   a# netperf -H b -l 0.05 -c -C -- -m 32K
// done on a machine_pair (sim/pair.ts).
//
//   const { lines, result } = await netperf_pair({ argv: ['-l', '0.05', '-c', '-C'], mtu: 1500 });
//   lines.forEach((l) => console.log(l));       // netperf's output, line by line
//   result?.throughput_mbps                     // null if netperf failed (see stderr, status)
//
// netperf runs on a (10.0.0.1), netserver on b (10.0.0.2). Unless argv has
// -H, "-H b" is added: the real tool's default, localhost, has no netserver.

import { proc_table } from '../../kern/kern_proc.ts';
import { sched_run } from '../../sim/sched.ts';
import { machine_pair, type MachinePair, type MachinePairOptions } from '../../sim/pair.ts';
import { netperf_main } from './netperf.ts';
import { netserver_main } from './netserver.ts';
import type { NetperfResult } from './nettest_bsd.ts';

/** Options of netperf_pair: the machines (machine_pair's) and netperf's command line. */
export interface NetperfPairOptions extends MachinePairOptions {
  readonly argv?: readonly string[]; // netperf's arguments, without the program name
}

/** What netperf_pair ran and saw. */
export interface NetperfPairResult extends MachinePair {
  readonly lines: readonly string[]; // netperf's stdout, split into lines (no trailing empty line)
  readonly stderr: readonly string[]; // netperf's and netserver's stderr, likewise
  readonly status: number; // netperf's exit status
  readonly result: NetperfResult | null; // the numbers, when the test completed
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
  const pair = machine_pair(o);
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
  const run = await sched_run(pair.sim, { throw_on_block: false });
  const stderr = split_lines(client.stderr + server.stderr);
  if (client.is_alive() && run.message !== null) stderr.push(...split_lines(run.message));
  return { ...pair, lines: split_lines(client.stdout), stderr, status, result };
}
