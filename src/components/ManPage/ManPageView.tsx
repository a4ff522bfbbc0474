// The whole page: header table, sections, footer table. Docusaurus-free, so
// it renders under Node too; index.tsx binds the site's Link and Example.
import React, { useMemo } from 'react';
import type { MdocDocument } from '../../mdoc/index.ts';
import { blocks } from './Blocks.tsx';
import { Foot, Head } from './HeadFoot.tsx';
import Heading from './Heading.tsx';
import { SlotsContext, type ExampleComponent, type LinkComponent } from './slots.ts';
import { XIndexContext, anchorsByNode, type XIndexAnchor } from './xindex.tsx';

export interface ManPageViewProps {
  doc: MdocDocument;
  /** "name(section)" -> site path; .Xr to anything else renders as plain text. */
  xrefs: Readonly<Record<string, string>>;
  Link: LinkComponent;
  Example: ExampleComponent;
  className?: string;
  /** The cross-index's blocks for this page: term anchors and "Live samples" lines. */
  anchors?: readonly XIndexAnchor[];
}

export default function ManPageView({ doc, xrefs, Link, Example, className, anchors }: ManPageViewProps): React.ReactElement {
  const byNode = useMemo(() => anchorsByNode(doc, anchors ?? []), [doc, anchors]);
  return (
    <SlotsContext.Provider value={{ Link, Example, xrefs }}>
    <XIndexContext.Provider value={byNode}>
      <div className={className ? `manpage ${className}` : 'manpage'}>
        <Head doc={doc} />
        <div className="manual-text">
          {doc.sections.map((section) => (
            <section key={section.id} className="Sh">
              <Heading level="Sh" id={section.id} title={section.title} />
              {blocks(section.children, false)}
            </section>
          ))}
        </div>
        <Foot doc={doc} />
      </div>
    </XIndexContext.Provider>
    </SlotsContext.Provider>
  );
}
