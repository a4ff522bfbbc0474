// Reads examples/<slug>.ts and its expected output examples/<slug>.out.
// Shared by the site plugin and the tests, so both see the same samples.
import fs from 'node:fs';
import path from 'node:path';

export interface ExampleSource {
  slug: string;
  code: string;
  /** The documented output: what the sample prints, checked by the tests. */
  expected: string;
}

export const EXAMPLES_DIR = 'examples';

export function readExamples(siteDir: string): Record<string, ExampleSource> {
  const dir = path.join(siteDir, EXAMPLES_DIR);
  const out: Record<string, ExampleSource> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.ts')) continue;
    const slug = name.slice(0, -3);
    const outFile = path.join(dir, `${slug}.out`);
    if (!fs.existsSync(outFile)) {
      throw new Error(`examples/${name}: no expected output file examples/${slug}.out`);
    }
    out[slug] = {
      slug,
      code: fs.readFileSync(path.join(dir, name), 'utf8'),
      expected: fs.readFileSync(outFile, 'utf8'),
    };
  }
  return out;
}
