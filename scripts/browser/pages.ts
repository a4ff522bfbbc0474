// The pages themselves: the man page renderer (header, footer, .Xr links,
// permalinks, the table of contents, .Sx and .Pa) and the guide's index.
import { listManPages } from '../lib/tools.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';

async function manPage(ctx: BrowserTestContext): Promise<void> {
  {
    const manPath = '/man9/zero_copy';
    const { page, foreign } = await ctx.openPage(manPath);
    const header = (await page.locator('table.head').first().textContent()) ?? '';
    ctx.check('zero_copy(9) shows its header line', header === "ZERO_COPY(9)FreeBSD Kernel Developer's ManualZERO_COPY(9)", header);
    const footer = (await page.locator('table.foot').first().textContent()) ?? '';
    ctx.check('zero_copy(9) shows its footer with OS and date', footer === 'FreeBSD 5.0June 23, 2002', footer);
    const ours = new Set(listManPages().map((file) => file.replace(/^.*\/(.+)\.([1-9])$/, '$1($2)')));
    const xrefs = await page.locator('main .Xr').evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? '', href: el.getAttribute('href') })),
    );
    const wrong = xrefs.filter(({ text, href }) => {
      const name = /^(.+)\(([1-9])\)$/.exec(text);
      const expectedHref = name && ours.has(text) ? `/man${name[2]}/${name[1]}` : null;
      return href !== expectedHref;
    });
    ctx.check(
      `.Xr links go to our pages and only to them (${xrefs.length} references)`,
      xrefs.length > 0 && wrong.length === 0,
      JSON.stringify(wrong),
    );
    ctx.check('zero_copy(9) has a permalink for DESCRIPTION', (await page.locator('a[href="#DESCRIPTION"]').count()) > 0);
  }
}

async function tableOfContents(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage('/man9/zero_copy', true, [], { width: 1400, height: 900 });
  const toc = await page.locator('.table-of-contents a').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
  const has = (text: string, href: string) => toc.some((e) => e.text === text && e.href === href);
  ctx.check(
    `zero_copy(9) has a right-hand table of contents of its .Sh and .Ss headings (${toc.length} entries)`,
    has('DESCRIPTION', '#DESCRIPTION') && has('EXAMPLES', '#EXAMPLES') && has('Other approaches', '#Other_approaches') && has('BUGS', '#BUGS'),
    JSON.stringify(toc),
  );
  const ti = await ctx.openPage('/man4/ti');
  const sx = await ti.page.locator('main a.Sx').evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
  // Every .Sx names a section and links to its anchor (mandoc's anchors replace spaces with _).
  ctx.check(
    'ti(4): each .Sx (IOCTLS among them) is a link to its section',
    sx.some((l) => l.text === 'IOCTLS') && sx.every((l) => l.href === `#${l.text.replace(/ /g, '_')}`),
    JSON.stringify(sx),
  );
  const styleOf = await ti.page.locator('main .Pa').first().evaluate((el) => getComputedStyle(el).fontStyle);
  ctx.check('ti(4): .Pa (/dev/tiN) is in italics, as mandoc shows it', styleOf === 'italic', styleOf);
  await ti.page.locator('main a.Sx').first().click();
  await ti.page.waitForURL(/#IOCTLS$/);
  const top = await ti.page.locator('#IOCTLS').evaluate((el) => el.getBoundingClientRect().top);
  ctx.check('following .Sx brings the section into view', top >= 0 && top < 300, String(top));
}

async function guideIndex(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage('/guide');
  const title = (await page.locator('main h1').first().textContent()) ?? '';
  const steps = await page.locator('main article ol > li > a, main article ol > li > p > a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  ctx.check('/guide is the guide\'s index, not a 404', /application author's guide/i.test(title), title);
  ctx.check(
    '/guide lists the five steps in order',
    JSON.stringify(steps) === JSON.stringify(['/guide/kernel', '/guide/send', '/guide/receive', '/guide/verify', '/guide/checklist']),
    JSON.stringify(steps),
  );
}

export const pageTests = [
  browserTest('the man page renderer on zero_copy(9)', manPage),
  browserTest('man pages: table of contents, .Sx and .Pa', tableOfContents),
  browserTest('the guide\'s index page', guideIndex),
];
