// The manual as a whole: every sample a page shows exists, every sample is
// shown somewhere, every .Xr goes to one of our pages or is on the list of
// pages we deliberately leave to the outside world, and the cross-index
// links the main terms to samples.
import test from 'ava';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { loadZcsimContent, manPageRoute, MAN_OS } from '../../src/plugins/zcsim-content.ts';
import { readDocPages } from '../../src/plugins/doc-pages.ts';
import { mdocExampleBlocks } from '../../src/mdoc/index.ts';
import { DOCUMENTED_OPTIONS } from '../../src/plugins/kernel-options.ts';

const root = path.resolve(import.meta.dirname, '../..');
const content = loadZcsimContent(root);
const docPages = readDocPages(root);

// Pages our man pages refer to that this site does not have: FreeBSD's own
// system calls, commands and kernel interfaces, outside the zero copy work.
// Adding one of these pages to man/ makes the test ask for it to be removed here.
const EXTERNAL_XREFS: ReadonlySet<string> = new Set([
  'socket(2)', 'sendfile(2)', 'ioctl(2)', 'netperf(1)', 'arp(4)', 'netintro(4)', 'ng_ether(4)', 'config(8)', 'ifconfig(8)',
  'mutex(9)', 'vlan(4)',
]);

test('every sample a page shows has its file in examples/', (t) => {
  const missing: string[] = [];
  for (const page of docPages) for (const slug of page.samples) if (!content.examples[slug]) missing.push(`${page.file}: ${slug}`);
  for (const [file, doc] of Object.entries(content.manPages)) {
    for (const block of mdocExampleBlocks(doc)) if (!content.examples[block.slug]) missing.push(`${file}: ${block.slug}`);
  }
  t.deepEqual(missing, []);
  t.true(docPages.some((p) => p.samples.length > 0), 'the MDX pages show samples');
});

test('every example in examples/ is shown by some page', (t) => {
  const shown = new Set([
    ...docPages.flatMap((p) => p.samples),
    ...Object.values(content.manPages).flatMap((doc) => mdocExampleBlocks(doc).map((b) => b.slug)),
  ]);
  t.deepEqual(Object.keys(content.examples).filter((slug) => !shown.has(slug)), []);
});

test('every page that renders a man page names one that exists, at the route .Xr links use', (t) => {
  const renderers = docPages.filter((p) => p.manPage !== null);
  t.is(renderers.length, Object.keys(content.manPages).length);
  for (const page of renderers) {
    const doc = content.manPages[page.manPage ?? ''];
    t.truthy(doc, `${page.file} renders ${page.manPage}`);
    if (doc) t.is(page.route, manPageRoute(page.manPage?.replace(/\.[1-9]$/, '') ?? '', doc.section), page.file);
  }
});

test('every man page names FreeBSD 5.0 in .Os, so man(1) prints the footer the site shows', (t) => {
  t.is(MAN_OS, 'FreeBSD 5.0');
  for (const [file, doc] of Object.entries(content.manPages)) t.is(doc.os, MAN_OS, file);
  for (const file of Object.keys(content.manPages)) {
    const prologue = fs.readFileSync(path.join(root, 'man', `man${file.slice(-1)}`, file), 'utf8').split('\n').filter((l) => /^\.(Dd|Dt|Os)\b/.test(l));
    t.is(prologue[2], `.Os ${MAN_OS}`, file);
  }
});

