// The TypeScript language service a sample is edited with, over an
// in-memory file system: the sample at /sample.ts, the ES2022 lib files,
// the zcsim declarations under /node_modules/zcsim and /globals.d.ts.
// Pure (no DOM, no worker): ts.worker.ts runs it in the browser, the tests
// in Node, with the same files the build bundles.
import ts from 'typescript';
import type { ManDoc, TsCompletion, TsDiagnostic, TsHover } from './protocol.ts';

export interface SampleService {
  diagnostics(code: string): TsDiagnostic[];
  completions(code: string, pos: number): { from: number; options: TsCompletion[] };
  hover(code: string, pos: number): TsHover | null;
}

export const SAMPLE = '/sample.ts';

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

/** A language service over `files` (path -> text), with `manHover` (name -> the manual's entries) for hover. */
export function createSampleService(files: Readonly<Record<string, string>>, manHover: Readonly<Record<string, readonly ManDoc[]>>): SampleService {
  const GLOBALS = '/globals.d.ts';
  let sampleText = '';
  let version = 0;
  const dirs = new Set<string>();
  for (const file of Object.keys(files)) {
    for (let d = file.slice(0, file.lastIndexOf('/')); d !== ''; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  }
  dirs.add('/');

  const read = (file: string): string | undefined => (file === SAMPLE ? sampleText : files[file]);

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
    // What was typed narrows the list before it is cut to size (zcsim alone exports hundreds of names).
    const typed = sampleText.slice(from, pos).toLowerCase();
    const options = (info?.entries ?? [])
      .filter((e) => e.kind !== 'warning' && e.name.toLowerCase().startsWith(typed))
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

  return {
    diagnostics: (code) => {
      setCode(code);
      return diagnostics();
    },
    completions: (code, pos) => {
      setCode(code);
      return completions(pos);
    },
    hover: (code, pos) => {
      setCode(code);
      return hover(pos);
    },
  };
}
