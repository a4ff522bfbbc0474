// Rewrites the live-sample blocks of an mdoc source so each holds the current
// code of its sample: the tooling side of `.\" zcsim-example: <slug>`.
// Everything outside the blocks is kept byte for byte.

import { EXAMPLE_TAG } from './example-block.ts';
import { escapeMdocLiteral } from './literal.ts';

const END = /^[.']\s*Ed\s*$/;

/**
 * Returns `source` with the body of every tagged block replaced by the
 * escaped `samples[slug]` (code ending in a newline, as files do). Slugs
 * without a sample are left alone and listed in `missing`.
 */
export function syncMdocExamples(
  source: string,
  samples: Readonly<Record<string, string>>,
): { source: string; missing: string[] } {
  const lines = source.split('\n');
  const out: string[] = [];
  const missing: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    out.push(line);
    const slug = EXAMPLE_TAG.exec(line)?.[1];
    if (!slug || !/^[.']\s*Bd\b/.test(lines[i + 1] ?? '')) continue;
    const code = samples[slug];
    if (code === undefined) {
      missing.push(slug);
      continue;
    }
    out.push(lines[i + 1] ?? '');
    let end = i + 2;
    while (end < lines.length && !END.test(lines[end] ?? '')) end += 1;
    const body = escapeMdocLiteral(code.endsWith('\n') ? code.slice(0, -1) : code);
    if (code !== '') out.push(...body.split('\n'));
    i = end - 1;
  }
  return { source: out.join('\n'), missing };
}
