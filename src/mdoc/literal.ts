// Converting sample code to and from the body of an mdoc `.Bd -literal`
// block. Only two things need escaping for the code to survive roff exactly:
// a backslash (written \e) and a control character (. or ') at the start of a
// line, which \& defuses. unescapeMdocLiteral(escapeMdocLiteral(s)) === s for
// every string s.

/** Escapes TypeScript source into a literal block body. */
export function escapeMdocLiteral(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const escaped = line.replaceAll('\\', '\\e');
      return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
    })
    .join('\n');
}

/**
 * Characters a hand-written literal body may also use; anything else after
 * a backslash is rejected so the code cannot silently differ from the page.
 */
const LITERAL_ESCAPES: Record<string, string> = {
  e: '\\', '\\': '\\', '&': '', '-': '-', '(aq': "'", '(dq': '"', '(ga': '`', '(ti': '~', '(ha': '^',
};

function defaultFail(lineIndex: number, message: string): never {
  throw new Error(`line ${lineIndex + 1}: ${message}`);
}

/**
 * Inverse of escapeMdocLiteral. Returns the code; on an escape that has no
 * exact plain-text equivalent calls `fail` (which throws) with the 0-based
 * line index, by default throwing an Error "line N: ...".
 */
export function unescapeMdocLiteral(
  body: string,
  fail: (lineIndex: number, message: string) => never = defaultFail,
): string {
  return body
    .split('\n')
    .map((line, index) => {
      let out = '';
      for (let i = 0; i < line.length; i += 1) {
        const c = line.charAt(i);
        if (c !== '\\') {
          out += c;
          continue;
        }
        const key = line.charAt(i + 1) === '(' ? line.slice(i + 1, i + 4) : line.charAt(i + 1);
        const value = LITERAL_ESCAPES[key];
        if (value === undefined) fail(index, `escape \\${key} cannot appear in a sample`);
        out += value;
        i += key.length;
      }
      return out;
    })
    .join('\n');
}
