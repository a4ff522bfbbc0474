// Browser checks for the manual's reference pages: apropos answers queries
// in the page, the sysctl table matches a freshly booted kernel, the options
// page's samples ran and matched, the cross-index links land where they say,
// and the site search finds function, ioctl, option and sysctl names.
// Run after the sample tests (the options page's check reads their results).
import type { Page } from 'playwright-core';
import { boot } from '../../src/kernel/index.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { SYSCTL_REFERENCE_CONFIG } from '../../src/plugins/sysctl-reference.ts';
import { DOCUMENTED_OPTIONS } from '../../src/plugins/kernel-options.ts';

const WAIT_MS = 15_000;

async function aproposResults(page: Page, query: string): Promise<{ lines: string[]; hrefs: string[] }> {
  const results = page.locator('[data-apropos-results]');
  await page.waitForFunction((q) => document.querySelector('[data-apropos-results]')?.getAttribute('data-query') === q, query, { timeout: WAIT_MS });
  const items = results.locator('[data-apropos-result]');
  return {
    lines: await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-apropos-result') ?? '')),
    hrefs: await items.evaluateAll((els) => els.map((el) => el.querySelector('a')?.getAttribute('href') ?? '')),
  };
}

async function checkApropos(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(`/apropos?q=${encodeURIComponent('Fn=jumbo_pg_alloc')}`);
  const first = await aproposResults(page, 'Fn=jumbo_pg_alloc');
  ctx.check(
    'apropos Fn=jumbo_pg_alloc (from the URL) lists jumbo_pg_alloc(9), linked to its definition',
    first.lines.length === 1 &&
      first.lines[0] === 'jumbo_pg_alloc(9) - kernel interface for allocating disposable page sized buffers' &&
      first.hrefs[0] === '/man9/jumbo#jumbo_pg_alloc',
    JSON.stringify(first),
  );

  const input = page.locator('[data-apropos-input]');
  await input.fill('Cd=ZERO_COPY_SOCKETS');
  const second = await aproposResults(page, 'Cd=ZERO_COPY_SOCKETS');
  ctx.check(
    'apropos Cd=ZERO_COPY_SOCKETS, typed, lists zero_copy(9) and the options page',
    JSON.stringify(second.hrefs) === JSON.stringify(['/man9/zero_copy#ZERO_COPY_SOCKETS', '/kernel/options#ZERO_COPY_SOCKETS']) &&
      new URL(page.url()).searchParams.get('q') === 'Cd=ZERO_COPY_SOCKETS',
    `${JSON.stringify(second)} at ${page.url()}`,
  );

  await input.fill('Zz=x');
  await page.waitForSelector('[data-apropos-error]', { timeout: WAIT_MS });
  const error = (await page.locator('[data-apropos-error]').textContent()) ?? '';
  ctx.check('apropos shows an unknown key as an error', /unknown macro key Zz/.test(error), error);

  await input.fill('Fn=jumbo_pg_alloc');
  await aproposResults(page, 'Fn=jumbo_pg_alloc');
  await page.locator('[data-apropos-result] a').first().click();
  await page.waitForURL(/\/man9\/jumbo#jumbo_pg_alloc$/, { timeout: WAIT_MS });
  // A client-side navigation: the URL changes before the man page has rendered.
  const landed = await page.waitForSelector('#jumbo_pg_alloc', { state: 'attached', timeout: WAIT_MS }).then(() => true, () => false);
  ctx.check('an apropos result opens the man page at the term', landed, page.url());
  await page.context().close();
}

async function checkSysctlTable(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage('/kernel/sysctls');
  // No helper functions inside the callback: it runs in the page, where tsx's name helpers do not exist.
  const rows = await page.locator('[data-sysctl]').evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.getAttribute('data-sysctl') ?? '',
      type: tr.querySelector('[data-col="type"]')?.textContent ?? '',
      access: tr.querySelector('[data-col="access"]')?.textContent ?? '',
      value: tr.querySelector('[data-col="value"]')?.textContent ?? '',
      descr: tr.querySelector('[data-col="descr"]')?.textContent ?? '',
    })),
  );
  // A fresh kernel, asked the way sysctl(8) asks: -a for leaves and values, -d for descriptions.
  const kernel = boot(SYSCTL_REFERENCE_CONFIG);
  const leaves = kernel.sysctlList().map((line) => {
    const at = line.indexOf(': ');
    const value = line.slice(at + 2);
    return `${line.slice(0, at)}=${value === '' ? '""' : value}`;
  });
  const shown = rows.filter((r) => r.type !== 'node').map((r) => `${r.name}=${r.value}`);
  ctx.check(`the sysctl table lists the leaves and values of a fresh boot (${shown.length} leaves)`, JSON.stringify(shown) === JSON.stringify(leaves), `table:\n${shown.join('\n')}\nkernel:\n${leaves.join('\n')}`);
  const wrongDescr = rows.filter((r) => r.descr !== kernel.sysctlDescr(r.name)).map((r) => r.name);
  ctx.check('the sysctl table shows sysctl -d for every row', wrongDescr.length === 0, wrongDescr.join(', '));
  const send = rows.find((r) => r.name === 'kern.ipc.zero_copy.send');
  ctx.check(
    'the sysctl table lists kern.ipc.zero_copy.send as a read-write integer, 1 after boot',
    send?.type === 'integer' && send.access === 'RW' && send.value === '1',
    JSON.stringify(send),
  );
  await page.context().close();
}

