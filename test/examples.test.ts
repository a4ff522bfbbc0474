// Every sample in examples/ runs under Node and prints exactly its .out file;
// imports only from 'zcsim'; and appears, unchanged, in some man page.
import test from 'ava';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readExamples } from '../src/plugins/examples.ts';
import { loadZcsimContent } from '../src/plugins/zcsim-content.ts';
import { mdocExampleBlocks } from '../src/mdoc/index.ts';

const execFileAsync = promisify(execFile);

// At most two samples run at once: started all together on a small, shared
// machine they starve each other past the per-run timeout.
const MAX_RUNNING = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function run(...args: Parameters<typeof execFileAsync>): Promise<{ stdout: string }> {
  while (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const { stdout } = await execFileAsync(...args);
    return { stdout: String(stdout) };
  } finally {
    running--;
    waiting.shift()?.();
  }
}
const root = path.resolve(import.meta.dirname, '..');
const examples = readExamples(root);

for (const example of Object.values(examples)) {
  test(`example ${example.slug} prints its documented output under Node`, async (t) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('examples', `${example.slug}.ts`)], {
      cwd: root,
      timeout: 30_000,
    });
    t.is(stdout, example.expected);
  });

  test(`example ${example.slug} imports only from 'zcsim'`, (t) => {
    const sources = [...example.code.matchAll(/^\s*import\b[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    t.true(sources.length > 0, 'a sample imports the kernel');
    t.deepEqual([...new Set(sources)], ['zcsim']);
  });
}

function mdxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(full);
    return /\.mdx?$/.test(entry.name) ? [full] : [];
  });
}

test('every example is shown on some page, and every sample a page shows has its file', (t) => {
  const content = loadZcsimContent(root);
  const inManPages = Object.values(content.manPages).flatMap((doc) => mdocExampleBlocks(doc).map((block) => block.slug));
  const inMdx = mdxFiles(path.join(root, 'docs')).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/<Example\s+slug="([^"]+)"/g)].map((m) => m[1] ?? ''),
  );
  const shown = new Set([...inManPages, ...inMdx]);
  t.deepEqual([...shown].sort(), Object.keys(examples).sort());
});

test('a sample block that drifts from its file fails the site content with the line', (t) => {
  const tmp = fs.mkdtempSync(path.join(root, 'test-results-drift-'));
  try {
    fs.mkdirSync(path.join(tmp, 'examples'));
    fs.mkdirSync(path.join(tmp, 'man', 'man9'), { recursive: true });
    fs.cpSync(path.join(root, 'examples'), path.join(tmp, 'examples'), { recursive: true });
    fs.cpSync(path.join(root, 'man', 'man9', 'zero_copy.9'), path.join(tmp, 'man', 'man9', 'zero_copy.9'));
    const file = path.join(tmp, 'examples', 'sysctl-zero-copy.ts');
    fs.appendFileSync(file, 'console.log("drift");\n');
    const error = t.throws(() => loadZcsimContent(tmp));
    t.regex(error?.message ?? '', /^man\/man9\/zero_copy\.9:\d+: sample "sysctl-zero-copy" differs from examples\/sysctl-zero-copy\.ts/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
