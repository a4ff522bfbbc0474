// Shared helpers for the mdoc tests: a minimal page around a body, and the
// inline nodes of the first paragraph of DESCRIPTION.
import { inlineText, parseMdoc, type MdocBlock, type MdocDocument, type MdocInline } from '../../src/mdoc/index.ts';

export const PROLOGUE = '.Dd June 23, 2002\n.Dt TEST 9\n.Os\n.Sh NAME\n.Nm test\n.Nd testing things\n';

/** Parses `body` as the DESCRIPTION section of a small page. */
export function page(body: string): MdocDocument {
  return parseMdoc(`${PROLOGUE}.Sh DESCRIPTION\n${body}`, 'test.9');
}

/** Blocks of the DESCRIPTION section. */
export function description(body: string): MdocBlock[] {
  const section = page(body).sections.find((s) => s.id === 'DESCRIPTION');
  if (!section) throw new Error('no DESCRIPTION');
  return section.children;
}

/** Inline nodes of the first paragraph of DESCRIPTION. */
export function firstPara(body: string): MdocInline[] {
  const block = description(body)[0];
  if (block?.type !== 'para') throw new Error(`first block is ${block?.type ?? 'missing'}`);
  return block.children;
}

/** Plain text of the first paragraph, as a reader would see it. */
export function text(body: string): string {
  return inlineText(firstPara(body));
}
