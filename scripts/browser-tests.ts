// Browser tests: the built site, served locally, driven in Debian's Chromium.
// Every page in the sitemap is opened; every sample on it is run and its
// output compared with examples/<slug>.out; any request that leaves
// 127.0.0.1 fails the page. Then the editor's harder cases: an endless loop
// is stopped and the next run works, a compile error names its line,
// Ctrl+Enter runs, Reset restores, and without JavaScript the code is there.
// Then the reader's comforts: the documented output and its "verified" mark,
// the diff after an edit, the Kernel options controls, the share link, the
// copy button and print. Each sample's Chromium result is written to
// test-results/examples-chromium.json for the next build's mark.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readExamples } from '../src/plugins/examples.ts';
import { readVerification, writeSampleResults, type RunnerVerdict } from '../src/plugins/verification.ts';
import { COMPARISON_ROWS, comparison_row } from '../src/bench/comparison.ts';
import { run_scenario, scenario, type ScenarioResult } from '../src/bench/scenario.ts';
import { COLUMNS, resultCells } from '../src/components/Benchmarks/columns.ts';
import { CHROMIUM_HINT, findChromium, listManPages } from './lib/tools.ts';
import { writeReport } from './lib/report.ts';
import { manualChecks } from './lib/manual-checks.ts';

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
async function openPage(
  browser: Browser,
  path: string,
  javaScriptEnabled = true,
  permissions: string[] = [],
): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled, permissions });
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

/** The documented output under a sample, and a "verified" mark that says what Node's results say. */
async function checkDocumentedOutput(
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
  check(
    `${path}: sample ${slug} shows its documented output and a mark saying "${wanted}"`,
    shown === expected && state !== null && text.includes(wanted) && (node?.status !== 'failed' || state === 'failed'),
    `state ${state ?? '(no mark)'}: ${text}\n--- shown\n${shown ?? '(none)'}`,
  );
}

/** The code in a sample's editor, from its print copy (the editor draws only the lines in view). */
async function editorCode(page: Page, slug: string): Promise<string> {
  return (await page.locator(`[data-example="${slug}"] [data-print-code]`).first().textContent()) ?? '';
}

/** Opens the Kernel options disclosure from the keyboard and sets one control. */
async function setControl(page: Page, slug: string, select: string, value: string): Promise<void> {
  const box = page.locator(`[data-example="${slug}"]`).first();
  const details = box.locator('[data-kernel-options]');
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  await box.locator(select).selectOption(value);
}

