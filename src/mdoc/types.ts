// The mdoc syntax tree. Everything here is plain JSON (no classes, no
// undefined-valued keys), because the tree is built at site build time in
// Node and shipped to the browser as global data.

/** Inline macros rendered as one styled element around their arguments. */
export type InlineMacro =
  | 'An' | 'Ar' | 'Cd' | 'Cm' | 'Dv' | 'Em' | 'Er' | 'Ev' | 'Fa' | 'Fl' | 'Ft'
  | 'Ic' | 'Lb' | 'Li' | 'Nd' | 'Nm' | 'Pa' | 'Sx' | 'Sy' | 'Tn' | 'Va' | 'Vt';

/** Enclosure macros: their content sits between an opening and closing mark. */
export type EncloseMacro = 'Aq' | 'Bq' | 'Dq' | 'Op' | 'Pq' | 'Qq' | 'Ql' | 'Sq';

/** Operating-system name macros (.Fx 5.0 -> "FreeBSD 5.0"). */
export type OsMacro = 'Bx' | 'Fx' | 'Nx' | 'Ox' | 'Ux';

/** Font set by a \f escape: bold, italic or constant width. */
export type FontName = 'B' | 'I' | 'CW';

export type MdocInline =
  | { type: 'text'; value: string }
  /** .Fa, .Dv, .Nm, ...: `children` is the argument text. */
  | { type: 'macro'; macro: InlineMacro; children: MdocInline[] }
  /** .Fn name args... or .Fo name / .Fa ... / .Fc. */
  | { type: 'fn'; name: string; args: string[]; synopsis: boolean }
  /** .In header: #include <header>. */
  | { type: 'include'; header: string }
  /** .Xr name section; `section` is '' when omitted. */
  | { type: 'xr'; name: string; section: string }
  | { type: 'enclose'; macro: EncloseMacro; children: MdocInline[] }
  /** .Fx 5.0 and friends, already expanded: text is "FreeBSD 5.0". */
  | { type: 'os'; macro: OsMacro; text: string }
  /** .St -p1003.1: text is the expanded standard name. */
  | { type: 'standard'; key: string; text: string }
  /** .Lk url text and .Mt address (href is "mailto:..."). */
  | { type: 'link'; macro: 'Lk' | 'Mt'; href: string; children: MdocInline[] }
  /** \fB...\fR inside text. */
  | { type: 'font'; font: FontName; children: MdocInline[] }
  /** .br, and the forced breaks of SYNOPSIS and AUTHORS. */
  | { type: 'br' };

/** One entry of a .Rs/.Re bibliographic block. */
export interface MdocReference {
  /** .%A, in order. */
  authors: string[];
  /** .%T, .%J, .%D, ... keyed by letter (T, J, D, B, I, N, O, P, Q, R, U, V). */
  fields: Record<string, string>;
}

export type MdocListKind =
  | 'tag' | 'bullet' | 'dash' | 'hyphen' | 'enum' | 'column' | 'item'
  | 'ohang' | 'inset' | 'hang' | 'diag';

export interface MdocListItem {
  /** Tag text (.It args) for tag/ohang/inset/hang/diag lists; empty otherwise. */
  head: MdocInline[];
  /** Cells of a -column row (split at .Ta or tab); empty for other kinds. */
  cells: MdocInline[][];
  body: MdocBlock[];
  line: number;
}

export type MdocDisplayKind = 'literal' | 'unfilled' | 'ragged' | 'filled' | 'centered';

export type MdocBlock =
  /** Running text; .Pp or a blank line starts the next one. */
  | { type: 'para'; children: MdocInline[] }
  | {
      type: 'list';
      kind: MdocListKind;
      /** -width argument as written, '' when absent. */
      width: string;
      /** -offset argument as written, '' when absent. */
      offset: string;
      compact: boolean;
      /** -column widths as written. */
      columns: string[];
      items: MdocListItem[];
      line: number;
    }
  | {
      type: 'display';
      kind: MdocDisplayKind;
      offset: string;
      compact: boolean;
      /** For literal/unfilled displays a para holds lines separated by "\n". */
      children: MdocBlock[];
      line: number;
    }
  /** A live code sample: a .Bd -literal preceded by `.\" zcsim-example: slug`. */
  | { type: 'example'; slug: string; code: string; line: number }
  /** .Bf -emphasis / -symbolic / -literal ... .Ef */
  | { type: 'fontblock'; font: 'Em' | 'Sy' | 'Li'; children: MdocBlock[]; line: number }
  | { type: 'reference'; ref: MdocReference; line: number }
  | { type: 'subsection'; title: string; id: string; children: MdocBlock[]; line: number };

export interface MdocSection {
  title: string;
  /** HTML id as mandoc makes it: spaces become underscores. */
  id: string;
  children: MdocBlock[];
  line: number;
}

export interface MdocXref {
  name: string;
  section: string;
  line: number;
}

export interface MdocIndexEntry {
  /** The macro that marked the term: 'Fn', 'Cd', 'Er', 'Dv', 'Va', 'Xr', ... */
  macro: string;
  /** The term as displayed, e.g. "kern.ipc.zero_copy.send" or "ti(4)". */
  value: string;
  /** Id of the innermost .Sh or .Ss holding the term. */
  sectionId: string;
}

export interface MdocDocument {
  /** Source path as given to parseMdoc, e.g. "man/man9/zero_copy.9". */
  file: string;
  /** .Dt title, e.g. "ZERO_COPY". */
  title: string;
  /** .Dt section, e.g. "9". */
  section: string;
  /** .Dt architecture, '' when absent. */
  arch: string;
  /** .Dd text, e.g. "June 23, 2002". */
  date: string;
  /** .Os text, or the default operating system when .Os has no argument. */
  os: string;
  /** Volume name derived from the section, e.g. "FreeBSD Kernel Developer's Manual". */
  volume: string;
  /** Names given by .Nm in the NAME section. */
  names: string[];
  /** .Nd text. */
  description: string;
  sections: MdocSection[];
  xrefs: MdocXref[];
  index: MdocIndexEntry[];
}

/** A live sample found in a page. `code` is the exact sample source. */
export interface MdocExampleBlock {
  slug: string;
  code: string;
  line: number;
}
