// The `zcsim` module's type declarations for the editor's TypeScript
// service, generated at build time from src/kernel, the same sources the
// sample worker runs, so the editor's types and doc comments are the
// kernel's own. Also the TypeScript lib files a sample compiles against
// (ES2022, as the kernel's tsconfig says) and the one global a sample has
// besides them: console.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Where the declarations sit in the worker's file system: what `import ... from 'zcsim'` resolves to. */
export const ZCSIM_DECLARATIONS_DIR = '/node_modules/zcsim';

/** path -> text of every .d.ts the editor's compiler sees besides the sample. */
export type TsFiles = Record<string, string>;

/** The globals a sample gets in the worker that ES2022 does not declare. */
export const SAMPLE_GLOBALS_DTS = `// What a sample has beyond ES2022 (src/components/Example/run.worker.ts).
interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
}
declare var console: Console;
`;

/** Emits the declarations of src/kernel/index.ts and everything it imports. */
export function kernelDeclarations(siteDir: string): TsFiles {
  const kernelDir = path.join(siteDir, 'src/kernel');
  const configFile = ts.readConfigFile(path.join(kernelDir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  if (configFile.error) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, kernelDir);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    skipLibCheck: true,
  };
  const program = ts.createProgram([path.join(kernelDir, 'index.ts')], options);
  const files: TsFiles = {};
  const result = program.emit(undefined, (fileName, text) => {
    const rel = path.relative(kernelDir, fileName).split(path.sep).join('/');
    if (rel.startsWith('..')) return;
    files[`${ZCSIM_DECLARATIONS_DIR}/${rel}`] = text;
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(`zcsim declarations: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
  }
  if (files[`${ZCSIM_DECLARATIONS_DIR}/index.d.ts`] === undefined) throw new Error('zcsim declarations: no index.d.ts was emitted');
  return files;
}

/** lib.es2022.d.ts and every lib it references, by file name ("/lib.es2022.d.ts"). */
export function es2022Libs(): TsFiles {
  const libDir = path.dirname(ts.getDefaultLibFilePath({}));
  const files: TsFiles = {};
  const add = (name: string): void => {
    const file = `lib.${name}.d.ts`;
    if (files[`/${file}`] !== undefined) return;
    const text = fs.readFileSync(path.join(libDir, file), 'utf8');
    files[`/${file}`] = text;
    for (const m of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"\s*\/>/g)) add((m[1] as string).toLowerCase());
  };
  add('es2022');
  return files;
}
