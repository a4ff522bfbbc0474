// `mandoc -Tlint` over every man page: each page passes only if mandoc has
// nothing to say about it. Two kinds of message are about the machine, not
// the page, and are set aside: "referenced manual not found" (mandoc looks
// for .Xr targets among the manuals installed here, which differ between
// machines and never include our own ti(4) or jumbo(9); the site build checks
// every .Xr to our pages instead) and notes about the system's mandoc.db.
// One style note is about a convention, not a fault: mandoc asks OpenBSD and
// NetBSD base pages to leave .Os bare, for their build to fill in. Ours name
// FreeBSD 5.0 on purpose, so man(1) prints that footer on any machine (the
// site build checks that every page does), and the note is set aside too.
import { spawnSync } from 'node:child_process';
import { findExecutable, listManPages, MANDOC_HINT } from './lib/tools.ts';
import { writeReport } from './lib/report.ts';

const started = Date.now();
const mandoc = findExecutable(['mandoc']);
if (!mandoc) {
  console.log(`man lint skipped: ${MANDOC_HINT}`);
  writeReport({ step: 'man', passed: 0, failed: 0, skipped: MANDOC_HINT, seconds: 0 });
  process.exit(0);
}
function isAboutTheMachine(line: string): boolean {
  return / STYLE: referenced manual not found: Xr /.test(line) || /^mandoc: outdated mandoc\.db /.test(line);
}
function isOurOsConvention(line: string): boolean {
  return / STYLE: operating system explicitly specified: Os FreeBSD \((?:OpenBSD|NetBSD)\)$/.test(line);
}

let passed = 0;
let failed = 0;
for (const page of listManPages()) {
  const result = spawnSync(mandoc, ['-Tlint', '-W', 'all', page], { encoding: 'utf8' });
  const said = `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !isAboutTheMachine(line) && !isOurOsConvention(line))
    .join('\n');
  if (said === '') {
    passed++;
    console.log(`ok   mandoc -Tlint ${page}`);
  } else {
    failed++;
    console.log(`FAIL mandoc -Tlint ${page}\n${said}`);
  }
}
writeReport({ step: 'man', passed, failed, seconds: (Date.now() - started) / 1000 });
process.exit(failed > 0 ? 1 : 0);
