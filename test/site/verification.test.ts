// The "verified" mark claims a result only for the code and output it was run on.
import test from 'ava';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExampleSource } from '../../src/plugins/examples.ts';
import { readVerification, resultsFile, staleSamples, writeSampleResults } from '../../src/plugins/verification.ts';

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

test('a result is for the kernel it ran on: a changed kernel makes every sample unknown again', (t) => {
  withDir((dir) => {
    fs.mkdirSync(path.join(dir, 'src', 'kernel'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'kernel', 'index.ts'), 'export const a = 1;\n');
    const ran = { a: sample('a', 'x', 'y\n') };
    writeSampleResults(dir, 'node', new Map([['a', true]]), ran);
    t.is(readVerification(dir, ran).a?.node.status, 'passed');
    fs.writeFileSync(path.join(dir, 'src', 'kernel', 'index.ts'), 'export const a = 2;\n');
    t.is(readVerification(dir, ran).a?.node.status, 'unknown');
    t.deepEqual(staleSamples(dir, 'node', ran), ['a']);
  });
});

test('writing with keep adds results and keeps the current ones, each with its own date', (t) => {
  withDir((dir) => {
    const ran = { a: sample('a', 'x', 'y\n'), b: sample('b', 'z', 'w\n') };
    writeSampleResults(dir, 'node', new Map([['a', true]]), ran, new Date('2002-06-23T12:00:00Z'));
    t.deepEqual(staleSamples(dir, 'node', ran), ['b']);
    writeSampleResults(dir, 'node', new Map([['b', false]]), ran, new Date('2002-06-24T12:00:00Z'), true);
    const v = readVerification(dir, ran);
    t.deepEqual([v.a?.node.status, v.a?.node.date, v.b?.node.status, v.b?.node.date], ['passed', '2002-06-23', 'failed', '2002-06-24']);
    t.deepEqual(staleSamples(dir, 'node', ran), []);
  });
});
