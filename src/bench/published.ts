// Published throughput figures of the era, and how the model's rows compare
// with them. No FreeBSD counterpart. The figures and their sources are in
// ../shared/reference/freebsd-facts.md (sections 6 and 7); the source ids
// (W-DUKE9 ...) are that file's.
//
//   const lines = model_vs_published(comparison);   // one per figure with a comparable row
//   lines[0].simulated_mbps, lines[0].diff_pct, lines[0].verdict
//
// Only the 2002 announcement measured FreeBSD's own zero copy sockets, and it
// gave one number. The Duke figures measured the same code's ancestor
// (FreeBSD 4.0 with Gallatin's patches), mostly over Myrinet, which is faster
// than gigabit Ethernet: the model can match them only where the wire allows.

import type { MachineClassName } from '../kernel/index.ts';
import type { ComparisonResult } from './comparison.ts';
import { tcp_goodput_limit_mbps, tcp_segment_bytes } from './wire_limit.ts';

/** One published figure. */
export interface PublishedFigure {
  readonly id: string;
  readonly what: string; // the measurement in a few words
  readonly machine: string; // the host as the source names it
  readonly network: string; // the link it ran over
  readonly machine_class: MachineClassName | null; // our nearest reference machine, if any
  readonly zero_copy: boolean | null; // null: not stated
  readonly throughput_mbps: number;
  readonly cpu_pct: number | null; // CPU utilisation the source gives with it, if any
  readonly compare_row: string | null; // the comparison row it is set against
  readonly source: string; // the reference id
  readonly url: string | null; // where the source was (may be gone)
  readonly gap_reason: string; // why the model may differ from this figure (shown when it does)
}

/** The 2002 headline: "986Mbps throughput over gigabit ethernet with the patches". */
export const HEADLINE_MBPS = 986;

export const PUBLISHED: readonly PublishedFigure[] = [
  {
    id: 'merry-2002',
    what: 'the headline of the 2002 zero copy page',
    machine: 'not recorded',
    network: 'gigabit Ethernet (Tigon 2, header splitting)',
    machine_class: null,
    zero_copy: true,
    throughput_mbps: HEADLINE_MBPS,
    cpu_pct: null,
    compare_row: 'modes-9000/both',
    source: 'the June 2002 announcement',
    url: null,
    gap_reason:
      'The cost model is calibrated to this figure (sim/cost_model.ts): a run of 0.25 s or more lands within 0.5 % of it (test/bench/headline.test.ts). A shorter run falls below it, because slow start at the beginning is a larger share of the run.',
  },
  {
    id: 'duke-alpha-gige',
    what: '988 Mb/s with zero copy sockets on Alteon gigabit Ethernet, CPU overhead "as low as 20 %"',
    machine: 'Compaq XP1000, Alpha 21264 500 MHz',
    network: 'Alteon gigabit Ethernet',
    machine_class: 'ALPHA_500',
    zero_copy: true,
    throughput_mbps: 988,
    cpu_pct: 20,
    compare_row: 'machines/ALPHA_500-both',
    source: 'W-DUKE13',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node13.html',
    gap_reason:
      'The Duke adapters could compute receive checksums (LANai 5 and later); the model computes every checksum in software on both sides, which keeps its CPU share higher.',
  },
  {
    id: 'duke-monet-copy',
    what: 'enough memory bandwidth for 956 Mb/s at large MTUs while still copying',
    machine: 'Alpha 21264 500 MHz ("Monet")',
    network: 'Myrinet (Trapeze)',
    machine_class: 'ALPHA_500',
    zero_copy: false,
    throughput_mbps: 956,
    cpu_pct: null,
    compare_row: 'machines/ALPHA_500-off',
    source: 'W-DUKE9',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node9.html',
    gap_reason: 'Measured over Myrinet, not Ethernet: another wire limit, other packet sizes and other per-packet costs than the model has.',
  },
  {
    id: 'duke-pii-copy',
    what: 'peak when forced to copy',
    machine: 'Pentium II 450 MHz, 440LX',
    network: 'Myrinet (Trapeze)',
    machine_class: 'PII_450',
    zero_copy: false,
    throughput_mbps: 450,
    cpu_pct: null,
    compare_row: 'machines/PII_450-off',
    source: 'W-DUKE9',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node9.html',
    gap_reason:
      "The model's P-II copy rate was derived from this very figure, so a gap is the per-packet and checksum work charged on top of the copy, and Myrinet's packets against Ethernet's.",
  },
  {
    id: 'duke-pii-zc',
    what: 'with zero copy sockets: almost twice the copying figure',
    machine: 'Pentium II 450 MHz, 440LX',
    network: 'Myrinet (Trapeze)',
    machine_class: 'PII_450',
    zero_copy: true,
    throughput_mbps: 780,
    cpu_pct: null,
    compare_row: 'machines/PII_450-both',
    source: 'W-DUKE9',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node9.html',
    gap_reason:
      "The 440LX's 32-bit, 33 MHz PCI bus limited the real machine; the model does not simulate the I/O bus, only the CPU, so once copies are gone it is bound by the wire instead.",
  },
  {
    id: 'duke-pii-ip-copy',
    what: 'netperf TCP, no zero copy (June 2000 table)',
    machine: 'Pentium II 450 MHz',
    network: 'Myrinet (Trapeze, LANai 4.1)',
    machine_class: 'PII_450',
    zero_copy: false,
    throughput_mbps: 666,
    cpu_pct: null,
    compare_row: 'machines/PII_450-off',
    source: 'W-DUKEIP',
    url: 'http://www.cs.duke.edu/ari/trapeze/ip/',
    gap_reason: 'A 512 KB window over Myrinet; the model runs 128 KB socket buffers over Ethernet, with its per-packet costs.',
  },
  {
    id: 'duke-pii-ip-zc',
    what: 'netperf TCP with zero copy (June 2000 table)',
    machine: 'Pentium II 450 MHz',
    network: 'Myrinet (Trapeze, LANai 4.1)',
    machine_class: 'PII_450',
    zero_copy: true,
    throughput_mbps: 808,
    cpu_pct: null,
    compare_row: 'machines/PII_450-both',
    source: 'W-DUKEIP',
    url: 'http://www.cs.duke.edu/ari/trapeze/ip/',
    gap_reason: 'The same machine over a different link; the model has no I/O bus limit, so its zero copy row is bound by the wire instead.',
  },
  {
    id: 'duke-xp1000-ip-copy',
    what: 'netperf TCP, no zero copy (June 2000 table)',
    machine: 'Compaq XP1000, 500 MHz',
    network: 'Myrinet (Trapeze, LANai 7)',
    machine_class: 'ALPHA_500',
    zero_copy: false,
    throughput_mbps: 970,
    cpu_pct: null,
    compare_row: 'machines/ALPHA_500-off',
    source: 'W-DUKEIP',
    url: 'http://www.cs.duke.edu/ari/trapeze/ip/',
    gap_reason: 'Myrinet carries more than gigabit Ethernet and its packets are larger; the model only knows Ethernet.',
  },
  {
    id: 'duke-xp1000-ip-zc',
    what: 'netperf TCP with zero copy (June 2000 table)',
    machine: 'Compaq XP1000, 500 MHz',
    network: 'Myrinet (Trapeze, LANai 7)',
    machine_class: 'ALPHA_500',
    zero_copy: true,
    throughput_mbps: 1147,
    cpu_pct: null,
    compare_row: 'machines/ALPHA_500-both',
    source: 'W-DUKEIP',
    url: 'http://www.cs.duke.edu/ari/trapeze/ip/',
    gap_reason: 'More than a gigabit Ethernet wire can carry: Myrinet ran faster than 1 Gb/s.',
  },
  {
    id: 'duke-pe4400-ip-zc',
    what: 'netperf TCP with zero copy, the fastest host of the June 2000 table',
    machine: 'Dell PowerEdge 4400, Pentium III 733 MHz',
    network: 'Myrinet (Trapeze, LANai 9)',
    machine_class: 'PIII_733',
    zero_copy: true,
    throughput_mbps: 1765,
    cpu_pct: null,
    compare_row: 'machines/PIII_733-both',
    source: 'W-DUKEIP',
    url: 'http://www.cs.duke.edu/ari/trapeze/ip/',
    gap_reason: 'Almost twice what a gigabit Ethernet wire can carry: this Myrinet link was faster than 1 Gb/s.',
  },
];

