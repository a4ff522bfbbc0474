// The "verified" mark claims a result only for the code and output it was run on.
import test from 'ava';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExampleSource } from '../../src/plugins/examples.ts';
import { readVerification, resultsFile, writeSampleResults } from '../../src/plugins/verification.ts';

const sample = (slug: string, code: string, expected: string): ExampleSource => ({ slug, code, expected });

function withDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zcsim-verify-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('no results: every sample names its tests and claims nothing', (t) => {
  withDir((dir) => {
    const v = readVerification(dir, { a: sample('a', 'x', 'y\n') });
    t.is(v.a?.node.status, 'unknown');
    t.is(v.a?.chromium.status, 'unknown');
    t.is(v.a?.node.date, undefined);
    t.is(v.a?.node.test, 'test/examples.test.ts › example a prints its documented output under Node');
  });
});

test('passed and failed results count for the code they ran; a changed sample is unknown again', (t) => {
  withDir((dir) => {
    const ran = { a: sample('a', 'console.log(1)', '1\n'), b: sample('b', 'console.log(2)', '2\n') };
    writeSampleResults(dir, 'node', new Map([['a', true], ['b', false]]), ran, new Date('2002-06-23T12:00:00Z'));
    const now = readVerification(dir, ran);
    t.deepEqual(now.a?.node, { test: now.a?.node.test ?? '', status: 'passed', date: '2002-06-23' });
    t.is(now.b?.node.status, 'failed');
    t.is(now.a?.chromium.status, 'unknown');
    const edited = { ...ran, a: sample('a', 'console.log(1)', '1\n2\n') };
    t.is(readVerification(dir, edited).a?.node.status, 'unknown', 'the .out changed since the run');
    const recoded = { ...ran, a: sample('a', 'console.log(1);', '1\n') };
    t.is(readVerification(dir, recoded).a?.node.status, 'unknown', 'the code changed since the run');
  });
});

test('a damaged or foreign results file verifies nothing', (t) => {
  withDir((dir) => {
    const ran = { a: sample('a', 'x', 'y\n') };
    writeSampleResults(dir, 'chromium', new Map([['a', true]]), ran);
    t.is(readVerification(dir, ran).a?.chromium.status, 'passed');
    fs.writeFileSync(resultsFile(dir, 'chromium'), '{"runner":"chromium","samp');
    t.is(readVerification(dir, ran).a?.chromium.status, 'unknown');
    fs.writeFileSync(resultsFile(dir, 'chromium'), JSON.stringify({ runner: 'node', date: '2002-06-23', samples: {} }));
    t.is(readVerification(dir, ran).a?.chromium.status, 'unknown');
  });
});
