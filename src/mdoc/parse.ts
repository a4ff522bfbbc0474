// parseMdoc: mdoc source -> MdocDocument. Reads the page line by line,
// keeping a stack of open blocks (section, list, list item, display). Inline
// content goes through a Flow into the innermost open block. Anything this
// parser does not understand, or a block left open, is an MdocError naming
// the file and line, so a broken page fails the build.

import { MdocError } from './error.ts';
import { decodePlain, stripComment } from './escape.ts';
import { Flow } from './flow.ts';
import { CALLABLE } from './macros.ts';
import { EXAMPLE_TAG, readExampleBlock } from './example-block.ts';
import { Stream, callMacro, parseCalls, textNodes, type InlineContext } from './inline.ts';
import { tokenize, type Token } from './tokenize.ts';
import type {
  MdocBlock, MdocDisplayKind, MdocDocument, MdocInline, MdocListItem, MdocListKind,
  MdocReference, MdocSection,
} from './types.ts';
import { mdocVolume } from './volume.ts';

export interface ParseOptions {
  /** Operating system for a bare .Os, like mandoc -Ios=...; default "FreeBSD". */
  os?: string;
}

type ListBlock = Extract<MdocBlock, { type: 'list' }>;

/** An open block that holds other blocks and running text. */
interface BodyFrame {
  kind: 'body';
  /** Macro that opened it: Sh, Ss, It, Bd or Bf. */
  opener: string;
  blocks: MdocBlock[];
  flow: Flow | null;
  literal: boolean;
  line: number;
}

interface ListFrame {
  kind: 'list';
  list: ListBlock;
  line: number;
}

type Frame = BodyFrame | ListFrame;

