// `npm run man -- zero_copy` opens our page in the real man(1), from its mdoc source.
import { spawnSync } from 'node:child_process';
import { listManPages } from './lib/tools.ts';

const wanted = process.argv[2];
const pages = listManPages();
if (!wanted) {
  console.error(`usage: npm run man -- <page>   (one of: ${pages.map((p) => p.split('/').pop()).join(', ')})`);
  process.exit(2);
}
const page = pages.find((p) => {
  const base = p.split('/').pop() ?? '';
  return base === wanted || base.replace(/\.[1-9]$/, '') === wanted;
});
if (!page) {
  console.error(`man: no page "${wanted}" in man/ (have: ${pages.join(', ')})`);
  process.exit(1);
}
const result = spawnSync('man', ['-l', page], { stdio: 'inherit' });
if (result.error) {
  console.error(`man: cannot run man(1): ${result.error.message} (sudo apt-get install -y man-db)`);
  process.exit(1);
}
process.exit(result.status ?? 1);
