// The site's sample workers, bundled by esbuild at build time into one
// self-contained file each (no chunks to load later), served from the site's
// own origin under /workers/ and named by a hash of their content.
//
// Why not webpack's `new Worker(new URL(...))`: a worker loaded from a URL
// takes its Content-Security-Policy from its own HTTP response, and a static
// site has none to give; a worker started from a blob: URL inherits the
// page's policy (the <meta> one that csp.ts writes). So the page starts each
// worker from a small blob that loads the bundle with importScripts, and the
// bundle must not load chunks of its own (a blob: URL is no base for
// relative URLs).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { ManDoc } from '../components/Example/ts/protocol.ts';

/** Each worker's URL path, for the pages (global data of zcsim-content). */
export interface WorkerUrls {
  /** Runs one sample (src/components/Example/run.worker.ts). */
  readonly run: string;
  /** The TypeScript language service for the editor (src/components/Example/ts/ts.worker.ts). */
  readonly ts: string;
}

/** Under static/, so `npm start` serves the files as `npm run build` copies them. */
export const WORKERS_SUBDIR = 'workers';

const ENTRIES: Record<keyof WorkerUrls, string> = {
  run: 'src/components/Example/run.worker.ts',
  ts: 'src/components/Example/ts/ts.worker.ts',
};

/** What the TypeScript worker gets as the module 'zcsim:ts-env' (ts/env.d.ts). */
export interface TsEnv {
  readonly files: Readonly<Record<string, string>>;
  readonly manHover: Readonly<Record<string, readonly ManDoc[]>>;
}

function tsEnvPlugin(env: TsEnv): Plugin {
  return {
    name: 'zcsim-ts-env',
    setup(b) {
      b.onResolve({ filter: /^zcsim:ts-env$/ }, () => ({ path: 'ts-env', namespace: 'zcsim' }));
      b.onLoad({ filter: /.*/, namespace: 'zcsim' }, () => ({ contents: JSON.stringify(env), loader: 'json' }));
    },
  };
}

// typescript.js reaches for Node's modules only when it runs under Node.
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'inspector', 'perf_hooks', 'buffer', 'source-map-support', '@microsoft/typescript-etw'];

/** Bundles every worker into static/workers/<name>.<hash>.js and returns their URL paths. */
export async function buildWorkers(siteDir: string, baseUrl: string, tsEnv: TsEnv): Promise<WorkerUrls> {
  const outDir = path.join(siteDir, 'static', WORKERS_SUBDIR);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const urls: Partial<Record<keyof WorkerUrls, string>> = {};
  for (const [name, entry] of Object.entries(ENTRIES) as [keyof WorkerUrls, string][]) {
    const result = await build({
      entryPoints: [path.join(siteDir, entry)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      legalComments: 'none',
      alias: { zcsim: path.join(siteDir, 'src/kernel/index.ts') },
      define: { 'process.env.NODE_ENV': '"production"' },
      // Strict code throughout: a sample walking the stack finds no runner function or receiver.
      banner: { js: '"use strict";' },
      external: NODE_BUILTINS,
      plugins: [tsEnvPlugin(tsEnv)],
      logLevel: 'error',
    });
    const code = result.outputFiles[0]?.contents;
    if (code === undefined) throw new Error(`workers: esbuild wrote nothing for ${entry}`);
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
    const file = `${name}.${hash}.js`;
    fs.writeFileSync(path.join(outDir, file), code);
    urls[name] = `${baseUrl}${WORKERS_SUBDIR}/${file}`;
  }
  return urls as WorkerUrls;
}
