// Renders the real page components under Node. ManPageView takes the link
// and sample components as props (the site passes @docusaurus/Link and the
// live Example, which need the Docusaurus runtime); here they are a plain
// anchor and a plain <pre>.
import test from 'ava';
import fs from 'node:fs';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseMdoc } from '../../src/mdoc/index.ts';
import ManPageView from '../../src/components/ManPage/ManPageView.tsx';

function Anchor({ to, className, children }: { to: string; className?: string; children?: React.ReactNode }) {
  return React.createElement('a', { href: to, className }, children);
}

function Example({ slug, code }: { slug: string; code: string }) {
  return React.createElement('pre', { 'data-slug': slug }, code);
}

// No os option: the footer's FreeBSD 5.0 comes from the page's own .Os line.
const doc = parseMdoc(fs.readFileSync('man/man9/zero_copy.9', 'utf8'), 'man/man9/zero_copy.9');
const html = renderToStaticMarkup(
  React.createElement(ManPageView, { doc, xrefs: { 'ti(4)': '/man/ti.4' }, Link: Anchor, Example }),
);

test('header line: title, volume, title; footer: the .Os of the page and its date', (t) => {
  t.true(html.includes(
    '<table class="head"><tbody><tr><td class="head-ltitle">ZERO_COPY(9)</td>' +
      '<td class="head-vol">FreeBSD Kernel Developer&#x27;s Manual</td><td class="head-rtitle">ZERO_COPY(9)</td>',
  ));
  t.true(html.includes('<td class="foot-os">FreeBSD 5.0</td><td class="foot-date">June 23, 2002</td>'));
});

test('sections carry mandoc ids and permalinks', (t) => {
  t.true(html.includes('<section class="Sh"><h2 class="Sh" id="DESCRIPTION"><a class="permalink" href="#DESCRIPTION">DESCRIPTION</a></h2>'));
  t.true(html.includes('<h2 class="Sh" id="SEE_ALSO"><a class="permalink" href="#SEE_ALSO">SEE ALSO</a></h2>'));
  t.true(html.includes('<h3 class="Ss" id="Run-time_control">'));
});

test('.Xr links to pages we have and is plain text otherwise', (t) => {
  t.true(html.includes('<a href="/man/ti.4" class="Xr">ti(4)</a>'));
  t.true(html.includes('<span class="Xr">jumbo(9)</span>'));
  t.false(html.includes('href="/man/jumbo.9"'));
});

test('semantic markup: Nm, Cd, Va, Dv, An, Fx, Em and the live samples', (t) => {
  t.true(html.includes('<code class="Nm">zero_copy</code>, <code class="Nm">zero_copy_sockets</code> \u2014 <span class="Nd">zero copy sockets code</span>'));
  t.true(html.includes('<code class="Cd">options ZERO_COPY_SOCKETS</code>'));
  t.true(html.includes('<dt><var class="Va">kern.ipc.zero_copy.send</var></dt>'));
  t.true(html.includes('(<code class="Dv">SO_SNDBUF</code>)'));
  t.true(html.includes('<span class="An">Andrew Gallatin</span> &lt;<a class="Mt" href="mailto:gallatin@FreeBSD.org">gallatin@FreeBSD.org</a>&gt;'));
  t.true(html.includes('<span class="Ux">FreeBSD 5.0</span>'));
  t.true(html.includes('<i class="Em">header splitting</i>.'));
  t.is(html.match(/class="Bd Pp Bd-indent zcsim-example"><pre data-slug="/g)?.length, 6);
});

test('a hand-made page renders Fn, In, lists and literal displays like mandoc', (t) => {
  const small = parseMdoc(
    '.Dd June 23, 2002\n.Dt JUMBO 9\n.Os\n.Sh NAME\n.Nm jumbo\n.Nd pages\n.Sh SYNOPSIS\n.In sys/jumbo.h\n.Ft int\n.Fn jumbo_vm_init void\n' +
      '.Sh DESCRIPTION\n.Bl -bullet\n.It\none\n.El\n.Bd -literal\na \\e b\n.Ed\n.Sy bold\n',
    'jumbo.9',
  );
  const out = renderToStaticMarkup(React.createElement(ManPageView, { doc: small, xrefs: {}, Link: Anchor, Example }));
  t.true(out.includes('<code class="In">#include &lt;sys/jumbo.h&gt;</code>'));
  t.true(out.includes('<var class="Ft">int</var><br/><code class="Fn">jumbo_vm_init</code>(<var class="Fa">void</var>);'));
  t.true(out.includes('<ul class="Bl-bullet"><li><p>one</p></li></ul>'));
  t.true(out.includes('<pre class="Li">a \\ b\n</pre>'));
  t.true(out.includes('<b class="Sy">bold</b>'));
});
