// The editor's TypeScript language service, in a worker of its own, started
// only when the reader first edits a sample (client.ts). It compiles the
// sample as the test suite's tsc does (strict, ES2022) against the zcsim
// declarations generated from src/kernel at build time, and answers the
// editor's questions: diagnostics, completions and hover. Hover adds the
// manual's entry for a documented name (src/plugins/man-hover.ts).
// Everything it needs is bundled into it (the virtual module below, made
// by src/plugins/workers.ts): it fetches nothing.
import ts from 'typescript';
import { files as LIB_FILES, manHover } from 'zcsim:ts-env';
import type { ManDoc, TsCompletion, TsDiagnostic, TsHover, TsRequest, TsResponse } from './protocol.ts';

const SAMPLE = '/sample.ts';
const scope = self as unknown as { onmessage: ((e: MessageEvent<TsRequest>) => void) | null; postMessage(m: TsResponse): void };

/** As the kernel's and the site's tsconfig: what `npm run typecheck` holds the samples to. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
};

const GLOBALS = '/globals.d.ts';
let sampleText = '';
let version = 0;
const dirs = new Set<string>();
for (const file of Object.keys(LIB_FILES)) {
  for (let d = file.slice(0, file.lastIndexOf('/')); d !== ''; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
}
dirs.add('/');

const read = (file: string): string | undefined => (file === SAMPLE ? sampleText : LIB_FILES[file]);

const host: ts.LanguageServiceHost = {
  getCompilationSettings: () => OPTIONS,
  getScriptFileNames: () => [SAMPLE, GLOBALS],
  getScriptVersion: (file) => (file === SAMPLE ? String(version) : '0'),
  getScriptSnapshot: (file) => {
    const text = read(file);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => '/',
  getDefaultLibFileName: () => '/lib.es2022.d.ts',
  fileExists: (file) => read(file) !== undefined,
  readFile: read,
  directoryExists: (dir) => dirs.has(dir.replace(/\/$/, '') || '/'),
  getDirectories: () => [],
};

const service = ts.createLanguageService(host, ts.createDocumentRegistry());

function setCode(code: string): void {
  if (code === sampleText) return;
  sampleText = code;
  version++;
}

function diagnostics(): TsDiagnostic[] {
  const all = [...service.getSyntacticDiagnostics(SAMPLE), ...service.getSemanticDiagnostics(SAMPLE)];
  return all.map((d) => {
    const from = d.start ?? 0;
    return {
      from,
      to: from + (d.length ?? 0),
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'info',
      code: `TS${d.code}`,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
}

const KIND_TYPES: Record<string, string> = {
  function: 'function', method: 'method', 'local function': 'function',
  const: 'constant', let: 'variable', var: 'variable', 'local var': 'variable', parameter: 'variable',
  class: 'class', interface: 'interface', type: 'type', enum: 'enum', 'enum member': 'enum',
  property: 'property', getter: 'property', setter: 'property', keyword: 'keyword', module: 'namespace', alias: 'variable',
};

/** The identifier (or dotted sysctl name, inside a string) that ends at `pos`: where a completion replaces from. */
function wordStart(text: string, pos: number): number {
  let from = pos;
  while (from > 0 && /[\w$]/.test(text[from - 1] ?? '')) from--;
  return from;
}

function completions(pos: number): { from: number; options: TsCompletion[] } {
  const from = wordStart(sampleText, pos);
  const info = service.getCompletionsAtPosition(SAMPLE, pos, { includeCompletionsWithInsertText: true });
  const options = (info?.entries ?? [])
    .filter((e) => e.kind !== 'warning')
    .slice(0, 400)
    .map((e) => ({ label: e.name, type: KIND_TYPES[e.kind] ?? 'text' }));
  return { from, options };
}

// A name the manual documents may be an identifier (jumbo_pg_alloc, ENOBUFS)
// or the text of a string (a sysctl name: 'kern.ipc.zero_copy.send').
function nameAt(text: string, pos: number): { name: string; from: number; to: number } | null {
  const isName = (c: string | undefined) => c !== undefined && /[\w.$]/.test(c);
  let from = pos;
  let to = pos;
  while (from > 0 && isName(text[from - 1])) from--;
  while (to < text.length && isName(text[to])) to++;
  const name = text.slice(from, to).replace(/^\.+|\.+$/g, '');
  if (name === '') return null;
  // Not a sysctl name: the identifier under the cursor, not the whole a.b.c chain.
  if (!/^[a-z]+(\.[a-z0-9_]+)+$/.test(name)) {
    let f = pos;
    let t = pos;
    while (f > 0 && /[\w$]/.test(text[f - 1] ?? '')) f--;
    while (t < text.length && /[\w$]/.test(text[t] ?? '')) t++;
    return f === t ? null : { name: text.slice(f, t), from: f, to: t };
  }
  return { name, from, to };
}

function hover(pos: number): TsHover | null {
  const info = service.getQuickInfoAtPosition(SAMPLE, pos);
  const at = nameAt(sampleText, pos);
  const man: readonly ManDoc[] = at === null ? [] : (manHover[at.name] ?? []);
  if (info === undefined && man.length === 0) return null;
  const from = info?.textSpan.start ?? at?.from ?? pos;
  const to = info === undefined ? (at?.to ?? pos) : info.textSpan.start + info.textSpan.length;
  return {
    from,
    to,
    signature: ts.displayPartsToString(info?.displayParts),
    documentation: ts.displayPartsToString(info?.documentation),
    man,
  };
}

function answer(request: TsRequest): TsResponse {
  setCode(request.code);
  switch (request.op) {
    case 'diagnostics':
      return { id: request.id, op: 'diagnostics', diagnostics: diagnostics() };
    case 'completions':
      return { id: request.id, op: 'completions', ...completions(request.pos) };
    case 'hover':
      return { id: request.id, op: 'hover', hover: hover(request.pos) };
  }
}

scope.onmessage = (event) => {
  try {
    scope.postMessage(answer(event.data));
  } catch (error) {
    scope.postMessage({ id: event.data.id, op: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
