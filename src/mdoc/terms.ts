// Where a page defines its functions, ioctls, options and sysctls: the block
// (a paragraph or a list item) a reader lands on for each, which is where
// the cross-index puts its "Live samples" line and the term's anchor.
//
// A page defines a term when it lists it in NAME (.Nm), SYNOPSIS (.Fn, .Cd)
// or as the head of a list item (.It Dv TIIOCGETSTATS). The defining block is
// that list item, or else the first block after SYNOPSIS that mentions the
// term. Pure: used at build time by the site plugin and in the browser by
// the renderer, which find the same blocks by the same paths.

import type { MdocBlock, MdocDocument, MdocInline, MdocListItem } from './types.ts';

export type TermKind = 'function' | 'ioctl' | 'option' | 'sysctl';

/** A term as the cross-index and apropos know it: "jumbo_pg_alloc", "ZERO_COPY_SOCKETS". */
export interface TermMention {
  /** The mdoc macro that marked it: Fn, Dv, Va, Cd, Er. */
  macro: string;
  /** The name: .Cd "options X" and "device X" become X. */
  key: string;
}

export interface TermDef {
  key: string;
  kind: TermKind;
  /** HTML id of the term's anchor, mandoc style (spaces become underscores). */
  id: string;
}

/** A block that defines at least one term. */
export interface DefiningBlock {
  /** Position in the document, see walkBlocks. */
  path: string;
  sectionId: string;
  defines: TermDef[];
  /** Every term the block mentions, the defined ones included. */
  mentions: TermMention[];
}

/** A block the cross-index can attach to: a paragraph or a list item. */
export type AnchorNode = Extract<MdocBlock, { type: 'para' }> | MdocListItem;

/** Macros whose terms the cross-index matches against samples. */
const MENTION_MACROS: ReadonlySet<string> = new Set(['Fn', 'Dv', 'Va', 'Cd', 'Er', 'Nm']);
const IOCTL = /^(TIIOC|ALT_)[A-Z_]+$/;
const SYSCTL = /^[a-z]+(\.[a-z0-9_]+)+$/;

/** "options ZERO_COPY_SOCKETS" -> "ZERO_COPY_SOCKETS"; other values unchanged. */
export function termKey(macro: string, value: string): string {
  if (macro === 'Cd') return value.replace(/^(options|device)\s+/, '').replace(/=.*$/, '');
  return value;
}

/** What kind of term `key` is, or null if the cross-index does not track it. */
export function termKind(macro: string, key: string, isOption: (name: string) => boolean): TermKind | null {
  if (macro === 'Fn') return 'function';
  if (macro === 'Nm') return null; // a name is a function only if SYNOPSIS has its .Fn
  if ((macro === 'Dv' || macro === 'Cd') && isOption(key)) return 'option';
  if (macro === 'Dv' && IOCTL.test(key)) return 'ioctl';
  if (macro === 'Va' && SYSCTL.test(key)) return 'sysctl';
  return null;
}

/** The anchor id of a term. */
export function termId(key: string): string {
  return key.replace(/\s+/g, '_');
}

function inlineMentions(nodes: readonly MdocInline[], out: TermMention[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'fn': out.push({ macro: 'Fn', key: node.name }); break;
      case 'macro':
        if (MENTION_MACROS.has(node.macro)) {
          const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
          out.push({ macro: node.macro, key: termKey(node.macro, text) });
        } else {
          inlineMentions(node.children, out);
        }
        break;
      case 'enclose': case 'font': case 'link': inlineMentions(node.children, out); break;
      default: break;
    }
  }
}

function blockMentions(blocks: readonly MdocBlock[], out: TermMention[]): void {
  for (const block of blocks) {
    switch (block.type) {
      case 'para': inlineMentions(block.children, out); break;
      case 'list': for (const item of block.items) itemMentions(item, out); break;
      case 'display': case 'fontblock': case 'subsection': blockMentions(block.children, out); break;
      default: break;
    }
  }
}

