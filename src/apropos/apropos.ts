// apropos(1) over the site, in the browser: the man pages' semantic index
// (every .Fn, .Dv, .Cd, .Er, ... with the section it sits in), plus the
// kernel options and sysctls, queried with mandoc's expression syntax:
//
//   jumbo                  a bare word: names and descriptions (Nm, Nd), and
//                          here also the names of functions, ioctls, options,
//                          sysctls and errors (Fn, Dv, Cd, Va, Er)
//   Fn=jumbo_pg_alloc      key=value: case-insensitive substring match
//   Dv~^TIIOC              key~regex: case-insensitive regular expression
//   Fn,Dv=alloc            several keys; `any` means every key
//   term -a term           both; -o (or nothing) means either; -a binds tighter
//   ! term                 not
//   -s 9                   only pages of section 9
//
// A page matches when the expression is true for it; each match prints as
// "name(section) - description" and links to the first term that matched.
// Pure TypeScript, shared by the apropos page and its tests.

/** One searchable value of a page: `.Fn jumbo_pg_alloc` in DESCRIPTION. */
export interface AproposEntry {
  /** Macro key: Nm, Nd, Fn, Dv, Va, Cd, Er, Sh, Ss, ... */
  key: string;
  value: string;
  /** Link to where the value is defined or first appears. */
  href: string;
  /** True if `value` is one of the page's names (.Nm), so it may stand for the page in a result line. */
  isName: boolean;
}

/** A manual page, or one entry of a generated reference (an option, a sysctl). */
export interface AproposDoc {
  names: string[];
  /** "9" for a man page; "options" or "sysctl" for the generated references. */
  section: string;
  description: string;
  href: string;
  entries: AproposEntry[];
}

export interface AproposResult {
  /** "jumbo_pg_alloc(9) - kernel interface for allocating disposable page sized buffers". */
  line: string;
  names: string[];
  section: string;
  description: string;
  href: string;
  /** The entries that matched, for showing why. */
  matched: AproposEntry[];
}

export class AproposError extends Error {
  constructor(message: string) {
    super(`apropos: ${message}`);
    this.name = 'AproposError';
  }
}

/** Keys a bare word searches. */
export const BARE_KEYS: readonly string[] = ['Nm', 'Nd', 'Fn', 'Dv', 'Cd', 'Va', 'Er'];

/** Keys apropos knows: the mdoc macros the index records, plus section titles. */
export const KNOWN_KEYS: readonly string[] = [
  'An', 'Ar', 'Cd', 'Cm', 'Dv', 'Er', 'Ev', 'Fa', 'Fl', 'Fn', 'Ft', 'Ic', 'In', 'Lb', 'Mt', 'Nd', 'Nm', 'Pa', 'Sh', 'Ss',
  'St', 'Tn', 'Va', 'Vt', 'Xr',
];

type Term = { keys: readonly string[]; test: (value: string) => boolean };
type Expr =
  | { op: 'term'; term: Term }
  | { op: 'not'; expr: Expr }
  | { op: 'and' | 'or'; left: Expr; right: Expr };

export interface AproposQuery {
  expr: Expr;
  section: string | null;
}

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of input.matchAll(re)) tokens.push(m[1] ?? m[2] ?? '');
  return tokens;
}

