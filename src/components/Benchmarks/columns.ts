// The comparison table's columns: what each shows and how a number is
// printed. One definition for the table, the rerun rows and the tests, so
// the page, the form and the checks print a result the same way.
import type { ScenarioResult } from '../../bench/scenario.ts';

export interface Column {
  readonly key: keyof ScenarioResult;
  readonly header: string;
  readonly title: string; // the header's tooltip: what the number is
  readonly digits: number; // decimals shown
}

export const COLUMNS: readonly Column[] = [
  { key: 'throughput_mbps', header: 'Mbps', title: 'netperf throughput, 10^6 bits/s', digits: 1 },
  { key: 'sender_cpu_pct', header: 'CPU send %', title: "sender's CPU utilisation (netperf -c)", digits: 1 },
  { key: 'receiver_cpu_pct', header: 'CPU recv %', title: "receiver's CPU utilisation (netperf -C)", digits: 1 },
  { key: 'sender_sd_us_per_kb', header: 'SD send', title: 'service demand: us of sender CPU per KB', digits: 2 },
  { key: 'receiver_sd_us_per_kb', header: 'SD recv', title: 'service demand: us of receiver CPU per KB', digits: 2 },
  { key: 'retransmissions', header: 'rexmt', title: 'segments retransmitted', digits: 0 },
  { key: 'pages_loaned', header: 'loaned', title: 'pages lent copy-on-write by zero copy send', digits: 0 },
  { key: 'pages_flipped', header: 'flipped', title: 'pages flipped into the reader by zero copy receive', digits: 0 },
  { key: 'cow_faults', header: 'COW', title: 'copy-on-write faults: loaned pages written too early', digits: 0 },
];

/** A number as a cell shows it. */
export function formatCell(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** Every cell of a result row, in COLUMNS order. */
export function resultCells(r: ScenarioResult): string[] {
  return COLUMNS.map((c) => formatCell(r[c.key] as number, c.digits));
}
