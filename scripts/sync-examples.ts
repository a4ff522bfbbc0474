// `npm run sync-examples`: rewrites every tagged sample block in man/ from
// examples/<slug>.ts, so a sample is edited in one place and the page
// follows. The site build and the tests fail on any drift this would fix.
import fs from 'node:fs';
import { syncMdocExamples } from '../src/mdoc/index.ts';
import path from 'node:path';
import { listManPages } from './lib/tools.ts';

// Only the code matters here, so a sample whose .out is not written yet syncs too.
const samples = Object.fromEntries(
  fs
    .readdirSync('examples')
    .filter((name) => name.endsWith('.ts'))
    .map((name) => [name.slice(0, -3), fs.readFileSync(path.join('examples', name), 'utf8')]),
);
let failed = false;
for (const page of listManPages()) {
  const before = fs.readFileSync(page, 'utf8');
  const { source, missing } = syncMdocExamples(before, samples);
  for (const slug of missing) {
    console.error(`${page}: sample "${slug}" has no file examples/${slug}.ts`);
    failed = true;
  }
  if (source !== before) {
    fs.writeFileSync(page, source);
    console.log(`${page}: samples updated`);
  }
}
process.exit(failed ? 1 : 0);
