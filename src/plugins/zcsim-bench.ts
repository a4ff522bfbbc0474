// Build-time benchmark numbers: runs the comparison (src/bench/comparison.ts)
// once per build and hands the results to the benchmarks page as a JSON
// module (@generated/zcsim-bench/default/bench.json). The page draws its
// table and plots from them, so what it shows is what the code computed, and the browser tests
// rerun some rows in Node to check that it is.
//
// The run length of every row is BUILD_RUN_LENGTH_S of virtual time unless
// the environment sets ZCSIM_BENCH_RUN_S (e.g. ZCSIM_BENCH_RUN_S=1 once the
// simulator is fast enough to make long runs cheap).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { COMPARISON_GROUPS, run_comparison, type ComparisonGroup, type ComparisonResult } from '../bench/comparison.ts';
import { run_calibration, type CalibrationResult } from '../bench/calibration.ts';
import { COST_GROUPS, type CostGroup } from '../bench/cost_groups.ts';
import { DEFAULT_SCENARIO, MAX_RUN_LENGTH_S, ScenarioRuns, type Scenario } from '../bench/scenario.ts';
import { run_sensitivity, SENSITIVITY_FACTORS, type SensitivityResult } from '../bench/sensitivity.ts';
import { zero_copy_mode } from '../bench/zero_copy_mode.ts';
import { MACHINE_CLASSES, PCI_BOARDS } from '../kernel/index.ts';

/** A choice of the rerun form: a name and what it stands for. */
export interface NamedChoice {
  readonly name: string;
  readonly description: string;
}

/**
 * What the benchmarks page reads. Everything the page needs from src/bench
 * comes through here, so the page's own bundle never includes the kernel
 * (only the rerun form's worker does).
 */
/** A published figure drawn on a comparison row's bar. */
export interface PublishedMark {
  readonly row_id: string;
  readonly value: number;
  readonly label: string;
}

export interface ZcsimBench {
  readonly comparison: ComparisonResult;
  readonly groups: readonly ComparisonGroup[];
  readonly calibration: CalibrationResult; // what the model has to reproduce
  readonly sensitivity: SensitivityResult; // how the key rows move with each cost parameter
  readonly cost_groups: readonly CostGroup[];
  readonly sensitivity_factors: readonly number[];
  readonly published_marks: readonly PublishedMark[]; // the calibration's throughput figures, on the machines group's bars
  readonly default_scenario: Scenario;
  readonly machine_classes: readonly NamedChoice[];
  readonly boards: readonly NamedChoice[];
}

/**
 * Virtual seconds of netperf per row when the environment does not say:
 * long enough that slow start is under half a percent of a run, so the
 * headline row reads as calibrated (test/bench/headline.test.ts uses the same).
 */
export const BUILD_RUN_LENGTH_S = 0.25;

/** The numbers' module: @generated/zcsim-bench/default/bench.json. */
export const BENCH_DATA_NAME = 'bench.json';

/** The environment variable that overrides BUILD_RUN_LENGTH_S. */
export const RUN_LENGTH_ENV = 'ZCSIM_BENCH_RUN_S';

/** The run length for this build; throws for a value that is not a positive number of seconds. */
export function buildRunLengthS(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env[RUN_LENGTH_ENV];
  if (text === undefined || text === '') return BUILD_RUN_LENGTH_S;
  const s = Number(text);
  if (!(s > 0 && s <= MAX_RUN_LENGTH_S)) {
    throw new Error(`${RUN_LENGTH_ENV}=${JSON.stringify(text)}: expected virtual seconds above 0 and at most ${MAX_RUN_LENGTH_S}`);
  }
  return s;
}

/** Runs every row of the comparison at `run_length_s`. */
export async function loadZcsimBench(run_length_s: number, log: (line: string) => void = () => undefined): Promise<ZcsimBench> {
  const started = Date.now();
  const runs = new ScenarioRuns();
  const comparison = await run_comparison({ run_length_s, runs });
  const calibration = await run_calibration({ run_length_s, runs });
  const sensitivity = await run_sensitivity({ run_length_s, runs });
  log(`[zcsim-bench] ${comparison.rows.length} benchmark rows, ${calibration.rows.length} calibration targets and the sensitivity table (${runs.size} runs) at -l ${run_length_s} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    comparison,
    groups: COMPARISON_GROUPS,
    calibration,
    sensitivity,
    cost_groups: COST_GROUPS,
    sensitivity_factors: SENSITIVITY_FACTORS,
    published_marks: published_marks(comparison, calibration),
    default_scenario: { ...DEFAULT_SCENARIO, run_length_s },
    machine_classes: Object.values(MACHINE_CLASSES).map((m) => ({ name: m.name, description: m.description })),
    boards: Object.entries(PCI_BOARDS).map(([name, description]) => ({ name, description })),
  };
}

// Each throughput target lands on the machines row of its machine class and zero copy setting.
function published_marks(c: ComparisonResult, cal: CalibrationResult): PublishedMark[] {
  const marks: PublishedMark[] = [];
  for (const r of cal.rows) {
    if (r.target.metric !== 'throughput_mbps') continue;
    const s = r.target.scenario;
    const row = c.rows.find((x) => x.group === 'machines' && x.scenario.machine_class === s.machine_class && zero_copy_mode(x.scenario) === zero_copy_mode(s));
    if (row === undefined) continue;
    const f = r.target.figure;
    marks.push({ row_id: row.id, value: f.value, label: `${f.value} Mbps: ${f.machine}, ${f.network} (${f.source})` });
  }
  return marks;
}

export default function zcsimBenchPlugin(context: LoadContext): Plugin<ZcsimBench> {
  const { siteDir } = context;
  return {
    name: 'zcsim-bench',
    getPathsToWatch() {
      return [path.join(siteDir, 'src/bench/**/*.ts')];
    },
    async loadContent() {
      const run_length_s = buildRunLengthS();
      const cache = path.join(siteDir, 'node_modules/.cache/zcsim-bench', `${benchInputsHash(siteDir, run_length_s)}.json`);
      if (fs.existsSync(cache)) {
        console.log(`[zcsim-bench] benchmark rows from ${path.relative(siteDir, cache)} (kernel and bench code unchanged)`);
        return JSON.parse(fs.readFileSync(cache, 'utf8')) as ZcsimBench;
      }
      const content = await loadZcsimBench(run_length_s, (line) => console.log(line));
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      fs.writeFileSync(cache, JSON.stringify(content));
      return content;
    },
    async contentLoaded({ content, actions }) {
      // A module of its own that only the benchmarks page imports (Benchmarks/data.ts), not global data every page loads.
      await actions.createData(BENCH_DATA_NAME, JSON.stringify(content));
    },
  };
}

/**
 * A hash of everything the numbers depend on: the kernel's and the bench
 * code's sources and the run length. The simulation is deterministic, so
 * equal inputs give equal rows and a build (or `npm start` reload) with
 * nothing changed reuses the last run's rows instead of running ~30 s again.
 */
export function benchInputsHash(siteDir: string, run_length_s: number): string {
  const h = createHash('sha256');
  h.update(`run_length_s=${run_length_s}\n`);
  for (const dir of ['src/kernel', 'src/bench']) {
    const files = (fs.readdirSync(path.join(siteDir, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
    for (const f of files) {
      h.update(`${dir}/${f}\n`);
      h.update(fs.readFileSync(path.join(siteDir, dir, f)));
    }
  }
  return h.digest('hex').slice(0, 16);
}
