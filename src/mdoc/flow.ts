// Flow: collects inline nodes and decides the spaces between them, following
// mdoc's rules: words are separated by one space, a closing delimiter
// (. , ; : ? ! ) ]) attaches to what precedes it, an opening one (( [)
// attaches to what follows, and .Ns removes the next space. In a literal
// display lines are joined by newlines instead of spaces.

import type { MdocInline } from './types.ts';
import type { DelimKind } from './macros.ts';

export class Flow {
  /** The nodes so far, spaces included as text nodes. */
  readonly nodes: MdocInline[] = [];
  /** Suppresses the space before the next node. */
  private noSpace = true;

  constructor(readonly literal: boolean) {}

  isEmpty(): boolean {
    return this.nodes.length === 0;
  }

  /** Appends a node; `delim` is its delimiter class when it is punctuation. */
  push(node: MdocInline, delim: DelimKind | null = null): void {
    if (!this.noSpace && delim !== 'close') this.pushText(' ');
    this.pushRaw(node);
    this.noSpace = delim === 'open';
  }

  /** Appends plain text with the spacing of a word or delimiter. */
  text(value: string, delim: DelimKind | null = null): void {
    this.push({ type: 'text', value }, delim);
  }

  /** .Ns: the next node attaches without a space. */
  suppressSpace(): void {
    this.noSpace = true;
  }

  /**
   * Starts a new input line. In fill mode the spacing state carries over, so
   * a line ending in .Ns or "(" attaches to the next; in a literal display a
   * newline separates the lines.
   */
  newLine(): void {
    if (!this.literal) return;
    if (this.started) this.pushRaw({ type: 'text', value: '\n' });
    this.started = true;
    this.noSpace = true;
  }

  /** A forced line break. */
  br(): void {
    if (this.literal) return;
    this.pushRaw({ type: 'br' });
    this.noSpace = true;
  }

  /** Literal mode: a line has been started, so the next one needs a newline. */
  private started = false;

  private pushText(value: string): void {
    this.pushRaw({ type: 'text', value });
  }

  private pushRaw(node: MdocInline): void {
    const last = this.nodes[this.nodes.length - 1];
    if (node.type === 'text' && last?.type === 'text') {
      this.nodes[this.nodes.length - 1] = { type: 'text', value: last.value + node.value };
    } else if (!(node.type === 'text' && node.value === '')) {
      this.nodes.push(node);
    }
  }
}
