// The arguments of one macro line: macros called inside the line (".Fn foo
// Fa bar"), words, and delimiters, appended to a Flow. Each macro consumes
// what it may take and leaves the rest of the line to the next call, so
// ".Xr ti 4 ," is the reference followed by an attached comma.

import { decodeEscapes, decodePlain } from './escape.ts';
import { Flow } from './flow.ts';
import { ENCLOSE_MACROS, INDEXED, OS_MACROS, STANDARDS, delimKind, isCall } from './macros.ts';
import type { Token } from './tokenize.ts';
import type { EncloseMacro, InlineMacro, MdocInline, OsMacro } from './types.ts';

/** What inline parsing needs from the document being parsed. */
export interface InlineContext {
  /** Throws MdocError at the current line. */
  fail(message: string): never;
  /** The first .Nm name, used by .Nm without arguments. */
  defaultName(): string;
  /** Records a term for the semantic index. */
  index(macro: string, value: string): void;
  /** Records a .Xr reference. */
  xref(name: string, section: string): void;
  /** Called before each .An; may insert a break (AUTHORS split mode) or change the mode. */
  author(flow: Flow, flag: string | null): boolean;
  /** True inside SYNOPSIS, where function prototypes end in ";". */
  readonly synopsis: boolean;
}

/** A window [pos, end) over a line's tokens. */
export class Stream {
  constructor(readonly tokens: readonly Token[], public pos: number, readonly end: number) {}
  more(): boolean {
    return this.pos < this.end;
  }
  peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }
  next(): Token | undefined {
    const token = this.peek();
    if (token) this.pos += 1;
    return token;
  }
}

function isWord(token: Token | undefined): token is Token {
  return token !== undefined && !token.tab && !isCall(token) && delimKind(token) === null;
}

/** Text and \f font runs of a raw word, as inline nodes. */
export function textNodes(raw: string, ctx: InlineContext): MdocInline[] {
  return decodeEscapes(raw, (m) => ctx.fail(m)).map((run): MdocInline =>
    run.font === null
      ? { type: 'text', value: run.text }
      : { type: 'font', font: run.font, children: [{ type: 'text', value: run.text }] },
  );
}

function plain(token: Token, ctx: InlineContext): string {
  return decodePlain(token.raw, (m) => ctx.fail(m));
}

/** Plain text of inline nodes, for the index and for ids. */
export function inlineText(nodes: readonly MdocInline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text': return node.value;
        case 'br': return ' ';
        case 'fn': return `${node.name}()`;
        case 'include': return `#include <${node.header}>`;
        case 'xr': return node.section ? `${node.name}(${node.section})` : node.name;
        case 'os': case 'standard': return node.text;
        case 'enclose': {
          const [open, close] = ENCLOSE_MACROS[node.macro];
          return open + inlineText(node.children) + close;
        }
        default: return inlineText(node.children);
      }
    })
    .join('');
}

/** The id a .Sx reference points at: its text, as mandoc makes section ids (spaces become underscores). */
export function sectionRefId(children: readonly MdocInline[]): string {
  return inlineText(children).trim().replace(/\s+/g, '_');
}

/** Appends words and delimiters to `flow` until a macro call or the end of the stream. */
function pushWords(stream: Stream, ctx: InlineContext, flow: Flow): void {
  for (let token = stream.peek(); token && !isCall(token); token = stream.peek()) {
    stream.pos += 1;
    if (token.tab) continue;
    const delim = delimKind(token);
    if (delim) {
      flow.text(token.raw, delim);
      continue;
    }
    const nodes = textNodes(token.raw, ctx);
    nodes.forEach((node, i) => (i === 0 ? flow.push(node) : (flow.suppressSpace(), flow.push(node))));
  }
}

/** Parses the whole stream: words, delimiters and called macros. */
export function parseCalls(stream: Stream, ctx: InlineContext, flow: Flow): void {
  while (stream.more()) {
    pushWords(stream, ctx, flow);
    const call = stream.next();
    if (call) callMacro(call.raw, stream, ctx, flow);
  }
}

function leadingOpens(stream: Stream, flow: Flow): void {
  for (let t = stream.peek(); t && delimKind(t) === 'open'; t = stream.peek()) {
    flow.text(t.raw, 'open');
    stream.pos += 1;
  }
}

const DEFAULTS: Partial<Record<InlineMacro, (ctx: InlineContext) => string>> = {
  Ar: () => 'file ...',
  Nm: (ctx) => ctx.defaultName(),
  Fl: () => '',
};

function pushInline(macro: InlineMacro, text: string, ctx: InlineContext, flow: Flow): void {
  const value = macro === 'Fl' ? `-${text}` : text;
  flow.push({ type: 'macro', macro, children: [{ type: 'text', value }] });
  if (INDEXED.has(macro)) ctx.index(macro, value);
}

