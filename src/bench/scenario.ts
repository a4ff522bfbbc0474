// One benchmark scenario: two machines, their kernels and a netperf
// TCP_STREAM between them, described as data, and the run that measures it.
// No FreeBSD counterpart: it is the lab notebook's line "P-III 733 to
// P-III 733, Tigon 2, MTU 9000, ZERO_COPY_SOCKETS + TI_JUMBO_HDRSPLIT,
// netperf -m 64K -s 128K -S 128K".
//
//   const s = scenario({ mtu: 1500, zero_copy_receive: false });   // defaults for the rest
//   const r = await run_scenario(s, { on_progress: (p) => bar(p.done_ns / p.total_ns) });
//   r.throughput_mbps, r.sender_cpu_pct, r.receiver_sd_us_per_kb, r.cow_faults ...
//
// Pure TypeScript over the kernel's public module: it runs in Node (tests,
// the site build) and in a Web Worker (the page's rerun form) alike, and the
// same scenario gives the same numbers everywhere.

import {
  EM_MAX_MTU, GENERIC, IF_MINMTU, ifconfig, MACHINE_CLASSES, MCLBYTES, MSIZE, PCI_BOARDS, SB_MAX, netperf_pair, type MachineClassName, type MachinePair,
  type NetperfAbortSignal, type NetperfProgress, type PciBoard,
} from '../kernel/index.ts';
import { TI_JUMBO_MTU } from '../kernel/dev/ti/if_tireg.ts';
import { scenario_argv } from './scenario_text.ts';
import { scaled_costs, type CostScale } from './cost_groups.ts';
import { tcp_goodput_limit_mbps } from './wire_limit.ts';

export { scenario_argv, scenario_command } from './scenario_text.ts';

/** Everything that defines a run. Both machines get the same class, board, MTU and kernel. */
export interface Scenario {
  readonly machine_class: MachineClassName; // the cost model's reference machine (sim/cost_model.ts)
  readonly nic: PciBoard; // the board in each machine (sim/hardware.ts)
  readonly mtu: number; // both interfaces' MTU
  readonly zero_copy_sockets: boolean; // options ZERO_COPY_SOCKETS in both kernels
  readonly ti_jumbo_hdrsplit: boolean; // options TI_JUMBO_HDRSPLIT
  readonly ti_private_jumbos: boolean; // options TI_PRIVATE_JUMBOS (config(8) refuses it with TI_JUMBO_HDRSPLIT)
  readonly zero_copy_send: boolean; // kern.ipc.zero_copy.send on the sender (needs ZERO_COPY_SOCKETS)
  readonly zero_copy_receive: boolean; // kern.ipc.zero_copy.receive on the receiver (likewise)
  readonly send_size_bytes: number; // netperf -m: bytes per send()
  readonly send_offset_bytes: number; // netperf -o: send buffers start this far past a page boundary
  readonly recv_offset_bytes: number; // netperf -O ,x: netserver's receive buffers likewise
  readonly send_socket_bytes: number; // netperf -s: SO_SNDBUF (and SO_RCVBUF) of netperf's socket
  readonly recv_socket_bytes: number; // netperf -S: SO_RCVBUF (and SO_SNDBUF) of netserver's socket
  readonly send_buffers: number; // netperf -W: buffers in the send ring (0: netperf's own choice)
  readonly dirty_bytes: number; // netperf -k: bytes written into each buffer just before its send (0: none)
  readonly run_length_s: number; // netperf -l: virtual seconds of sending
  readonly hw_cksum: boolean; // the boards compute and check the checksums (2002's default); false: ifconfig -rxcsum -txcsum
  readonly cost_scale: CostScale; // factors on groups of the cost model's parameters (cost_groups.ts); {} for the class's own
}

/** The reference configuration: the 2002 headline's setup on the default machine class. */
export const DEFAULT_SCENARIO: Scenario = {
  machine_class: 'PIII_733',
  nic: 'ti',
  mtu: 9000,
  zero_copy_sockets: true,
  ti_jumbo_hdrsplit: true,
  ti_private_jumbos: false,
  zero_copy_send: true,
  zero_copy_receive: true,
  send_size_bytes: 65536,
  send_offset_bytes: 0,
  recv_offset_bytes: 0,
  send_socket_bytes: 131072,
  recv_socket_bytes: 131072,
  send_buffers: 0,
  dirty_bytes: 0,
  run_length_s: 0.02,
  hw_cksum: true,
  cost_scale: {},
};

/** DEFAULT_SCENARIO with some fields changed. */
export function scenario(changes: Partial<Scenario> = {}): Scenario {
  return { ...DEFAULT_SCENARIO, ...changes };
}

/** Longest run the checks accept: an hour of virtual time is far past anything useful to the page. */
export const MAX_RUN_LENGTH_S = 3600;

