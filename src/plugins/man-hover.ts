// The manual's own words for the editor's hover: for every function (.Fn),
// ioctl or constant (.Dv), option (.Cd), sysctl (.Va) and errno (.Er) the
// man pages document, the text of the entry that documents it and a link to
// it, so the editor and the manual never disagree. Built at site build time
// from the parsed pages (the same ones the site renders) and bundled into
// the TypeScript worker (src/components/Example/ts/ts.worker.ts).
//
// The entry for a name is the list item it heads (.It Dv TIIOCGETSTATS,
// .It Bq Er EPERM), or else the sentences that name it in the first
// paragraph after SYNOPSIS that mentions it; the link goes to the term's anchor where the page has one
// (definingBlocks, the cross-index's), else to the section it is in.
import type { MdocBlock, MdocDocument, MdocListItem } from '../mdoc/index.ts';
import { inlineText } from '../mdoc/index.ts';
import { anchorMentions, definingBlocks, walkBlocks, type AnchorNode } from '../mdoc/terms.ts';
import type { ManDoc } from '../components/Example/ts/protocol.ts';

/** The macros whose terms get hover text. */
const HOVER_MACROS: ReadonlySet<string> = new Set(['Fn', 'Dv', 'Cd', 'Va', 'Er']);
const PREAMBLE = new Set(['NAME', 'SYNOPSIS']);
/** Hover text past this many characters is cut at a word, with an ellipsis: the link has the rest. */
export const HOVER_TEXT_MAX_CHARS = 700;

function blocksText(blocks: readonly MdocBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'para': return inlineText(b.children);
        case 'list': return b.items.map(itemText).join(' ');
        case 'display': case 'fontblock': case 'subsection': return blocksText(b.children);
        default: return '';
      }
    })
    .filter((t) => t !== '')
    .join(' ');
}

function itemText(item: MdocListItem): string {
  const head = inlineText(item.head);
  const body = blocksText(item.body);
  return head === '' ? body : `${head}: ${body}`;
}

// A list item is the entry it heads, whole; in running text, the entry is
// the sentences that name the term (the paragraph around them is the link's).
function nodeText(node: AnchorNode, key: string): string {
  let text = ('type' in node ? inlineText(node.children) : itemText(node)).replace(/\s+/g, ' ').trim();
  if ('type' in node) {
    const naming = text.split(/(?<=[a-z0-9)\]]\.)\s+/).filter((sentence) => sentence.includes(key));
    if (naming.length > 0) text = naming.join(' ');
  }
  if (text.length <= HOVER_TEXT_MAX_CHARS) return text;
  const cut = text.slice(0, HOVER_TEXT_MAX_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), HOVER_TEXT_MAX_CHARS / 2))} …`;
}

function sectionTitle(doc: MdocDocument, sectionId: string): string {
  for (const s of doc.sections) {
    if (s.id === sectionId) return s.title;
    const stack: MdocBlock[] = [...s.children];
    while (stack.length > 0) {
      const b = stack.pop() as MdocBlock;
      if (b.type === 'subsection') {
        if (b.id === sectionId) return b.title;
        stack.push(...b.children);
      }
    }
  }
  return sectionId;
}

export interface ManHoverInput {
  manPages: Readonly<Record<string, MdocDocument>>;
  manRoutes: Readonly<Record<string, string>>;
  isOption: (name: string) => boolean;
}

/** name -> the manual's entries for it, in page order. */
export function buildManHover(input: ManHoverInput): Record<string, ManDoc[]> {
  const out: Record<string, ManDoc[]> = {};
  for (const [file, doc] of Object.entries(input.manPages)) {
    const route = input.manRoutes[file];
    if (route === undefined) continue;
    const page = `${file.replace(/\.[1-9]$/, '')}(${doc.section})`;
    const anchorOf = new Map<string, string>();
    for (const b of definingBlocks(doc, input.isOption)) for (const d of b.defines) anchorOf.set(d.key, d.id);
    // Per name: the list item it heads, else the first block that mentions it.
    const heads = new Map<string, { node: AnchorNode; sectionId: string }>();
    const firsts = new Map<string, { node: AnchorNode; sectionId: string }>();
    walkBlocks(doc, (node, path, sectionId) => {
      const top = doc.sections[Number(path.split('.')[0])]?.id ?? '';
      if (PREAMBLE.has(top)) return;
      if (!('type' in node)) {
        const head: { macro: string; key: string }[] = anchorMentions({ head: node.head, cells: [], body: [], line: node.line });
        for (const m of head) if (HOVER_MACROS.has(m.macro) && !heads.has(m.key)) heads.set(m.key, { node, sectionId });
      }
      for (const m of anchorMentions(node)) if (HOVER_MACROS.has(m.macro) && !firsts.has(m.key)) firsts.set(m.key, { node, sectionId });
    });
    for (const [key, first] of firsts) {
      const at = heads.get(key) ?? first;
      const anchor = anchorOf.get(key);
      const entry: ManDoc = {
        page,
        section: sectionTitle(doc, at.sectionId),
        text: nodeText(at.node, key),
        href: `${route}#${anchor ?? at.sectionId}`,
      };
      (out[key] ??= []).push(entry);
    }
  }
  return out;
}
