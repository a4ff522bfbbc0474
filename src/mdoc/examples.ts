// The live samples of a parsed page, in document order. Tooling compares
// them with examples/<slug>.ts and syncs the page when a sample changes.

import type { MdocBlock, MdocDocument, MdocExampleBlock } from './types.ts';

function collect(blocks: readonly MdocBlock[], out: MdocExampleBlock[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'example':
        out.push({ slug: block.slug, code: block.code, line: block.line });
        break;
      case 'list':
        for (const item of block.items) collect(item.body, out);
        break;
      case 'display': case 'fontblock': case 'subsection':
        collect(block.children, out);
        break;
      default:
        break;
    }
  }
}

/** Returns every `zcsim-example` block of `doc` with its slug, exact code and line. */
export function mdocExampleBlocks(doc: MdocDocument): MdocExampleBlock[] {
  const out: MdocExampleBlock[] = [];
  for (const section of doc.sections) collect(section.children, out);
  return out;
}