/** Thrown by run_scenario for a scenario that cannot be run, before anything is booted. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

function largest_mtu(nic: PciBoard): number {
  return nic === 'em' ? EM_MAX_MTU : TI_JUMBO_MTU;
}

/** Why `s` cannot be run, one sentence per problem; empty when it can. */
export function scenario_problems(s: Scenario): string[] {
  const p: string[] = [];
  if (!Object.hasOwn(MACHINE_CLASSES, s.machine_class)) p.push(`unknown machine class "${s.machine_class}" (known: ${Object.keys(MACHINE_CLASSES).join(', ')})`);
  if (!Object.hasOwn(PCI_BOARDS, s.nic)) p.push(`unknown network board "${s.nic}" (known: ${Object.keys(PCI_BOARDS).join(', ')})`);
  else if (!Number.isInteger(s.mtu) || s.mtu < IF_MINMTU || s.mtu > largest_mtu(s.nic)) p.push(`MTU ${s.mtu} is outside ${IF_MINMTU}..${largest_mtu(s.nic)} for ${s.nic}`);
  if (s.ti_jumbo_hdrsplit && s.ti_private_jumbos) p.push('TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS cannot be combined (config(8) refuses it, as NOTES says)');
  if (!s.zero_copy_sockets && (s.zero_copy_send || s.zero_copy_receive)) p.push('kern.ipc.zero_copy.* exist only in a kernel with options ZERO_COPY_SOCKETS');
  for (const [name, v, min] of [
    ['send size', s.send_size_bytes, 1],
    ['send socket buffer', s.send_socket_bytes, 1],
    ['receive socket buffer', s.recv_socket_bytes, 1],
    ['send offset', s.send_offset_bytes, 0],
    ['receive offset', s.recv_offset_bytes, 0],
    ['send buffers', s.send_buffers, 0],
    ['dirty bytes', s.dirty_bytes, 0],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < min) p.push(`${name} must be a whole number of at least ${min} (got ${v})`);
  }
  for (const [name, v] of [['send socket buffer', s.send_socket_bytes], ['receive socket buffer', s.recv_socket_bytes]] as const) {
    if (v > sb_max_bytes()) p.push(`${name} ${v} is larger than kern.ipc.maxsockbuf allows (${sb_max_bytes()} bytes with its overhead)`);
  }
  if (!(s.run_length_s > 0 && s.run_length_s <= MAX_RUN_LENGTH_S)) p.push(`run length must be above 0 and at most ${MAX_RUN_LENGTH_S} s (got ${s.run_length_s})`);
  if (typeof s.hw_cksum !== 'boolean') p.push(`hw_cksum must be true or false (got ${String(s.hw_cksum)})`);
  if (Object.hasOwn(MACHINE_CLASSES, s.machine_class)) {
    try {
      scaled_costs(MACHINE_CLASSES[s.machine_class], s.cost_scale);
    } catch (e) {
      p.push(e instanceof Error ? e.message : String(e));
    }
  }
  return p;
}

// sbreserve's limit at the default kern.ipc.maxsockbuf: SB_MAX scaled by MCLBYTES / (MSIZE + MCLBYTES).
function sb_max_bytes(): number {
  return Math.floor((SB_MAX * MCLBYTES) / (MSIZE + MCLBYTES));
}

/** The kernel configuration both machines boot. */
export function scenario_config(s: Scenario): string {
  let c = GENERIC;
  if (s.zero_copy_sockets) c += 'options \tZERO_COPY_SOCKETS\n';
  if (s.ti_jumbo_hdrsplit) c += 'options \tTI_JUMBO_HDRSPLIT\n';
  if (s.ti_private_jumbos) c += 'options \tTI_PRIVATE_JUMBOS\n';
  return c;
}

/** What one run measured. Sender is netperf's machine (a), receiver netserver's (b). */
export interface ScenarioResult {
  readonly throughput_mbps: number; // netperf's throughput, 10^6 bits/s
  readonly wire_limit_mbps: number; // the most TCP can carry at this MSS (wire_limit.ts)
  readonly sender_cpu_pct: number; // netperf's -c
  readonly receiver_cpu_pct: number; // netperf's -C
  readonly sender_sd_us_per_kb: number; // service demand: us of sender CPU per KB transferred
  readonly receiver_sd_us_per_kb: number; // ... of receiver CPU
  readonly sender_cpu_by_category_pct: Readonly<Record<string, number>>; // busy % by what it was spent on
  readonly receiver_cpu_by_category_pct: Readonly<Record<string, number>>;
  readonly retransmissions: number; // data segments the sender retransmitted
  readonly pages_loaned: number; // pages zero copy send lent to the network (netperf's zc_counters)
  readonly pages_flipped: number; // pages zero copy receive moved into netserver
  readonly cow_faults: number; // netperf's pages written while on loan, and so copied
  readonly bytes_copied_send: number; // bytes sosend copied from netperf
  readonly bytes_copied_receive: number; // bytes soreceive copied out to netserver
  readonly mss: number; // TCP_MAXSEG of the data connection
  readonly elapsed_s: number; // netperf's elapsed time (virtual)
  readonly bytes: number; // bytes netserver received
  readonly frames: number; // frames the wire carried, both directions (data and ACKs)
  readonly simulated_ns: number; // virtual time the whole run took (boot to the last event)
}

