// The kernel's layers, checked on its sources: imports go one way
// (engine <- hardware <- kernel <- observers and lab), and no runtime import
// cycle is longer than a pair (the pairs that remain mirror FreeBSD's own
// mutual calls: vm_page/pmap, if_ti/ti_cdev, tcp_subr/tcp_timer).
// Type-only imports are left out: they vanish when the TypeScript is compiled.

import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KERNEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/kernel');
const MAX_CYCLE_FILES = 2;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The files `file` imports at run time (relative specifiers only; `import type` and all-type specifier lists left out). */
function runtime_imports(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/gms;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) continue;
    const clause = m[3] ?? '';
    const named = /^\{([^}]*)\}$/s.exec(clause.trim());
    if (named !== null) {
      const names = (named[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (names.length > 0 && names.every((s) => s.startsWith('type '))) continue;
    }
    out.push(resolve(dirname(file), m[4] ?? ''));
  }
  for (const m of text.matchAll(/^import\s+'(\.[^']+)'/gm)) out.push(resolve(dirname(file), m[1] ?? ''));
  return out;
}

const files = sources(KERNEL_DIR);
const graph = new Map(files.map((f) => [f, runtime_imports(f, readFileSync(f, 'utf8')).filter((g) => g !== f)]));
const layer_of = (f: string): string => relative(KERNEL_DIR, f).split('/')[0] ?? '';

test('the parser sees the kernel: over a hundred files, and the imports of a known one', (t) => {
  t.true(files.length > 100, `${files.length} files`);
  const proc = graph.get(join(KERNEL_DIR, 'sys/proc.ts')) ?? [];
  t.true(proc.includes(join(KERNEL_DIR, 'kern/kern_fork.ts')), 'sys/proc.ts imports fork1 at run time');
  t.false(proc.includes(join(KERNEL_DIR, 'kern/kern_proc.ts')), 'its import of ProcTable is type-only');
});

// The frame format is the wire's as much as the kernel's: net/ethernet.ts
// (constants only, no imports) is the one kernel header the hardware reads.
const SHARED_HEADERS = new Set([join(KERNEL_DIR, 'net/ethernet.ts')]);

test('engine/ imports nothing but itself; hardware/ only the engine, libkern, the Ethernet header and itself', (t) => {
  t.deepEqual(graph.get([...SHARED_HEADERS][0] ?? ''), [], 'the shared header imports nothing');
  const allowed: Record<string, readonly string[]> = { engine: ['engine'], hardware: ['engine', 'hardware', 'libkern'] };
  const bad: string[] = [];
  for (const [f, deps] of graph) {
    const ok = allowed[layer_of(f)];
    if (ok === undefined) continue;
    for (const d of deps) if (!ok.includes(layer_of(d)) && !(layer_of(f) === 'hardware' && SHARED_HEADERS.has(d))) bad.push(`${relative(KERNEL_DIR, f)} -> ${relative(KERNEL_DIR, d)}`);
  }
  t.deepEqual(bad, []);
});

test('no kernel file imports an observer or the lab (they sit above it and subscribe through kern_sdt)', (t) => {
  const above = new Set(['observe', 'lab']);
  const bad: string[] = [];
  for (const [f, deps] of graph) {
    if (above.has(layer_of(f)) || f === join(KERNEL_DIR, 'index.ts')) continue;
    for (const d of deps) if (above.has(layer_of(d))) bad.push(`${relative(KERNEL_DIR, f)} -> ${relative(KERNEL_DIR, d)}`);
  }
  t.deepEqual(bad, []);
});

test(`no runtime import cycle longer than ${MAX_CYCLE_FILES} files`, (t) => {
  // Tarjan's strongly connected components.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const sccs: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) {
          on.delete(w);
          c.push(w);
        }
      } while (w !== undefined && w !== v);
      if (c.length > 1) sccs.push(c);
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  const too_big = sccs.filter((c) => c.length > MAX_CYCLE_FILES).map((c) => c.map((f) => relative(KERNEL_DIR, f)).sort());
  t.deepEqual(too_big, []);
});
