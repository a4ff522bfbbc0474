// Inline mdoc nodes as mandoc -Thtml writes them: <code class="Nm">,
// <var class="Fa">, <code class="Fn">foo</code>(<var class="Fa">..</var>), ...
import React, { useContext, type ReactNode } from 'react';
import type { InlineMacro, MdocInline } from '../../mdoc/index.ts';
import { sectionRefId } from '../../mdoc/inline.ts';
import { ENCLOSE_MARKS } from './marks.ts';
import { SlotsContext } from './slots.ts';

/** Element and class for each inline macro; mandoc uses <var> for variables, <code> for literals. */
const MACRO_TAGS: Record<InlineMacro, ['code' | 'var' | 'span' | 'b' | 'i', string]> = {
  An: ['span', 'An'], Ar: ['var', 'Ar'], Cd: ['code', 'Cd'], Cm: ['code', 'Cm'], Dv: ['code', 'Dv'],
  Em: ['i', 'Em'], Er: ['code', 'Er'], Ev: ['code', 'Ev'], Fa: ['var', 'Fa'], Fl: ['code', 'Fl'],
  Ft: ['var', 'Ft'], Ic: ['code', 'Ic'], Lb: ['span', 'Lb'], Li: ['code', 'Li'], Nd: ['span', 'Nd'],
  Nm: ['code', 'Nm'], Pa: ['span', 'Pa'], Sx: ['span', 'Sx'], Sy: ['b', 'Sy'], Tn: ['span', 'Tn'],
  Va: ['var', 'Va'], Vt: ['var', 'Vt'],
};

function Xr({ name, section }: { name: string; section: string }): React.ReactElement {
  const slots = useContext(SlotsContext);
  const label = section ? `${name}(${section})` : name;
  const to = slots?.xrefs[label];
  if (to === undefined || !slots) return <span className="Xr">{label}</span>;
  const { Link } = slots;
  return <Link to={to} className="Xr">{label}</Link>;
}

function Fn({ name, args, synopsis }: { name: string; args: readonly string[]; synopsis: boolean }): React.ReactElement {
  return (
    <>
      <code className="Fn">{name}</code>(
      {args.map((arg, i) => (
        <React.Fragment key={i}>
          {i > 0 ? ', ' : null}
          <var className="Fa">{arg}</var>
        </React.Fragment>
      ))}
      ){synopsis ? ';' : null}
    </>
  );
}

function one(node: MdocInline, key: number): ReactNode {
  switch (node.type) {
    case 'text': return node.value;
    case 'br': return <br key={key} />;
    case 'macro': {
      // .Sx names a section of this page: mandoc links it to the section's id (spaces become underscores).
      if (node.macro === 'Sx') {
        return <a key={key} className="Sx" href={`#${sectionRefId(node.children)}`}>{inlines(node.children)}</a>;
      }
      const [Tag, className] = MACRO_TAGS[node.macro];
      return <Tag key={key} className={className}>{inlines(node.children)}</Tag>;
    }
    case 'fn': return <Fn key={key} name={node.name} args={node.args} synopsis={node.synopsis} />;
    case 'include':
      return <code key={key} className="In">#include &lt;{node.header}&gt;</code>;
    case 'xr': return <Xr key={key} name={node.name} section={node.section} />;
    case 'enclose': {
      const [open, close] = ENCLOSE_MARKS[node.macro];
      const inner = inlines(node.children);
      return (
        <React.Fragment key={key}>
          {open}
          {node.macro === 'Ql' ? <code className="Li">{inner}</code> : node.macro === 'Op' ? <span className="Op">{inner}</span> : inner}
          {close}
        </React.Fragment>
      );
    }
    case 'os': return <span key={key} className="Ux">{node.text}</span>;
    case 'standard': return <span key={key} className="St">{node.text}</span>;
    case 'link': return <a key={key} className={node.macro} href={node.href}>{inlines(node.children)}</a>;
    case 'font': {
      const inner = inlines(node.children);
      if (node.font === 'B') return <b key={key}>{inner}</b>;
      if (node.font === 'I') return <i key={key}>{inner}</i>;
      return <span key={key} className="Li">{inner}</span>;
    }
  }
}

/** Renders a run of inline nodes. */
export function inlines(nodes: readonly MdocInline[]): ReactNode[] {
  return nodes.map(one);
}