/** Options of run_scenario. */
export interface RunScenarioOptions {
  readonly on_progress?: (p: NetperfProgress) => void; // as netperf_pair's
  readonly signal?: NetperfAbortSignal; // as netperf_pair's
}

/**
 * Runs `s`: boots both machines, sets the sysctls, runs netperf against
 * netserver and collects the numbers. Throws ScenarioError for a scenario
 * scenario_problems rejects, or when netperf fails (with its message).
 */
export async function run_scenario(s: Scenario, o: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const problems = scenario_problems(s);
  if (problems.length > 0) throw new ScenarioError(`scenario: ${problems.join('; ')}`);
  const config = scenario_config(s);
  const on_boot = ({ a, b, ifname }: MachinePair): void => {
    for (const k of [a, b]) {
      if (!s.hw_cksum) ifconfig(k, [ifname, '-rxcsum', '-txcsum']);
      if (!s.zero_copy_sockets) continue;
      k.sysctl('kern.ipc.zero_copy.send', s.zero_copy_send ? 1 : 0);
      k.sysctl('kern.ipc.zero_copy.receive', s.zero_copy_receive ? 1 : 0);
    }
  };
  const scale = Object.keys(s.cost_scale).length === 0 ? {} : { costOverrides: scaled_costs(MACHINE_CLASSES[s.machine_class], s.cost_scale) };
  const r = await netperf_pair({
    machineClass: s.machine_class,
    nic: s.nic,
    mtu: s.mtu,
    configA: config,
    configB: config,
    argv: scenario_argv(s),
    on_boot,
    ...scale,
    ...(o.on_progress === undefined ? {} : { on_progress: o.on_progress }),
    ...(o.signal === undefined ? {} : { signal: o.signal }),
  });
  const x = r.result;
  if (x === null) throw new ScenarioError(`netperf failed (status ${r.status}): ${r.stderr.join(' / ') || r.lines.join(' / ')}`);
  const rfc1323 = Number(r.a.sysctl('net.inet.tcp.rfc1323')) !== 0;
  return {
    throughput_mbps: x.throughput_mbps,
    wire_limit_mbps: tcp_goodput_limit_mbps(x.mss, rfc1323),
    sender_cpu_pct: x.local_cpu_pct,
    receiver_cpu_pct: x.remote_cpu_pct,
    sender_sd_us_per_kb: x.local_sd_us_per_kb,
    receiver_sd_us_per_kb: x.remote_sd_us_per_kb,
    sender_cpu_by_category_pct: { ...x.local_cpu_by_category_pct },
    receiver_cpu_by_category_pct: { ...x.remote_cpu_by_category_pct },
    retransmissions: x.retransmissions,
    pages_loaned: r.zc.netperf.pages_loaned,
    pages_flipped: r.zc.netserver.pages_flipped,
    cow_faults: r.zc.netperf.cow_faults,
    bytes_copied_send: r.zc.netperf.bytes_copied_send,
    bytes_copied_receive: r.zc.netserver.bytes_copied_receive,
    mss: x.mss,
    elapsed_s: x.elapsed_s,
    bytes: x.bytes,
    frames: r.wire.a.stats.frames + r.wire.b.stats.frames,
    simulated_ns: r.sim.now_ns,
  };
}

/** A key equal for equal scenarios, to run each only once (object fields, like cost_scale, with sorted keys too). */
export function scenario_key(s: Scenario): string {
  const sorted = (o: object): [string, unknown][] => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(sorted(s).map(([k, v]) => [k, typeof v === 'object' && v !== null ? sorted(v) : v]));
}

/** Runs scenarios, each distinct one once: what the page's tables share, so a row they have in common costs one run. */
export class ScenarioRuns {
  private readonly done = new Map<string, ScenarioResult>();

  /** Scenarios run so far. */
  get size(): number {
    return this.done.size;
  }

  /** run_scenario(s), or its result from an earlier call with an equal scenario. */
  async run(s: Scenario): Promise<ScenarioResult> {
    const key = scenario_key(s);
    const hit = this.done.get(key);
    if (hit !== undefined) return hit;
    const r = await run_scenario(s);
    this.done.set(key, r);
    return r;
  }
}
