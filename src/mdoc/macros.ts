// Macro tables: which names may be called inside a line, which tokens are
// delimiters, which macros feed the semantic index.

import type { EncloseMacro, InlineMacro, OsMacro } from './types.ts';
import type { Token } from './tokenize.ts';

export const INLINE_MACROS: ReadonlySet<string> = new Set<InlineMacro>([
  'An', 'Ar', 'Cd', 'Cm', 'Dv', 'Em', 'Er', 'Ev', 'Fa', 'Fl', 'Ft', 'Ic', 'Lb', 'Li',
  'Nm', 'Pa', 'Sx', 'Sy', 'Tn', 'Va', 'Vt',
]);

export const ENCLOSE_MACROS: Readonly<Record<EncloseMacro, readonly [string, string]>> = {
  Aq: ['<', '>'],
  Bq: ['[', ']'],
  Dq: ['\u201c', '\u201d'],
  Op: ['[', ']'],
  Pq: ['(', ')'],
  Qq: ['"', '"'],
  Ql: ['\u2018', '\u2019'],
  Sq: ['\u2018', '\u2019'],
};

export const OS_MACROS: Readonly<Record<OsMacro, string>> = {
  Bx: 'BSD', Fx: 'FreeBSD', Nx: 'NetBSD', Ox: 'OpenBSD', Ux: 'UNIX',
};

/** Macros that may appear as arguments of other macros on the same line. */
export const CALLABLE: ReadonlySet<string> = new Set([
  ...INLINE_MACROS, ...Object.keys(ENCLOSE_MACROS), ...Object.keys(OS_MACROS),
  'Ap', 'Fn', 'In', 'Lk', 'Mt', 'No', 'Ns', 'St', 'Ta', 'Xr',
]);

/** Macros whose terms go into the document's semantic index. */
export const INDEXED: ReadonlySet<string> = new Set([
  'An', 'Ar', 'Cd', 'Cm', 'Dv', 'Er', 'Ev', 'Fa', 'Fl', 'Fn', 'Ft', 'Ic', 'In', 'Lb',
  'Mt', 'Nm', 'Pa', 'St', 'Tn', 'Va', 'Vt', 'Xr',
]);

/** Standards known to .St, as mdoc prints them. */
export const STANDARDS: Readonly<Record<string, string>> = {
  '-p1003.1': 'IEEE Std 1003.1 (\u201cPOSIX.1\u201d)',
  '-p1003.1-2001': 'IEEE Std 1003.1-2001 (\u201cPOSIX.1\u201d)',
  '-p1003.1-2008': 'IEEE Std 1003.1-2008 (\u201cPOSIX.1\u201d)',
  '-p1003.1g-2000': 'IEEE Std 1003.1g-2000 (\u201cPOSIX.1g\u201d)',
  '-p1003.2': 'IEEE Std 1003.2 (\u201cPOSIX.2\u201d)',
  '-ansiC': 'ANSI X3.159-1989 (\u201cANSI C89\u201d)',
  '-isoC': 'ISO/IEC 9899:1990 (\u201cISO C90\u201d)',
  '-isoC-99': 'ISO/IEC 9899:1999 (\u201cISO C99\u201d)',
  '-susv2': 'Version 2 of the Single UNIX Specification (\u201cSUSv2\u201d)',
  '-susv3': 'Version 3 of the Single UNIX Specification (\u201cSUSv3\u201d)',
  '-xpg4.2': 'X/Open Portability Guide Issue 4, Version 2 (\u201cXPG4.2\u201d)',
  '-svid4': 'System V Interface Definition, Fourth Edition (\u201cSVID4\u201d)',
};

export type DelimKind = 'open' | 'close' | 'middle';

/** The delimiter class of a token, or null for words (quoted tokens are never delimiters). */
export function delimKind(token: Token): DelimKind | null {
  if (token.quoted || token.tab) return null;
  switch (token.raw) {
    case '(': case '[': return 'open';
    case '.': case ',': case ';': case ':': case '?': case '!': case ')': case ']': return 'close';
    case '|': return 'middle';
    default: return null;
  }
}

/** True when `token` calls a macro (an unquoted callable macro name). */
export function isCall(token: Token): boolean {
  return !token.quoted && !token.tab && CALLABLE.has(token.raw);
}