const MACRO_LINE = /^[.']\s*(\S+)\s*(.*)$/;
const LIST_KINDS: readonly MdocListKind[] = [
  'tag', 'bullet', 'dash', 'hyphen', 'enum', 'column', 'item', 'ohang', 'inset', 'hang', 'diag',
];
const DISPLAY_KINDS: readonly MdocDisplayKind[] = ['literal', 'unfilled', 'ragged', 'filled', 'centered'];
const HEAD_LISTS: ReadonlySet<MdocListKind> = new Set(['tag', 'ohang', 'inset', 'hang', 'diag']);
const REF_FIELDS = /^%([ABDIJNOPQRTUV])$/;
const MDOCDATE = /^\$Mdocdate:\s*(\S+)\s+(\d+)\s+(\d+)\s*\$$/;

/** mandoc's anchor ids: spaces become underscores. */
function makeId(title: string, used: Set<string>): string {
  const base = title.trim().replace(/\s+/g, '_');
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}_${n}`;
  used.add(id);
  return id;
}

class Parser implements InlineContext {
  private readonly doc: MdocDocument;
  private readonly stack: Frame[] = [];
  private readonly ids = new Set<string>();
  private line = 0;
  private section: MdocSection | null = null;
  private sectionId = '';
  private prologue = { Dd: false, Dt: false, Os: false };
  private ref: { ref: MdocReference; line: number } | null = null;
  private fo: { name: string; args: string[]; line: number } | null = null;
  private authorsSplit = true;
  private authorsSeen = 0;
  private synopsisGroup: 'include' | 'function' | 'prototype' | null = null;

  constructor(private readonly file: string, private readonly options: ParseOptions) {
    this.doc = {
      file, title: '', section: '', arch: '', date: '', os: '', volume: '',
      names: [], description: '', sections: [], xrefs: [], index: [],
    };
  }

  // --- InlineContext ---

  fail(message: string): never {
    throw new MdocError(this.file, this.line, message);
  }

  defaultName(): string {
    const name = this.doc.names[0];
    if (name === undefined) this.fail('.Nm without an argument before any name was given');
    return name;
  }

  index(macro: string, value: string): void {
    this.doc.index.push({ macro, value, sectionId: this.sectionId });
  }

  xref(name: string, section: string): void {
    this.doc.xrefs.push({ name, section, line: this.line });
  }

  author(flow: Flow, flag: string | null): boolean {
    if (flag !== null) {
      this.authorsSplit = flag === '-split';
      return false;
    }
    if (this.section?.title === 'AUTHORS') {
      if (this.authorsSplit && this.authorsSeen > 0 && !flow.isEmpty()) flow.br();
      this.authorsSeen += 1;
    }
    return true;
  }

  get synopsis(): boolean {
    return this.section?.title === 'SYNOPSIS';
  }

  // --- driver ---

  parse(source: string): MdocDocument {
    const lines = source.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i += 1) {
      this.line = i + 1;
      const text = lines[i] ?? '';
      if (EXAMPLE_TAG.test(text)) {
        i = this.example(lines, i);
        continue;
      }
      if (/^[.']\\"/.test(text) || /^\.\s*$/.test(text)) continue;
      const macro = MACRO_LINE.exec(text);
      if (macro) this.macroLine(macro[1] ?? '', stripComment(macro[2] ?? ''));
      else this.textLine(text);
    }
    this.line = lines.length;
    this.closeSection();
    if (!this.prologue.Dt) this.fail('missing .Dt');
    if (this.doc.sections.length === 0) this.fail('no .Sh sections');
    return this.doc;
  }

  // --- frames ---

  private top(): Frame {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) this.fail('text before the first .Sh');
    return frame;
  }

  private body(): BodyFrame {
    const frame = this.top();
    if (frame.kind === 'list') this.fail(`text in .Bl (line ${frame.line}) before its first .It`);
    return frame;
  }

  private flow(): Flow {
    const frame = this.body();
    if (!frame.flow) frame.flow = new Flow(frame.literal);
    return frame.flow;
  }

  /** Ends the running paragraph of the innermost block. */
  private flush(): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame?.kind !== 'body' || !frame.flow) return;
    if (!frame.flow.isEmpty()) frame.blocks.push({ type: 'para', children: frame.flow.nodes });
    frame.flow = null;
  }

  private pushBlock(block: MdocBlock): void {
    this.flush();
    this.body().blocks.push(block);
  }

  private popBody(opener: string): BodyFrame {
    this.flush();
    const frame = this.stack.pop();
    if (frame?.kind !== 'body' || frame.opener !== opener) this.fail(`internal: expected open .${opener}`);
    return frame;
  }

  private closeSection(): void {
    this.flush();
    for (let frame = this.stack.pop(); frame; frame = this.stack.pop()) {
      if (frame.kind === 'list') this.fail(`unclosed .Bl opened at line ${frame.line}`);
      // An open .It is reported through the .Bl that holds it.
      if (frame.opener === 'It') continue;
      if (frame.opener !== 'Sh' && frame.opener !== 'Ss') this.fail(`unclosed .${frame.opener} opened at line ${frame.line}`);
      this.flushFrame(frame);
    }
  }

  private flushFrame(frame: BodyFrame): void {
    if (frame.flow && !frame.flow.isEmpty()) frame.blocks.push({ type: 'para', children: frame.flow.nodes });
    frame.flow = null;
  }

  // --- lines ---

  private textLine(text: string): void {
    if (!this.section) this.fail('text before the first .Sh');
    const frame = this.body();
    if (text.trim() === '') {
      if (frame.literal) this.flow().newLine();
      else this.flush();
      return;
    }
    const flow = this.flow();
    flow.newLine();
    const clean = stripComment(text);
    const nodes = textNodes(frame.literal ? clean : clean.trim(), this);
    nodes.forEach((node, i) => {
      if (i > 0) flow.suppressSpace();
      flow.push(node);
    });
  }

  private macroLine(name: string, args: string): void {
    const tokens = tokenize(args, (m) => this.fail(m));
    if (this.ref && !REF_FIELDS.test(name) && name !== 'Re') this.fail(`.${name} inside .Rs; only .%X fields allowed`);
    if (this.fo && name !== 'Fa' && name !== 'Fc') this.fail(`.${name} inside .Fo; only .Fa allowed`);
    switch (name) {
      case 'Dd': case 'Dt': case 'Os': return this.prologueMacro(name, tokens);
      case 'Sh': return this.sh(tokens);
      case 'Ss': return this.ss(tokens);
      case 'Pp': case 'Lp': case 'sp': return this.paragraphBreak();
      case 'br': return this.flow().br();
      case 'Nd': return this.nd(tokens);
      case 'Bl': return this.bl(tokens);
      case 'It': return this.it(tokens);
      case 'El': return this.el();
      case 'Bd': return this.bd(tokens);
      case 'Ed': return this.ed();
      case 'Dl': case 'D1': return this.oneLineDisplay(name, tokens);
      case 'Bf': return this.bf(tokens);
      case 'Ef': return this.ef();
      case 'Rs': return this.rs();
      case 'Re': return this.re();
      case 'Fo': return this.foOpen(tokens);
      case 'Fc': return this.fc();
      case 'Rv': case 'Ex': return this.rvEx(name, tokens);
      default:
        break;
    }
    const field = REF_FIELDS.exec(name);
    if (field) return this.refField(field[1] ?? '', tokens);
    if (name === 'Fa' && this.fo) {
      this.fo.args.push(...tokens.map((t) => decodePlain(t.raw, (m) => this.fail(m))));
      return;
    }
    if (!CALLABLE.has(name) || name === 'Ta') this.fail(`unknown macro .${name}`);
    this.inlineLine(name, tokens);
  }

  private inlineLine(name: string, tokens: Token[]): void {
    if (!this.section) this.fail(`.${name} before the first .Sh`);
    if (this.synopsis) this.synopsisBreak(name);
    const flow = this.flow();
    flow.newLine();
    if (this.section.title === 'NAME' && name === 'Nm') {
      for (const t of tokens) if (!t.quoted && /^[A-Za-z_]/.test(t.raw)) this.doc.names.push(decodePlain(t.raw, (m) => this.fail(m)));
    }
    const stream = new Stream(tokens, 0, tokens.length);
    callMacro(name, stream, this, flow);
    parseCalls(stream, this, flow);
  }

  /** SYNOPSIS layout: each declaration on its own line, prototypes in their own paragraphs. */
  private synopsisBreak(name: string): void {
    const group = name === 'In' || name === 'Cd' ? 'include' : name === 'Ft' ? 'function' : name === 'Fn' ? 'prototype' : null;
    if (group === null) return;
    const frame = this.body();
    const previous = this.synopsisGroup;
    this.synopsisGroup = group;
    if (!frame.flow || frame.flow.isEmpty()) return;
    const sameLine = previous === group && group === 'include';
    if (sameLine || (previous === 'function' && group === 'prototype')) frame.flow.br();
    else this.flush();
  }

  private paragraphBreak(): void {
    const frame = this.body();
    if (frame.literal) this.flow().newLine();
    else this.flush();
  }

  // --- prologue and sections ---

  private prologueMacro(name: 'Dd' | 'Dt' | 'Os', tokens: Token[]): void {
    if (this.section) this.fail(`.${name} after the first .Sh`);
    const words = tokens.map((t) => decodePlain(t.raw, (m) => this.fail(m)));
    const text = words.join(' ');
    if (name === 'Dd') {
      const mdocdate = MDOCDATE.exec(args(tokens));
      this.doc.date = mdocdate ? `${mdocdate[1]} ${mdocdate[2]}, ${mdocdate[3]}` : text;
      if (this.doc.date === '') this.fail('.Dd needs a date');
    } else if (name === 'Dt') {
      const [title, section, arch] = words;
      if (!title || !section) this.fail('.Dt needs a title and a section');
      this.doc.title = title;
      this.doc.section = section;
      this.doc.arch = arch ?? '';
      this.doc.volume = mdocVolume(section);
    } else {
      this.doc.os = text || (this.options.os ?? 'FreeBSD');
    }
    this.prologue[name] = true;
  }

  private sh(tokens: Token[]): void {
    const missing = (['Dd', 'Dt', 'Os'] as const).filter((m) => !this.prologue[m]);
    if (missing.length > 0) this.fail(`.Sh before ${missing.map((m) => `.${m}`).join(', ')}`);
    const title = this.headingTitle('Sh', tokens);
    this.closeSection();
    const section: MdocSection = { title, id: makeId(title, this.ids), children: [], line: this.line };
    this.doc.sections.push(section);
    this.section = section;
    this.sectionId = section.id;
    this.synopsisGroup = null;
    this.authorsSeen = 0;
    this.stack.push({ kind: 'body', opener: 'Sh', blocks: section.children, flow: null, literal: false, line: this.line });
  }

  private ss(tokens: Token[]): void {
    if (!this.section) this.fail('.Ss before the first .Sh');
    const title = this.headingTitle('Ss', tokens);
    this.flush();
    const top = this.top();
    if (top.kind === 'body' && top.opener === 'Ss') this.popBody('Ss');
    const open = this.top();
    if (open.kind !== 'body' || open.opener !== 'Sh') {
      this.fail(`.Ss inside an open .${open.kind === 'list' ? 'Bl' : open.opener} (line ${open.line})`);
    }
    const sub: Extract<MdocBlock, { type: 'subsection' }> = {
      type: 'subsection', title, id: makeId(title, this.ids), children: [], line: this.line,
    };
    open.blocks.push(sub);
    this.sectionId = sub.id;
    this.stack.push({ kind: 'body', opener: 'Ss', blocks: sub.children, flow: null, literal: false, line: this.line });
  }

  private headingTitle(name: string, tokens: Token[]): string {
    const title = tokens.map((t) => decodePlain(t.raw, (m) => this.fail(m))).join(' ');
    if (title === '') this.fail(`.${name} needs a title`);
    return title;
  }

  private nd(tokens: Token[]): void {
    if (this.section?.title !== 'NAME') this.fail('.Nd outside the NAME section');
    this.doc.description = tokens.map((t) => decodePlain(t.raw, (m) => this.fail(m))).join(' ');
    const flow = this.flow();
    flow.newLine();
    flow.text('\u2014');
    flow.push({ type: 'macro', macro: 'Nd', children: [{ type: 'text', value: this.doc.description }] });
  }

  // --- lists ---

  private bl(tokens: Token[]): void {
    const list: ListBlock = {
      type: 'list', kind: 'item', width: '', offset: '', compact: false, columns: [], items: [], line: this.line,
    };
    let kind: MdocListKind | null = null;
    for (let i = 0; i < tokens.length; i += 1) {
      const opt = tokens[i]?.raw ?? '';
      const value = tokens[i + 1]?.raw;
      if (opt === '-width' || opt === '-offset') {
        if (value === undefined) this.fail(`.Bl ${opt} needs a value`);
        if (opt === '-width') list.width = value;
        else list.offset = value;
        i += 1;
      } else if (opt === '-compact') {
        list.compact = true;
      } else if (LIST_KINDS.includes(opt.slice(1) as MdocListKind) && opt.startsWith('-')) {
        if (kind !== null) this.fail(`.Bl has two list types, -${kind} and ${opt}`);
        kind = opt.slice(1) as MdocListKind;
        if (kind === 'column') {
          list.columns = tokens.slice(i + 1).map((t) => t.raw);
          break;
        }
      } else {
        this.fail(`unknown .Bl argument ${opt}`);
      }
    }
    if (kind === null) this.fail('.Bl needs a list type such as -tag or -bullet');
    list.kind = kind;
    this.pushBlock(list);
    this.stack.push({ kind: 'list', list, line: this.line });
  }

  private it(tokens: Token[]): void {
    const top = this.top();
    if (top.kind === 'body' && top.opener === 'It') this.popBody('It');
    const frame = this.top();
    if (frame.kind !== 'list') this.fail('.It outside a list');
    const list = frame.list;
    const item: MdocListItem = { head: [], cells: [], body: [], line: this.line };
    if (list.kind === 'column') {
      item.cells = this.cells(tokens);
    } else if (HEAD_LISTS.has(list.kind)) {
      item.head = this.inlineOf(tokens);
    } else if (tokens.length > 0) {
      this.fail(`.It in a -${list.kind} list takes no arguments`);
    }
    list.items.push(item);
    this.stack.push({ kind: 'body', opener: 'It', blocks: item.body, flow: null, literal: false, line: this.line });
  }

  /** Inline content of a token list that is not part of the running text. */
  private inlineOf(tokens: readonly Token[]): MdocInline[] {
    const flow = new Flow(false);
    const stream = new Stream(tokens, 0, tokens.length);
    const first = stream.peek();
    if (first && !first.quoted && CALLABLE.has(first.raw) && first.raw !== 'Ta') stream.pos += 1, callMacro(first.raw, stream, this, flow);
    parseCalls(stream, this, flow);
    return flow.nodes;
  }

  private cells(tokens: Token[]): MdocInline[][] {
    const cells: MdocInline[][] = [];
    let start = 0;
    tokens.forEach((t, i) => {
      if (t.tab || (!t.quoted && t.raw === 'Ta')) {
        cells.push(this.inlineOf(tokens.slice(start, i)));
        start = i + 1;
      }
    });
    cells.push(this.inlineOf(tokens.slice(start)));
    return cells;
  }

  private el(): void {
    const top = this.top();
    if (top.kind === 'body' && top.opener === 'It') this.popBody('It');
    const frame = this.top();
    if (frame.kind !== 'list') this.fail(`.El without .Bl${frame.opener === 'Bd' ? ` (unclosed .Bd at line ${frame.line})` : ''}`);
    this.stack.pop();
  }

  // --- displays ---

  private bd(tokens: Token[]): void {
    const display: Extract<MdocBlock, { type: 'display' }> = {
      type: 'display', kind: 'ragged', offset: '', compact: false, children: [], line: this.line,
    };
    let kind: MdocDisplayKind | null = null;
    for (let i = 0; i < tokens.length; i += 1) {
      const opt = tokens[i]?.raw ?? '';
      if (opt === '-offset') {
        const value = tokens[i + 1]?.raw;
        if (value === undefined) this.fail('.Bd -offset needs a value');
        display.offset = value;
        i += 1;
      } else if (opt === '-compact') {
        display.compact = true;
      } else if (opt.startsWith('-') && DISPLAY_KINDS.includes(opt.slice(1) as MdocDisplayKind)) {
        kind = opt.slice(1) as MdocDisplayKind;
      } else {
        this.fail(`unknown .Bd argument ${opt}`);
      }
    }
    if (kind === null) this.fail('.Bd needs a display type such as -literal');
    display.kind = kind;
    this.pushBlock(display);
    const literal = kind === 'literal' || kind === 'unfilled';
    this.stack.push({ kind: 'body', opener: 'Bd', blocks: display.children, flow: null, literal, line: this.line });
  }

  private ed(): void {
    const top = this.top();
    if (top.kind !== 'body' || top.opener !== 'Bd') {
      const open = top.kind === 'list' ? `.Bl at line ${top.line}` : `.${top.opener === 'It' ? 'Bl' : top.opener} at line ${top.line}`;
      this.fail(`.Ed without .Bd (innermost open block: ${open})`);
    }
    this.popBody('Bd');
  }

  private oneLineDisplay(name: string, tokens: Token[]): void {
    const kind: MdocDisplayKind = name === 'Dl' ? 'literal' : 'ragged';
    const children: MdocBlock[] = [{ type: 'para', children: this.inlineOf(tokens) }];
    this.pushBlock({ type: 'display', kind, offset: 'indent', compact: true, children, line: this.line });
  }

  private bf(tokens: Token[]): void {
    const fonts: Record<string, 'Em' | 'Sy' | 'Li'> = {
      '-emphasis': 'Em', Em: 'Em', '-symbolic': 'Sy', Sy: 'Sy', '-literal': 'Li', Li: 'Li',
    };
    const font = fonts[tokens[0]?.raw ?? ''];
    if (!font) this.fail('.Bf needs -emphasis, -symbolic or -literal');
    const block: Extract<MdocBlock, { type: 'fontblock' }> = { type: 'fontblock', font, children: [], line: this.line };
    this.pushBlock(block);
    this.stack.push({ kind: 'body', opener: 'Bf', blocks: block.children, flow: null, literal: this.body().literal, line: this.line });
  }

  private ef(): void {
    const top = this.top();
    if (top.kind !== 'body' || top.opener !== 'Bf') this.fail('.Ef without .Bf');
    this.popBody('Bf');
  }

  // --- references, function blocks, standard sentences ---

  private rs(): void {
    if (!this.section) this.fail('.Rs before the first .Sh');
    this.ref = { ref: { authors: [], fields: {} }, line: this.line };
  }

  private refField(letter: string, tokens: Token[]): void {
    if (!this.ref) this.fail(`.%${letter} outside .Rs`);
    const value = tokens.map((t) => decodePlain(t.raw, (m) => this.fail(m))).join(' ');
    if (letter === 'A') this.ref.ref.authors.push(value);
    else this.ref.ref.fields[letter] = value;
  }

  private re(): void {
    if (!this.ref) this.fail('.Re without .Rs');
    const { ref, line } = this.ref;
    this.ref = null;
    this.pushBlock({ type: 'reference', ref, line });
  }

  private foOpen(tokens: Token[]): void {
    const name = tokens[0];
    if (!name) this.fail('.Fo needs a function name');
    if (this.synopsis) this.synopsisBreak('Fn');
    this.fo = { name: decodePlain(name.raw, (m) => this.fail(m)), args: [], line: this.line };
  }

  private fc(): void {
    if (!this.fo) this.fail('.Fc without .Fo');
    const { name, args } = this.fo;
    this.fo = null;
    this.index('Fn', name);
    const flow = this.flow();
    flow.newLine();
    flow.push({ type: 'fn', name, args, synopsis: this.synopsis });
  }

  private rvEx(name: 'Rv' | 'Ex', tokens: Token[]): void {
    if (tokens[0]?.raw !== '-std') this.fail(`.${name} needs -std`);
    const names = tokens.slice(1).map((t) => decodePlain(t.raw, (m) => this.fail(m)));
    if (names.length === 0) names.push(this.defaultName());
    const flow = this.flow();
    flow.newLine();
    flow.text('The');
    names.forEach((n, i) => {
      if (i > 0 && names.length > 2) flow.text(',', 'close');
      if (i > 0 && i === names.length - 1) flow.text('and');
      flow.push(name === 'Rv' ? { type: 'fn', name: n, args: [], synopsis: false } : { type: 'macro', macro: 'Nm', children: [{ type: 'text', value: n }] });
    });
    if (name === 'Ex') {
      flow.text(names.length > 1 ? 'utilities exit 0 on success, and >0 if an error occurs.' : 'utility exits 0 on success, and >0 if an error occurs.');
      return;
    }
    flow.text(names.length > 1 ? 'functions return' : 'function returns');
    flow.text('the value 0 if successful; otherwise the value -1 is returned and the global variable');
    flow.push({ type: 'macro', macro: 'Va', children: [{ type: 'text', value: 'errno' }] });
    flow.text('is set to indicate the error.');
  }

  // --- live samples ---

  /** A live sample: an example node instead of a display. Returns the index of its `.Ed` line. */
  private example(lines: readonly string[], tagIndex: number): number {
    if (!this.section) this.fail('zcsim-example before the first .Sh');
    const { block, endIndex } = readExampleBlock(lines, tagIndex, (line, message) => {
      this.line = line;
      return this.fail(message);
    });
    this.pushBlock({ type: 'example', ...block });
    return endIndex;
  }
}

function args(tokens: readonly Token[]): string {
  return tokens.map((t) => t.raw).join(' ');
}

/**
 * Parses mdoc `source`. `file` is used only in error messages and the result.
 * Throws MdocError ("file:line: message") on unknown macros and malformed blocks.
 */
export function parseMdoc(source: string, file: string, options: ParseOptions = {}): MdocDocument {
  return new Parser(file, options).parse(source);
}