function itemMentions(item: MdocListItem, out: TermMention[]): void {
  inlineMentions(item.head, out);
  for (const cell of item.cells) inlineMentions(cell, out);
  blockMentions(item.body, out);
}

/** The terms a paragraph or list item mentions, in order. */
export function anchorMentions(node: AnchorNode): TermMention[] {
  const out: TermMention[] = [];
  if ('type' in node) inlineMentions(node.children, out);
  else itemMentions(node, out);
  return out;
}

/**
 * Calls `visit` for every paragraph and list item in document order with
 * its path: section index, then block indexes down the tree, joined by '.'
 * (list items add their item index). A list item is visited as a whole;
 * paragraphs inside it are not visited on their own.
 */
export function walkBlocks(doc: MdocDocument, visit: (node: AnchorNode, path: string, sectionId: string) => void): void {
  const walk = (blocks: readonly MdocBlock[], prefix: string, sectionId: string): void => {
    blocks.forEach((block, i) => {
      const path = `${prefix}.${i}`;
      switch (block.type) {
        case 'para': visit(block, path, sectionId); break;
        case 'list': block.items.forEach((item, k) => visit(item, `${path}.${k}`, sectionId)); break;
        case 'display': case 'fontblock': walk(block.children, path, sectionId); break;
        case 'subsection': walk(block.children, path, block.id); break;
        default: break;
      }
    });
  };
  doc.sections.forEach((section, i) => walk(section.children, String(i), section.id));
}

const PREAMBLE_SECTIONS = new Set(['NAME', 'SYNOPSIS']);

/** The blocks of `doc` that define a term, each with what it defines and mentions. */
export function definingBlocks(doc: MdocDocument, isOption: (name: string) => boolean): DefiningBlock[] {
  const defined = new Map<string, TermKind>(); // key -> kind, in order of definition
  const heads = new Map<string, string>(); // key -> path of the list item it heads
  const define = (m: TermMention): void => {
    const kind = termKind(m.macro, m.key, isOption);
    if (kind !== null && !defined.has(m.key)) defined.set(m.key, kind);
  };
  const blocks: { node: AnchorNode; path: string; sectionId: string; mentions: TermMention[]; top: string }[] = [];
  walkBlocks(doc, (node, path, sectionId) => {
    const top = doc.sections[Number(path.split('.')[0])]?.id ?? '';
    const mentions = anchorMentions(node);
    blocks.push({ node, path, sectionId, mentions, top });
    if (PREAMBLE_SECTIONS.has(top)) {
      // NAME's .Nm entries are names, not terms: SYNOPSIS's .Fn and .Cd define them.
      if (top === 'SYNOPSIS') mentions.forEach(define);
      return;
    }
    if (!('type' in node)) {
      const head: TermMention[] = [];
      inlineMentions(node.head, head);
      for (const m of head) {
        define(m);
        if (!heads.has(m.key)) heads.set(m.key, path);
      }
    }
  });
  const byPath = new Map<string, DefiningBlock>();
  const sectionIds = new Set(doc.sections.map((s) => s.id));
  for (const [key, kind] of defined) {
    const path = heads.get(key) ?? blocks.find((b) => !PREAMBLE_SECTIONS.has(b.top) && b.mentions.some((m) => m.key === key))?.path;
    if (path === undefined) continue;
    const b = blocks.find((x) => x.path === path);
    if (b === undefined) continue;
    let entry = byPath.get(path);
    if (entry === undefined) {
      entry = { path, sectionId: b.sectionId, defines: [], mentions: b.mentions };
      byPath.set(path, entry);
    }
    const id = termId(key);
    entry.defines.push({ key, kind, id: sectionIds.has(id) ? `term-${id}` : id });
  }
  // Document order, as a reader meets them.
  return blocks.flatMap((b) => byPath.get(b.path) ?? []);
}