/** .Dv, .Fa, .Nm, ...: runs of words become elements, delimiters stay outside them. */
function inlineMacro(macro: InlineMacro, stream: Stream, ctx: InlineContext, flow: Flow): void {
  if (macro === 'An') {
    const flag = stream.peek();
    const isFlag = flag !== undefined && !flag.quoted && (flag.raw === '-split' || flag.raw === '-nosplit');
    if (!ctx.author(flow, isFlag ? flag.raw : null)) {
      stream.pos += 1;
      return;
    }
  }
  leadingOpens(stream, flow);
  const fallback = DEFAULTS[macro];
  if (!isWord(stream.peek())) {
    if (!fallback) ctx.fail(`.${macro} needs an argument`);
    pushInline(macro, fallback(ctx), ctx, flow);
  }
  for (let token = stream.peek(); token && !isCall(token); token = stream.peek()) {
    const delim = delimKind(token);
    if (token.tab || delim) {
      stream.pos += 1;
      if (delim) flow.text(token.raw, delim);
      continue;
    }
    if (macro === 'Fl') {
      pushInline(macro, plain(token, ctx), ctx, flow);
      stream.pos += 1;
      continue;
    }
    const words: string[] = [];
    while (isWord(stream.peek())) words.push(plain(stream.next() as Token, ctx));
    pushInline(macro, words.join(' '), ctx, flow);
  }
}

function requireWord(stream: Stream, ctx: InlineContext, what: string): string {
  const token = stream.peek();
  if (!isWord(token)) ctx.fail(what);
  stream.pos += 1;
  return plain(token, ctx);
}

/** .Pq, .Op, .Dq, ...: everything to the end of the line except trailing closing delimiters. */
function enclose(macro: EncloseMacro, stream: Stream, ctx: InlineContext, flow: Flow): void {
  leadingOpens(stream, flow);
  let end = stream.end;
  while (end > stream.pos) {
    const last = stream.tokens[end - 1];
    if (!last || delimKind(last) !== 'close') break;
    end -= 1;
  }
  const inner = new Flow(false);
  parseCalls(new Stream(stream.tokens, stream.pos, end), ctx, inner);
  stream.pos = end;
  flow.push({ type: 'enclose', macro, children: inner.nodes });
}

function osName(macro: OsMacro, stream: Stream, ctx: InlineContext): string {
  const name = OS_MACROS[macro];
  if (macro === 'Ux') return name;
  const version = isWord(stream.peek()) ? plain(stream.next() as Token, ctx) : '';
  if (macro !== 'Bx') return version ? `${name} ${version}` : name;
  const variant = isWord(stream.peek()) ? `-${plain(stream.next() as Token, ctx)}` : '';
  return `${version}${name}${variant}`;
}

/** Runs the macro `name` on the rest of `stream`. */
export function callMacro(name: string, stream: Stream, ctx: InlineContext, flow: Flow): void {
  if (name in ENCLOSE_MACROS) return enclose(name as EncloseMacro, stream, ctx, flow);
  if (name in OS_MACROS) {
    return flow.push({ type: 'os', macro: name as OsMacro, text: osName(name as OsMacro, stream, ctx) });
  }
  switch (name) {
    case 'Ns': return flow.suppressSpace();
    case 'Ap': return flow.text("'", 'close'), flow.suppressSpace();
    case 'No': return pushWords(stream, ctx, flow);
    case 'Ta': return ctx.fail('.Ta outside a -column list');
    case 'Fn': {
      leadingOpens(stream, flow);
      const fn = requireWord(stream, ctx, '.Fn needs a function name');
      const args: string[] = [];
      while (isWord(stream.peek())) args.push(plain(stream.next() as Token, ctx));
      ctx.index('Fn', fn);
      return flow.push({ type: 'fn', name: fn, args, synopsis: ctx.synopsis });
    }
    case 'Xr': {
      const xrName = requireWord(stream, ctx, '.Xr needs a page name');
      const section = isWord(stream.peek()) ? plain(stream.next() as Token, ctx) : '';
      ctx.xref(xrName, section);
      ctx.index('Xr', section ? `${xrName}(${section})` : xrName);
      return flow.push({ type: 'xr', name: xrName, section });
    }
    case 'In': {
      const header = requireWord(stream, ctx, '.In needs a header name');
      ctx.index('In', header);
      return flow.push({ type: 'include', header });
    }
    case 'Lk': {
      const href = requireWord(stream, ctx, '.Lk needs a URL');
      const words: string[] = [];
      while (isWord(stream.peek())) words.push(plain(stream.next() as Token, ctx));
      const label = words.length > 0 ? words.join(' ') : href;
      return flow.push({ type: 'link', macro: 'Lk', href, children: [{ type: 'text', value: label }] });
    }
    case 'Mt': {
      const address = requireWord(stream, ctx, '.Mt needs an address');
      ctx.index('Mt', address);
      const children: MdocInline[] = [{ type: 'text', value: address }];
      return flow.push({ type: 'link', macro: 'Mt', href: `mailto:${address}`, children });
    }
    case 'St': {
      const key = requireWord(stream, ctx, '.St needs a standard');
      const text = STANDARDS[key];
      if (text === undefined) ctx.fail(`unknown standard .St ${key}`);
      ctx.index('St', text);
      return flow.push({ type: 'standard', key, text });
    }
    default:
      return inlineMacro(name as InlineMacro, stream, ctx, flow);
  }
}
