// A line diff between the documented output (examples/<slug>.out) and what a
// run printed: the longest common subsequence of lines, as diff(1) finds it.
// Pure, no DOM, so the tests run it under Node.
//
//   const d = lineDiff('a\nb\n', 'a\nc\n');
//   // [{ kind: 'same', text: 'a', ... }, { kind: 'removed', text: 'b', ... }, { kind: 'added', text: 'c', ... }]
//   diffHunks(d, 2)   // the changes with up to 2 unchanged lines around each

export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffLine {
  readonly kind: DiffKind;
  readonly text: string;
  /** 1-based line in the documented output; absent for an added line. */
  readonly expectedLine?: number;
  /** 1-based line in the run's output; absent for a removed line. */
  readonly actualLine?: number;
}

/** One stretch of a diff: changed lines with their unchanged context, or a count of unchanged lines left out. */
export type DiffHunk = { readonly kind: 'lines'; readonly lines: readonly DiffLine[] } | { readonly kind: 'skipped'; readonly count: number };

/**
 * Above this many cells the LCS table is not built (it would take seconds and
 * hundreds of MB, e.g. for a sample that printed in a loop until stopped); the
 * differing middle is then shown as all removed, then all added.
 */
export const LCS_MAX_CELLS = 4_000_000;

/** Splits output text into lines; the newline after the last line does not start another. */
export function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines of `expected` and `actual` (texts), in order, each marked same, removed or added. */
export function lineDiff(expected: string, actual: string): DiffLine[] {
  return diffLines(outputLines(expected), outputLines(actual));
}

/** diffLines: the same for arrays of lines. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  // Common head and tail first: cheap, and it keeps the table small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i] ?? '', expectedLine: i + 1, actualLine: i + 1 });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  for (const line of middle(midA, midB)) {
    out.push({
      kind: line.kind,
      text: line.text,
      ...(line.i === undefined ? {} : { expectedLine: head + line.i + 1 }),
      ...(line.j === undefined ? {} : { actualLine: head + line.j + 1 }),
    });
  }
  for (let k = tail; k > 0; k--) {
    out.push({ kind: 'same', text: a[a.length - k] ?? '', expectedLine: a.length - k + 1, actualLine: b.length - k + 1 });
  }
  return out;
}

interface MidLine {
  kind: DiffKind;
  text: string;
  i?: number; // index in a
  j?: number; // index in b
}

// The LCS of a and b by dynamic programming over suffixes, then one walk
// from the top that prefers "same", then "removed" before "added".
function middle(a: readonly string[], b: readonly string[]): MidLine[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > LCS_MAX_CELLS) {
    return [...a.map((text, i) => ({ kind: 'removed' as const, text, i })), ...b.map((text, j) => ({ kind: 'added' as const, text, j }))];
  }
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width); // lcs[i*width+j]: LCS length of a[i..] and b[j..]
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const out: MidLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] ?? '', i, j });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      out.push({ kind: 'removed', text: a[i] ?? '', i });
      i++;
    } else {
      out.push({ kind: 'added', text: b[j] ?? '', j });
      j++;
    }
  }
  for (; i < n; i++) out.push({ kind: 'removed', text: a[i] ?? '', i });
  for (; j < m; j++) out.push({ kind: 'added', text: b[j] ?? '', j });
  return out;
}

/** How many lines were removed and added. */
export function diffCounts(diff: readonly DiffLine[]): { removed: number; added: number } {
  let removed = 0;
  let added = 0;
  for (const line of diff) {
    if (line.kind === 'removed') removed++;
    else if (line.kind === 'added') added++;
  }
  return { removed, added };
}

/**
 * Groups a diff for display: every changed line with up to `context`
 * unchanged lines on each side; longer unchanged runs become 'skipped'.
 */
export function diffHunks(diff: readonly DiffLine[], context: number): DiffHunk[] {
  const keep = diff.map(() => false);
  diff.forEach((line, k) => {
    if (line.kind === 'same') return;
    for (let c = Math.max(0, k - context); c <= Math.min(diff.length - 1, k + context); c++) keep[c] = true;
  });
  const hunks: DiffHunk[] = [];
  let k = 0;
  while (k < diff.length) {
    const start = k;
    const kept = keep[k] === true;
    while (k < diff.length && (keep[k] === true) === kept) k++;
    if (kept) hunks.push({ kind: 'lines', lines: diff.slice(start, k) });
    else hunks.push({ kind: 'skipped', count: k - start });
  }
  return hunks;
}
