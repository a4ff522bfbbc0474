// The one error the mdoc parser throws. Its message starts with "file:line: "
// so editors and CI logs can jump to the offending source line.

export class MdocError extends Error {
  override name = 'MdocError';
  /** Source path as given to parseMdoc. */
  readonly file: string;
  /** 1-based line number of the offending input line. */
  readonly line: number;
  /** The message without the "file:line: " prefix. */
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
