// roff escape sequences in mdoc text: \e, \&, \-, \(em, \*q, \fB...\fR and
// friends. decodeEscapes turns raw source text into runs of plain text, each
// with the font that a \f escape selected. Unknown escapes are errors so a
// typo in a page fails the build instead of showing a stray backslash.

import type { FontName } from './types.ts';

export interface TextRun {
  text: string;
  /** Font selected by \f, or null for the macro's own font. */
  font: FontName | null;
}

/** Named special characters: \(xx and \[xx]. */
const SPECIAL: Record<string, string> = {
  em: '\u2014', en: '\u2013', hy: '\u2010', mi: '\u2212', pl: '+', eq: '=',
  aq: "'", dq: '"', lq: '\u201c', rq: '\u201d', oq: '\u2018', cq: '\u2019',
  ga: '`', ha: '^', ti: '~', rs: '\\', sl: '/', ba: '|', bu: '\u2022',
  co: '\u00a9', rg: '\u00ae', tm: '\u2122', de: '\u00b0', ul: '_', ru: '_',
  '<=': '\u2264', '>=': '\u2265', '!=': '\u2260', '->': '\u2192', '<-': '\u2190',
  mu: '\u00d7', di: '\u00f7', '+-': '\u00b1', Fo: '\u00ab', Fc: '\u00bb',
};

/** Predefined strings: \*q, \*(Lq and \*[Lq]. */
const STRINGS: Record<string, string> = {
  q: '"', Lq: '\u201c', Rq: '\u201d', lq: '\u201c', rq: '\u201d', Ba: '|',
  Lt: '<', Gt: '>', Le: '\u2264', Ge: '\u2265', Ne: '\u2260', Pm: '\u00b1',
  If: 'infinity', Na: 'NaN', Pi: 'pi', Am: '&', Ua: '\u2191', Da: '\u2193',
};

const FONTS: Record<string, FontName | null> = {
  B: 'B', I: 'I', R: null, P: null, '1': null, '2': 'I', '3': 'B',
  CW: 'CW', CR: 'CW', C: 'CW', BI: 'B',
};

/** Reads the name after \( , \[ or a single character; returns [name, next index]. */
function readName(s: string, i: number): [string, number] | null {
  const c = s.charAt(i);
  if (c === '(') return s.length >= i + 3 ? [s.slice(i + 1, i + 3), i + 3] : null;
  if (c === '[') {
    const end = s.indexOf(']', i);
    return end < 0 ? null : [s.slice(i + 1, end), end + 1];
  }
  return c === '' ? null : [c, i + 1];
}

/**
 * Decodes escapes in `s`. Calls `fail` (which must throw) on an escape this
 * parser does not know. Returns runs of text split where the font changes.
 */
export function decodeEscapes(s: string, fail: (message: string) => never): TextRun[] {
  const runs: TextRun[] = [];
  let font: FontName | null = null;
  let text = '';
  const flush = () => {
    if (text !== '') runs.push({ text, font });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if (c !== '\\') {
      text += c;
      i += 1;
      continue;
    }
    const e = s.charAt(i + 1);
    i += 2;
    switch (e) {
      case 'e': case '\\': text += '\\'; break;
      case '&': case '|': case '^': case '%': case ':': case 'c': break;
      case '-': text += '-'; break;
      case '.': text += '.'; break;
      case "'": text += '\u00b4'; break;
      case '`': text += '`'; break;
      case ' ': case '~': case '0': text += '\u00a0'; break;
      case '(': case '[': {
        const named = readName(s, i - 1);
        const value = named ? SPECIAL[named[0]] : undefined;
        if (!named || value === undefined) fail(`unknown special character \\${e}${named?.[0] ?? ''}`);
        text += value;
        i = named[1];
        break;
      }
      case '*': {
        const named = readName(s, i);
        const value = named ? STRINGS[named[0]] : undefined;
        if (!named || value === undefined) fail(`unknown string \\*${named?.[0] ?? ''}`);
        text += value;
        i = named[1];
        break;
      }
      case 'f': {
        const named = readName(s, i);
        if (!named || !(named[0] in FONTS)) fail(`unknown font \\f${named?.[0] ?? ''}`);
        flush();
        font = FONTS[named[0]] ?? null;
        i = named[1];
        break;
      }
      default:
        fail(e === '' ? 'backslash at end of line' : `unsupported escape \\${e}`);
    }
  }
  flush();
  return runs;
}

/** Decodes escapes and drops font changes: for names, sections and other plain arguments. */
export function decodePlain(s: string, fail: (message: string) => never): string {
  return decodeEscapes(s, fail).map((run) => run.text).join('');
}

/** Returns `line` without a trailing \" comment. */
export function stripComment(line: string): string {
  for (let i = 0; i < line.length; i += 1) {
    if (line.charAt(i) !== '\\') continue;
    if (line.charAt(i + 1) === '"') return line.slice(0, i);
    i += 1;
  }
  return line;
}
