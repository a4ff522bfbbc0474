// The "verified" mark of each sample: which tests check that its documented
// output is what its code prints, and what the last run of those tests found.
//
// test/examples.test.ts (Node, ava) and scripts/browser-tests.ts (Chromium)
// each write test-results/examples-<runner>.json: per sample, a digest of
// the code and .out it ran and of the kernel it ran on, and whether the
// output matched. The site plugin reads them at build time. A result counts
// only if its digest equals the sample's digest now, so a result for code,
// output or kernel that has since changed, or no result at all, never shows
// as verified. The build itself runs in Node every sample that has no
// current Node result (verify-samples.ts), as the test does, so `npm run
// build` on a fresh clone gives real marks; `npm test` runs ava before the
// build, so there the build finds them all current. Chromium's results come
// after the build and appear only in a later build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExampleSource } from './examples.ts';

export type Runner = 'node' | 'chromium';

/** What one runner's last results say about one sample. */
export interface RunnerVerdict {
  /** The test that checks it, as a reader would find it: file and title. */
  readonly test: string;
  /** passed/failed: a result for this exact code and output; unknown: none. */
  readonly status: 'passed' | 'failed' | 'unknown';
  /** YYYY-MM-DD (UTC) of the run, when status is not unknown. */
  readonly date?: string;
}

export interface SampleVerification {
  readonly node: RunnerVerdict;
  readonly chromium: RunnerVerdict;
}

/** The file a runner writes, in test-results/. */
export interface SampleResultsFile {
  readonly runner: Runner;
  readonly date: string; // YYYY-MM-DD, UTC
  readonly samples: Readonly<Record<string, SampleResult>>;
}

/** One sample's result in a runner's file. */
export interface SampleResult {
  readonly digest: string;
  readonly passed: boolean;
  /** YYYY-MM-DD (UTC) of the run, when it is older than the file's date (a result carried over). */
  readonly date?: string;
}

export const RESULTS_SUBDIR = 'test-results';

export function resultsFile(siteDir: string, runner: Runner): string {
  return path.join(siteDir, RESULTS_SUBDIR, `examples-${runner}.json`);
}

/** The test titles, as the test files name them. */
export function testName(runner: Runner, slug: string): string {
  return runner === 'node'
    ? `test/examples.test.ts › example ${slug} prints its documented output under Node`
    : `scripts/browser-tests.ts › sample ${slug} prints its documented output in Chromium`;
}

/** Identifies a sample's code and documented output together, and the kernel it runs on (kernelDigest). */
export function sampleDigest(code: string, expected: string, kernel = ''): string {
  return crypto.createHash('sha256').update(code).update('\0').update(expected).update('\0').update(kernel).digest('hex').slice(0, 16);
}

/** A hash of the kernel's sources (src/kernel), which every sample's output depends on; '' where there are none. */
export function kernelDigest(siteDir: string): string {
  const dir = path.join(siteDir, 'src', 'kernel');
  if (!fs.existsSync(dir)) return '';
  const h = crypto.createHash('sha256');
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex').slice(0, 16);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Writes a runner's results: slug -> whether the output matched, for the
 * code, output and kernel given. With `keep`, the file's current results
 * for other samples stay (with their own dates).
 */
export function writeSampleResults(
  siteDir: string,
  runner: Runner,
  results: ReadonlyMap<string, boolean>,
  examples: Readonly<Record<string, ExampleSource>>,
  now = new Date(),
  keep = false,
): void {
  const kernel = kernelDigest(siteDir);
  const old = keep ? readResults(siteDir, runner) : undefined;
  const samples: Record<string, SampleResult> = {};
  for (const example of Object.values(examples)) {
    const entry = old?.samples[example.slug];
    if (old && entry && entry.digest === sampleDigest(example.code, example.expected, kernel)) {
      samples[example.slug] = { ...entry, date: entry.date ?? old.date };
    }
  }
  for (const [slug, passed] of results) {
    const example = examples[slug];
    if (example) samples[slug] = { digest: sampleDigest(example.code, example.expected, kernel), passed };
  }
  const sorted = Object.fromEntries(Object.entries(samples).sort(([a], [b]) => a.localeCompare(b)));
  const file = resultsFile(siteDir, runner);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body: SampleResultsFile = { runner, date: todayUtc(now), samples: sorted };
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
}

/** Slugs whose `runner` result is missing or not for their code, output and kernel as they are now. */
export function staleSamples(siteDir: string, runner: Runner, examples: Readonly<Record<string, ExampleSource>>): string[] {
  const v = readVerification(siteDir, examples);
  return Object.keys(examples).filter((slug) => v[slug]?.[runner].status === 'unknown');
}

function readResults(siteDir: string, runner: Runner): SampleResultsFile | undefined {
  const file = resultsFile(siteDir, runner);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SampleResultsFile>;
    if (parsed.runner !== runner || typeof parsed.date !== 'string' || typeof parsed.samples !== 'object' || parsed.samples === null) {
      return undefined;
    }
    return parsed as SampleResultsFile;
  } catch {
    return undefined; // a half-written or foreign file verifies nothing
  }
}

/** The verdicts for every sample, from whatever results are present and current. */
export function readVerification(
  siteDir: string,
  examples: Readonly<Record<string, ExampleSource>>,
): Record<string, SampleVerification> {
  const files = { node: readResults(siteDir, 'node'), chromium: readResults(siteDir, 'chromium') };
  const kernel = kernelDigest(siteDir);
  const verdict = (runner: Runner, example: ExampleSource): RunnerVerdict => {
    const test = testName(runner, example.slug);
    const file = files[runner];
    const entry = file?.samples[example.slug];
    if (!file || !entry || entry.digest !== sampleDigest(example.code, example.expected, kernel)) return { test, status: 'unknown' };
    return { test, status: entry.passed ? 'passed' : 'failed', date: entry.date ?? file.date };
  };
  const out: Record<string, SampleVerification> = {};
  for (const example of Object.values(examples)) {
    out[example.slug] = { node: verdict('node', example), chromium: verdict('chromium', example) };
  }
  return out;
}
