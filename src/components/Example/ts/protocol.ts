// Messages between the editor (client.ts) and the TypeScript language
// service worker (ts.worker.ts). Each request carries the code as it is now
// and an id; the worker answers each with the same id.

export interface TsDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** "TS2322", or "syntax" for a parse error. */
  readonly code: string;
  readonly message: string;
}

export interface TsCompletion {
  readonly label: string;
  /** CodeMirror's completion type: function, variable, constant, class, interface, property, keyword... */
  readonly type: string;
}

/** A link to where the manual documents a name: its man page, section and anchor. */
export interface ManDoc {
  /** "jumbo(9)". */
  readonly page: string;
  /** The section it is documented in: "DESCRIPTION", "ERRORS". */
  readonly section: string;
  /** What the entry says, as plain text. */
  readonly text: string;
  /** Site path with anchor: "/man9/jumbo#jumbo_pg_alloc". */
  readonly href: string;
}

export interface TsHover {
  readonly from: number;
  readonly to: number;
  /** The signature or type, as TypeScript prints it ("function jumbo_pg_alloc(): ..."); empty for a string. */
  readonly signature: string;
  /** The declaration's doc comment. */
  readonly documentation: string;
  /** The manual's entries for the name (a function, ioctl, option, sysctl or errno). */
  readonly man: readonly ManDoc[];
}

export type TsRequest =
  | { readonly id: number; readonly op: 'diagnostics'; readonly code: string }
  | { readonly id: number; readonly op: 'completions'; readonly code: string; readonly pos: number }
  | { readonly id: number; readonly op: 'hover'; readonly code: string; readonly pos: number };

export type TsResponse =
  | { readonly id: number; readonly op: 'diagnostics'; readonly diagnostics: readonly TsDiagnostic[] }
  | { readonly id: number; readonly op: 'completions'; readonly from: number; readonly options: readonly TsCompletion[] }
  | { readonly id: number; readonly op: 'hover'; readonly hover: TsHover | null }
  | { readonly id: number; readonly op: 'error'; readonly message: string };
