// Reads a live-sample block: the `.\\" zcsim-example: <slug>` comment, the
// `.Bd -literal` right after it, and the raw lines up to `.Ed`. The lines are
// not parsed as mdoc; they are unescaped exactly (see literal.ts) so the
// code equals the examples/<slug>.ts file it was copied from.

import { unescapeMdocLiteral } from './literal.ts';
import { tokenize } from './tokenize.ts';
import type { MdocExampleBlock } from './types.ts';

export const EXAMPLE_TAG = /^[.']\\"\s*zcsim-example:\s*(\S*)\s*$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const BD_LINE = /^[.']\s*Bd(?:\s+(.*))?$/;
const ED_LINE = /^[.']\s*Ed\s*$/;

/** A sample block and the 0-based index of its `.Ed` line. */
export interface ExampleRead {
  block: MdocExampleBlock;
  endIndex: number;
}

/**
 * Reads the sample whose tag comment is at `lines[tagIndex]`. Calls `fail`
 * (which throws) with a 1-based line number when the tag is malformed, not
 * followed by `.Bd -literal`, never closed, or holds an inexact escape.
 */
export function readExampleBlock(
  lines: readonly string[],
  tagIndex: number,
  fail: (line: number, message: string) => never,
): ExampleRead {
  const slug = EXAMPLE_TAG.exec(lines[tagIndex] ?? '')?.[1] ?? '';
  if (!SLUG.test(slug)) fail(tagIndex + 1, `zcsim-example tag needs a slug of a-z, 0-9 and -, got "${slug}"`);
  const bd = BD_LINE.exec(lines[tagIndex + 1] ?? '');
  const options = bd ? tokenize(bd[1] ?? '', (m) => fail(tagIndex + 2, m)).map((t) => t.raw) : [];
  if (!options.includes('-literal')) fail(tagIndex + 1, `zcsim-example: ${slug} must be followed by .Bd -literal`);
  const start = tagIndex + 2;
  let end = start;
  while (end < lines.length && !ED_LINE.test(lines[end] ?? '')) end += 1;
  if (end >= lines.length) fail(lines.length, `unclosed .Bd opened at line ${tagIndex + 2}`);
  const body = lines.slice(start, end).map((l) => `${l}\n`).join('');
  const code = unescapeMdocLiteral(body, (index, message) => fail(start + 1 + index, message));
  return { block: { slug, code, line: tagIndex + 2 }, endIndex: end };
}
