// What one man page's route needs, written at build time as a JSON module of
// its own (@generated/zcsim-content/default/man-<file>.json) and imported by
// that page's MDX file only, so a page's first load carries its own man
// page and not every page's: the parsed page, its cross-index blocks (with
// each sample's summary, for the links' titles) and its table of contents
// (the .Sh and .Ss headings), which the MDX file exports as its `toc` so the
// page gets the same right-hand table of contents as the other pages.
import type { MdocBlock, MdocDocument } from '../mdoc/index.ts';
import type { CrossIndex } from './cross-index.ts';
import type { XIndexAnchor } from '../components/ManPage/xindex.tsx';

/** An entry of Docusaurus's table of contents. */
export interface TocItem {
  readonly value: string;
  readonly id: string;
  readonly level: number;
}

export interface ManPageData {
  readonly doc: MdocDocument;
  readonly anchors: readonly XIndexAnchor[];
  readonly toc: readonly TocItem[];
}

/** The module name of a page's data: "man-zero_copy.9.json". */
export function manPageDataName(file: string): string {
  return `man-${file}.json`;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** .Sh headings at level 2, .Ss at level 3 (deeper .Ss nesting stays at 3), in page order. */
export function manToc(doc: MdocDocument): TocItem[] {
  const subsections = (blocks: readonly MdocBlock[]): TocItem[] =>
    blocks.flatMap((b) => (b.type === 'subsection' ? [{ value: escapeHtml(b.title), id: b.id, level: 3 }, ...subsections(b.children)] : []));
  return doc.sections.flatMap((s) => [{ value: escapeHtml(s.title), id: s.id, level: 2 }, ...subsections(s.children)]);
}

export function manPageData(file: string, doc: MdocDocument, crossIndex: CrossIndex): ManPageData {
  const anchors = (crossIndex.anchors[file] ?? []).map((a) => ({
    ...a,
    defines: a.defines.map((t) => ({
      ...t,
      samples: t.samples.map((s) => ({ ...s, summary: crossIndex.samples[s.slug]?.summary ?? '' })),
    })),
  }));
  return { doc, anchors, toc: manToc(doc) };
}