/** How a model row relates to a published figure. */
export type Verdict = 'agrees' | 'beyond_wire' | 'model_higher' | 'model_lower';

/** Within this many percent (of throughput, or points of CPU share), a model row agrees with a figure of the era. */
export const AGREEMENT_PCT = 5;

/** One published figure beside the model's row. */
export interface ModelVsPublished {
  readonly figure: PublishedFigure;
  readonly row_id: string;
  readonly simulated_mbps: number;
  readonly simulated_cpu_pct: number; // the busier side's CPU in the model
  readonly wire_limit_mbps: number; // what gigabit Ethernet allows at the row's MSS
  readonly diff_pct: number; // (model - published) / published, in percent
  readonly verdict: Verdict;
  readonly cpu_verdict: Exclude<Verdict, 'beyond_wire'> | null; // null when the figure gives no CPU share
}

/** Every published figure that has a comparable row in `c`, with the model's numbers. */
export function model_vs_published(c: ComparisonResult): ModelVsPublished[] {
  const out: ModelVsPublished[] = [];
  for (const figure of PUBLISHED) {
    const row = c.rows.find((r) => r.id === figure.compare_row);
    if (row === undefined) continue;
    const r = row.result;
    const diff_pct = (100 * (r.throughput_mbps - figure.throughput_mbps)) / figure.throughput_mbps;
    const verdict: Verdict =
      figure.throughput_mbps > r.wire_limit_mbps
        ? 'beyond_wire'
        : Math.abs(diff_pct) <= AGREEMENT_PCT
          ? 'agrees'
          : diff_pct > 0
            ? 'model_higher'
            : 'model_lower';
    const cpu_diff = figure.cpu_pct === null ? null : Math.max(r.sender_cpu_pct, r.receiver_cpu_pct) - figure.cpu_pct;
    const cpu_verdict =
      cpu_diff === null ? null : Math.abs(cpu_diff) <= AGREEMENT_PCT ? 'agrees' : cpu_diff > 0 ? 'model_higher' : 'model_lower';
    out.push({
      figure,
      cpu_verdict,
      row_id: row.id,
      simulated_mbps: r.throughput_mbps,
      simulated_cpu_pct: Math.max(r.sender_cpu_pct, r.receiver_cpu_pct),
      wire_limit_mbps: r.wire_limit_mbps,
      diff_pct,
      verdict,
    });
  }
  return out;
}

/** The headline's share of what the wire allows at MTU 9000 (8192-byte segments, timestamps on). */
export function headline_share_of_wire(): number {
  return HEADLINE_MBPS / tcp_goodput_limit_mbps(tcp_segment_bytes(9000, true), true);
}
