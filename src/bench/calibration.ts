// What the model has to reproduce: the published figures it is set
// against, each with the scenario that matches its conditions, a tolerance
// stated in advance, and a verdict computed from the run. No FreeBSD
// counterpart.
//
//   const c = await run_calibration({ run_length_s: 0.25 });
//   for (const r of c.rows) console.log(r.figure.id, r.model, r.pass);
//
// Like is compared with like: the Duke P-II and Alpha-share figures were
// measured with every checksum in software (their paper says so), so those
// scenarios turn the boards' offload off; the Alteon and 2002 figures ran
// over gigabit Ethernet with the Tigon's offload, ti(4)'s default then.
// Duke's Myrinet ran faster than the gigabit wire the model has, so only its
// figures below what gigabit Ethernet carries can be targets, and those
// only where the wire was not what limited them (a bus, a CPU). The rest of
// the published figures are shown as context, with the reason they cannot
// be compared.

import { published_figure, type PublishedFigure } from './published.ts';
import { scenario, ScenarioRuns, type Scenario, type ScenarioResult } from './scenario.ts';
import { ZERO_COPY_SETTINGS } from './zero_copy_mode.ts';

/** What a target reads off a run. */
export type CalibrationMetric = 'throughput_mbps' | 'busier_cpu_pct' | 'receiver_packet_pct';

/** How far the model may be from the figure and still reproduce it. */
export type Tolerance = { readonly pct: number } | { readonly points: number };

/** A figure the model has to reproduce. */
export interface CalibrationTarget {
  readonly figure: PublishedFigure;
  readonly metric: CalibrationMetric;
  readonly scenario: Scenario; // run_length_s replaced by run_calibration's
  readonly tolerance: Tolerance;
  readonly conditions: string; // how the scenario matches the measurement
}

/** A figure shown beside the targets, and why it is not one. */
export interface ContextFigure {
  readonly figure: PublishedFigure;
  readonly why_not: string;
}

const ZC = ZERO_COPY_SETTINGS;
const SOFTWARE_CKSUM: Partial<Scenario> = { hw_cksum: false };

function target(id: string, metric: CalibrationMetric, changes: Partial<Scenario>, tolerance: Tolerance, conditions: string): CalibrationTarget {
  return { figure: published_figure(id), metric, scenario: scenario(changes), tolerance, conditions };
}

export const CALIBRATION_TARGETS: readonly CalibrationTarget[] = [
  target('merry-2002', 'throughput_mbps', {}, { pct: 1 }, 'the reference configuration: P-III 733s, Tigon 2 boards with their checksum offload (the 2002 default), header splitting, MTU 9000, zero copy both ways'),
  target('duke-alpha-gige', 'throughput_mbps', { ...ZC.both, machine_class: 'ALPHA_500' }, { pct: 2 }, 'two ALPHA_500 machines, Tigon 2 boards with checksum offload, MTU 9000, zero copy both ways'),
  target('duke-alpha-gige-cpu', 'busier_cpu_pct', { ...ZC.both, machine_class: 'ALPHA_500' }, { points: 5 }, 'the same run; the busier side\'s CPU'),
  target('duke-pii-copy', 'throughput_mbps', { ...ZC.off, ...SOFTWARE_CKSUM, machine_class: 'PII_450', ti_jumbo_hdrsplit: false }, { pct: 10 }, 'PII_450 machines copying, checksums in software as in the paper; gigabit Ethernet at MTU 9000 stands in for Myrinet, which is faster than the rate reached'),
  target('duke-pii-zc', 'throughput_mbps', { ...ZC.both, ...SOFTWARE_CKSUM, machine_class: 'PII_450' }, { pct: 5 }, 'PII_450 machines, zero copy both ways, checksums in software; the 440LX\'s 32-bit, 33 MHz PCI bus, not the wire, is the limit'),
  target('duke-share-1500', 'receiver_packet_pct', { ...ZC.off, ...SOFTWARE_CKSUM, machine_class: 'ALPHA_500', mtu: 1500, ti_jumbo_hdrsplit: false, send_socket_bytes: 65536, recv_socket_bytes: 65536 }, { points: 10 }, 'ALPHA_500 receiver, MTU 1500, copying, checksums in software, 64 KB socket buffers as the paper used below MTU 4 KB; interrupt, driver and protocol time over all busy time'),
  target('duke-share-8k', 'receiver_packet_pct', { ...ZC.off, ...SOFTWARE_CKSUM, machine_class: 'ALPHA_500', ti_jumbo_hdrsplit: false }, { points: 10 }, 'the same at MTU 9000 (8 KB payloads)'),
];

