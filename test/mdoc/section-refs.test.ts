// Every .Sx in our man pages names a section or subsection of its own page,
// so the link the renderer makes of it (#IOCTLS) lands somewhere.
import test from 'ava';
import fs from 'node:fs';
import path from 'node:path';
import { parseMdoc, sectionRefId, type MdocBlock, type MdocInline } from '../../src/mdoc/index.ts';
import { listManPages } from '../../scripts/lib/tools.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

function refs(blocks: readonly MdocBlock[], out: string[]): void {
  const inline = (nodes: readonly MdocInline[]): void => {
    for (const n of nodes) {
      if (n.type === 'macro' && n.macro === 'Sx') out.push(sectionRefId(n.children));
      if ('children' in n && Array.isArray(n.children)) inline(n.children as MdocInline[]);
    }
  };
  for (const b of blocks) {
    if (b.type === 'para') inline(b.children);
    else if (b.type === 'list') for (const item of b.items) { inline(item.head); item.cells.forEach(inline); refs(item.body, out); }
    else if (b.type === 'display' || b.type === 'fontblock' || b.type === 'subsection') refs(b.children, out);
  }
}

function ids(blocks: readonly MdocBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'subsection' ? [b.id, ...ids(b.children)] : []));
}

test('every .Sx names a section of its page', (t) => {
  let seen = 0;
  for (const file of listManPages(path.join(root, 'man'))) {
    const doc = parseMdoc(fs.readFileSync(file, 'utf8'), file);
    const known = new Set(doc.sections.flatMap((s) => [s.id, ...ids(s.children)]));
    const found: string[] = [];
    for (const s of doc.sections) refs(s.children, found);
    seen += found.length;
    for (const id of found) t.true(known.has(id), `${file}: .Sx ${id}`);
  }
  t.true(seen > 0, 'some page has a .Sx');
});
