// The cross-index inside a man page: an anchor for each term a block defines
// (so /man9/jumbo#jumbo_pg_alloc lands on its paragraph) and, under the
// block, a "Live samples" line linking to the samples that use the term.
// The data comes from the site plugin (src/plugins/cross-index.ts).
import React, { createContext, useContext } from 'react';
import type { MdocDocument } from '../../mdoc/index.ts';
import { walkBlocks, type AnchorNode } from '../../mdoc/terms.ts';
import { SlotsContext } from './slots.ts';

export interface XIndexSample {
  slug: string;
  href: string;
  summary: string;
}

export interface XIndexTerm {
  key: string;
  id: string;
  samples: readonly XIndexSample[];
}

export interface XIndexAnchor {
  path: string;
  defines: readonly XIndexTerm[];
}

export const XIndexContext = createContext<ReadonlyMap<AnchorNode, XIndexAnchor> | null>(null);

/** Finds the blocks the anchors name, by the paths walkBlocks gives them. */
export function anchorsByNode(doc: MdocDocument, anchors: readonly XIndexAnchor[]): Map<AnchorNode, XIndexAnchor> {
  const byPath = new Map(anchors.map((a) => [a.path, a]));
  const out = new Map<AnchorNode, XIndexAnchor>();
  walkBlocks(doc, (node, path) => {
    const a = byPath.get(path);
    if (a !== undefined) out.set(node, a);
  });
  return out;
}

export function useXIndex(node: AnchorNode): XIndexAnchor | undefined {
  return useContext(XIndexContext)?.get(node);
}

/** Empty elements carrying the ids of the terms the block defines. */
export function TermAnchors({ anchor }: { anchor: XIndexAnchor | undefined }): React.ReactElement | null {
  if (anchor === undefined) return null;
  return <>{anchor.defines.map((t) => <span key={t.id} id={t.id} className="xindex-anchor" />)}</>;
}

function SampleLinks({ samples }: { samples: readonly XIndexSample[] }): React.ReactElement {
  const slots = useContext(SlotsContext);
  return (
    <>
      {samples.map((s, i) => (
        <React.Fragment key={s.slug}>
          {i > 0 ? ', ' : null}
          {slots ? (
            <slots.Link to={s.href} className="xindex-sample" title={s.summary}>{s.slug}</slots.Link>
          ) : (
            <a href={s.href} className="xindex-sample" title={s.summary}>{s.slug}</a>
          )}
        </React.Fragment>
      ))}
    </>
  );
}

/** "Live samples: a, b", or "Live samples for X: a; for Y: b" when the block's terms differ. */
export function SamplesLine({ anchor }: { anchor: XIndexAnchor | undefined }): React.ReactElement | null {
  if (anchor === undefined) return null;
  const used = anchor.defines.filter((t) => t.samples.length > 0);
  if (used.length === 0) return null;
  const same = used.length === anchor.defines.length && used.every((t) => t.samples.map((s) => s.slug).join() === used[0]?.samples.map((s) => s.slug).join());
  return (
    <p className="xindex" data-xindex={anchor.defines.map((t) => t.key).join(' ')}>
      <span className="xindex-label">Live samples</span>
      {same ? (
        <>: <SampleLinks samples={used[0]?.samples ?? []} /></>
      ) : (
        used.map((t, i) => (
          <React.Fragment key={t.key}>
            {i === 0 ? ' for ' : '; for '}
            <code>{t.key}</code>: <SampleLinks samples={t.samples} />
          </React.Fragment>
        ))
      )}
    </p>
  );
}