function checkOptionSamples(ctx: BrowserTestContext): void {
  for (const name of DOCUMENTED_OPTIONS) {
    const slug = `opt-${name.toLowerCase().replace(/_/g, '-')}`;
    ctx.check(`the options page ran ${slug} and it printed its documented output`, ctx.sampleResults.get(`/kernel/options ${slug}`) === true);
  }
}

async function checkCrossIndex(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage('/man9/jumbo');
  const line = page.locator('p.xindex[data-xindex~="jumbo_pg_alloc"]');
  const links = await line.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  ctx.check('jumbo(9) lists jumbo-pool under jumbo_pg_alloc', links.includes('/man9/jumbo#sample-jumbo-pool'), JSON.stringify(links));
  await line.locator('a', { hasText: 'jumbo-pool' }).click();
  await page.waitForURL(/#sample-jumbo-pool$/, { timeout: WAIT_MS });
  const target = page.locator('#sample-jumbo-pool');
  const inView = (await target.count()) === 1 && (await target.isVisible()) && (await target.evaluate((el) => el.closest('[data-example]')?.getAttribute('data-example'))) === 'jumbo-pool';
  ctx.check('a "Live samples" link lands on the sample', inView, page.url());
  const demonstrated = await page
    .locator('[data-sample-index="jumbo-pool"] a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  ctx.check('the jumbo-pool sample names jumbo_pg_alloc among what it demonstrates', demonstrated.includes('/man9/jumbo#jumbo_pg_alloc'), JSON.stringify(demonstrated));
  await page.context().close();

  const zc = await ctx.openPage('/man9/zero_copy');
  const socow = await zc.page.locator('p.xindex[data-xindex~="socow_setup"] a').evaluateAll((as) => as.map((a) => a.textContent ?? ''));
  ctx.check('zero_copy(9) lists live samples under socow_setup', socow.length > 0, JSON.stringify(socow));
  await zc.page.context().close();
}

async function checkSearch(ctx: BrowserTestContext): Promise<void> {
  const wanted: [string, string][] = [
    ['jumbo_pg_alloc', '/man9/jumbo'],
    ['TIIOCGETSTATS', '/man4/ti'],
    ['ZERO_COPY_SOCKETS', '/man9/zero_copy'],
    ['MCLSHIFT', '/kernel/options'],
    ['kern.ipc.zero_copy.send', '/kernel/sysctls'],
  ];
  for (const [term, route] of wanted) {
    const { page } = await ctx.openPage(`/search?q=${encodeURIComponent(term)}`);
    const sel = `article a[href^="${route}"]`;
    const found = await page.waitForSelector(sel, { timeout: WAIT_MS }).then(() => true, () => false);
    const got = found ? [] : await page.locator('article a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    ctx.check(`site search for ${term} finds ${route}`, found, JSON.stringify(got));
    await page.context().close();
  }
}

export const manualTests = [
  browserTest('apropos', checkApropos),
  browserTest('the sysctl reference table', checkSysctlTable),
  browserTest('the options page samples', async (ctx) => checkOptionSamples(ctx)),
  browserTest('the cross-index', checkCrossIndex),
  browserTest('the site search', checkSearch),
];
