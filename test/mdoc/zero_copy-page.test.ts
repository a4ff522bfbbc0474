import test from 'ava';
import fs from 'node:fs';
import { inlineText, mdocExampleBlocks, parseMdoc, syncMdocExamples } from '../../src/mdoc/index.ts';

const FILE = 'man/man9/zero_copy.9';
const source = fs.readFileSync(FILE, 'utf8');

test('zero_copy(9) parses with its prologue and every expected section', (t) => {
  const doc = parseMdoc(source, FILE);
  t.like(doc, { title: 'ZERO_COPY', section: '9', date: 'June 23, 2002', os: 'FreeBSD 5.0', volume: "FreeBSD Kernel Developer's Manual" });
  t.deepEqual(doc.names, ['zero_copy', 'zero_copy_sockets']);
  t.is(doc.description, 'zero copy sockets code');
  t.deepEqual(doc.sections.map((s) => s.id), ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'IMPLEMENTATION_NOTES', 'EXAMPLES', 'SEE_ALSO', 'HISTORY', 'AUTHORS', 'BUGS']);
});

test('zero_copy(9) documents the option, both sysctls and its references', (t) => {
  const doc = parseMdoc(source, FILE);
  const terms = doc.index.map((e) => `${e.macro}:${e.value}`);
  t.true(terms.includes('Cd:options ZERO_COPY_SOCKETS'));
  t.true(terms.includes('Va:kern.ipc.zero_copy.send'));
  t.true(terms.includes('Va:kern.ipc.zero_copy.receive'));
  t.true(terms.includes('Dv:SO_SNDBUF'));
  const seeAlso = doc.xrefs.filter((x) => x.line > (doc.sections.find((s) => s.id === 'SEE_ALSO')?.line ?? 0));
  t.deepEqual(seeAlso.map((x) => `${x.name}(${x.section})`), ['sendfile(2)', 'socket(2)', 'ti(4)', 'jumbo(9)']);
  const authors = doc.sections.find((s) => s.id === 'AUTHORS')?.children[0];
  t.regex(authors?.type === 'para' ? inlineText(authors.children) : '', /Andrew Gallatin <gallatin@FreeBSD.org>.*Kenneth Merry <ken@FreeBSD.org>\.$/);
});

test('zero_copy(9) embeds its six live samples, in sync with examples/ when they exist', (t) => {
  const blocks = mdocExampleBlocks(parseMdoc(source, FILE));
  t.deepEqual(blocks.map((b) => b.slug), ['sysctl-zero-copy', 'config-error', 'zc-send-aligned', 'zc-cow-reuse', 'zc-shared-mmap', 'zc-receive-rules']);
  for (const block of blocks) {
    const path = `examples/${block.slug}.ts`;
    if (fs.existsSync(path)) t.is(block.code, fs.readFileSync(path, 'utf8'), `${FILE}:${block.line} differs from ${path}`);
  }
});

test('syncMdocExamples rewrites only the sample bodies and round-trips through the parser', (t) => {
  const samples = {
    'sysctl-zero-copy': "import x from 'zcsim';\n.x\\y\n",
    'config-error': '',
    'zc-send-aligned': 'a\n',
    'zc-cow-reuse': 'b\n',
    'zc-shared-mmap': 'c\n',
    'zc-receive-rules': 'd\n',
  };
  const synced = syncMdocExamples(source, samples);
  t.deepEqual(synced.missing, []);
  const blocks = mdocExampleBlocks(parseMdoc(synced.source, FILE));
  t.deepEqual(blocks.map((b) => b.code), Object.values(samples));
  t.is(syncMdocExamples(synced.source, samples).source, synced.source);
});

test('the parsed page survives JSON, as it must to reach the browser', (t) => {
  const doc = parseMdoc(source, FILE);
  t.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
});