test('a page whose .Os is bare fails the site build, naming the page', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zcsim-os-'));
  try {
    fs.mkdirSync(path.join(dir, 'examples'));
    fs.mkdirSync(path.join(dir, 'man', 'man9'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'man', 'man9', 'bare.9'), '.Dd June 23, 2002\n.Dt BARE 9\n.Os\n.Sh NAME\n.Nm bare\n.Nd a page\n');
    const error = t.throws(() => loadZcsimContent(dir));
    t.regex(error?.message ?? '', /^man\/man9\/bare\.9: \.Os gives "FreeBSD"; .*\.Os FreeBSD 5\.0$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every .Xr resolves to one of our pages or is deliberately external', (t) => {
  const ours = new Set(Object.keys(content.xrefs));
  const unresolved: string[] = [];
  for (const [file, doc] of Object.entries(content.manPages)) {
    for (const x of doc.xrefs) {
      const name = `${x.name}(${x.section})`;
      if (x.section === '') unresolved.push(`${file}:${x.line}: .Xr ${x.name} has no section`);
      else if (!ours.has(name) && !EXTERNAL_XREFS.has(name)) unresolved.push(`${file}:${x.line}: ${name}`);
    }
  }
  t.deepEqual(unresolved, []);
  // The list must not hide a page we have: ours are linked, never external.
  t.deepEqual([...EXTERNAL_XREFS].filter((name) => ours.has(name)), []);
  t.true(ours.has('ti(4)') && ours.has('jumbo(9)') && ours.has('zero_copy(9)'));
});

test('the cross-index lists live samples under the main function, ioctl, option and sysctl', (t) => {
  const main = ['socow_setup', 'jumbo_pg_alloc', 'TIIOCGETSTATS', 'ZERO_COPY_SOCKETS', 'kern.ipc.zero_copy.send'];
  for (const key of main) {
    const inManPages = content.crossIndex.terms.filter((x) => x.key === key && x.href.startsWith('/man'));
    t.true(inManPages.length > 0, `${key} is defined in a man page`);
    t.true(inManPages.some((x) => x.samples.length > 0), `${key} has live samples`);
  }
});

test('a term lists a sample only if the sample names the term or what its definition mentions', (t) => {
  const slugs = (key: string): string[] => content.crossIndex.terms.find((x) => x.key === key && x.href.startsWith('/man'))?.samples ?? [];
  // jumbo-pool calls jumbo_pg_alloc; ti-coalescing asks for TIIOCGETSTATS.
  t.true(slugs('jumbo_pg_alloc').includes('jumbo-pool'));
  t.true(slugs('TIIOCGETSTATS').includes('ti-coalescing'));
  // zc-send-aligned reads socow_stats, which socow_setup's entry names as its counters.
  t.true(slugs('socow_setup').includes('zc-send-aligned'));
  // faq-tigon1 configures TI_JUMBO_HDRSPLIT, not TI_PRIVATE_JUMBOS, though ti(4) defines both in one paragraph.
  t.true(slugs('TI_JUMBO_HDRSPLIT').includes('faq-tigon1'));
  t.false(slugs('TI_PRIVATE_JUMBOS').includes('faq-tigon1'));
  // Nothing calls jumbo_pg_steal, and no sample does.
  t.deepEqual(slugs('jumbo_pg_steal'), []);
});

test('every "Live samples" link goes to a page that shows the sample', (t) => {
  const shownAt = new Map<string, Set<string>>();
  for (const [slug, entry] of Object.entries(content.crossIndex.samples)) shownAt.set(slug, new Set(entry.shownAt.map((p) => p.route)));
  let links = 0;
  for (const [file, anchors] of Object.entries(content.crossIndex.anchors)) {
    for (const a of anchors) {
      for (const term of a.defines) {
        for (const s of term.samples) {
          links++;
          const [route, hash] = s.href.split('#');
          t.is(hash, `sample-${s.slug}`, `${file} ${term.key}`);
          t.true(shownAt.get(s.slug)?.has(route ?? '') ?? false, `${file} ${term.key}: ${s.href}`);
        }
      }
    }
  }
  t.true(links > 10, `${links} links`);
});

test('each sample names the definitions it demonstrates, and they list it back', (t) => {
  for (const [slug, entry] of Object.entries(content.crossIndex.samples)) {
    for (const ref of entry.demonstrates) {
      const term = content.crossIndex.terms.find((x) => x.key === ref.key && x.href === ref.href);
      t.true(term?.samples.includes(slug) ?? false, `${slug} -> ${ref.href}`);
    }
  }
  t.true(content.crossIndex.samples['jumbo-pool']?.demonstrates.some((d) => d.href === '/man9/jumbo#jumbo_pg_alloc') ?? false);
});

test('term anchors are unique on their page and do not clash with section ids', (t) => {
  for (const [file, anchors] of Object.entries(content.crossIndex.anchors)) {
    const doc = content.manPages[file];
    const ids = anchors.flatMap((a) => a.defines.map((d) => d.id));
    t.is(new Set(ids).size, ids.length, file);
    const sections = new Set(doc?.sections.map((s) => s.id) ?? []);
    t.deepEqual(ids.filter((id) => sections.has(id)), [], file);
  }
});

test('the options page has a section and a sample of its own for each documented option', (t) => {
  const text = fs.readFileSync(path.join(root, 'docs/kernel/options.mdx'), 'utf8');
  const page = docPages.find((p) => p.file === 'docs/kernel/options.mdx');
  for (const name of DOCUMENTED_OPTIONS) {
    t.regex(text, new RegExp(`^## ${name} \\{#${name}\\}$`, 'm'), `section for ${name}`);
    t.regex(text, new RegExp(`<KernelOption name="${name}" />`), `facts for ${name}`);
    const slug = `opt-${name.toLowerCase().replace(/_/g, '-')}`;
    t.true(page?.samples.includes(slug) ?? false, `${slug} is on the page`);
    // The sample configures the option it is about.
    const term = content.crossIndex.terms.find((x) => x.key === name && x.href === `/kernel/options#${name}`);
    t.true(term?.samples.includes(slug) ?? false, `${slug} uses ${name}`);
  }
});
