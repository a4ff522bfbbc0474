// The samples as a reader meets them: every page in the sitemap is opened
// and every sample on it run, its output compared with examples/<slug>.out
// and its documented output and "verified" mark checked; any request that
// leaves 127.0.0.1 fails the page. One test per page. Also the helpers the
// other browser tests drive samples with.
import type { Page } from 'playwright-core';
import type { RunnerVerdict } from '../../src/plugins/verification.ts';
import { sitemapPaths } from '../lib/site.ts';
import { browserTest, type BrowserTest, type BrowserTestContext } from './harness.ts';

export const RUN_WAIT_MS = 15_000;

/** Opens a sample's editor as a reader does, by clicking into its code, and waits for it. */
export async function openEditor(page: Page, slug: string): Promise<void> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  await box.scrollIntoViewIfNeeded();
  const still = box.locator('[data-code-static]');
  if ((await still.count()) > 0) await still.locator('pre').first().click();
  await box.locator('.cm-content').waitFor({ timeout: RUN_WAIT_MS });
  await box.locator('.cm-content').click();
}

export async function runExample(page: Page, slug: string, how: 'click' | 'keys' = 'click'): Promise<{ status: string; text: string; statusText: string; ms: number }> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const runButton = box.locator('button[data-action="run"]');
  await runButton.waitFor({ timeout: RUN_WAIT_MS });
  const t0 = Date.now();
  if (how === 'click') await runButton.click();
  else {
    await openEditor(page, slug);
    await page.keyboard.press('Control+Enter');
  }
  const output = box.locator('[data-output]');
  await page.waitForFunction(
    (el) => {
      const status = el?.getAttribute('data-status');
      return status !== 'running' && status !== 'idle';
    },
    await output.elementHandle(),
    { timeout: RUN_WAIT_MS },
  );
  const ms = Date.now() - t0;
  return {
    status: (await output.getAttribute('data-status')) ?? '',
    text: (await box.locator('[data-output-text]').textContent()) ?? '',
    statusText:
      ((await box.locator('[data-output-status]').textContent()) ?? '') +
      ((await box.locator('[data-output-stack]').count()) > 0 ? `\n${await box.locator('[data-output-stack]').textContent()}` : ''),
    ms,
  };
}

export async function replaceCode(page: Page, slug: string, code: string): Promise<void> {
  await openEditor(page, slug);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** The documented output under a sample, and a "verified" mark that says what Node's results say. */
export async function checkDocumentedOutput(
  ctx: BrowserTestContext,
  page: Page,
  path: string,
  slug: string,
  expected: string | undefined,
  node: RunnerVerdict | undefined,
): Promise<void> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const shown = await box.locator('[data-documented-output]').textContent();
  const mark = box.locator('[data-verified]');
  const state = (await mark.count()) > 0 ? await mark.getAttribute('data-verified') : null;
  const text = (await mark.locator('summary').textContent()) ?? '';
  const wanted =
    node?.status === 'passed'
      ? `Verified in Node on ${node.date ?? ''}`
      : node?.status === 'failed'
        ? `FAILED in Node on ${node.date ?? ''}`
        : 'no result for this version';
  ctx.check(
    `${path}: sample ${slug} shows its documented output and a mark saying "${wanted}"`,
    shown === expected && state !== null && text.includes(wanted) && (node?.status !== 'failed' || state === 'failed'),
    `state ${state ?? '(no mark)'}: ${text}\n--- shown\n${shown ?? '(none)'}`,
  );
}

/** The code in a sample's editor, from its print copy (the editor draws only the lines in view). */
export async function editorCode(page: Page, slug: string): Promise<string> {
  return (await page.locator(`[data-example="${slug}"] [data-print-code]`).first().textContent()) ?? '';
}

/** Opens the Kernel options disclosure from the keyboard and sets one control. */
export async function setControl(page: Page, slug: string, select: string, value: string): Promise<void> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const details = box.locator('[data-kernel-options]');
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  await box.locator(select).selectOption(value);
}

/** One test per page of the sitemap: every sample on it runs and prints its documented output. */
export function samplePageTests(): BrowserTest[] {
  return sitemapPaths().map((path) =>
    browserTest(`samples on ${path}`, async (ctx) => {
      const { page, foreign } = await ctx.openPage(path);
      const slugs = await page.locator('[data-example]').evaluateAll((els) => els.map((el) => el.getAttribute('data-example') ?? ''));
      for (const slug of slugs) {
        const expected = ctx.examples[slug]?.expected;
        const result = await runExample(page, slug);
        const inPage = /Finished in (\d+) ms/.exec(result.statusText);
        ctx.runLatenciesMs.push(inPage ? Number(inPage[1]) : result.ms);
        const ok = result.status === 'done' && result.text === expected;
        ctx.chromiumMatched.set(slug, (ctx.chromiumMatched.get(slug) ?? true) && ok);
        ctx.sampleResults.set(`${path} ${slug}`, ok);
        ctx.check(
          `${path}: sample ${slug} prints its documented output in Chromium (${result.ms} ms)`,
          ok,
          `status ${result.status}: ${result.statusText}\n--- got\n${result.text}--- expected\n${expected ?? '(no .out file)'}`,
        );
        await checkDocumentedOutput(ctx, page, path, slug, expected, ctx.verification[slug]?.node);
      }
      ctx.check(`${path}: no request leaves 127.0.0.1`, foreign.length === 0, foreign.join('\n'));
    }),
  );
}
