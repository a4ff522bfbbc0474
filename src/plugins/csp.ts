// The site's Content-Security-Policy: every page allows requests to its own
// origin only, so a sample (untrusted code, run in a worker that inherits
// the page's policy: src/plugins/workers.ts) can send nothing anywhere else,
// whatever global it finds (fetch, import(), a nested Worker, caches,
// FontFace, WebTransport...). A static site has no response headers of its
// own, so the policy is a <meta http-equiv> placed first in each page's
// <head>, before any script, written into every built page after the build.
//
// What the policy allows beyond 'self', and why:
//   script-src 'unsafe-eval'   the sample worker runs the sample with new Function
//   script-src 'sha256-…'      the page's own inline scripts (the colour mode one), by hash
//   style-src 'unsafe-inline'  React's and CodeMirror's style attributes (styles load nothing)
//   img-src/font-src data:     inline images and fonts in the CSS (data: is not a request)
//   worker-src blob:           the sample worker starts from a blob: that loads the bundle
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from '@docusaurus/types';

/** The policy, for inline scripts with these hashes ('sha256-…'). */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-eval'${scriptHashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const INLINE_SCRIPT_RE = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** `html` with the policy as the first element of its <head>, allowing the inline scripts it has. */
export function withContentSecurityPolicy(html: string): string {
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const hashes = [...new Set([...html.matchAll(INLINE_SCRIPT_RE)].map((m) => `sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}`))];
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(hashes)}">`;
  const head = /<head[^>]*>/.exec(html);
  if (head === null) throw new Error('csp: a page without <head>');
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? htmlFiles(full) : e.name.endsWith('.html') ? [full] : [];
  });
}

export default function cspPlugin(): Plugin {
  return {
    name: 'zcsim-csp',
    async postBuild({ outDir }) {
      for (const file of htmlFiles(outDir)) fs.writeFileSync(file, withContentSecurityPolicy(fs.readFileSync(file, 'utf8')));
    },
  };
}
