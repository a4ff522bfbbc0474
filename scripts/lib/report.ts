// One shape for every part of `npm test`, so the runner can add the parts up
// into the closing "N passed, N failed" line that CI reads.
import fs from 'node:fs';
import path from 'node:path';

export interface StepReport {
  step: string;
  passed: number;
  failed: number;
  /** Set when the step could not run here; says how to make it run. */
  skipped?: string;
  seconds: number;
  notes?: string[];
}

export const RESULTS_DIR = 'test-results';

export function writeReport(report: StepReport): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${report.step}.json`), JSON.stringify(report, null, 2) + '\n');
}

export function readReport(step: string): StepReport | undefined {
  const file = path.join(RESULTS_DIR, `${step}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as StepReport) : undefined;
}
