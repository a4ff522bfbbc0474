// The apropos database, built at site build time: one document per man page
// from its mdoc semantic index (the terms each macro marked, the section
// they sit in), and one per documented kernel option and per sysctl, from
// the kernel's own tables. See src/apropos/apropos.ts for the queries.
import type { AproposDoc, AproposEntry } from '../apropos/apropos.ts';
import type { MdocBlock, MdocDocument } from '../mdoc/index.ts';
import { definingBlocks, termKey } from '../mdoc/terms.ts';
import type { SysctlRow } from './sysctl-reference.ts';

export interface AproposInput {
  manPages: Readonly<Record<string, MdocDocument>>;
  manRoutes: Readonly<Record<string, string>>;
  isOption: (name: string) => boolean;
  /** The options page: route and, per documented option, its one-line description. */
  options: { route: string; descriptions: Readonly<Record<string, string>> };
  sysctls: { route: string; rows: readonly SysctlRow[] };
}

function subsections(blocks: readonly MdocBlock[]): { id: string; title: string }[] {
  return blocks.flatMap((b) => (b.type === 'subsection' ? [{ id: b.id, title: b.title }, ...subsections(b.children)] : []));
}

function manDoc(doc: MdocDocument, route: string, isOption: (name: string) => boolean): AproposDoc {
  const anchorOf = new Map<string, string>();
  for (const block of definingBlocks(doc, isOption)) for (const d of block.defines) anchorOf.set(d.key, d.id);
  const names = new Set(doc.names);
  const entries: AproposEntry[] = [];
  const seen = new Set<string>();
  const add = (key: string, value: string, href: string): void => {
    const id = `${key}\u0000${value}`;
    if (seen.has(id)) return; // first place wins: where the term is defined or first used
    seen.add(id);
    entries.push({ key, value, href, isName: (key === 'Nm' || key === 'Fn') && names.has(value) });
  };
  const at = (key: string): string => {
    const id = anchorOf.get(key);
    return id === undefined ? route : `${route}#${id}`;
  };
  for (const name of doc.names) add('Nm', name, at(name));
  add('Nd', doc.description, route);
  for (const s of doc.sections) {
    add('Sh', s.title, `${route}#${s.id}`);
    for (const ss of subsections(s.children)) add('Ss', ss.title, `${route}#${ss.id}`);
  }
  // Defined terms first, so that their entries link to their anchors.
  for (const e of doc.index) {
    const key = termKey(e.macro, e.value);
    if (anchorOf.has(key)) add(e.macro, e.value, at(key));
  }
  for (const e of doc.index) add(e.macro, e.value, e.sectionId === '' ? route : `${route}#${e.sectionId}`);
  return { names: doc.names, section: doc.section, description: doc.description, href: route, entries };
}

export function buildAproposDb(input: AproposInput): AproposDoc[] {
  const docs: AproposDoc[] = [];
  for (const [file, doc] of Object.entries(input.manPages)) {
    const route = input.manRoutes[file];
    if (route === undefined) throw new Error(`apropos: no route for man page ${file}`);
    docs.push(manDoc(doc, route, input.isOption));
  }
  for (const [name, description] of Object.entries(input.options.descriptions)) {
    const href = `${input.options.route}#${name}`;
    docs.push({
      names: [name], section: 'options', description, href,
      entries: [
        { key: 'Nm', value: name, href, isName: true },
        { key: 'Cd', value: `options ${name}`, href, isName: false },
        { key: 'Nd', value: description, href, isName: false },
      ],
    });
  }
  for (const row of input.sysctls.rows) {
    const href = `${input.sysctls.route}#${row.name}`;
    const description = row.descr === '' ? `(${row.type}, no description)` : row.descr;
    docs.push({
      names: [row.name], section: 'sysctl', description, href,
      entries: [
        { key: 'Nm', value: row.name, href, isName: true },
        { key: 'Va', value: row.name, href, isName: false },
        { key: 'Nd', value: description, href, isName: false },
      ],
    });
  }
  return docs;
}
