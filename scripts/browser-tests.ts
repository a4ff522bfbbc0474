// Browser tests: the built site, served locally, driven in Debian's Chromium.
// Every page in the sitemap is opened; every sample on it is run and its
// output compared with examples/<slug>.out; any request that leaves
// 127.0.0.1 fails the page. Then the pages themselves, the editor, the
// sample sandbox, the reader's comforts, the kernel picture, the manual's
// reference pages and the benchmarks page. Each sample's Chromium result is
// written to test-results/examples-chromium.json for the next build's mark.
//
// Each test (scripts/browser/*.ts) runs on its own: one that throws counts
// as one failed check and the rest still run. Pick tests by name with
// --grep (a regular expression, case-insensitive):
//   npm run test:browser -- --grep editor
//   npm run test:browser -- --grep 'samples on /man9'
import { readExamples } from '../src/plugins/examples.ts';
import { readVerification, writeSampleResults } from '../src/plugins/verification.ts';
import { CHROMIUM_HINT, findChromium } from './lib/tools.ts';
import { writeReport } from './lib/report.ts';
import { launchChromium, startServer } from './lib/site.ts';
import { runTests, type BrowserTest } from './browser/harness.ts';
import { samplePageTests } from './browser/samples.ts';
import { pageTests } from './browser/pages.ts';
import { editorTests } from './browser/editor.ts';
import { sandboxTests } from './browser/sandbox.ts';
import { comfortTests } from './browser/comforts.ts';
import { pictureTests } from './browser/picture.ts';
import { manualTests } from './browser/manual.ts';
import { benchmarkTests } from './browser/benchmarks.ts';

function grepArg(argv: readonly string[]): RegExp | null {
  const at = argv.indexOf('--grep');
  if (at < 0) return null;
  const pattern = argv.slice(at + 1).join(' ');
  if (pattern === '') throw new Error('--grep needs a pattern');
  return new RegExp(pattern, 'i');
}

async function main(): Promise<void> {
  const started = Date.now();
  const executablePath = findChromium();
  if (!executablePath) {
    console.log(`browser tests skipped: ${CHROMIUM_HINT}`);
    writeReport({ step: 'browser', passed: 0, failed: 0, skipped: CHROMIUM_HINT, seconds: 0 });
    return;
  }
  const grep = grepArg(process.argv.slice(2));
  const examples = readExamples('.');
  // The sample tests first: the options page's check reads their results.
  const tests: BrowserTest[] = [
    ...samplePageTests(),
    ...pageTests,
    ...editorTests,
    ...sandboxTests,
    ...comfortTests,
    ...pictureTests,
    ...manualTests,
    ...benchmarkTests,
  ];
  const server = await startServer();
  let passed = 0;
  let failed = 0;
  const notes: string[] = [];
  try {
    const browser = await launchChromium(executablePath);
    try {
      const base = {
        browser,
        examples,
        verification: readVerification('.', examples),
        sampleResults: new Map<string, boolean>(),
        chromiumMatched: new Map<string, boolean>(),
        runLatenciesMs: [] as number[],
      };
      const totals = await runTests(tests, base, grep);
      ({ passed, failed } = totals);
      notes.push(...totals.notes);
      if (totals.ran === 0) {
        failed++;
        console.log(`FAIL no browser test matches ${String(grep)}`);
      }
      // Only a whole run speaks for every sample; a --grep run leaves the last whole run's results.
      if (grep === null) writeSampleResults('.', 'chromium', base.chromiumMatched, examples);
      if (base.runLatenciesMs.length > 0) {
        const sorted = [...base.runLatenciesMs].sort((a, b) => a - b);
        notes.push(
          `Run latency in Chromium (Run to last output line, as the page measures it; these runs follow each other without pause, so npm run bench:site is the reader's figure): median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms over ${sorted.length} runs`,
        );
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
  for (const note of notes) console.log(note);
  writeReport({ step: 'browser', passed, failed, seconds: (Date.now() - started) / 1000, notes });
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.log(`FAIL browser tests could not start\n     ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  writeReport({ step: 'browser', passed: 0, failed: 1, seconds: 0 });
  process.exitCode = 1;
});
