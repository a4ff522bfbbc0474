// Block mdoc nodes: paragraphs, lists, displays, samples, subsections.
import React, { useContext, type ReactNode } from 'react';
import type { MdocBlock, MdocReference } from '../../mdoc/index.ts';
import { inlines } from './Inline.tsx';
import Heading from './Heading.tsx';
import { SlotsContext } from './slots.ts';
import { SamplesLine, TermAnchors, useXIndex } from './xindex.tsx';

type ListBlock = Extract<MdocBlock, { type: 'list' }>;
type DisplayBlock = Extract<MdocBlock, { type: 'display' }>;
type ParaBlock = Extract<MdocBlock, { type: 'para' }>;
type ListItem = ListBlock['items'][number];

function offsetClass(offset: string): string {
  return offset === '' ? '' : offset === 'indent' || offset === 'indent-two' ? ` Bd-${offset === 'indent' ? 'indent' : 'indent-two'}` : ' Bd-indent';
}

// A list item's body, with the cross-index's term anchors before it and its
// "Live samples" line after it.
function ItemBody({ item }: { item: ListItem }): React.ReactElement {
  const anchor = useXIndex(item);
  return <>{blocks(item.body, true)}<SamplesLine anchor={anchor} /></>;
}

function ItemAnchors({ item }: { item: ListItem }): React.ReactElement {
  return <TermAnchors anchor={useXIndex(item)} />;
}

function List({ list }: { list: ListBlock }): React.ReactElement {
  const cls = `Bl-${list.kind}${list.compact ? ' Bl-compact' : ''}${offsetClass(list.offset)}`;
  if (list.kind === 'column') {
    return (
      <table className={cls}><tbody>
        {list.items.map((item, i) => (
          <tr key={i}>{item.cells.map((cell, j) => <td key={j}>{j === 0 ? <ItemAnchors item={item} /> : null}{inlines(cell)}</td>)}</tr>
        ))}
      </tbody></table>
    );
  }
  if (list.kind === 'bullet' || list.kind === 'dash' || list.kind === 'hyphen' || list.kind === 'enum') {
    const items = list.items.map((item, i) => <li key={i}><ItemAnchors item={item} /><ItemBody item={item} /></li>);
    return list.kind === 'enum' ? <ol className={cls}>{items}</ol> : <ul className={cls}>{items}</ul>;
  }
  if (list.kind === 'item') {
    return <div className={cls}>{list.items.map((item, i) => <div key={i} className="It"><ItemAnchors item={item} /><ItemBody item={item} /></div>)}</div>;
  }
  return (
    <dl className={cls}>
      {list.items.map((item, i) => (
        <React.Fragment key={i}>
          <dt><ItemAnchors item={item} />{inlines(item.head)}</dt>
          <dd><ItemBody item={item} /></dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

function Para({ node, first }: { node: ParaBlock; first: boolean }): React.ReactElement {
  const anchor = useXIndex(node);
  const p = <p className={first ? undefined : 'Pp'}><TermAnchors anchor={anchor} />{inlines(node.children)}</p>;
  return anchor === undefined ? p : <>{p}<SamplesLine anchor={anchor} /></>;
}

function Display({ display }: { display: DisplayBlock }): React.ReactElement {
  const literal = display.kind === 'literal' || display.kind === 'unfilled';
  const cls = `Bd${display.compact ? '' : ' Pp'}${offsetClass(display.offset)}${display.kind === 'literal' ? ' Li' : ''}`;
  if (!literal) return <div className={cls}>{blocks(display.children, true)}</div>;
  return (
    <div className={cls}>
      <pre className="Li">
        {display.children.map((child, i) =>
          child.type === 'para' ? <React.Fragment key={i}>{inlines(child.children)}{'\n'}</React.Fragment> : block(child, i, false),
        )}
      </pre>
    </div>
  );
}

function Reference({ ref }: { ref: MdocReference }): React.ReactElement {
  const parts: ReactNode[] = [];
  if (ref.authors.length > 0) parts.push(<span key="A" className="RsA">{ref.authors.join(', ').replace(/, ([^,]*)$/, ref.authors.length > 1 ? ' and $1' : ', $1')}</span>);
  const title = ref.fields['T'];
  if (title !== undefined) parts.push(<span key="T" className="RsT">{title}</span>);
  for (const letter of ['B', 'J', 'R', 'I', 'V', 'N', 'P', 'Q', 'D', 'O'] as const) {
    const value = ref.fields[letter];
    if (value !== undefined) parts.push(letter === 'B' || letter === 'J' ? <i key={letter} className={`Rs${letter}`}>{value}</i> : <span key={letter} className={`Rs${letter}`}>{value}</span>);
  }
  const url = ref.fields['U'];
  if (url !== undefined) parts.push(<a key="U" className="RsU" href={url}>{url}</a>);
  return <p className="Pp Rs">{parts.flatMap((part, i) => (i > 0 ? [', ', part] : [part]))}.</p>;
}

function Sample({ slug, code }: { slug: string; code: string }): React.ReactElement {
  const slots = useContext(SlotsContext);
  if (!slots) return <pre className="Li">{code}</pre>;
  const { Example } = slots;
  return <div className="Bd Pp Bd-indent zcsim-example"><Example slug={slug} code={code} /></div>;
}

function block(node: MdocBlock, key: number, first: boolean): ReactNode {
  switch (node.type) {
    case 'para':
      return <Para key={key} node={node} first={first} />;
    case 'list': return <List key={key} list={node} />;
    case 'display': return <Display key={key} display={node} />;
    case 'example': return <Sample key={key} slug={node.slug} code={node.code} />;
    case 'reference': return <Reference key={key} ref={node.ref} />;
    case 'fontblock': {
      const inner = blocks(node.children, first);
      if (node.font === 'Em') return <i key={key} className="Bf Em">{inner}</i>;
      if (node.font === 'Sy') return <b key={key} className="Bf Sy">{inner}</b>;
      return <span key={key} className="Bf Li">{inner}</span>;
    }
    case 'subsection':
      return (
        <section key={key} className="Ss">
          <Heading level="Ss" id={node.id} title={node.title} />
          {blocks(node.children, false)}
        </section>
      );
  }
}

/** Renders blocks; in list items the first paragraph sits on the item's own line (no Pp gap). */
export function blocks(nodes: readonly MdocBlock[], firstTight: boolean): ReactNode[] {
  return nodes.map((node, i) => block(node, i, firstTight && i === 0));
}
