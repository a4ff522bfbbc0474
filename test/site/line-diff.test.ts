// The line diff the output panel shows against the documented output.
import test from 'ava';
import fc from 'fast-check';
import { diffCounts, diffHunks, diffLines, lineDiff, outputLines, LCS_MAX_CELLS } from '../../src/components/Example/lineDiff.ts';

// The LCS length by the textbook recursion, for small inputs: the reference the diff must reach.
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const v = a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1));
    memo.set(key, v);
    return v;
  };
  return go(0, 0);
}

const smallLines = fc.array(fc.constantFrom('a', 'b', 'c', 'pages loaned 4', ''), { maxLength: 12 });

test('one changed line is one removed and one added line, in place', (t) => {
  const diff = lineDiff('sender: 4 pages loaned\nsink received 100 bytes\n', 'sender: 0 pages loaned\nsink received 100 bytes\n');
  t.deepEqual(diff, [
    { kind: 'removed', text: 'sender: 4 pages loaned', expectedLine: 1 },
    { kind: 'added', text: 'sender: 0 pages loaned', actualLine: 1 },
    { kind: 'same', text: 'sink received 100 bytes', expectedLine: 2, actualLine: 2 },
  ]);
});

test('an inserted line keeps the numbering of both sides', (t) => {
  const diff = lineDiff('a\nb\nc\n', 'a\nx\nb\nc\n');
  t.deepEqual(
    diff.map((d) => [d.kind, d.text, d.expectedLine, d.actualLine]),
    [
      ['same', 'a', 1, 1],
      ['added', 'x', undefined, 2],
      ['same', 'b', 2, 3],
      ['same', 'c', 3, 4],
    ],
  );
});

test('output lines: the final newline does not make an empty line, an empty text has none', (t) => {
  t.deepEqual(outputLines('a\nb\n'), ['a', 'b']);
  t.deepEqual(outputLines('a\n\n'), ['a', '']);
  t.deepEqual(outputLines(''), []);
});

test('property: dropping added lines gives the documented output, dropping removed ones the run', (t) => {
  fc.assert(
    fc.property(smallLines, smallLines, (a, b) => {
      const diff = diffLines(a, b);
      return (
        JSON.stringify(diff.filter((d) => d.kind !== 'added').map((d) => d.text)) === JSON.stringify(a) &&
        JSON.stringify(diff.filter((d) => d.kind !== 'removed').map((d) => d.text)) === JSON.stringify(b)
      );
    }),
  );
  t.pass();
});

test('property: the unchanged lines are a longest common subsequence', (t) => {
  fc.assert(
    fc.property(smallLines, smallLines, (a, b) => diffLines(a, b).filter((d) => d.kind === 'same').length === lcsLength(a, b)),
  );
  t.pass();
});

test('property: line numbers count each side from 1 in order', (t) => {
  fc.assert(
    fc.property(smallLines, smallLines, (a, b) => {
      const diff = diffLines(a, b);
      const left = diff.flatMap((d) => (d.expectedLine === undefined ? [] : [d.expectedLine]));
      const right = diff.flatMap((d) => (d.actualLine === undefined ? [] : [d.actualLine]));
      return left.every((n, i) => n === i + 1) && left.length === a.length && right.every((n, i) => n === i + 1) && right.length === b.length;
    }),
  );
  t.pass();
});

test('outputs too large for the table are still a correct diff, just not a minimal one', (t) => {
  const n = Math.ceil(Math.sqrt(LCS_MAX_CELLS)) + 10;
  const a = Array.from({ length: n }, (_, i) => `line ${i}`);
  const b = a.map((line, i) => (i % 2 === 0 ? line : `${line}!`));
  const diff = diffLines(a, b);
  t.deepEqual(diff.filter((d) => d.kind !== 'added').map((d) => d.text), a);
  t.deepEqual(diff.filter((d) => d.kind !== 'removed').map((d) => d.text), b);
  t.is(diff[0]?.kind, 'same', 'the common first line is still found');
});

test('hunks keep the context around changes and count what they leave out', (t) => {
  const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
  const b = [...a];
  b[10] = 'changed';
  const hunks = diffHunks(diffLines(a, b), 2);
  t.deepEqual(
    hunks.map((h) => (h.kind === 'skipped' ? `skip ${h.count}` : h.lines.map((l) => `${l.kind[0]}${l.text}`).join(' '))),
    ['skip 8', 'sl8 sl9 rl10 achanged sl11 sl12', 'skip 7'],
  );
  t.deepEqual(diffCounts(diffLines(a, b)), { removed: 1, added: 1 });
});

test('equal outputs have no changes and one skipped hunk', (t) => {
  const diff = lineDiff('a\nb\n', 'a\nb\n');
  t.deepEqual(diffCounts(diff), { removed: 0, added: 0 });
  t.deepEqual(diffHunks(diff, 2), [{ kind: 'skipped', count: 2 }]);
});