/** The reader's comforts, on zero_copy(9). */
async function comforts(browser: Browser, examples: ReturnType<typeof readExamples>, manPath: string): Promise<void> {
  const { page, foreign } = await openPage(browser, manPath, true, ['clipboard-read', 'clipboard-write']);
  const box = (slug: string) => page.locator(`[data-example="${slug}"]`).first();

  // The kernel options start collapsed and as the sample has them.
  const details = box('zc-send-aligned').locator('[data-kernel-options]');
  await details.waitFor();
  check('the Kernel options disclosure is collapsed at first', (await details.getAttribute('open')) === null);

  // An edit shows which lines now differ from the documented output.
  const sysctlSlug = 'sysctl-zero-copy';
  const original = examples[sysctlSlug]?.code ?? '';
  await replaceCode(page, sysctlSlug, original.replace('kernel.sysctl(send, 0)', 'kernel.sysctl(send, 1)'));
  const edited = await runExample(page, sysctlSlug);
  const removed = await box(sysctlSlug).locator('[data-diff="removed"]').allTextContents();
  const added = await box(sysctlSlug).locator('[data-diff="added"]').allTextContents();
  check(
    'after an edit the output panel marks the changed lines: - documented, + printed',
    edited.status === 'done' &&
      removed.length === 2 &&
      added.length === 2 &&
      /line 3: - +3 {2}kern\.ipc\.zero_copy\.send: 1 -> 0$/m.test(removed.join('')) &&
      /line 3: \+ +3 {2}kern\.ipc\.zero_copy\.send: 1 -> 1$/m.test(added.join('')) &&
      /2 documented lines not printed \(-\), 2 lines printed instead \(\+\)/.test(
        (await box(sysctlSlug).locator('[data-diff-summary]').textContent()) ?? '',
      ),
    `removed ${JSON.stringify(removed)} added ${JSON.stringify(added)}`,
  );

  // Share: the link reopens this sample with this code, in a new page.
  await box(sysctlSlug).locator('button[data-action="share"]').click();
  const url = await box(sysctlSlug).locator('input[data-share-url]').inputValue();
  const clip = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  check('Link to this version puts a #sample= link on the clipboard and in the address bar', /#sample=sysctl-zero-copy:z[A-Za-z0-9_-]+$/.test(url) && clip === url && page.url() === url, `${url} / ${clip} / ${page.url()}`);
  const reopened = await openPage(browser, url.replace(ORIGIN, ''));
  await reopened.page.locator(`[data-example="${sysctlSlug}"] button[data-action="run"]`).waitFor({ timeout: RUN_WAIT_MS });
  const reopenedCode = await editorCode(reopened.page, sysctlSlug);
  const notice = await reopened.page.locator(`[data-example="${sysctlSlug}"] [data-share-notice]`).count();
  check('the link opens the sample with the edited code, in a new page', reopenedCode.includes('kernel.sysctl(send, 1)') && notice === 1, reopenedCode);
  const inView = await reopened.page.locator(`[data-example="${sysctlSlug}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  check('the link scrolls to its sample', inView);
  await reopened.page.locator(`[data-example="${sysctlSlug}"] button[data-action="reset"]`).click();
  check('Reset after a link returns to the sample\'s own code', (await editorCode(reopened.page, sysctlSlug)) === original);
  await reopened.page.context().close();

  const corrupt = await openPage(browser, `${manPath}#sample=${sysctlSlug}:zAAAA-not-deflate`);
  const message = corrupt.page.locator(`[data-example="${sysctlSlug}"] [data-share-error]`);
  await message.waitFor({ timeout: RUN_WAIT_MS }).catch(() => undefined);
  const messageText = (await message.count()) > 0 ? ((await message.textContent()) ?? '') : '';
  await corrupt.page.locator(`[data-example="${sysctlSlug}"] button[data-action="run"]`).waitFor({ timeout: RUN_WAIT_MS });
  check(
    'a damaged link says so and shows the sample\'s own code',
    /could not be read: .*Showing the sample's own code/.test(messageText) && (await editorCode(corrupt.page, sysctlSlug)) === original,
    messageText,
  );
  await corrupt.page.context().close();

  // Copy puts the editor's code on the clipboard.
  await box(sysctlSlug).locator('button[data-action="copy"]').click();
  await page.locator(`[data-example="${sysctlSlug}"] [data-action-notice]`).filter({ hasText: 'Code copied.' }).waitFor({ timeout: 5000 }).catch(() => undefined);
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch((e: unknown) => `(clipboard unreadable: ${String(e)})`);
  check('Copy code puts the code in the editor on the clipboard', copied === (await editorCode(page, sysctlSlug)) && copied.includes('kernel.sysctl(send, 1)'), copied);

  // Kernel options: ZERO_COPY_SOCKETS removed, the sample's pages are copied, not loaned.
  const zc = 'zc-send-aligned';
  await setControl(page, zc, 'select[data-option="ZERO_COPY_SOCKETS"]', 'off');
  const summary = (await box(zc).locator('[data-overrides-summary]').textContent()) ?? '';
  const off = await runExample(page, zc);
  const ranWith = (await box(zc).locator('[data-ran-with]').textContent()) ?? '';
  check(
    'options ZERO_COPY_SOCKETS removed: zc-send-aligned loans no page, the diff and the panel say so',
    off.status === 'done' &&
      off.text.includes('"pages_loaned":0') &&
      !off.text.includes('pages loaned') &&
      /1 changed: options ZERO_COPY_SOCKETS removed/.test(summary) &&
      ranWith.includes('options ZERO_COPY_SOCKETS removed') &&
      (await box(zc).locator('[data-diff="removed"]').allTextContents()).some((l) => l.includes('4 pages loaned')),
    `${off.status}: ${summary} / ${ranWith}\n${off.text}`,
  );
  await setControl(page, zc, 'select[data-option="ZERO_COPY_SOCKETS"]', '');
  await setControl(page, zc, 'select[data-sysctl="kern.ipc.zero_copy.send"]', '0');
  const sysctlOff = await runExample(page, zc);
  check('kern.ipc.zero_copy.send=0: the same sample loans no page either', sysctlOff.status === 'done' && sysctlOff.text.includes('"pages_loaned":0'), sysctlOff.text);
  await box(zc).locator('button[data-action="reset-options"]').click();
  const back = await runExample(page, zc);
  check("\"Use the sample's own settings\" runs the documented sample again", back.status === 'done' && back.text === examples[zc]?.expected && (await box(zc).locator('[data-ran-with]').count()) === 0, back.text);

  // An invalid combination fails as config(8) would, naming the line.
  await setControl(page, 'config-error', 'select[data-option="TI_PRIVATE_JUMBOS"]', 'on');
  const invalid = await runExample(page, 'config-error');
  check(
    'an invalid option combination fails with config(8)\'s error and the line the controls added',
    invalid.status === 'error' &&
      /ConfigError: config: TIGON: line (\d+): options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive \(line \1 is "options TI_PRIVATE_JUMBOS", added by the Kernel options controls\)/.test(invalid.statusText),
    invalid.statusText,
  );

  // Print: no editor chrome, the code as plain text, the documented output.
  await page.emulateMedia({ media: 'print' });
  const visible = async (selector: string) => page.locator(selector).first().isVisible();
  const printed = {
    toolbar: await visible(`[data-example="${zc}"] button[data-action="run"]`),
    editor: await visible(`[data-example="${zc}"] .cm-editor`),
    options: await visible(`[data-example="${zc}"] [data-kernel-options]`),
    navbar: await visible('.navbar'),
    sidebar: await visible('.theme-doc-sidebar-container'),
    code: await visible(`[data-example="${zc}"] [data-print-code]`),
    documented: await visible(`[data-example="${zc}"] [data-documented-output]`),
  };
  check(
    'print hides the toolbar, editor, controls, navbar and sidebar, and shows the code and documented output',
    !printed.toolbar && !printed.editor && !printed.options && !printed.navbar && !printed.sidebar && printed.code && printed.documented,
    JSON.stringify(printed),
  );
  await page.emulateMedia({ media: 'screen' });
  check('no request leaves 127.0.0.1 while using the comforts', foreign.length === 0, foreign.join('\n'));
  await page.context().close();
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
  // What the build's "verified" marks must say: Node's results as the build read them.
  const verification = readVerification('.', examples);
  const chromiumMatched = new Map<string, boolean>();
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
    const sampleResults = new Map<string, boolean>(); // "<path> <slug>" -> matched its .out
    for (const path of sitemapPaths()) {
      const { page, foreign } = await openPage(browser, path);
      const slugs = await page.locator('[data-example]').evaluateAll((els) => els.map((el) => el.getAttribute('data-example') ?? ''));
      for (const slug of slugs) {
        samplesSeen.add(slug);
        const expected = examples[slug]?.expected;
        const result = await runExample(page, slug);
        const inPage = /Finished in (\d+) ms/.exec(result.statusText);
        runLatenciesMs.push(inPage ? Number(inPage[1]) : result.ms);
        const ok = result.status === 'done' && result.text === expected;
        chromiumMatched.set(slug, (chromiumMatched.get(slug) ?? true) && ok);
        sampleResults.set(`${path} ${slug}`, result.status === 'done' && result.text === expected);
        check(
          `${path}: sample ${slug} prints its documented output in Chromium (${result.ms} ms)`,
          ok,
          `status ${result.status}: ${result.statusText}\n--- got\n${result.text}--- expected\n${expected ?? '(no .out file)'}`,
        );
        await checkDocumentedOutput(page, path, slug, expected, verification[slug]?.node);
      }
      check(`${path}: no request leaves 127.0.0.1`, foreign.length === 0, foreign.join('\n'));
      await page.context().close();
    }
    check('some page shows samples', samplesSeen.size > 0);
    await manualChecks({ browser, openPage, check, sampleResults });

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

    await benchmarksPage(browser);
    await kernelPictureTests(browser);

    const noJs = await openPage(browser, manPath, false);
    const staticText = (await noJs.page.locator(`[data-example="${slug}"]`).textContent()) ?? '';
    check('without JavaScript the sample shows as a static code block', staticText.includes('kern.ipc.zero_copy.send'));
    const staticOut = await noJs.page.locator(`[data-example="${slug}"] [data-documented-output]`).textContent();
    check('without JavaScript the documented output is shown too', staticOut === examples[slug]?.expected, staticOut ?? '(none)');
    await noJs.page.context().close();

    await comforts(browser, examples, manPath);
    writeSampleResults('.', 'chromium', chromiumMatched, examples);
  } finally {
    await browser.close();
    server.kill();
  }
  if (runLatenciesMs.length > 0) {
    const sorted = [...runLatenciesMs].sort((a, b) => a - b);
    notes.push(`Run latency in Chromium (Run to last output line, as the page measures it; fresh worker each run): median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted[sorted.length - 1]} ms over ${sorted.length} runs`);
  }
}

// The numbers of a result as the table's data-values carries them.
function columnValues(r: ScenarioResult): Record<string, number> {
  return Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key] as number]));
}

