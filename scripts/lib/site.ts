// The built site served on 127.0.0.1 and Debian's Chromium pointed at it,
// shared by the browser tests (scripts/browser-tests.ts) and the site
// benchmark (scripts/bench-site.ts). Chromium is told to resolve no host
// but 127.0.0.1 and to make none of its own background requests, so any
// request a page makes elsewhere fails and is recorded.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const PORT = Number(process.env.ZCSIM_TEST_PORT ?? 3111);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export async function startServer(): Promise<ChildProcess> {
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

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
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
}

/** The site's pages, from its sitemap. */
export function sitemapPaths(): string[] {
  const xml = fs.readFileSync('build/sitemap.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);
}

export interface OpenedPage {
  page: Page;
  /** Every request that went anywhere but our own server (data: and blob: are local). */
  foreign: string[];
}

/** Opens a page in a fresh context and records every request that is not to our own server. */
export async function openPage(
  browser: Browser,
  path: string,
  javaScriptEnabled = true,
  permissions: string[] = [],
  viewport?: { width: number; height: number },
): Promise<OpenedPage> {
  const context = await browser.newContext({ javaScriptEnabled, permissions, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).hostname !== '127.0.0.1') foreign.push(url);
  });
  await page.goto(`${ORIGIN}${path}`, { waitUntil: 'networkidle' });
  return { page, foreign };
}
