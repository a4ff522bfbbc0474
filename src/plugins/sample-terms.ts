// What a sample uses, read from its code: the names it imports from
// 'zcsim', the kernel options in its configuration text, the sysctl names
// it quotes and the ti(4) ioctls it names. The cross-index matches these
// against the terms the man pages define.

/** What the scanner needs to know about the kernel. */
export interface KnownNames {
  /** Option names config(8) accepts (conf/options.ts). */
  readonly options: ReadonlySet<string>;
  /** Every sysctl name, nodes included, as the reference kernel has them. */
  readonly sysctls: readonly string[];
}

const IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]zcsim['"]/g;
// Also after a \n or \t escape inside a string literal: `${GENERIC}options A\noptions B\n`.
const OPTION_LINE = /(?:\\n|\b)options(?:\s|\\t)+([A-Z_][A-Z0-9_]*)/g;
const HAS_OPTION = /\bhasOption\(\s*['"]([A-Z_][A-Z0-9_]*)['"]/g;
const QUOTED_DOTTED = /['"`]([a-z]+(?:\.[a-z0-9_]+)+)['"`]/g;
const IOCTL_WORD = /\b(TIIOC[A-Z]+|ALT_[A-Z_]+)\b/g;

/** The names imported from 'zcsim', without `type` imports; `a as b` gives a. */
export function zcsimImports(code: string): string[] {
  const names: string[] = [];
  for (const m of code.matchAll(IMPORT)) {
    for (const part of (m[1] ?? '').split(',')) {
      const spec = part.trim();
      if (spec === '' || spec.startsWith('type ')) continue;
      names.push(spec.split(/\s+as\s+/)[0] ?? spec);
    }
  }
  return names;
}

/** Every name of `known` the code uses, plus its zcsim imports. */
export function sampleIdentifiers(code: string, known: KnownNames): Set<string> {
  const out = new Set<string>(zcsimImports(code));
  for (const re of [OPTION_LINE, HAS_OPTION]) {
    for (const m of code.matchAll(re)) if (known.options.has(m[1] ?? '')) out.add(m[1] ?? '');
  }
  const sysctls = new Set(known.sysctls);
  for (const m of code.matchAll(QUOTED_DOTTED)) {
    const name = m[1] ?? '';
    if (!sysctls.has(name)) continue;
    // A node stands for what sysctl(8) prints for it: itself and everything below.
    for (const s of known.sysctls) if (s === name || s.startsWith(`${name}.`)) out.add(s);
  }
  for (const m of code.matchAll(IOCTL_WORD)) out.add(m[1] ?? '');
  return out;
}

/** The first sentence of the sample's opening comment, as a one-line summary. */
export function sampleSummary(code: string): string {
  const lines: string[] = [];
  for (const line of code.split('\n')) {
    const m = /^\/\/\s?(.*)$/.exec(line);
    if (m === null) break;
    lines.push(m[1] ?? '');
  }
  const text = lines.join(' ').replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
