// The editor's TypeScript service, in Node, over exactly the files the build
// bundles into its worker: the kernel's declarations generated from
// src/kernel, the ES2022 libs, and the manual's hover text from man/.
import test from 'ava';
import { createSampleService } from '../../src/components/Example/ts/service.ts';
import { es2022Libs, kernelDeclarations, SAMPLE_GLOBALS_DTS } from '../../src/plugins/kernel-declarations.ts';
import { buildManHover } from '../../src/plugins/man-hover.ts';
import { loadZcsimContent } from '../../src/plugins/zcsim-content.ts';
import { isKernelOption } from '../../src/plugins/kernel-options.ts';
import { readExamples } from '../../src/plugins/examples.ts';

const root = new URL('../..', import.meta.url).pathname;
const content = loadZcsimContent(root);
const manHover = buildManHover({ manPages: content.manPages, manRoutes: content.manRoutes, isOption: isKernelOption });
const service = createSampleService({ ...es2022Libs(), ...kernelDeclarations(root), '/globals.d.ts': SAMPLE_GLOBALS_DTS }, manHover);

test('every documented sample type checks as the editor sees it: no diagnostics', (t) => {
  for (const example of Object.values(readExamples(root))) {
    const found = service.diagnostics(example.code);
    t.deepEqual(found.map((d) => `${d.code} ${d.message}`), [], example.slug);
  }
});

test('a type error and a syntax error are found at their position', (t) => {
  const code = "import { boot } from 'zcsim';\nconst kernel = boot();\nconst n: number = 'ti0';\n";
  const [typed] = service.diagnostics(code);
  t.is(typed?.code, 'TS2322');
  t.is(typed?.from, code.indexOf('n: number'));
  t.is(typed?.message, "Type 'string' is not assignable to type 'number'.");
  const [syntax] = service.diagnostics('const x: number = ;\n');
  t.is(syntax?.code, 'TS1109');
  t.is(syntax?.from, 'const x: number = '.length);
});

const HOVER_CODE = "import { jumbo_pg_alloc, TIIOCGETSTATS, ENOBUFS } from 'zcsim';\nconsole.log(jumbo_pg_alloc, TIIOCGETSTATS, ENOBUFS);\nconst name = 'kern.ipc.zero_copy.send';\n";

function hoverOn(word: string, nth = 1) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = HOVER_CODE.indexOf(word, at + 1);
  return service.hover(HOVER_CODE, at + 2);
}

test('hover on jumbo_pg_alloc: its signature, and jumbo(9) with a link to the entry', (t) => {
  const h = hoverOn('jumbo_pg_alloc');
  t.regex(h?.signature ?? '', /^\(alias\) function jumbo_pg_alloc\(kernel: Kernel\)/);
  t.true(h?.man.some((m) => m.page === 'jumbo(9)' && m.href === '/man9/jumbo#jumbo_pg_alloc' && /jumbo_pg_alloc\(\)/.test(m.text)), JSON.stringify(h));
});

test('hover on TIIOCGETSTATS: the constant, and ti(4)\'s IOCTLS entry', (t) => {
  const h = hoverOn('TIIOCGETSTATS');
  t.regex(h?.signature ?? '', /TIIOCGETSTATS/);
  t.true(h?.man.some((m) => m.page === 'ti(4)' && m.section === 'IOCTLS' && m.href === '/man4/ti#TIIOCGETSTATS'), JSON.stringify(h));
});

test('hover on ENOBUFS: the errno, and the pages that say when it is returned', (t) => {
  const h = hoverOn('ENOBUFS');
  t.regex(h?.signature ?? '', /ENOBUFS/);
  t.true((h?.man.length ?? 0) > 0 && h?.man.every((m) => m.href.startsWith('/man') && m.text.includes('ENOBUFS')) === true, JSON.stringify(h));
});

test('hover on a sysctl name in a string: zero_copy(9)\'s entry for it', (t) => {
  const h = service.hover(HOVER_CODE, HOVER_CODE.indexOf('zero_copy.send'));
  t.true(h?.man.some((m) => m.page === 'zero_copy(9)' && m.href === '/man9/zero_copy#kern.ipc.zero_copy.send'), JSON.stringify(h));
});

test('completions offer the zcsim exports that match what was typed', (t) => {
  const code = "import { jumbo_pg_al } from 'zcsim';\n";
  const r = service.completions(code, code.indexOf('al }') + 2);
  t.is(r.from, code.indexOf('jumbo_pg_al'));
  t.true(r.options.some((o) => o.label === 'jumbo_pg_alloc'), JSON.stringify(r.options.slice(0, 10)));
});