function parseTerm(token: string): Term {
  const m = /^([A-Za-z]{2,3}(?:,[A-Za-z]{2,3})*|any)(=|~)(.*)$/.exec(token);
  if (m === null) {
    const needle = token.toLowerCase();
    return { keys: BARE_KEYS, test: (v) => v.toLowerCase().includes(needle) };
  }
  const keys = (m[1] ?? '') === 'any' ? KNOWN_KEYS : (m[1] ?? '').split(',').map(canonicalKey);
  const value = m[3] ?? '';
  if (value === '') throw new AproposError(`${token}: empty value after ${m[2]}`);
  if (m[2] === '=') {
    const needle = value.toLowerCase();
    return { keys, test: (v) => v.toLowerCase().includes(needle) };
  }
  let re: RegExp;
  try {
    re = new RegExp(value, 'i');
  } catch (e) {
    throw new AproposError(`${token}: bad regular expression: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { keys, test: (v) => re.test(v) };
}

function canonicalKey(key: string): string {
  const found = KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
  if (found === undefined) throw new AproposError(`unknown macro key ${key} (known: ${KNOWN_KEYS.join(' ')}, any)`);
  return found;
}

/** Parses an apropos expression. Throws AproposError with the offending word. */
export function parseApropos(input: string): AproposQuery {
  const tokens = tokenize(input);
  let section: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (t === '-s') {
      const s = tokens[++i];
      if (s === undefined) throw new AproposError('-s needs a section');
      section = s;
    } else if (/^-s./.test(t)) {
      section = t.slice(2);
    } else {
      rest.push(t);
    }
  }
  if (rest.length === 0) throw new AproposError('nothing to search for');
  let pos = 0;
  const peek = (): string | undefined => rest[pos];
  // or := and ( [-o] and )* ; and := unary ( -a unary )* ; unary := ! unary | term
  const unary = (): Expr => {
    const t = rest[pos++];
    if (t === undefined) throw new AproposError('expression ends too early');
    if (t === '!') return { op: 'not', expr: unary() };
    if (t === '-a' || t === '-o') throw new AproposError(`${t} needs a term before it`);
    if (t === '(' || t === ')') throw new AproposError('parentheses are not supported here');
    return { op: 'term', term: parseTerm(t) };
  };
  const and = (): Expr => {
    let left = unary();
    while (peek() === '-a') {
      pos++;
      left = { op: 'and', left, right: unary() };
    }
    return left;
  };
  let expr = and();
  while (pos < rest.length) {
    if (peek() === '-o') pos++;
    expr = { op: 'or', left: expr, right: and() };
  }
  return { expr, section };
}

// Evaluates `expr` for one page; `hits` collects the entries of matching, non-negated terms.
function evaluate(expr: Expr, doc: AproposDoc, hits: AproposEntry[]): boolean {
  switch (expr.op) {
    case 'term': {
      const found = doc.entries.filter((e) => expr.term.keys.includes(e.key) && expr.term.test(e.value));
      hits.push(...found);
      return found.length > 0;
    }
    case 'not': return !evaluate(expr.expr, doc, []);
    case 'and': {
      const mine: AproposEntry[] = [];
      const ok = evaluate(expr.left, doc, mine) && evaluate(expr.right, doc, mine);
      if (ok) hits.push(...mine);
      return ok;
    }
    case 'or': {
      const l = evaluate(expr.left, doc, hits);
      const r = evaluate(expr.right, doc, hits);
      return l || r;
    }
  }
}

/** The result line: mandoc's "names(section) - description". */
export function resultLine(names: readonly string[], section: string, description: string): string {
  return `${names.join(', ')}(${section}) - ${description}`;
}

/** Runs `input` over `docs`. Throws AproposError for a malformed expression. */
export function apropos(docs: readonly AproposDoc[], input: string): AproposResult[] {
  const query = parseApropos(input);
  const results: AproposResult[] = [];
  for (const doc of docs) {
    if (query.section !== null && doc.section !== query.section) continue;
    const hits: AproposEntry[] = [];
    if (!evaluate(query.expr, doc, hits)) continue;
    // Name the page by those of its names that matched, else by all of them.
    const matchedNames = [...new Set(hits.filter((h) => h.isName).map((h) => h.value))];
    const names = matchedNames.length > 0 ? matchedNames : doc.names;
    const first = hits.find((h) => h.isName) ?? hits[0];
    results.push({
      line: resultLine(names, doc.section, doc.description),
      names,
      section: doc.section,
      description: doc.description,
      href: first?.href ?? doc.href,
      matched: hits,
    });
  }
  return results;
}
