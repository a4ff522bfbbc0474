// Browser tests: the built site, served locally, driven in Debian's Chromium.
// Every page in the sitemap is opened; every sample on it is run and its
// output compared with examples/<slug>.out; any request that leaves
// 127.0.0.1 fails the page. Then the editor's harder cases: an endless loop
// is stopped and the next run works, a compile error names its line,
// Ctrl+Enter runs, Reset restores, and without JavaScript the code is there.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readExamples } from '../src/plugins/examples.ts';
import { CHROMIUM_HINT, findChromium, listManPages } from './lib/tools.ts';
import { writeReport } from './lib/report.ts';

const PORT = Number(process.env.ZCSIM_TEST_PORT ?? 3111);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUN_WAIT_MS = 15_000;

const started = Date.now();
let passed = 0;
let failed = 0;
const notes: string[] = [];
const runLatenciesMs: number[] = [];

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail.replace(/\n/g, '\n     ')}` : ''}`);
}

async function startServer(): Promise<ChildProcess> {
  if (!fs.existsSync('build/index.html')) throw new Error('build/ is missing: run `npm run build` first');
  const server = spawn(
    process.execPath,
    ['node_modules/@docusaurus/core/bin/docusaurus.mjs', 'serve', '--port', String(PORT), '--host', '127.0.0.1', '--no-open'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${ORIGIN}/`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error(`the site server did not answer on ${ORIGIN} within 30 s`);
}

function sitemapPaths(): string[] {
  const xml = fs.readFileSync('build/sitemap.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);
}

/** Opens a page and records every request that is not to our own server. */
async function openPage(browser: Browser, path: string, javaScriptEnabled = true): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).hostname !== '127.0.0.1') foreign.push(url);
  });
  await page.goto(`${ORIGIN}${path}`, { waitUntil: 'networkidle' });
  return { page, foreign };
}

async function runExample(page: Page, slug: string, how: 'click' | 'keys' = 'click'): Promise<{ status: string; text: string; statusText: string; ms: number }> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const runButton = box.locator('button[data-action="run"]');
  await runButton.waitFor({ timeout: RUN_WAIT_MS });
  const t0 = Date.now();
  if (how === 'click') await runButton.click();
  else {
    await box.scrollIntoViewIfNeeded();
    await box.locator('.cm-content').click();
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

async function replaceCode(page: Page, slug: string, code: string): Promise<void> {
  // Sandpack starts CodeMirror when the editor scrolls into view.
  await page.locator(`[data-example="${slug}"]`).first().scrollIntoViewIfNeeded();
  const editor = page.locator(`[data-example="${slug}"] .cm-content`).first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** Runs sample `slug` on `path` and opens its Kernel picture; returns the sample's box. */
async function openPicture(page: Page, slug: string): Promise<ReturnType<Page['locator']>> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const result = await runExample(page, slug);
  if (result.status !== 'done') throw new Error(`${slug} did not finish: ${result.statusText}`);
  const panel = box.locator('[data-kernel-picture]');
  await panel.waitFor({ timeout: RUN_WAIT_MS });
  await panel.locator('summary').first().click();
  await box.locator('[data-picture-event]').waitFor();
  return box;
}

async function eventText(box: ReturnType<Page['locator']>): Promise<string> {
  return (await box.locator('[data-picture-event]').textContent()) ?? '';
}

/** Steps with Next until the event text matches `re` (at most `max` steps); returns the text or null. */
async function stepUntil(box: ReturnType<Page['locator']>, re: RegExp, max = 80): Promise<string | null> {
  for (let i = 0; i < max; i++) {
    const text = await eventText(box);
    if (re.test(text)) return text;
    await box.locator('button[data-picture-step="next"]').click();
  }
  return null;
}

// The kernel picture under a sample: what it draws for known samples, that
// stepping and scrubbing move through the events, and that a long netperf
// run leaves the page responsive.
async function kernelPictureTests(browser: Browser): Promise<void> {
  {
    const { page, foreign } = await openPage(browser, '/kernel/zero-copy');
    const box = await openPicture(page, 'zc-send-aligned');
    const first = await eventText(box);
    check('the picture starts at the first loan, with its time, machine and call', /^t=\d+\.\d{3} ms a: sender send #1: 4 pages loaned from 0x0804b000/.test(first), first);
    const a = box.locator('svg[data-machine="a"]');
    const loaned = await a.locator('[data-page-state="on_loan"]').count();
    check('the sender\'s four loaned pages are drawn as on loan, and outlined as the event\'s', loaned === 4 && (await a.locator('[data-page-state="on_loan"][data-focused="true"]').count()) === 4, `${loaned} on loan`);
    check('the loaned pages sit in the send buffer as socow mbufs', (await a.locator('[data-mbuf-storage="socow"]').count()) === 4);
    check('machine b has no page on loan', (await box.locator('svg[data-machine="b"] [data-page-state="on_loan"]').count()) === 0);
    await box.locator('button[data-picture-step="next"]').click();
    const second = await eventText(box);
    check('Next moves to the copy of send #2 and names its reason', second !== first && /sender send #2: 6144 bytes copied: buffer not page aligned \(off by 100 bytes\)$/.test(second), second);
    await box.locator('button[data-picture-step="next"]').focus();
    await page.keyboard.press('ArrowLeft');
    check('the left arrow key steps back', (await eventText(box)) === first, await eventText(box));
    await box.locator('input[data-picture-scrub]').fill(String(Number(await box.locator('input[data-picture-scrub]').getAttribute('max'))));
    const last = await eventText(box);
    check('scrubbing to the end shows the end of the run, with every loan given back', /end of run 1 \(a, b\)$/.test(last) && (await box.locator('[data-page-state="on_loan"]').count()) === 0, last);
    check('no request leaves 127.0.0.1 for the picture', foreign.length === 0, foreign.join('\n'));
    await page.context().close();
  }
  {
    const { page } = await openPage(browser, '/kernel/zero-copy');
    const box = await openPicture(page, 'zc-receive-rules');
    const flip = await stepUntil(box, /flipped into/, 120);
    const n = Number(/(\d+) pages? flipped/.exec(flip ?? '')?.[1] ?? NaN);
    const b = box.locator('svg[data-machine="b"]');
    const drawn = await b.locator('[data-page-state="flipped"]').count();
    check('zc-receive-rules: the first flip is drawn as that many flipped pages in the reader', flip !== null && n > 0 && drawn === n && (await b.getAttribute('data-pages-flipped')) === String(n), `${flip}: ${drawn} drawn`);
    // Visibly different: a flipped cell is filled like the key's flipped swatch, unlike the copied and loaned ones.
    const fill = async (selector: string) => box.locator(selector).first().evaluate((el) => getComputedStyle(el).fill);
    const fills = {
      cell: await fill('svg[data-machine="b"] [data-page-state="flipped"]'),
      flipped: await fill('[data-legend="page flipped"]'),
      copied: await fill('[data-legend="page copied"]'),
      on_loan: await fill('[data-legend="page on_loan"]'),
      resident: await fill('[data-legend="page resident"]'),
    };
    check('a flipped page looks unlike a copied, a loaned or a plain page', fills.cell === fills.flipped && new Set([fills.flipped, fills.copied, fills.on_loan, fills.resident]).size === 4, JSON.stringify(fills));
    check('the ti(4) rings and the jumbo(9) pool are drawn', (await b.locator('[data-ring^="jumbo rx"]').count()) === 1 && (await b.locator('[data-ring^="jumbo(9) pool"]').count()) === 1);
    await page.context().close();
  }
  {
    const { page } = await openPage(browser, '/guide/verify');
    const box = await openPicture(page, 'guide-netperf');
    const summary = (await box.locator('[data-picture-summary]').textContent()) ?? '';
    check('guide-netperf: the picture summarises a long run', /^\d{4,} events in 2 runs; the first \d+ kept in detail, then 1 in \d+/.test(summary) && (await box.locator('svg[data-picture-chart]').count()) === 1, summary);
    const t0 = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    const frameMs = Date.now() - t0;
    const before = await eventText(box);
    const t1 = Date.now();
    await box.locator('button[data-picture-step="next"]').click();
    await page.waitForFunction((b) => document.querySelector('[data-example="guide-netperf"] [data-picture-event]')?.textContent !== b, before, { timeout: 5000 });
    const stepMs = Date.now() - t1;
    const t2 = Date.now();
    await box.locator('select[data-picture-filter]').selectOption('all');
    await box.locator('input[data-picture-scrub]').fill('2000');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    const scrubMs = Date.now() - t2;
    check(`guide-netperf: the page answers within 1 s with the picture open (frame ${frameMs} ms, step ${stepMs} ms, scrub ${scrubMs} ms)`, frameMs < 1000 && stepMs < 1000 && scrubMs < 1000);
    notes.push(`Kernel picture of guide-netperf in Chromium: next frame ${frameMs} ms, one step ${stepMs} ms, scrub to event 2000 of all ${scrubMs} ms`);
    await page.context().close();
  }
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log(`browser tests skipped: ${CHROMIUM_HINT}`);
    writeReport({ step: 'browser', passed: 0, failed: 0, skipped: CHROMIUM_HINT, seconds: 0 });
    return;
  }
  const examples = readExamples('.');
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  try {
    const samplesSeen = new Set<string>();
    for (const path of sitemapPaths()) {
      const { page, foreign } = await openPage(browser, path);
      const slugs = await page.locator('[data-example]').evaluateAll((els) => els.map((el) => el.getAttribute('data-example') ?? ''));
      for (const slug of slugs) {
        samplesSeen.add(slug);
        const expected = examples[slug]?.expected;
        const result = await runExample(page, slug);
        const inPage = /Finished in (\d+) ms/.exec(result.statusText);
        runLatenciesMs.push(inPage ? Number(inPage[1]) : result.ms);
        check(
          `${path}: sample ${slug} prints its documented output in Chromium (${result.ms} ms)`,
          result.status === 'done' && result.text === expected,
          `status ${result.status}: ${result.statusText}\n--- got\n${result.text}--- expected\n${expected ?? '(no .out file)'}`,
        );
      }
      check(`${path}: no request leaves 127.0.0.1`, foreign.length === 0, foreign.join('\n'));
      await page.context().close();
    }
    check('some page shows samples', samplesSeen.size > 0);

    // The editor's harder cases, on the first sample of zero_copy(9).
    const manPath = '/man9/zero_copy';
    const slug = 'sysctl-zero-copy';
    const { page, foreign } = await openPage(browser, manPath);
    const header = (await page.locator('table.head').first().textContent()) ?? '';
    check('zero_copy(9) shows its header line', header === "ZERO_COPY(9)FreeBSD Kernel Developer's ManualZERO_COPY(9)", header);
    const footer = (await page.locator('table.foot').first().textContent()) ?? '';
    check('zero_copy(9) shows its footer with OS and date', footer === 'FreeBSD 5.0June 23, 2002', footer);
    const ours = new Set(listManPages().map((file) => file.replace(/^.*\/(.+)\.([1-9])$/, '$1($2)')));
    const xrefs = await page.locator('main .Xr').evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? '', href: el.getAttribute('href') })),
    );
    const wrong = xrefs.filter(({ text, href }) => {
      const name = /^(.+)\(([1-9])\)$/.exec(text);
      const expectedHref = name && ours.has(text) ? `/man${name[2]}/${name[1]}` : null;
      return href !== expectedHref;
    });
    check(
      `.Xr links go to our pages and only to them (${xrefs.length} references)`,
      xrefs.length > 0 && wrong.length === 0,
      JSON.stringify(wrong),
    );
    check('zero_copy(9) has a permalink for DESCRIPTION', (await page.locator('a[href="#DESCRIPTION"]').count()) > 0);

    await replaceCode(page, slug, 'console.log("before");\nwhile (true) {}\n');
    const loop = await runExample(page, slug);
    check('an endless loop is stopped with a clear message', loop.status === 'timeout' && /did not finish/.test(loop.statusText), `${loop.status}: ${loop.statusText}`);
    await replaceCode(page, slug, 'const x: number = ;\n');
    const bad = await runExample(page, slug);
    check('a compile error is shown with its line and column', bad.status === 'error' && /line 1, column \d+/.test(bad.statusText), bad.statusText);
    await replaceCode(page, slug, 'import { boot } from "zcsim";\nconst k = boot();\nconsole.log(k.sysctl("kern.ipc.zero_copy.sned"));\n');
    const thrown = await runExample(page, slug);
    check('a failing system call is shown with its errno and line', thrown.status === 'error' && /ENOENT/.test(thrown.statusText) && /line 3/.test(thrown.statusText), thrown.statusText);
    await page.locator(`[data-example="${slug}"] button[data-action="reset"]`).click();
    const again = await runExample(page, slug, 'keys');
    check('after Reset, Ctrl+Enter runs the documented sample again', again.status === 'done' && again.text === examples[slug]?.expected, `${again.status}: ${again.statusText}\n${again.text}`);
    check('no request leaves 127.0.0.1 while editing and running', foreign.length === 0, foreign.join('\n'));
    await page.context().close();

    await kernelPictureTests(browser);

    const noJs = await openPage(browser, manPath, false);
    const staticText = (await noJs.page.locator(`[data-example="${slug}"]`).textContent()) ?? '';
    check('without JavaScript the sample shows as a static code block', staticText.includes('kern.ipc.zero_copy.send'));
    await noJs.page.context().close();
  } finally {
    await browser.close();
    server.kill();
  }
  if (runLatenciesMs.length > 0) {
    const sorted = [...runLatenciesMs].sort((a, b) => a - b);
    notes.push(`Run latency in Chromium (Run to last output line, as the page measures it; fresh worker each run): median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms over ${sorted.length} runs`);
  }
}

main()
  .catch((error: unknown) => {
    check('browser tests ran to the end', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
  })
  .finally(() => {
    for (const note of notes) console.log(note);
    writeReport({ step: 'browser', passed, failed, seconds: (Date.now() - started) / 1000, notes });
    process.exit(failed > 0 ? 1 : 0);
  });
