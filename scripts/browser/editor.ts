// The sample editor in Chromium: what loads before the reader interacts
// (static code, no editor, no worker) and what loads after; the editor's
// harder cases (an endless loop, a compile error, an errno, Reset and
// Ctrl+Enter); type and syntax errors marked at their line with one column;
// completions and hover for the zcsim API with the manual's text; the
// keyboard (Escape then Tab leaves the editor); a phone-width screen; and
// the page without JavaScript.
import type { Page } from 'playwright-core';
import { ORIGIN } from '../lib/site.ts';
import { recordJavaScript } from '../bench-site.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { RUN_WAIT_MS, editorCode, openEditor, replaceCode, runExample } from './samples.ts';

const MAN_PATH = '/man9/zero_copy';
const SLUG = 'sysctl-zero-copy';
/** The issue's budget for a man page before the reader interacts. */
const FIRST_LOAD_BUDGET_KB = 300;

async function firstLoad(ctx: BrowserTestContext): Promise<void> {
  const context = await ctx.browser.newContext();
  try {
    const page = await context.newPage();
    const js: string[] = [];
    context.on('request', (r) => {
      if (r.url().startsWith(ORIGIN) && /\.js(\?|$)/.test(r.url())) js.push(r.url());
    });
    const loaded = recordJavaScript(context);
    await page.goto(`${ORIGIN}${MAN_PATH}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const { kb, prefetchedKb } = await loaded.total();
    const box = page.locator(`[data-example="${SLUG}"]`);
    ctx.check('before any interaction a sample is static highlighted code, with Run beside it', (await box.locator('[data-code-static] pre').count()) === 1 && (await box.locator('button[data-action="run"]').count()) === 1);
    ctx.check('before any interaction no editor is on the page', (await page.locator('.cm-editor').count()) === 0);
    ctx.check('before any interaction no sample worker was fetched', !js.some((u) => u.includes('/workers/')), js.join('\n'));
    ctx.check(`zero_copy(9) loads at most ${FIRST_LOAD_BUDGET_KB} KB of gzipped JavaScript before interaction (${kb} KB)`, kb <= FIRST_LOAD_BUDGET_KB, js.join('\n'));
    ctx.note(`First load of ${MAN_PATH} in Chromium: ${kb} KB gzipped JavaScript, and ${prefetchedKb} KB Docusaurus prefetched in idle time for the pages linked in view`);
    await box.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/workers/run.')), undefined, { timeout: RUN_WAIT_MS }).catch(() => undefined);
    ctx.check('a sample scrolled into view starts the sample worker', js.some((u) => u.includes('/workers/run.')), js.join('\n'));
    ctx.check('the editor is still not loaded: only scrolling happened', (await page.locator('.cm-editor').count()) === 0);
    await box.locator('[data-code-static]').focus();
    await box.locator('.cm-content').waitFor({ timeout: RUN_WAIT_MS });
    const focused = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
    ctx.check('focusing the code from the keyboard loads the editor and puts the focus in it', focused);
    ctx.check('the TypeScript service is not loaded until the reader edits', !js.some((u) => u.includes('/workers/ts.')), js.join('\n'));
  } finally {
    await context.close();
  }
}

async function hardCases(ctx: BrowserTestContext): Promise<void> {
  const { page, foreign } = await ctx.openPage(MAN_PATH);
  await replaceCode(page, SLUG, 'console.log("before");\nwhile (true) {}\n');
  const loop = await runExample(page, SLUG);
  ctx.check('an endless loop is stopped with a clear message', loop.status === 'timeout' && /did not finish/.test(loop.statusText), `${loop.status}: ${loop.statusText}`);
  await replaceCode(page, SLUG, 'const x: number = ;\n');
  const bad = await runExample(page, SLUG);
  ctx.check(
    'a compile error is shown with its line and one column number (1-based, as the editor counts)',
    bad.status === 'error' && /^Cannot compile at line 1, column 19: Unexpected token$/.test(bad.statusText.split('\n')[0] ?? ''),
    bad.statusText,
  );
  const marked = page.locator(`[data-example="${SLUG}"] .cm-zcsim-error-line`);
  await marked.first().waitFor({ timeout: RUN_WAIT_MS }).catch(() => undefined);
  ctx.check('the compile error\'s line is marked in the editor', (await marked.count()) === 1 && ((await marked.textContent()) ?? '').includes('const x: number = ;'));
  await replaceCode(page, SLUG, 'import { boot } from "zcsim";\nconst k = boot();\nconsole.log(k.sysctl("kern.ipc.zero_copy.sned"));\n');
  const thrown = await runExample(page, SLUG);
  ctx.check('a failing system call is shown with its errno and line', thrown.status === 'error' && /ENOENT/.test(thrown.statusText) && /line 3/.test(thrown.statusText), thrown.statusText);
  await page.locator(`[data-example="${SLUG}"] button[data-action="reset"]`).click();
  ctx.check('Reset puts the sample\'s own code back in the editor', (await editorCode(page, SLUG)) === ctx.examples[SLUG]?.code);
  const again = await runExample(page, SLUG, 'keys');
  ctx.check('after Reset, Ctrl+Enter runs the documented sample again', again.status === 'done' && again.text === ctx.examples[SLUG]?.expected, `${again.status}: ${again.statusText}\n${again.text}`);
  ctx.check('no request leaves 127.0.0.1 while editing and running', foreign.length === 0, foreign.join('\n'));
}

/** The editor's listed diagnostics, once the TypeScript service has answered with some matching `re`. */
async function diagnosticsMatching(page: Page, re: RegExp): Promise<string[]> {
  const list = page.locator(`[data-example="${SLUG}"] [data-editor-diagnostics] li`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const items = await list.allTextContents();
    if (items.some((t) => re.test(t)) || Date.now() > deadline) return items;
    await page.waitForTimeout(200);
  }
}

async function typeErrors(ctx: BrowserTestContext): Promise<void> {
  const { page, foreign } = await ctx.openPage(MAN_PATH);
  await replaceCode(page, SLUG, 'import { boot } from "zcsim";\nconst kernel = boot();\nconst n: number = \"ti0\";\nconsole.log(n);\n');
  const typed = await diagnosticsMatching(page, /TS2322/);
  ctx.check(
    'a type error is listed with its code, one line and one column, and its message',
    typed.some((t) => /^TS2322 at line 3, column 7: Type 'string' is not assignable to type 'number'\.$/.test(t)),
    typed.join('\n'),
  );
  const marked = await page.locator(`[data-example="${SLUG}"] .cm-zcsim-error-line`).allTextContents();
  ctx.check('the type error\'s line is marked in the editor', marked.length === 1 && (marked[0] ?? '').includes('const n: number'), JSON.stringify(marked));
  ctx.check('the gutter marks the line too', (await page.locator(`[data-example="${SLUG}"] .cm-lint-marker-error`).count()) === 1);
  await replaceCode(page, SLUG, 'const x: number = ;\n');
  const syntax = await diagnosticsMatching(page, /TS1109/);
  ctx.check('a syntax error is listed at its line and column', syntax.some((t) => /^TS1109 at line 1, column 19: Expression expected\.$/.test(t)), syntax.join('\n'));
  await replaceCode(page, SLUG, ctx.examples[SLUG]?.code ?? '');
  const clean = await diagnosticsMatching(page, /^$/);
  ctx.check('the sample as documented has no type error', clean.length === 0, clean.join('\n'));
  ctx.check('no request leaves 127.0.0.1 for the TypeScript service', foreign.length === 0, foreign.join('\n'));
}

/** Moves the mouse over the `nth` occurrence of `word` in the sample's editor and returns the hover box's text and links. */
async function hoverWord(page: Page, word: string, nth: number): Promise<{ text: string; links: string[] }> {
  const at = await page.evaluate(
    `(() => {
      const root = document.querySelector(${JSON.stringify(`[data-example="${SLUG}"] .cm-content`)});
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        let i = -1;
        while ((i = n.textContent.indexOf(${JSON.stringify(word)}, i + 1)) >= 0) {
          if (seen++ !== ${nth}) continue;
          // Mid-screen, clear of the sticky navbar.
          n.parentElement.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(n, i + 2);
          range.setEnd(n, i + 3);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    })()`,
  );
  if (at === null) throw new Error(`no "${word}" in the editor`);
  const { x, y } = at as { x: number; y: number };
  await page.mouse.move(x - 40, y - 40);
  await page.mouse.move(x, y, { steps: 4 });
  const box = page.locator('[data-hover]').last();
  await box.waitFor({ timeout: 30_000 });
  const text = (await box.textContent()) ?? '';
  const links = await box.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  await page.mouse.move(5, 5);
  await box.waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  return { text, links };
}

async function hoverAndCompletions(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(MAN_PATH);
  await replaceCode(page, SLUG, "import { jumbo_pg_alloc, TIIOCGETSTATS, ENOBUFS } from 'zcsim';\nconsole.log(jumbo_pg_alloc, TIIOCGETSTATS, ENOBUFS);\n");
  await diagnosticsMatching(page, /^$/);
  const wanted: [string, RegExp, string][] = [
    ['jumbo_pg_alloc', /function jumbo_pg_alloc\(kernel: Kernel\)/, '/man9/jumbo#jumbo_pg_alloc'],
    ['TIIOCGETSTATS', /TIIOCGETSTATS/, '/man4/ti#TIIOCGETSTATS'],
    ['ENOBUFS', /ENOBUFS/, '/man9/zero_copy#'],
  ];
  for (const [word, signature, href] of wanted) {
    const hover = await hoverWord(page, word, 1);
    ctx.check(
      `hover on ${word} shows its declaration and the man page's entry, linked to it`,
      signature.test(hover.text) && hover.links.some((l) => l.startsWith(href)) && /\(\d\), [A-Z]/.test(hover.text),
      `${hover.text}\n${hover.links.join(' ')}`,
    );
    ctx.note(`Editor hover on ${word}: ${hover.text.replace(/\s+/g, ' ')} [links: ${hover.links.join(', ')}]`);
  }
  await replaceCode(page, SLUG, "import { jumbo_pg_al } from 'zcsim';\n");
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  for (let i = 0; i < "} from 'zcsim';".length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Space');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor({ timeout: 30_000 }).catch(() => undefined);
  const labels = await options.allTextContents();
  ctx.check('completion offers the zcsim exports that match what was typed', labels.some((l) => l.includes('jumbo_pg_alloc')), labels.join(', '));
}

async function keyboard(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(MAN_PATH);
  await openEditor(page, SLUG);
  await page.keyboard.press('Tab');
  const stillIn = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
  ctx.check('Tab in the editor indents and keeps the focus there', stillIn && (await editorCode(page, SLUG)) !== ctx.examples[SLUG]?.code);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const after = await page.evaluate(() => ({
    inEditor: document.activeElement?.closest('.cm-editor') !== null,
    action: document.activeElement?.getAttribute('data-action') ?? document.activeElement?.tagName ?? '',
  }));
  ctx.check('Escape then Tab moves the focus out of the editor, to the next control', !after.inEditor && after.action !== '', JSON.stringify(after));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  const back = await page.evaluate(() => document.activeElement?.closest('.cm-editor') !== null);
  ctx.check('Escape then Shift+Tab leaves it backwards', !back);
}

async function phone(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(MAN_PATH, true, [], { width: 375, height: 740 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  ctx.check(`a phone-width screen (375 px) does not scroll sideways (${widths.page} px)`, widths.page <= widths.view, JSON.stringify(widths));
  const box = page.locator(`[data-example="${SLUG}"]`);
  await box.scrollIntoViewIfNeeded();
  const rect = await box.evaluate((el) => el.getBoundingClientRect().width);
  ctx.check('a sample fits the phone\'s width', rect <= 375, String(rect));
  await openEditor(page, SLUG);
  const editorWidth = await box.locator('.cm-editor').evaluate((el) => el.getBoundingClientRect().width);
  ctx.check('the editor fits it too and scrolls its own long lines', editorWidth <= 375, String(editorWidth));
  const run = await runExample(page, SLUG);
  ctx.check('Run works on a phone-width screen', run.status === 'done' && run.text === ctx.examples[SLUG]?.expected, run.statusText);
}

async function noJavaScript(ctx: BrowserTestContext): Promise<void> {
  const noJs = await ctx.openPage(MAN_PATH, false);
  const staticText = (await noJs.page.locator(`[data-example="${SLUG}"]`).textContent()) ?? '';
  ctx.check('without JavaScript the sample shows as a static code block', staticText.includes('kern.ipc.zero_copy.send'));
  const staticOut = await noJs.page.locator(`[data-example="${SLUG}"] [data-documented-output]`).textContent();
  ctx.check('without JavaScript the documented output is shown too', staticOut === ctx.examples[SLUG]?.expected, staticOut ?? '(none)');
}

export const editorTests = [
  browserTest('editor: what loads before and after the reader interacts', firstLoad),
  browserTest("editor: the harder cases", hardCases),
  browserTest('editor: type and syntax errors', typeErrors),
  browserTest('editor: hover and completions from the TypeScript service', hoverAndCompletions),
  browserTest('editor: the keyboard', keyboard),
  browserTest('editor: a phone-width screen', phone),
  browserTest('editor: without JavaScript', noJavaScript),
];
