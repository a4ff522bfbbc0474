// Every source file the pages cite (`src/kernel/engine/cost_model.ts` and the
// like) exists: a moved file otherwise leaves the reader a dead path.

import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function texts(dir: string, exts: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return texts(p, exts);
    return exts.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

const pages = [...texts(join(ROOT, 'docs'), ['.md', '.mdx']), ...texts(join(ROOT, 'man'), ['.4', '.9', '.2']), join(ROOT, 'README.md'), join(ROOT, 'ARCHITECTURE.md')];

test('every src/… path cited by the site, the man pages and the README exists', (t) => {
  const cited: string[] = [];
  const missing: string[] = [];
  for (const page of pages) {
    for (const m of readFileSync(page, 'utf8').matchAll(/\bsrc\/[A-Za-z0-9_./-]+\.tsx?\b/g)) {
      cited.push(m[0]);
      if (!existsSync(join(ROOT, m[0]))) missing.push(`${relative(ROOT, page)}: ${m[0]}`);
    }
  }
  t.true(cited.length >= 3, `only ${cited.length} paths found: is the pattern right?`);
  t.deepEqual(missing, []);
});

test('every kernel file ARCHITECTURE.md names (`dev/ti/if_ti.ts` and the like, under src/kernel) exists', (t) => {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const named = [...text.matchAll(/`([a-z0-9_.]+\/[A-Za-z0-9_./-]+\.ts)`/g)].map((m) => m[1] ?? '');
  t.true(named.length >= 10, `only ${named.length} paths found`);
  t.deepEqual(named.filter((p) => !existsSync(join(ROOT, 'src/kernel', p)) && !existsSync(join(ROOT, p))), []);
});
