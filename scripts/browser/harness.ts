// The browser tests' own small runner: a test is a name and an async
// function that makes checks; the runner runs the tests in order, each on
// its own, so an exception ends only the test that threw (it counts as one
// failed check, with its stack) and every later test still runs. Tests can
// be picked by name: `npm run test:browser -- --grep kernel picture`.
import type { Browser, Page } from 'playwright-core';
import type { ExampleSource } from '../../src/plugins/examples.ts';
import type { SampleVerification } from '../../src/plugins/verification.ts';
import { openPage, type OpenedPage } from '../lib/site.ts';

export interface BrowserTestContext {
  readonly browser: Browser;
  readonly examples: Readonly<Record<string, ExampleSource>>;
  /** What the build's "verified" marks must say: the results the build read. */
  readonly verification: Readonly<Record<string, SampleVerification>>;
  /** Records one check: its name, whether it held, and what was seen when it did not. */
  check(name: string, ok: boolean, detail?: string): void;
  /** A line for the closing report (figures measured on the way, never asserted). */
  note(text: string): void;
  openPage(path: string, javaScriptEnabled?: boolean, permissions?: string[], viewport?: { width: number; height: number }): Promise<OpenedPage>;
  /** "<path> <slug>" -> whether the sample printed its documented output there (filled by the sample tests). */
  readonly sampleResults: Map<string, boolean>;
  /** slug -> whether it printed its documented output on every page that shows it. */
  readonly chromiumMatched: Map<string, boolean>;
  readonly runLatenciesMs: number[];
}

export interface BrowserTest {
  readonly name: string;
  run(ctx: BrowserTestContext): Promise<void>;
}

export function browserTest(name: string, run: (ctx: BrowserTestContext) => Promise<void>): BrowserTest {
  return { name, run };
}

export interface RunTotals {
  passed: number;
  failed: number;
  ran: number;
  notes: string[];
}

/** Runs `tests` (those whose name matches `grep`, if given) one after the other. */
export async function runTests(
  tests: readonly BrowserTest[],
  base: Omit<BrowserTestContext, 'check' | 'note' | 'openPage'>,
  grep: RegExp | null,
): Promise<RunTotals> {
  const totals: RunTotals = { passed: 0, failed: 0, ran: 0, notes: [] };
  const check = (name: string, ok: boolean, detail = ''): void => {
    if (ok) totals.passed++;
    else totals.failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail.replace(/\n/g, '\n     ')}` : ''}`);
  };
  for (const test of tests) {
    if (grep !== null && !grep.test(test.name)) continue;
    totals.ran++;
    console.log(`# ${test.name}`);
    // Pages the test opened and left open when it threw are closed with it.
    const opened: Page[] = [];
    const ctx: BrowserTestContext = {
      ...base,
      check,
      note: (text) => totals.notes.push(text),
      openPage: async (path, javaScriptEnabled, permissions, viewport) => {
        const result = await openPage(base.browser, path, javaScriptEnabled, permissions, viewport);
        opened.push(result.page);
        return result;
      },
    };
    try {
      await test.run(ctx);
    } catch (error) {
      check(`${test.name}: ran to the end`, false, error instanceof Error ? (error.stack ?? error.message) : String(error));
    } finally {
      for (const page of opened) await page.context().close().catch(() => undefined);
    }
  }
  return totals;
}
