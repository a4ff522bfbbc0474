// Splits the arguments of a macro line the way mdoc does: at spaces, with
// "double quotes" grouping words ("" inside quotes is one quote character)
// and a backslash escape never splitting. Tabs are kept as their own token
// because they separate the cells of a -column list. Escapes stay undecoded:
// a token's meaning (macro name, delimiter, word) depends on its raw text.

export interface Token {
  /** Undecoded source text without the surrounding quotes. */
  raw: string;
  /** Quoted tokens are always plain words, never macros or delimiters. */
  quoted: boolean;
  /** True for a tab separator (a -column cell boundary). */
  tab: boolean;
}

/** Tokenizes `args`; calls `fail` (which throws) on an unterminated quote. */
export function tokenize(args: string, fail: (message: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < args.length) {
    const c = args.charAt(i);
    if (c === ' ') {
      i += 1;
      continue;
    }
    if (c === '\t') {
      tokens.push({ raw: '\t', quoted: false, tab: true });
      i += 1;
      continue;
    }
    if (c === '"') {
      let raw = '';
      i += 1;
      for (;;) {
        if (i >= args.length) fail('unterminated quoted argument');
        const q = args.charAt(i);
        if (q === '"' && args.charAt(i + 1) === '"') {
          raw += '"';
          i += 2;
        } else if (q === '"') {
          i += 1;
          break;
        } else {
          raw += q;
          i += 1;
        }
      }
      tokens.push({ raw, quoted: true, tab: false });
      continue;
    }
    let raw = '';
    while (i < args.length && args.charAt(i) !== ' ' && args.charAt(i) !== '\t') {
      if (args.charAt(i) === '\\' && i + 1 < args.length) {
        raw += args.slice(i, i + 2);
        i += 2;
      } else {
        raw += args.charAt(i);
        i += 1;
      }
    }
    tokens.push({ raw, quoted: false, tab: false });
  }
  return tokens;
}
