// The benchmarks page in Chromium.
import { COMPARISON_ROWS, comparison_row } from '../../src/bench/comparison.ts';
import { run_scenario, scenario, type ScenarioResult } from '../../src/bench/scenario.ts';
import { COLUMNS, resultCells } from '../../src/components/Benchmarks/columns.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { RUN_WAIT_MS } from './samples.ts';

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
async function benchmarksPage(ctx: BrowserTestContext): Promise<void> {
  const { page, foreign } = await ctx.openPage('/benchmarks');
  const table = page.locator('table[data-bench-table]');
  const rows = await table.locator('tr[data-row]').count();
  ctx.check(`benchmarks: the table shows every row of the comparison (${rows})`, rows === COMPARISON_ROWS.length, `${rows} of ${COMPARISON_ROWS.length}`);
  const charts = await page.locator('svg[data-chart]').evaluateAll((els) => els.map((el) => el.querySelectorAll('rect, circle').length));
  ctx.check(`benchmarks: the plots are SVG with marks in them (${charts.join(', ')})`, charts.length >= 3 && charts.every((n) => n > 0), JSON.stringify(charts));

  // Each plot's key names the kinds it shows and no other.
  const legendsMatch = async () =>
    page.locator('figure:has(svg[data-chart])').evaluateAll((figs) =>
      figs.map((f) => {
        const listed = (f.querySelector('[data-legend-kinds]')?.getAttribute('data-legend-kinds') ?? '').split(' ').filter((k) => k !== '');
        const drawn = [...new Set(Array.from(f.querySelectorAll('[data-kind]')).map((el) => el.getAttribute('data-kind') ?? ''))];
        // Published figures are tick marks on the bars, not bars of their own.
        return { listed: listed.filter((k) => k !== 'published').sort().join(' '), drawn: drawn.sort().join(' ') };
      }),
    );
  const before = await legendsMatch();
  ctx.check('benchmarks: every plot\'s key lists exactly the kinds it draws', before.length >= 3 && before.every((l) => l.listed === l.drawn), JSON.stringify(before));
  const speedBefore = await page.locator('[data-browser-speed]').getAttribute('data-browser-speed');
  const pageText = (await page.locator('main').textContent()) ?? '';
  ctx.check('benchmarks: the page quotes no developer machine, and says how to get the reader\'s own figure', speedBefore === 'none' && !pageText.includes('two-core virtual machine'), String(speedBefore));

  // What the page shows is what the code computes: rerun some rows in Node.
  const runLengthS = Number(await table.getAttribute('data-run-length-s'));
  for (const id of ['modes-9000/both', 'modes-1500/off', 'reuse/one-buffer', 'alignment/send-offset']) {
    const tr = table.locator(`tr[data-row="${id}"]`);
    const shown = JSON.parse((await tr.getAttribute('data-values')) ?? '{}') as Record<string, number>;
    const cells = (await tr.locator('td').allTextContents()).slice(1, 1 + COLUMNS.length);
    const fresh = await run_scenario({ ...comparison_row(id).scenario, run_length_s: runLengthS });
    ctx.check(
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
  ctx.check('benchmarks: a rerun in the browser finishes', status === 'done', `${status}: ${message}`);
  const progress = Number(await form.locator('[data-bench-progress]').getAttribute('data-bench-progress'));
  ctx.check("benchmarks: the progress bar reaches the end of the run's virtual time", progress === 100, String(progress));
  const userRow = table.locator('tr[data-user-run="1"]');
  const userValues = JSON.parse((await userRow.getAttribute('data-values').catch(() => null)) ?? '{}') as Record<string, number>;
  const node = await run_scenario(scenario({ run_length_s: shortS, mtu: 1500 }));
  ctx.check(
    'benchmarks: the rerun adds a row equal to the same scenario run in Node',
    JSON.stringify(userValues) === JSON.stringify(columnValues(node)),
    `browser ${JSON.stringify(userValues)}
node ${JSON.stringify(columnValues(node))}`,
  );
  ctx.check('benchmarks: the rerun adds a point to the plots', (await page.locator('circle[data-point="user/1"]').count()) > 0);
  const slowest = Math.max(0, ...answerMs);
  ctx.check(`benchmarks: the page answers while the worker runs (slowest ${slowest} ms over ${answerMs.length} probes)`, slowest < 1000, String(answerMs));

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
  ctx.check(`benchmarks: a long run shows progress in virtual time (${partial})`, /^\d\.\d{4} \/ 5\.0000 s$/.test(partial.trim()), partial);
  await form.locator('button[data-action="bench-cancel"]').click();
  await page.waitForFunction(() => document.querySelector('form[data-bench-form]')?.getAttribute('data-status') === 'cancelled', undefined, { timeout: 5000 });
  const at = await form.locator('[data-bench-progress]').getAttribute('data-bench-progress');
  await page.waitForTimeout(700);
  const later = await form.locator('[data-bench-progress]').getAttribute('data-bench-progress');
  const userRows = await table.locator('tr[data-user-run]').count();
  ctx.check('benchmarks: Cancel stops the run: no more progress, no new row', at === later && userRows === 1, `progress ${at} -> ${later}, ${userRows} user rows`);
  ctx.check('benchmarks: no request leaves 127.0.0.1', foreign.length === 0, foreign.join('\n'));
  await page.context().close();
}

export const benchmarkTests = [browserTest('the benchmarks page', benchmarksPage)];
