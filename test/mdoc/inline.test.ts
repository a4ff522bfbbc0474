import test from 'ava';
import { firstPara, text, page } from './helpers.ts';

test('closing punctuation attaches to the word before it: .Xr ti 4 ,', (t) => {
  t.is(text('See\n.Xr ti 4 ,\n.Xr socket 2 .\n'), 'See ti(4), socket(2).');
  const nodes = firstPara('.Xr ti 4 ,\n');
  t.deepEqual(nodes, [{ type: 'xr', name: 'ti', section: '4' }, { type: 'text', value: ',' }]);
});

test('every closing delimiter attaches; opening ones attach to what follows', (t) => {
  t.is(text('.Va a ; b : c ? d ! e ) ] .\n'), 'a; b: c? d! e)].');
  t.is(text('.Dv ( FOO | BAR )\n'), '(FOO | BAR)');
});

test('a delimiter splits an in-line macro into two elements, punctuation outside', (t) => {
  t.deepEqual(firstPara('.Dv FOO , BAR\n'), [
    { type: 'macro', macro: 'Dv', children: [{ type: 'text', value: 'FOO' }] },
    { type: 'text', value: ', ' },
    { type: 'macro', macro: 'Dv', children: [{ type: 'text', value: 'BAR' }] },
  ]);
});

test('.Fn takes its arguments and stops at a called macro: .Fn foo Fa bar', (t) => {
  t.deepEqual(firstPara('.Fn socow_setup "struct mbuf *m0" "struct uio *uio" Fa bar\n'), [
    { type: 'fn', name: 'socow_setup', args: ['struct mbuf *m0', 'struct uio *uio'], synopsis: false },
    { type: 'text', value: ' ' },
    { type: 'macro', macro: 'Fa', children: [{ type: 'text', value: 'bar' }] },
  ]);
});

test('.Fo/.Fa/.Fc builds one function with its arguments', (t) => {
  t.deepEqual(firstPara('.Fo uiomoveco\n.Fa "caddr_t cp"\n.Fa "int n"\n.Fc\n'), [
    { type: 'fn', name: 'uiomoveco', args: ['caddr_t cp', 'int n'], synopsis: false },
  ]);
});

test('.Ns removes the space; .Fl prefixes a dash', (t) => {
  t.is(text('.Fl o Ns Ar name\n'), '-oname');
  t.is(text('.Fl a b\n'), '-a -b');
});

test('enclosures wrap the rest of the line but leave trailing punctuation outside', (t) => {
  t.is(text('.Pq Dv SO_SNDBUF ,\n'), '(SO_SNDBUF),');
  t.is(text('.Op Fl v Ar file\n'), '[-v file]');
  t.is(text('.Dq quoted , inside .\n'), '\u201cquoted, inside\u201d.');
  t.is(text('.Sq a\n.Aq b\n.Bq c\n.Qq d\n.Ql e\n'), '\u2018a\u2019 <b> [c] "d" \u2018e\u2019');
});

test('the semantic macros produce their own nodes', (t) => {
  for (const macro of ['Cd', 'Dv', 'Er', 'Va', 'Vt', 'Ar', 'Cm', 'Li', 'Sy', 'Em', 'Pa', 'Ic', 'Ev', 'Tn', 'Ft', 'Fa', 'An', 'Sx'] as const) {
    t.deepEqual(firstPara(`.${macro} x\n`), [{ type: 'macro', macro, children: [{ type: 'text', value: 'x' }] }], macro);
  }
});

test('.Nm without arguments repeats the page name; .Ar without arguments is "file ..."', (t) => {
  t.is(text('.Nm\n.Ar\n'), 'test file ...');
  t.is(text('.Nm ,\n'), 'test,');
});

test('.In, .Lk, .Mt, .St, .No and the OS macros', (t) => {
  t.is(text('.In sys/socket.h\n'), '#include <sys/socket.h>');
  t.is(text('.Lk http://example.org/ the site\n'), 'the site');
  t.deepEqual(firstPara('.Mt ken@FreeBSD.org\n'), [
    { type: 'link', macro: 'Mt', href: 'mailto:ken@FreeBSD.org', children: [{ type: 'text', value: 'ken@FreeBSD.org' }] },
  ]);
  t.is(text('.St -p1003.1\n'), 'IEEE Std 1003.1 (\u201cPOSIX.1\u201d)');
  t.is(text('.Fx 5.0 ,\n.Fx ,\n.Nx 1.6\n.Ox\n.Bx 4.4 Lite2\n.Ux\n'), 'FreeBSD 5.0, FreeBSD, NetBSD 1.6 OpenBSD 4.4BSD-Lite2 UNIX');
  t.is(text('.No plain Em word\n'), 'plain word');
});

test('escapes: \\e \\& \\- \\(em \\(aq \\*q and \\fB..\\fR', (t) => {
  t.is(text('a\\eb \\&.x \\-1 \\(em \\(aq \\*qq\\*q\n'), 'a\\b .x -1 \u2014 \' "q"');
  t.deepEqual(firstPara('x \\fBbold\\fR y\n'), [
    { type: 'text', value: 'x ' },
    { type: 'font', font: 'B', children: [{ type: 'text', value: 'bold' }] },
    { type: 'text', value: ' y' },
  ]);
});

test('\\& keeps a period from being a delimiter', (t) => {
  t.is(text('.Va a \\&.\n'), 'a .');
});

test('text lines join with a space and comments are dropped', (t) => {
  t.is(text('one\n.\\" a comment\ntwo \\" trailing\n'), 'one two');
});

test('.Rv -std and .Ex -std expand to their standard sentences', (t) => {
  t.regex(text('.Rv -std socow_setup\n'), /^The socow_setup\(\) function returns the value 0 if successful/);
  t.is(text('.Ex -std\n'), 'The test utility exits 0 on success, and >0 if an error occurs.');
});

test('index records semantic terms with their section id', (t) => {
  const doc = page('.Ss Knobs\n.Va kern.ipc.zero_copy.send\n.Er ENOBUFS\n.Cd "options ZERO_COPY_SOCKETS"\n.Fn sosend\n.Xr ti 4\n');
  const entries = doc.index.filter((e) => e.sectionId === 'Knobs').map((e) => `${e.macro}:${e.value}`);
  t.deepEqual(entries, ['Va:kern.ipc.zero_copy.send', 'Er:ENOBUFS', 'Cd:options ZERO_COPY_SOCKETS', 'Fn:sosend', 'Xr:ti(4)']);
  t.deepEqual(doc.xrefs.map((x) => `${x.name}(${x.section})@${x.line}`), ['ti(4)@13']);
});
