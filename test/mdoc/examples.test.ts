import test from 'ava';
import fc from 'fast-check';
import { escapeMdocLiteral, mdocExampleBlocks, parseMdoc, unescapeMdocLiteral } from '../../src/mdoc/index.ts';
import { PROLOGUE } from './helpers.ts';

const withSample = (slug: string, escapedBody: string) =>
  `${PROLOGUE}.Sh EXAMPLES\nIntro.\n.\\" zcsim-example: ${slug}\n.Bd -literal -offset indent\n${escapedBody}.Ed\n`;

test('a tagged literal block becomes an example node with exact code', (t) => {
  const source = withSample('sysctl-zero-copy', "\\&.hidden = 'a\\eb';\nconsole.log(1);\n");
  const doc = parseMdoc(source, 'x.9');
  t.deepEqual(mdocExampleBlocks(doc), [{ slug: 'sysctl-zero-copy', code: ".hidden = 'a\\b';\nconsole.log(1);\n", line: 10 }]);
  t.like(doc.sections[1]?.children[1], { type: 'example', slug: 'sysctl-zero-copy', line: 10 });
});

test('an untagged literal block stays a display', (t) => {
  const doc = parseMdoc(`${PROLOGUE}.Sh EXAMPLES\n.Bd -literal\nx\n.Ed\n`, 'x.9');
  t.deepEqual(mdocExampleBlocks(doc), []);
  t.like(doc.sections[1]?.children[0], { type: 'display', kind: 'literal' });
});

test('examples inside lists and subsections are found in document order', (t) => {
  const doc = parseMdoc(
    `${PROLOGUE}.Sh EXAMPLES\n.Ss One\n.\\" zcsim-example: a\n.Bd -literal\n1\n.Ed\n.Bl -tag\n.It x\n.\\" zcsim-example: b\n.Bd -literal\n2\n.Ed\n.El\n`,
    'x.9',
  );
  t.deepEqual(mdocExampleBlocks(doc).map((b) => b.slug), ['a', 'b']);
});

test('escapeMdocLiteral escapes backslashes and leading control characters', (t) => {
  t.is(escapeMdocLiteral(".a\n'b\nc\\d\n"), "\\&.a\n\\&'b\nc\\ed\n");
});

const printable = fc.string({ unit: fc.constantFrom(...' abc.\'\\"&e-(){}\t;'.split('')), maxLength: 40 });

test('unescapeMdocLiteral(escapeMdocLiteral(s)) is s for any printable string', (t) => {
  fc.assert(
    fc.property(fc.array(printable, { maxLength: 8 }).map((lines) => lines.join('\n')), (code) => {
      return unescapeMdocLiteral(escapeMdocLiteral(code)) === code;
    }),
  );
  fc.assert(fc.property(fc.string(), (code) => unescapeMdocLiteral(escapeMdocLiteral(code)) === code));
  t.pass();
});

test('escaped code embedded in a page parses back to the same code', (t) => {
  const file = fc.array(printable, { maxLength: 8 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
  fc.assert(
    fc.property(file, (code) => {
      const [block] = mdocExampleBlocks(parseMdoc(withSample('demo', escapeMdocLiteral(code)), 'x.9'));
      return block?.code === code;
    }),
  );
  t.pass();
});

test('an escape that cannot be reproduced exactly in code is an error at its line', (t) => {
  t.throws(() => parseMdoc(withSample('demo', 'ok\nbad \\fB\n'), 'x.9'), { message: 'x.9:12: escape \\f cannot appear in a sample' });
});