/**
 * The benchmarks page: the table and plots are there, what the table shows is
 * what the code computes now in Node, a rerun in the browser reports progress
 * and adds a row equal to Node's, the page answers while it runs, and Cancel
 * stops a run.
 */
async function benchmarksPage(browser: Browser): Promise<void> {
  const { page, foreign } = await openPage(browser, '/benchmarks');
  const table = page.locator('table[data-bench-table]');
  const rows = await table.locator('tr[data-row]').count();
  check(`benchmarks: the table shows every row of the comparison (${rows})`, rows === COMPARISON_ROWS.length, `${rows} of ${COMPARISON_ROWS.length}`);
  const charts = await page.locator('svg[data-chart]').evaluateAll((els) => els.map((el) => el.querySelectorAll('rect, circle').length));
  check(`benchmarks: the plots are SVG with marks in them (${charts.join(', ')})`, charts.length >= 3 && charts.every((n) => n > 0), JSON.stringify(charts));

  // What the page shows is what the code computes: rerun some rows in Node.
  const runLengthS = Number(await table.getAttribute('data-run-length-s'));
  for (const id of ['modes-9000/both', 'modes-1500/off', 'reuse/one-buffer', 'alignment/send-offset']) {
    const tr = table.locator(`tr[data-row="${id}"]`);
    const shown = JSON.parse((await tr.getAttribute('data-values')) ?? '{}') as Record<string, number>;
    const cells = (await tr.locator('td').allTextContents()).slice(1, 1 + COLUMNS.length);
    const fresh = await run_scenario({ ...comparison_row(id).scenario, run_length_s: runLengthS });
    check(
      `benchmarks: row ${id} shows exactly what run_scenario computes in Node at -l ${runLengthS}`,
      JSON.stringify(shown) === JSON.stringify(columnValues(fresh)) && JSON.stringify(cells) === JSON.stringify(resultCells(fresh)),
      `page ${JSON.stringify(shown)} ${cells.join(' ')}
node ${JSON.stringify(columnValues(fresh))} ${resultCells(fresh).join(' ')}`,
    );
  }

  // A short rerun: progress, a new row and point, equal to Node's run, and a page that answers meanwhile.
  const form = page.locator('form[data-bench-form][data-ready="true"]');
  await form.waitFor({ timeout: RUN_WAIT_MS });
  const shortS = 0.01;
  await form.locator('[data-field="run_length_s"]').fill(String(shortS));
  await form.locator('[data-field="mtu"]').fill('1500');
  await form.locator('button[data-action="bench-run"]').click();
  const answerMs: number[] = [];
  while ((await form.getAttribute('data-status')) === 'running') {
    const t0 = Date.now();
    await page.evaluate(() => document.title);
    answerMs.push(Date.now() - t0);
    await page.waitForTimeout(50);
  }
  const status = await form.getAttribute('data-status');
  const message = (await form.locator('[data-bench-message]').textContent()) ?? '';
  check('benchmarks: a rerun in the browser finishes', status === 'done', `${status}: ${message}`);
  const progress = Number(await form.locator('[data-bench-progress]').getAttribute('data-bench-progress'));
  check("benchmarks: the progress bar reaches the end of the run's virtual time", progress === 100, String(progress));
  const userRow = table.locator('tr[data-user-run="1"]');
  const userValues = JSON.parse((await userRow.getAttribute('data-values').catch(() => null)) ?? '{}') as Record<string, number>;
  const node = await run_scenario(scenario({ run_length_s: shortS, mtu: 1500 }));
  check(
    'benchmarks: the rerun adds a row equal to the same scenario run in Node',
    JSON.stringify(userValues) === JSON.stringify(columnValues(node)),
    `browser ${JSON.stringify(userValues)}
node ${JSON.stringify(columnValues(node))}`,
  );
  check('benchmarks: the rerun adds a point to the plots', (await page.locator('circle[data-point="user/1"]').count()) > 0);
  const slowest = Math.max(0, ...answerMs);
  check(`benchmarks: the page answers while the worker runs (slowest ${slowest} ms over ${answerMs.length} probes)`, slowest < 1000, String(answerMs));

  // A long run, cancelled once it has shown progress.
  await form.locator('[data-field="run_length_s"]').fill('5');
  await form.locator('button[data-action="bench-run"]').click();
  await page.waitForFunction(
    () => {
      const p = Number(document.querySelector('[data-bench-progress]')?.getAttribute('data-bench-progress') ?? 0);
      return p > 0 && p < 100;
    },
    undefined,
    { timeout: RUN_WAIT_MS },
  );
  const partial = (await form.locator('[data-bench-time]').textContent()) ?? '';
  check(`benchmarks: a long run shows progress in virtual time (${partial})`, /^\d\.\d{4} \/ 5\.0000 s$/.test(partial.trim()), partial);
  await form.locator('button[data-action="bench-cancel"]').click();
  await page.waitForFunction(() => document.querySelector('form[data-bench-form]')?.getAttribute('data-status') === 'cancelled', undefined, { timeout: 5000 });
  const at = await form.locator('[data-bench-progress]').getAttribute('data-bench-progress');
  await page.waitForTimeout(700);
  const later = await form.locator('[data-bench-progress]').getAttribute('data-bench-progress');
  const userRows = await table.locator('tr[data-user-run]').count();
  check('benchmarks: Cancel stops the run: no more progress, no new row', at === later && userRows === 1, `progress ${at} -> ${later}, ${userRows} user rows`);
  check('benchmarks: no request leaves 127.0.0.1', foreign.length === 0, foreign.join('\n'));
  await page.context().close();
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
