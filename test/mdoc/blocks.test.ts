import test from 'ava';
import { parseMdoc } from '../../src/mdoc/index.ts';
import { description, page, PROLOGUE } from './helpers.ts';

test('prologue: title, section, date, os and FreeBSD volume name', (t) => {
  const doc = page('x\n');
  t.is(doc.title, 'TEST');
  t.is(doc.section, '9');
  t.is(doc.date, 'June 23, 2002');
  t.is(doc.os, 'FreeBSD');
  t.is(doc.volume, "FreeBSD Kernel Developer's Manual");
  t.deepEqual(doc.names, ['test']);
  t.is(doc.description, 'testing things');
  const four = parseMdoc('.Dd $Mdocdate: June 23 2002 $\n.Dt TI 4\n.Os FreeBSD 5.0\n.Sh NAME\n.Nm ti\n.Nd driver\n', 'ti.4');
  t.is(four.volume, 'FreeBSD Kernel Interfaces Manual');
  t.is(four.date, 'June 23, 2002');
  t.is(four.os, 'FreeBSD 5.0');
  t.is(parseMdoc(`${PROLOGUE}`, 'x.9', { os: 'FreeBSD 5.0' }).os, 'FreeBSD 5.0');
});

test('section and subsection ids replace spaces with underscores', (t) => {
  const doc = page('.Ss Run-time control\nx\n.Sh SEE ALSO\n.Xr ti 4\n');
  t.deepEqual(doc.sections.map((s) => s.id), ['NAME', 'DESCRIPTION', 'SEE_ALSO']);
  const sub = doc.sections[1]?.children[0];
  t.like(sub, { type: 'subsection', title: 'Run-time control', id: 'Run-time_control' });
});

test('.Pp and blank lines start a new paragraph', (t) => {
  t.deepEqual(description('a\n.Pp\nb\n\nc\n').map((b) => b.type), ['para', 'para', 'para']);
});

test('.Bl -tag -width with .It heads and bodies, nested lists', (t) => {
  const [list] = description('.Bl -tag -width Ds -offset indent -compact\n.It Va kern.ipc.zero_copy.send\nSend.\n.Bl -bullet\n.It\nin\n.El\n.It Dv X\nX.\n.El\n');
  if (list?.type !== 'list') return t.fail();
  t.like(list, { kind: 'tag', width: 'Ds', offset: 'indent', compact: true });
  t.is(list.items.length, 2);
  t.like(list.items[0]?.head[0], { type: 'macro', macro: 'Va' });
  t.deepEqual(list.items[0]?.body.map((b) => b.type), ['para', 'list']);
});

test('.Bl -bullet, -enum, -item and -column with .Ta and tabs', (t) => {
  for (const kind of ['bullet', 'enum', 'item', 'dash']) {
    t.like(description(`.Bl -${kind}\n.It\nx\n.El\n`)[0], { type: 'list', kind });
  }
  const [table] = description('.Bl -column "name" "value"\n.It Va send Ta 1\n.It receive\t1\n.El\n');
  if (table?.type !== 'list') return t.fail();
  t.deepEqual(table.columns, ['name', 'value']);
  t.is(table.items[0]?.cells.length, 2);
  t.is(table.items[1]?.cells.length, 2);
});

test('.Bd -literal keeps lines and spacing; -ragged and -filled fill text', (t) => {
  const [lit] = description('.Bd -literal -offset indent\nint  x;\n\n  y \\e n\n.Ed\n');
  t.deepEqual(lit, {
    type: 'display', kind: 'literal', offset: 'indent', compact: false, line: 8,
    children: [{ type: 'para', children: [{ type: 'text', value: 'int  x;\n\n  y \\ n' }] }],
  });
  t.like(description('.Bd -ragged\na\nb\n.Ed\n')[0], { type: 'display', kind: 'ragged' });
  t.like(description('.Bd -filled\na\n.Ed\n')[0], { type: 'display', kind: 'filled' });
  t.like(description('.Dl sysctl kern.ipc.zero_copy.send=0\n')[0], { type: 'display', kind: 'literal', offset: 'indent' });
  t.like(description('.D1 Fl v\n')[0], { type: 'display', kind: 'ragged' });
});

test('.Bf/.Ef, .Rs/.Re, .br and .sp', (t) => {
  t.like(description('.Bf -symbolic\nloud\n.Ef\n')[0], { type: 'fontblock', font: 'Sy' });
  t.deepEqual(description('.Rs\n.%A Andrew Gallatin\n.%A Jeff Chase\n.%T Trapeze/IP\n.%J FREENIX\n.%D 1999\n.Re\n')[0], {
    type: 'reference', line: 8,
    ref: { authors: ['Andrew Gallatin', 'Jeff Chase'], fields: { T: 'Trapeze/IP', J: 'FREENIX', D: '1999' } },
  });
  t.deepEqual(description('a\n.br\nb\n.sp\nc\n').map((b) => b.type), ['para', 'para']);
});

test('SYNOPSIS puts each declaration on its own line and ends prototypes with ;', (t) => {
  const doc = parseMdoc(`${PROLOGUE}.Sh SYNOPSIS\n.Cd "options ZERO_COPY_SOCKETS"\n.In sys/jumbo.h\n.Ft int\n.Fn jumbo_vm_init void\n`, 'x.9');
  const blocks = doc.sections[1]?.children ?? [];
  t.is(blocks.length, 2);
  t.like(blocks[0], { type: 'para', children: [{ type: 'macro', macro: 'Cd' }, { type: 'br' }, { type: 'include', header: 'sys/jumbo.h' }] });
  t.like(blocks[1], { type: 'para', children: [{ type: 'macro', macro: 'Ft' }, { type: 'br' }, { type: 'fn', name: 'jumbo_vm_init', synopsis: true }] });
});

test('AUTHORS splits authors onto separate lines unless -nosplit', (t) => {
  const split = parseMdoc(`${PROLOGUE}.Sh AUTHORS\n.An A B\n.An C D\n`, 'x.9').sections[1]?.children[0];
  t.like(split, { type: 'para', children: [{ type: 'macro', macro: 'An' }, { type: 'br' }, { type: 'macro', macro: 'An' }] });
  const joined = parseMdoc(`${PROLOGUE}.Sh AUTHORS\n.An -nosplit\n.An A B\nand\n.An C D\n`, 'x.9').sections[1]?.children[0];
  t.false(JSON.stringify(joined).includes('"br"'));
});
