// The reader's comforts, on zero_copy(9): the Kernel options controls, the
// diff after an edit, the share link, the copy button and print.
import { ORIGIN } from '../lib/site.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { RUN_WAIT_MS, editorCode, replaceCode, runExample, setControl } from './samples.ts';

/** The reader's comforts, on zero_copy(9). */
async function comforts(ctx: BrowserTestContext, manPath: string): Promise<void> {
  const { examples } = ctx;
  const { page, foreign } = await ctx.openPage(manPath, true, ['clipboard-read', 'clipboard-write']);
  const box = (slug: string) => page.locator(`[data-example="${slug}"]`).first();

  // The kernel options start collapsed and as the sample has them.
  const details = box('zc-send-aligned').locator('[data-kernel-options]');
  await details.waitFor();
  ctx.check('the Kernel options disclosure is collapsed at first', (await details.getAttribute('open')) === null);

  // An edit shows which lines now differ from the documented output.
  const sysctlSlug = 'sysctl-zero-copy';
  const original = examples[sysctlSlug]?.code ?? '';
  await replaceCode(page, sysctlSlug, original.replace('kernel.sysctl(send, 0)', 'kernel.sysctl(send, 1)'));
  const edited = await runExample(page, sysctlSlug);
  const removed = await box(sysctlSlug).locator('[data-diff="removed"]').allTextContents();
  const added = await box(sysctlSlug).locator('[data-diff="added"]').allTextContents();
  ctx.check(
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
  ctx.check('Link to this version puts a #sample= link on the clipboard and in the address bar', /#sample=sysctl-zero-copy:z[A-Za-z0-9_-]+$/.test(url) && clip === url && page.url() === url, `${url} / ${clip} / ${page.url()}`);
  const reopened = await ctx.openPage(url.replace(ORIGIN, ''));
  await reopened.page.locator(`[data-example="${sysctlSlug}"] button[data-action="run"]`).waitFor({ timeout: RUN_WAIT_MS });
  const reopenedCode = await editorCode(reopened.page, sysctlSlug);
  const notice = await reopened.page.locator(`[data-example="${sysctlSlug}"] [data-share-notice]`).count();
  ctx.check('the link opens the sample with the edited code, in a new page', reopenedCode.includes('kernel.sysctl(send, 1)') && notice === 1, reopenedCode);
  const inView = await reopened.page.locator(`[data-example="${sysctlSlug}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  ctx.check('the link scrolls to its sample', inView);
  await reopened.page.locator(`[data-example="${sysctlSlug}"] button[data-action="reset"]`).click();
  ctx.check('Reset after a link returns to the sample\'s own code', (await editorCode(reopened.page, sysctlSlug)) === original);
  await reopened.page.context().close();

  const corrupt = await ctx.openPage(`${manPath}#sample=${sysctlSlug}:zAAAA-not-deflate`);
  const message = corrupt.page.locator(`[data-example="${sysctlSlug}"] [data-share-error]`);
  await message.waitFor({ timeout: RUN_WAIT_MS }).catch(() => undefined);
  const messageText = (await message.count()) > 0 ? ((await message.textContent()) ?? '') : '';
  await corrupt.page.locator(`[data-example="${sysctlSlug}"] button[data-action="run"]`).waitFor({ timeout: RUN_WAIT_MS });
  ctx.check(
    'a damaged link says so and shows the sample\'s own code',
    /could not be read: .*Showing the sample's own code/.test(messageText) && (await editorCode(corrupt.page, sysctlSlug)) === original,
    messageText,
  );
  await corrupt.page.context().close();

  // Copy puts the editor's code on the clipboard.
  await box(sysctlSlug).locator('button[data-action="copy"]').click();
  await page.locator(`[data-example="${sysctlSlug}"] [data-action-notice]`).filter({ hasText: 'Code copied.' }).waitFor({ timeout: 5000 }).catch(() => undefined);
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch((e: unknown) => `(clipboard unreadable: ${String(e)})`);
  ctx.check('Copy code puts the code in the editor on the clipboard', copied === (await editorCode(page, sysctlSlug)) && copied.includes('kernel.sysctl(send, 1)'), copied);

  // Kernel options: ZERO_COPY_SOCKETS removed, the sample's pages are copied, not loaned.
  const zc = 'zc-send-aligned';
  await setControl(page, zc, 'select[data-option="ZERO_COPY_SOCKETS"]', 'off');
  const summary = (await box(zc).locator('[data-overrides-summary]').textContent()) ?? '';
  const off = await runExample(page, zc);
  const ranWith = (await box(zc).locator('[data-ran-with]').textContent()) ?? '';
  ctx.check(
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
  ctx.check('kern.ipc.zero_copy.send=0: the same sample loans no page either', sysctlOff.status === 'done' && sysctlOff.text.includes('"pages_loaned":0'), sysctlOff.text);
  await box(zc).locator('button[data-action="reset-options"]').click();
  const back = await runExample(page, zc);
  ctx.check("\"Use the sample's own settings\" runs the documented sample again", back.status === 'done' && back.text === examples[zc]?.expected && (await box(zc).locator('[data-ran-with]').count()) === 0, back.text);

  // An invalid combination fails as config(8) would, naming the line.
  await setControl(page, 'config-error', 'select[data-option="TI_PRIVATE_JUMBOS"]', 'on');
  const invalid = await runExample(page, 'config-error');
  ctx.check(
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
  ctx.check(
    'print hides the toolbar, editor, controls, navbar and sidebar, and shows the code and documented output',
    !printed.toolbar && !printed.editor && !printed.options && !printed.navbar && !printed.sidebar && printed.code && printed.documented,
    JSON.stringify(printed),
  );
  await page.emulateMedia({ media: 'screen' });
  ctx.check('no request leaves 127.0.0.1 while using the comforts', foreign.length === 0, foreign.join('\n'));
  await page.context().close();
}

export const comfortTests = [browserTest("the reader's comforts on zero_copy(9)", (ctx) => comforts(ctx, '/man9/zero_copy'))];
