// apropos over the site's database: mandoc's expression syntax, result lines
// "name(section) - description", and links that land on real anchors.
import test from 'ava';
import path from 'node:path';
import { apropos, parseApropos, AproposError, resultLine } from '../../src/apropos/apropos.ts';
import { loadZcsimContent } from '../../src/plugins/zcsim-content.ts';
import { definingBlocks } from '../../src/mdoc/terms.ts';
import { isKernelOption, DOCUMENTED_OPTIONS } from '../../src/plugins/kernel-options.ts';
import type { MdocBlock } from '../../src/mdoc/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const content = loadZcsimContent(root);
const db = content.apropos;
const lines = (q: string): string[] => apropos(db, q).map((r) => r.line);
const hrefs = (q: string): string[] => apropos(db, q).map((r) => r.href);

test('Fn=jumbo_pg_alloc finds jumbo_pg_alloc(9) and links to its definition', (t) => {
  t.deepEqual(lines('Fn=jumbo_pg_alloc'), ['jumbo_pg_alloc(9) - kernel interface for allocating disposable page sized buffers']);
  t.deepEqual(hrefs('Fn=jumbo_pg_alloc'), ['/man9/jumbo#jumbo_pg_alloc']);
});

test('Cd=ZERO_COPY_SOCKETS finds zero_copy(9) and the options page', (t) => {
  const results = apropos(db, 'Cd=ZERO_COPY_SOCKETS');
  t.deepEqual(results.map((r) => `${r.names.join(',')}(${r.section})`), ['zero_copy,zero_copy_sockets(9)', 'ZERO_COPY_SOCKETS(options)']);
  t.deepEqual(results.map((r) => r.href), ['/man9/zero_copy#ZERO_COPY_SOCKETS', '/kernel/options#ZERO_COPY_SOCKETS']);
});

test('Er= finds the pages that mark that errno, at the section that does, and nothing for one no page marks', (t) => {
  t.deepEqual(lines('Er=EPERM'), ['ti(4) - Alteon Networks Tigon I and Tigon II gigabit Ethernet driver']);
  t.deepEqual(hrefs('Er=EPERM'), ['/man4/ti#ERRORS']);
  // zero_copy(9) says an SO_SNDBUF beyond kern.ipc.maxsockbuf is refused with ENOBUFS.
  t.deepEqual(lines('Er=ENOBUFS'), ['zero_copy, zero_copy_sockets(9) - zero copy sockets code']);
  t.deepEqual(hrefs('Er=ENOBUFS'), ['/man9/zero_copy#Sending']);
  t.deepEqual(lines('Er=EDOOFUS'), []);
});

test('key~regex matches by regular expression, any case', (t) => {
  const r = apropos(db, 'Dv~^tiioc');
  t.deepEqual(r.map((x) => x.names.join(',')), ['ti']);
  t.deepEqual([...new Set(r[0]?.matched.map((m) => m.value))].sort(), ['TIIOCGETPARAMS', 'TIIOCGETSTATS', 'TIIOCGETTRACE', 'TIIOCSETPARAMS', 'TIIOCSETTRACE']);
});

test('a bare word searches names and descriptions, and the names of terms', (t) => {
  // The names that matched stand for the page: zero_copy_sockets, not zero_copy.
  t.deepEqual(lines('sockets')[0], 'zero_copy_sockets(9) - zero copy sockets code');
  // zero_copy(9) names kern.ipc.maxsockbuf (.Va) where it explains SO_SNDBUF; the sysctl reference has the node.
  t.deepEqual(lines('maxsockbuf'), ['zero_copy, zero_copy_sockets(9) - zero copy sockets code', 'kern.ipc.maxsockbuf(sysctl) - Maximum socket buffer size']);
  t.deepEqual(hrefs('maxsockbuf'), ['/man9/zero_copy#Sending', '/kernel/sysctls#kern.ipc.maxsockbuf']);
});

