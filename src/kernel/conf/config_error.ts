// ConfigError: thrown by boot() when a kernel configuration is not valid,
// as config(8) would refuse it. Nothing has been built when it is thrown.
//
// The message names the file (when boot() was given one) and the 1-based
// line, then the problem:
//   config: line 6: unknown option "ZERO_COPY_SOCKET" (did you mean "ZERO_COPY_SOCKETS"?)
//   config: MYKERNEL: line 9: options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly line: number; // 1-based line the problem is reported at
  readonly file: string | undefined; // file name given to boot(), if any
  readonly reason: string; // the message without the "config: ... line N: " prefix

  constructor(line: number, reason: string, file?: string) {
    super(`config: ${file === undefined ? '' : `${file}: `}line ${line}: ${reason}`);
    this.line = line;
    this.file = file;
    this.reason = reason;
  }
}