export const CONTEXT_FIGURES: readonly ContextFigure[] = [
  { figure: published_figure('duke-miata-1500-cpu'), why_not: 'A 21164 Alpha ("Miata") receiving over Myrinet from a slow sender; the model has neither that CPU nor that wire. The share of its CPU spent per packet is a target above.' },
  { figure: published_figure('duke-monet-copy'), why_not: 'Myrinet: faster than gigabit Ethernet, so the wire the model has would be the limit, not the memory bandwidth the figure is about.' },
  { figure: published_figure('duke-pii-ip-copy'), why_not: 'Myrinet with 512 KB windows and LANai 4.1 firmware (June 2000 table): a different link, packet size and per-packet cost than the paper\'s 450 Mb/s run, which is the target above.' },
  { figure: published_figure('duke-pii-ip-zc'), why_not: 'Myrinet, June 2000 table: above the 780 Mb/s of the paper for the same machine, so another configuration; the paper\'s figure is the target above.' },
  { figure: published_figure('duke-xp1000-ip-copy'), why_not: 'Myrinet, whose limit is not gigabit Ethernet\'s.' },
  { figure: published_figure('duke-xp1000-ip-zc'), why_not: 'More than a gigabit Ethernet wire can carry: Myrinet ran faster than 1 Gb/s.' },
  { figure: published_figure('duke-pe4400-ip-zc'), why_not: 'Almost twice what a gigabit Ethernet wire can carry.' },
];

/** The busy share of the receiver spent in per-packet work: interrupts, driver and protocol processing. */
export function receiver_packet_pct(r: ScenarioResult): number {
  const c = r.receiver_cpu_by_category_pct;
  const busy = Object.values(c).reduce((a, b) => a + b, 0);
  const packet = (c['interrupt'] ?? 0) + (c['driver'] ?? 0) + (c['protocol'] ?? 0);
  return busy === 0 ? 0 : (100 * packet) / busy;
}

/** What `metric` reads off `r`. */
export function metric_value(metric: CalibrationMetric, r: ScenarioResult): number {
  switch (metric) {
    case 'throughput_mbps':
      return r.throughput_mbps;
    case 'busier_cpu_pct':
      return Math.max(r.sender_cpu_pct, r.receiver_cpu_pct);
    case 'receiver_packet_pct':
      return receiver_packet_pct(r);
  }
}

/** The model's value against the figure: the difference (percent, or points for shares of CPU) and whether it is within the tolerance. */
export function judge(t: CalibrationTarget, model: number): { readonly diff: number; readonly diff_unit: '%' | 'points'; readonly pass: boolean } {
  if ('pct' in t.tolerance) {
    const diff = (100 * (model - t.figure.value)) / t.figure.value;
    return { diff, diff_unit: '%', pass: Math.abs(diff) <= t.tolerance.pct };
  }
  const diff = model - t.figure.value;
  return { diff, diff_unit: 'points', pass: Math.abs(diff) <= t.tolerance.points };
}

/** One target with what the model gave. */
export interface CalibrationRow {
  readonly target: CalibrationTarget;
  readonly result: ScenarioResult;
  readonly model: number; // metric_value of the run
  readonly diff: number;
  readonly diff_unit: '%' | 'points';
  readonly pass: boolean;
}

export interface CalibrationResult {
  readonly run_length_s: number;
  readonly rows: readonly CalibrationRow[];
  readonly context: readonly ContextFigure[];
}

/** Runs every target's scenario at `run_length_s` and judges it. */
export async function run_calibration(o: { readonly run_length_s: number; readonly runs?: ScenarioRuns }): Promise<CalibrationResult> {
  const runs = o.runs ?? new ScenarioRuns();
  const rows: CalibrationRow[] = [];
  for (const t of CALIBRATION_TARGETS) {
    const s = { ...t.scenario, run_length_s: o.run_length_s };
    const result = await runs.run(s);
    const model = metric_value(t.metric, result);
    rows.push({ target: { ...t, scenario: s }, result, model, ...judge(t, model) });
  }
  return { run_length_s: o.run_length_s, rows, context: CONTEXT_FIGURES };
}
