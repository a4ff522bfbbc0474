// The kernel picture under a sample: what it draws for known samples, that
// stepping and scrubbing move through the events, and that a long netperf
// run leaves the page responsive.
import type { Page } from 'playwright-core';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { RUN_WAIT_MS, runExample } from './samples.ts';

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

async function loanPicture(ctx: BrowserTestContext): Promise<void> {
  {
    const { page, foreign } = await ctx.openPage('/kernel/zero-copy');
    const box = await openPicture(page, 'zc-send-aligned');
    const first = await eventText(box);
    ctx.check('the picture starts at the first loan, with its time, machine and call', /^t=\d+\.\d{3} ms a: sender send #1: 4 pages loaned from 0x0804b000/.test(first), first);
    const a = box.locator('svg[data-machine="a"]');
    const loaned = await a.locator('[data-page-state="on_loan"]').count();
    ctx.check('the sender\'s four loaned pages are drawn as on loan, and outlined as the event\'s', loaned === 4 && (await a.locator('[data-page-state="on_loan"][data-focused="true"]').count()) === 4, `${loaned} on loan`);
    ctx.check('the loaned pages sit in the send buffer as socow mbufs', (await a.locator('[data-mbuf-storage="socow"]').count()) === 4);
    ctx.check('machine b has no page on loan', (await box.locator('svg[data-machine="b"] [data-page-state="on_loan"]').count()) === 0);
    await box.locator('button[data-picture-step="next"]').click();
    const second = await eventText(box);
    ctx.check('Next moves to the copy of send #2 and names its reason', second !== first && /sender send #2: 6144 bytes copied: buffer not page aligned \(off by 100 bytes\)$/.test(second), second);
    await box.locator('button[data-picture-step="next"]').focus();
    await page.keyboard.press('ArrowLeft');
    ctx.check('the left arrow key steps back', (await eventText(box)) === first, await eventText(box));
    await box.locator('input[data-picture-scrub]').fill(String(Number(await box.locator('input[data-picture-scrub]').getAttribute('max'))));
    const last = await eventText(box);
    ctx.check('scrubbing to the end shows the end of the run, with every loan given back', /end of run 1 \(a, b\)$/.test(last) && (await box.locator('[data-page-state="on_loan"]').count()) === 0, last);
    ctx.check('no request leaves 127.0.0.1 for the picture', foreign.length === 0, foreign.join('\n'));
    await page.context().close();
  }
}

async function flipPicture(ctx: BrowserTestContext): Promise<void> {
  {
    const { page } = await ctx.openPage('/kernel/zero-copy');
    const box = await openPicture(page, 'zc-receive-rules');
    const flip = await stepUntil(box, /flipped into/, 120);
    const n = Number(/(\d+) pages? flipped/.exec(flip ?? '')?.[1] ?? NaN);
    const b = box.locator('svg[data-machine="b"]');
    const drawn = await b.locator('[data-page-state="flipped"]').count();
    ctx.check('zc-receive-rules: the first flip is drawn as that many flipped pages in the reader', flip !== null && n > 0 && drawn === n && (await b.getAttribute('data-pages-flipped')) === String(n), `${flip}: ${drawn} drawn`);
    // Visibly different: a flipped cell is filled like the key's flipped swatch, unlike the copied and loaned ones.
    const fill = async (selector: string) => box.locator(selector).first().evaluate((el) => getComputedStyle(el).fill);
    const fills = {
      cell: await fill('svg[data-machine="b"] [data-page-state="flipped"]'),
      flipped: await fill('[data-legend="page flipped"]'),
      copied: await fill('[data-legend="page copied"]'),
      on_loan: await fill('[data-legend="page on_loan"]'),
      resident: await fill('[data-legend="page resident"]'),
    };
    ctx.check('a flipped page looks unlike a copied, a loaned or a plain page', fills.cell === fills.flipped && new Set([fills.flipped, fills.copied, fills.on_loan, fills.resident]).size === 4, JSON.stringify(fills));
    ctx.check('the ti(4) rings and the jumbo(9) pool are drawn', (await b.locator('[data-ring^="jumbo rx"]').count()) === 1 && (await b.locator('[data-ring^="jumbo(9) pool"]').count()) === 1);
    await page.context().close();
  }
}

async function longPicture(ctx: BrowserTestContext): Promise<void> {
  {
    const { page } = await ctx.openPage('/guide/verify');
    const box = await openPicture(page, 'guide-netperf');
    const summary = (await box.locator('[data-picture-summary]').textContent()) ?? '';
    ctx.check('guide-netperf: the picture summarises a long run', /^\d{4,} events in 2 runs; the first \d+ kept in detail, then 1 in \d+/.test(summary) && (await box.locator('svg[data-picture-chart]').count()) === 1, summary);
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
    ctx.check(`guide-netperf: the page answers within 1 s with the picture open (frame ${frameMs} ms, step ${stepMs} ms, scrub ${scrubMs} ms)`, frameMs < 1000 && stepMs < 1000 && scrubMs < 1000);
    ctx.note(`Kernel picture of guide-netperf in Chromium: next frame ${frameMs} ms, one step ${stepMs} ms, scrub to event 2000 of all ${scrubMs} ms`);
    await page.context().close();
  }
}

export const pictureTests = [
  browserTest('kernel picture: the loans of zc-send-aligned', loanPicture),
  browserTest('kernel picture: the flips of zc-receive-rules', flipPicture),
  browserTest('kernel picture: a long netperf run stays responsive', longPicture),
];
