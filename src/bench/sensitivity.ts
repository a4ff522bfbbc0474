// How much each result depends on each part of the cost model: the
// headline, the copy comparison and the two Pentium II rows, rerun with
// each group of cost parameters halved and doubled. No FreeBSD counterpart.
//
//   const s = await run_sensitivity({ run_length_s: 0.25 });
//   s.rows[0].cells   // per group and factor: the throughput's change in %, the CPU's in points
//
// A row whose throughput moves with no parameter reproduces a figure
// without testing the model: the wire, not the model, sets it. Such rows
// are marked (tests_nothing), and the page says so.

import { COST_GROUPS, type CostGroupId } from './cost_groups.ts';
import { comparison_row } from './comparison.ts';
import { CALIBRATION_TARGETS } from './calibration.ts';
import { ScenarioRuns, type Scenario } from './scenario.ts';

/** The factors each group's cost is multiplied by. */
export const SENSITIVITY_FACTORS: readonly number[] = [0.5, 2];

/** Below this change in throughput (percent, either way) a row is said not to move. */
export const MOVES_PCT = 1;

/** A row of the sensitivity table. */
export interface SensitivityRow {
  readonly id: string;
  readonly label: string;
  readonly scenario: Scenario;
}

function target_scenario(figure_id: string): Scenario {
  const t = CALIBRATION_TARGETS.find((x) => x.figure.id === figure_id);
  if (t === undefined) throw new RangeError(`sensitivity: no calibration target "${figure_id}"`);
  return t.scenario;
}

export const SENSITIVITY_ROWS: readonly SensitivityRow[] = [
  { id: 'headline', label: 'the 2002 headline (P-III, zero copy, offload)', scenario: comparison_row('modes-9000/both').scenario },
  { id: 'copy', label: 'the same machines copying (the comparison 2002 lacked)', scenario: comparison_row('modes-9000/off').scenario },
  { id: 'pii-zc', label: 'Pentium II, zero copy, software checksums (Duke: 780)', scenario: target_scenario('duke-pii-zc') },
  { id: 'pii-copy', label: 'Pentium II copying, software checksums (Duke: 450)', scenario: target_scenario('duke-pii-copy') },
];

/** One parameter group at one factor. */
export interface SensitivityCell {
  readonly group: CostGroupId;
  readonly factor: number;
  readonly mbps_change_pct: number; // throughput against the unchanged run
  readonly cpu_change_points: number; // the busier side's CPU against the unchanged run
}

export interface SensitivityResultRow extends SensitivityRow {
  readonly base_mbps: number;
  readonly base_cpu_pct: number;
  readonly cells: readonly SensitivityCell[];
  readonly tests_nothing: boolean; // no cell moves the throughput by MOVES_PCT or more
}

export interface SensitivityResult {
  readonly run_length_s: number;
  readonly rows: readonly SensitivityResultRow[];
}

/** Runs every row unchanged and with each group at each factor. */
export async function run_sensitivity(o: {
  readonly run_length_s: number;
  readonly runs?: ScenarioRuns;
  readonly on_run?: (done: number, total: number) => void;
}): Promise<SensitivityResult> {
  const runs = o.runs ?? new ScenarioRuns();
  const total = SENSITIVITY_ROWS.length * (1 + COST_GROUPS.length * SENSITIVITY_FACTORS.length);
  let done = 0;
  const rows: SensitivityResultRow[] = [];
  for (const row of SENSITIVITY_ROWS) {
    const s = { ...row.scenario, run_length_s: o.run_length_s };
    o.on_run?.(done++, total);
    const base = await runs.run(s);
    const base_cpu = Math.max(base.sender_cpu_pct, base.receiver_cpu_pct);
    const cells: SensitivityCell[] = [];
    for (const g of COST_GROUPS) {
      for (const factor of SENSITIVITY_FACTORS) {
        o.on_run?.(done++, total);
        const r = await runs.run({ ...s, cost_scale: { ...s.cost_scale, [g.id]: factor } });
        cells.push({
          group: g.id,
          factor,
          mbps_change_pct: (100 * (r.throughput_mbps - base.throughput_mbps)) / base.throughput_mbps,
          cpu_change_points: Math.max(r.sender_cpu_pct, r.receiver_cpu_pct) - base_cpu,
        });
      }
    }
    const tests_nothing = cells.every((c) => Math.abs(c.mbps_change_pct) < MOVES_PCT);
    rows.push({ ...row, scenario: s, base_mbps: base.throughput_mbps, base_cpu_pct: base_cpu, cells, tests_nothing });
  }
  return { run_length_s: o.run_length_s, rows };
}
