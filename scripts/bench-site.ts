// `npm run bench:site`: what a reader's browser pays, page by page, on the
// built site (run `npm run build` first), in Debian's Chromium:
//   first load  the gzipped size of every JavaScript file the page fetched
//               (its workers' included) from navigation until the network
//               has been idle for a second, with no scroll, hover or click;
//               apart, what Docusaurus prefetched in idle time for the links
//               in view (other pages' chunks, Sec-Purpose: prefetch)
//   Run         for each sample, scrolled into view as a reader would and
//               left there a moment, the time from the click on Run to the
//               final output painted (median and max per page)
// A benchmark, not a test: it prints and writes bench-results/site.json,
// and asserts nothing.
//
//   npm run bench:site                      # every page with a sample
//   npm run bench:site -- /man9/zero_copy   # the pages named
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_HINT, findChromium } from './lib/tools.ts';
import { ORIGIN, launchChromium, sitemapPaths, startServer } from './lib/site.ts';

/** How long a reader looks at a sample before pressing Run: time for a worker started on sight to load. */
const READ_PAUSE_MS = 1000;
const RUN_WAIT_MS = 20_000;

interface PageFigures {
  path: string;
  first_load_js_gzip_kb: number;
  first_load_js_files: number;
  prefetched_js_gzip_kb: number;
  samples: number;
  run_ms: number[];
  run_median_ms: number | null;
  run_max_ms: number | null;
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? null;
};

export interface FirstLoad {
  /** KB of gzipped JavaScript the page itself loaded, each file once. */
  kb: number;
  files: number;
  /** KB Docusaurus prefetched for other routes and the page never ran. */
  prefetchedKb: number;
}

/** Records the JavaScript a context fetches: call `total()` once the page has settled. */
export function recordJavaScript(context: BrowserContext): { total: () => Promise<FirstLoad> } {
  const files = new Map<string, { gz: number; prefetch: boolean }>();
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    const url = response.url();
    if (!/\.m?js(\?|$)/.test(url) || !url.startsWith(ORIGIN)) return;
    pending.push(
      (async () => {
        const headers = await response.request().allHeaders();
        const body = await response.body().catch(() => null);
        if (body === null) return;
        const prefetch = (headers['sec-purpose'] ?? headers['purpose'] ?? '').includes('prefetch');
        // A file prefetched and then loaded for real counts as loaded.
        files.set(url, { gz: zlib.gzipSync(body).length, prefetch: (files.get(url)?.prefetch ?? true) && prefetch });
      })(),
    );
  });
  return {
    total: async () => {
      await Promise.all(pending);
      const kb = (prefetch: boolean) => Math.round([...files.values()].filter((f) => f.prefetch === prefetch).reduce((a, f) => a + f.gz, 0) / 1024);
      return { kb: kb(false), files: [...files.values()].filter((f) => !f.prefetch).length, prefetchedKb: kb(true) };
    },
  };
}

/** Loads `path` untouched and adds up the gzipped JavaScript it fetched. */
async function firstLoad(browser: Browser, path: string): Promise<FirstLoad & { page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const js = recordJavaScript(context);
  await page.goto(`${ORIGIN}${path}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1000);
  return { ...(await js.total()), page };
}

/** Click on Run to the final output painted, measured inside the page. */
async function runLatency(page: Page, slug: string): Promise<number> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  await box.scrollIntoViewIfNeeded();
  const run = box.locator('button[data-action="run"]');
  await run.waitFor({ timeout: RUN_WAIT_MS });
  await run.hover();
  await page.waitForTimeout(READ_PAUSE_MS);
  // A string, not a function: tsx's name helpers do not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const root = document.querySelector(${JSON.stringify(`[data-example="${slug}"]`)});
    const button = root && root.querySelector('button[data-action="run"]');
    const output = root && root.querySelector('[data-output]');
    if (!button || !output) { reject(new Error('no Run button or output panel')); return; }
    const timer = setTimeout(() => reject(new Error('no final output within ${RUN_WAIT_MS} ms')), ${RUN_WAIT_MS});
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      const s = output.getAttribute('data-status');
      if (s === null || s === 'running' || s === 'idle') return;
      observer.disconnect();
      clearTimeout(timer);
      // The final output is on screen once the next frame has been drawn.
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    observer.observe(output, { attributes: true, attributeFilter: ['data-status'] });
    button.click();
  })`);
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(`bench:site: ${CHROMIUM_HINT}`);
    process.exit(1);
  }
  const wanted = process.argv.slice(2).filter((a) => a.startsWith('/'));
  const server = await startServer();
  const browser = await launchChromium(executablePath);
  const figures: PageFigures[] = [];
  try {
    for (const path of wanted.length > 0 ? wanted : sitemapPaths()) {
      const { kb, files, prefetchedKb, page } = await firstLoad(browser, path);
      const slugs = await page.locator('[data-example]').evaluateAll((els) => els.map((el) => el.getAttribute('data-example') ?? ''));
      if (slugs.length === 0 && wanted.length === 0) {
        await page.context().close();
        continue;
      }
      const run_ms: number[] = [];
      for (const slug of slugs) run_ms.push(Math.round(await runLatency(page, slug)));
      await page.context().close();
      const f: PageFigures = {
        path, first_load_js_gzip_kb: kb, first_load_js_files: files, prefetched_js_gzip_kb: prefetchedKb, samples: slugs.length, run_ms,
        run_median_ms: median(run_ms), run_max_ms: run_ms.length === 0 ? null : Math.max(...run_ms),
      };
      figures.push(f);
      console.log(
        `${path.padEnd(24)} first load ${String(kb).padStart(4)} KB gzipped JS (${files} files; +${prefetchedKb} KB prefetched for other pages)` +
          (run_ms.length === 0 ? '' : `   Run median ${f.run_median_ms} ms, max ${f.run_max_ms} ms over ${run_ms.length}: ${run_ms.join(' ')}`),
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const all = figures.flatMap((f) => f.run_ms);
  console.log(`every sample on every page: Run median ${median(all) ?? '-'} ms, max ${all.length === 0 ? '-' : Math.max(...all)} ms over ${all.length} runs`);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/site.json', `${JSON.stringify({ date: new Date().toISOString(), read_pause_ms: READ_PAUSE_MS, pages: figures }, null, 2)}\n`);
}

// Run when executed, not when the browser tests import recordJavaScript.
if (process.argv[1]?.endsWith('bench-site.ts')) await main();
