// `npm test`: every check the project has, in order, each one reported, and a
// closing "N passed, N failed" line that adds them all up.
//   1. type check: the kernel alone (ES2022, no DOM, no Node), the benchmarks likewise, then everything
//   2. ava: unit, property and example tests
//   3. mandoc -Tlint of every man page
//   4. the site build (broken links, bad mdoc and drifted samples fail it)
//   5. browser tests in Chromium against the built site
// A part that needs a tool this machine lacks (mandoc, chromium) says how to
// install it and is skipped; .ci/run installs both, so CI skips nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { readReport, writeReport, RESULTS_DIR, type StepReport } from './lib/report.ts';

const node = process.execPath;

function run(args: readonly string[], options: { capture?: boolean } = {}): { status: number; stdout: string } {
  const result = spawnSync(node, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (options.capture && result.stdout) process.stdout.write(result.stdout);
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

function timed(step: string, body: () => Omit<StepReport, 'step' | 'seconds'>): StepReport {
  console.log(`\n=== ${step}`);
  const started = Date.now();
  const report = { step, ...body(), seconds: (Date.now() - started) / 1000 };
  writeReport(report);
  return report;
}

fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
const reports: StepReport[] = [];

reports.push(
  timed('typecheck', () => {
    const tsc = 'node_modules/typescript/bin/tsc';
    let passed = 0;
    let failed = 0;
    for (const project of ['src/kernel', 'src/bench', '.']) {
      const ok = run([tsc, '--noEmit', '-p', project]).status === 0;
      console.log(`${ok ? 'ok  ' : 'FAIL'} tsc --noEmit -p ${project}`);
      if (ok) passed++;
      else failed++;
    }
    return { passed, failed };
  }),
);

reports.push(
  timed('ava', () => {
    const { status, stdout } = run(['node_modules/ava/entrypoints/cli.mjs', '--tap'], { capture: true });
    const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(stdout)?.[1] ?? 0);
    const passed = count('pass');
    // A crash that reports no failing test still fails the step.
    const failed = count('fail') + (status !== 0 && count('fail') === 0 ? 1 : 0);
    return { passed, failed };
  }),
);

reports.push(
  timed('man', () => {
    run(['--import', 'tsx', 'scripts/lint-man.ts']);
    const report = readReport('man');
    return report ?? { passed: 0, failed: 1 };
  }),
);

const build = timed('build', () => {
  const ok = run(['node_modules/@docusaurus/core/bin/docusaurus.mjs', 'build']).status === 0;
  return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});
reports.push(build);

reports.push(
  timed('browser', () => {
    if (build.failed > 0) {
      console.log('browser tests not run: the site did not build');
      return { passed: 0, failed: 1 };
    }
    run(['--import', 'tsx', 'scripts/browser-tests.ts']);
    return readReport('browser') ?? { passed: 0, failed: 1 };
  }),
);

console.log('\n=== summary');
for (const r of reports) {
  const skipped = r.skipped ? `  SKIPPED: ${r.skipped}` : '';
  console.log(`${r.step.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s${skipped}`);
}
const passed = reports.reduce((n, r) => n + r.passed, 0);
const failed = reports.reduce((n, r) => n + r.failed, 0);
fs.writeFileSync(`${RESULTS_DIR}/summary.json`, JSON.stringify({ passed, failed, reports }, null, 2) + '\n');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
