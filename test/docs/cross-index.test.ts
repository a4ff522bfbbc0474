// The two halves of the cross-index on their own: what a sample's code
// uses, and where a man page defines its terms.
import test from 'ava';
import { sampleIdentifiers, sampleSummary, zcsimImports } from '../../src/plugins/sample-terms.ts';
import { definingBlocks, termKey, termKind } from '../../src/mdoc/terms.ts';
import { parseMdoc } from '../../src/mdoc/index.ts';

const known = {
  options: new Set(['ZERO_COPY_SOCKETS', 'TI_JUMBO_HDRSPLIT', 'MSIZE', 'INET']),
  sysctls: ['kern', 'kern.ipc', 'kern.ipc.zero_copy', 'kern.ipc.zero_copy.receive', 'kern.ipc.zero_copy.send', 'net.inet.tcp.rfc1323'],
};

test('zcsimImports reads the import list, skipping type imports and following `as`', (t) => {
  const code = "import {\n  boot, GENERIC, type Kernel,\n  jumbo_pg_alloc as alloc,\n} from 'zcsim';\nimport fs from 'node:fs';\n";
  t.deepEqual(zcsimImports(code), ['boot', 'GENERIC', 'jumbo_pg_alloc']);
});

test('sampleIdentifiers finds options in configuration text and hasOption calls', (t) => {
  const code = "import { boot } from 'zcsim';\nboot(`${GENERIC}options ZERO_COPY_SOCKETS\\noptions MSIZE=512\\noptions NOSUCH\\n`);\nk.hasOption('TI_JUMBO_HDRSPLIT');\n";
  const ids = sampleIdentifiers(code, known);
  t.true(ids.has('ZERO_COPY_SOCKETS') && ids.has('MSIZE') && ids.has('TI_JUMBO_HDRSPLIT'));
  t.false(ids.has('NOSUCH'), 'config(8) knows no such option');
  t.false(ids.has('INET'), 'GENERIC is not read: only what the sample writes');
});

test('sampleIdentifiers finds quoted sysctl names; a node stands for the leaves below it', (t) => {
  const ids = sampleIdentifiers("k.sysctl('net.inet.tcp.rfc1323', 0); k.sysctlList('kern.ipc.zero_copy'); k.sysctl('kern.ipc.zero_copy.sned');", known);
  t.deepEqual([...ids].sort(), ['kern.ipc.zero_copy', 'kern.ipc.zero_copy.receive', 'kern.ipc.zero_copy.send', 'net.inet.tcp.rfc1323']);
});

test('sampleIdentifiers finds ti(4) ioctl names wherever they appear', (t) => {
  const ids = sampleIdentifiers('// see TIIOCGETSTATS\nconst x = if_tireg.ALT_READ_TG_MEM;', known);
  t.deepEqual([...ids].sort(), ['ALT_READ_TG_MEM', 'TIIOCGETSTATS']);
});

test('sampleSummary is the first sentence of the opening comment', (t) => {
  t.is(sampleSummary('// The pool: 3072 slots. More text\n// here.\nimport x;'), 'The pool: 3072 slots.');
  t.is(sampleSummary('// Which writes go out zero copy? Four cases.\n'), 'Which writes go out zero copy?');
  t.is(sampleSummary('import x;\n'), '');
});

test('termKey and termKind classify what the cross-index tracks', (t) => {
  t.is(termKey('Cd', 'options ZERO_COPY_SOCKETS'), 'ZERO_COPY_SOCKETS');
  t.is(termKey('Cd', 'options MSIZE=512'), 'MSIZE');
  const isOption = (n: string) => known.options.has(n);
  t.is(termKind('Fn', 'jumbo_pg_alloc', isOption), 'function');
  t.is(termKind('Dv', 'TIIOCGETSTATS', isOption), 'ioctl');
  t.is(termKind('Dv', 'ZERO_COPY_SOCKETS', isOption), 'option');
  t.is(termKind('Va', 'kern.ipc.zero_copy.send', isOption), 'sysctl');
  t.is(termKind('Va', 'socow_stats', isOption), null);
  t.is(termKind('Dv', 'NULL', isOption), null);
  t.is(termKind('Nm', 'jumbo', isOption), null);
});

const PAGE = `.Dd June 23, 2002
.Dt DEMO 9
.Os
.Sh NAME
.Nm demo ,
.Nm demo_alloc
.Nd a page to test with
.Sh SYNOPSIS
.Cd "options ZERO_COPY_SOCKETS"
.Ft int
.Fn demo_alloc void
.Sh DESCRIPTION
Nothing here names a term.
.Pp
.Fn demo_alloc
allocates; see
.Dv ZERO_COPY_SOCKETS .
.Bl -tag -width Ds
.It Dv TIIOCGETSTATS
Reads the counters in
.Va demo_stats .
.It Va kern.ipc.zero_copy.send
Switches the send half.
.El
.Pp
.Fn demo_alloc
again, later.
.Sh EXAMPLES
.Dv TIIOCGETSTATS
once more.
`;

test('definingBlocks: SYNOPSIS terms land on their first mention, list heads on their item', (t) => {
  const doc = parseMdoc(PAGE, 'demo.9');
  const blocks = definingBlocks(doc, (n) => known.options.has(n));
  t.deepEqual(
    blocks.map((b) => [b.path, b.sectionId, b.defines.map((d) => `${d.kind}:${d.key}#${d.id}`)]),
    [
      ['2.1', 'DESCRIPTION', ['option:ZERO_COPY_SOCKETS#ZERO_COPY_SOCKETS', 'function:demo_alloc#demo_alloc']],
      ['2.2.0', 'DESCRIPTION', ['ioctl:TIIOCGETSTATS#TIIOCGETSTATS']],
      ['2.2.1', 'DESCRIPTION', ['sysctl:kern.ipc.zero_copy.send#kern.ipc.zero_copy.send']],
    ],
  );
  // What the ioctl's item mentions besides it: the statistics variable.
  t.deepEqual(blocks[1]?.mentions.map((m) => `${m.macro}=${m.key}`), ['Dv=TIIOCGETSTATS', 'Va=demo_stats']);
});