test('terms side by side mean or, -a means and, ! means not', (t) => {
  t.deepEqual(lines('Fn=jumbo_pg_steal Dv=TIIOCGETSTATS').map((l) => l.split(' - ')[0]), ['ti(4)', 'jumbo_pg_steal(9)']);
  t.deepEqual(lines('Fn=jumbo_pg_steal -o Dv=TIIOCGETSTATS'), lines('Fn=jumbo_pg_steal Dv=TIIOCGETSTATS'));
  t.deepEqual(lines('Fn=socow_setup -a Va=socow_stats').map((l) => l.split(' - ')[0]), ['zero_copy, zero_copy_sockets(9)']);
  t.deepEqual(lines('Fn=socow_setup -a Dv=TIIOCGETSTATS'), []);
  t.deepEqual(lines('-s 9 ! Fn=jumbo').map((l) => l.split(' - ')[0]), ['zero_copy, zero_copy_sockets(9)']);
});

test('-s keeps one section', (t) => {
  t.deepEqual(apropos(db, '-s 4 Er=EINVAL').map((r) => r.section), ['4']);
  t.deepEqual(apropos(db, '-s 9 Er=EINVAL'), []);
  t.true(apropos(db, '-s sysctl zero_copy').every((r) => r.section === 'sysctl'));
  t.deepEqual(apropos(db, '-soptions MSIZE').map((r) => r.href), ['/kernel/options#MSIZE']);
});

test('several keys, and any', (t) => {
  t.deepEqual(lines('Fn,Dv=ALT_READ_TG_MEM').map((l) => l.split(' - ')[0]), ['ti(4)']);
  t.true(lines('any=gallatin').length >= 2);
  t.deepEqual(lines('fn=jumbo_pg_alloc'), lines('Fn=jumbo_pg_alloc'));
});

test('a malformed expression fails with a message that names the problem', (t) => {
  t.throws(() => parseApropos(''), { instanceOf: AproposError, message: 'apropos: nothing to search for' });
  t.throws(() => parseApropos('Zz=foo'), { instanceOf: AproposError, message: /unknown macro key Zz/ });
  t.throws(() => parseApropos('Fn~(oops'), { instanceOf: AproposError, message: /Fn~\(oops: bad regular expression/ });
  t.throws(() => parseApropos('Fn='), { instanceOf: AproposError, message: /empty value/ });
  t.throws(() => parseApropos('-a Fn=x'), { instanceOf: AproposError, message: /-a needs a term/ });
  t.throws(() => parseApropos('-s'), { instanceOf: AproposError, message: /-s needs a section/ });
  t.throws(() => parseApropos('Fn=x -a'), { instanceOf: AproposError, message: /ends too early/ });
});

test('result lines read as mandoc prints them', (t) => {
  t.is(resultLine(['ti'], '4', 'driver'), 'ti(4) - driver');
  t.is(resultLine(['a', 'b'], '9', 'c'), 'a, b(9) - c');
});

function subsectionIds(blocks: readonly MdocBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'subsection' ? [b.id, ...subsectionIds(b.children)] : []));
}

test('every link in the database lands on an anchor the site renders', (t) => {
  const anchors = new Map<string, Set<string>>();
  const add = (route: string, ids: string[]) => anchors.set(route, new Set([...(anchors.get(route) ?? []), ...ids]));
  for (const [file, doc] of Object.entries(content.manPages)) {
    const route = content.xrefs[`${file.replace(/\.[1-9]$/, '')}(${doc.section})`] ?? '';
    add(route, doc.sections.flatMap((s) => [s.id, ...subsectionIds(s.children)]));
    add(route, definingBlocks(doc, isKernelOption).flatMap((b) => b.defines.map((d) => d.id)));
  }
  add('/kernel/options', [...DOCUMENTED_OPTIONS]);
  add('/kernel/sysctls', content.sysctls.map((r) => r.name));
  let n = 0;
  for (const doc of db) {
    for (const e of [doc.href, ...doc.entries.map((x) => x.href)]) {
      n++;
      const [route, hash] = e.split('#');
      t.true(anchors.has(route ?? ''), `route of ${e}`);
      if (hash !== undefined) t.true(anchors.get(route ?? '')?.has(hash) ?? false, e);
    }
  }
  t.true(n > 200, `${n} links`);
});
