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

export const pageTests = [browserTest('the man page renderer on zero_copy(9)', manPage)];
