// Which lines of a run's output differ from the documented output: a line
// diff (lineDiff.ts) shown as diff(1) would, "-" for a documented line the run
// did not print and "+" for a line it printed instead, with the line numbers.
// The marks are text, the lines are <del>/<ins>, and a screen reader hears
// what each changed line is, so the diff does not depend on colour.
import React from 'react';
import { diffCounts, diffHunks, lineDiff, type DiffLine } from './lineDiff.ts';
import styles from './styles.module.css';

/** Unchanged lines shown around each change. */
const CONTEXT_LINES = 2;

function Line({ line }: { line: DiffLine }): React.ReactElement {
  const number = line.kind === 'added' ? line.actualLine : line.expectedLine;
  const mark = line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' ';
  const text = `${mark} ${String(number ?? '').padStart(3)}  ${line.text}\n`;
  if (line.kind === 'added') {
    return (
      <ins className={styles.diffAdded} data-diff="added">
        <span className={styles.srOnly}>printed instead, line {number}: </span>
        {text}
      </ins>
    );
  }
  if (line.kind === 'removed') {
    return (
      <del className={styles.diffRemoved} data-diff="removed">
        <span className={styles.srOnly}>documented but not printed, line {number}: </span>
        {text}
      </del>
    );
  }
  return <span data-diff="same">{text}</span>;
}

export default function OutputDiff({ expected, actual }: { expected: string; actual: string }): React.ReactElement | null {
  if (expected === actual) return null;
  const diff = lineDiff(expected, actual);
  const { removed, added } = diffCounts(diff);
  const hunks = diffHunks(diff, CONTEXT_LINES);
  return (
    <section className={styles.diff} data-output-diff aria-label="Differences from the documented output">
      <div className={styles.diffTitle} data-diff-summary>
        Differences from the documented output: {removed} documented line{removed === 1 ? '' : 's'} not printed (-),{' '}
        {added} line{added === 1 ? '' : 's'} printed instead (+)
        {removed === 0 && added === 0 ? ' (the lines are the same; the final newline differs)' : ''}
      </div>
      <pre className={styles.diffText}>
        {hunks.map((hunk, k) =>
          hunk.kind === 'skipped' ? (
            <span key={k} className={styles.diffSkipped} data-diff="skipped">
              {`  … ${hunk.count} unchanged line${hunk.count === 1 ? '' : 's'}\n`}
            </span>
          ) : (
            hunk.lines.map((line, j) => <Line key={`${k}-${j}`} line={line} />)
          ),
        )}
      </pre>
    </section>
  );
}
