// The site build runs every sample that has no current Node result, exactly
// as test/examples.test.ts does (`node --import tsx examples/<slug>.ts`, its
// stdout against examples/<slug>.out), and records what it found in
// test-results/examples-node.json (verification.ts), so the marks of a
// fresh `npm ci && npm run build` are real. Under `npm test`, ava has just
// run them all and this finds nothing to do.
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { ExampleSource } from './examples.ts';
import { staleSamples, writeSampleResults } from './verification.ts';

/** As the test: a sample that has not finished in this time gets no verdict. */
export const SAMPLE_TIMEOUT_MS = 30_000;

function runOne(siteDir: string, example: ExampleSource): Promise<boolean | null> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join('examples', `${example.slug}.ts`)],
      { cwd: siteDir, timeout: SAMPLE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error !== null && 'killed' in error && error.killed === true) resolve(null); // timed out: no verdict
        else resolve(error === null && stdout === example.expected);
      },
    );
  });
}

/** Runs the samples without a current Node result (one per core at a time); returns how many ran and failed. */
export async function verifySamplesInNode(
  siteDir: string,
  examples: Readonly<Record<string, ExampleSource>>,
  log: (line: string) => void = () => undefined,
): Promise<{ ran: number; failed: string[] }> {
  const todo = staleSamples(siteDir, 'node', examples);
  if (todo.length === 0) return { ran: 0, failed: [] };
  const started = Date.now();
  const results = new Map<string, boolean>();
  const queue = [...todo];
  const worker = async (): Promise<void> => {
    for (let slug = queue.shift(); slug !== undefined; slug = queue.shift()) {
      const example = examples[slug];
      if (example === undefined) continue;
      const ok = await runOne(siteDir, example);
      if (ok !== null) results.set(slug, ok);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), todo.length)) }, worker));
  writeSampleResults(siteDir, 'node', results, examples, new Date(), true);
  const failed = [...results].filter(([, ok]) => !ok).map(([slug]) => slug);
  log(`[zcsim-content] ran ${todo.length} sample(s) in Node for their marks in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length > 0 ? `; FAILED: ${failed.join(', ')}` : ''}`);
  return { ran: todo.length, failed };
}
