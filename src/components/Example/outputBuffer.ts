// What a run printed, kept so that a sample printing 100,000 lines neither
// freezes nor crashes the tab: lines are appended (never the whole list
// copied per line), and past OUTPUT_HEAD_LINES only the last
// OUTPUT_TAIL_LINES are kept, with a count of the lines left out between.
// Pure, so the tests run it under Node.
//
//   const out = new OutputBuffer();
//   out.append(['a', 'b']);
//   out.text()        // 'a\nb\n'
//   out.omitted       // 0

/** Lines kept from the start of the output. */
export const OUTPUT_HEAD_LINES = 2000;
/** Lines kept from the end, once the output is longer than the head. */
export const OUTPUT_TAIL_LINES = 500;

export class OutputBuffer {
  private readonly head: string[] = [];
  // A ring of the last lines: `tail[(tailStart + i) % OUTPUT_TAIL_LINES]` is the i-th kept.
  private readonly tail: string[] = [];
  private tailStart = 0;
  /** Lines printed in all. */
  total = 0;

  constructor(
    private readonly headLines = OUTPUT_HEAD_LINES,
    private readonly tailLines = OUTPUT_TAIL_LINES,
  ) {}

  append(lines: readonly string[]): void {
    for (const line of lines) {
      this.total++;
      if (this.head.length < this.headLines) this.head.push(line);
      else if (this.tail.length < this.tailLines) this.tail.push(line);
      else {
        this.tail[this.tailStart] = line;
        this.tailStart = (this.tailStart + 1) % this.tailLines;
      }
    }
  }

  /** Lines printed but not kept (between the head and the tail). */
  get omitted(): number {
    return this.total - this.head.length - this.tail.length;
  }

  /** The kept lines after the head, oldest first. */
  tailText(): string {
    const ordered = [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    return ordered.map((l) => `${l}\n`).join('');
  }

  headText(): string {
    return this.head.map((l) => `${l}\n`).join('');
  }

  /** Everything printed, when nothing was left out; otherwise head and tail without the gap. */
  text(): string {
    return this.headText() + this.tailText();
  }
}
