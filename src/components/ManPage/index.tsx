// <ManPage doc xrefs />: a parsed mdoc page rendered like man.freebsd.org,
// with .Xr as Docusaurus links and samples as live editors.
import React from 'react';
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
// Same module as @site/src/components/Example; relative because tsconfig's
// inherited baseUrl points @site/* into node_modules for tsc.
import Example from '../Example/index.tsx';
import type { MdocBlock, MdocDocument } from '../../mdoc/index.ts';
import ManPageView from './ManPageView.tsx';
import type { XIndexAnchor } from './xindex.tsx';
import styles from './styles.module.css';

export interface ManPageProps {
  doc: MdocDocument;
  /** "zero_copy(9)" -> "/man/zero_copy.9", only for pages the site has. */
  xrefs: Readonly<Record<string, string>>;
  /** Cross-index blocks of this page (term anchors, "Live samples" lines). */
  anchors?: readonly XIndexAnchor[];
}

// Every section and subsection id, so that links like /man9/zero_copy#BUGS
// pass Docusaurus's broken-anchor check (ManPageView's headings are plain
// elements it cannot see); the cross-index's term ids are added the same way.
function anchorIds(doc: MdocDocument): string[] {
  const inBlocks = (blocks: readonly MdocBlock[]): string[] =>
    blocks.flatMap((b) => (b.type === 'subsection' ? [b.id, ...inBlocks(b.children)] : []));
  return doc.sections.flatMap((s) => [s.id, ...inBlocks(s.children)]);
}

export default function ManPage({ doc, xrefs, anchors }: ManPageProps): React.ReactElement {
  const brokenLinks = useBrokenLinks();
  for (const id of anchorIds(doc)) brokenLinks.collectAnchor(id);
  for (const a of anchors ?? []) for (const t of a.defines) brokenLinks.collectAnchor(t.id);
  return <ManPageView doc={doc} xrefs={xrefs} Link={Link} Example={Example} className={styles.manpage ?? ''} anchors={anchors ?? []} />;
}
