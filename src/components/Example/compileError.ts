// A compile error as the output panel and the editor show it. sucrase
// writes its position into the message ("Error transforming sample.ts:
// Unexpected token (3:7)", the column already 1-based); the reader gets the
// message once, without the file name, and one position, line and column
// as the editor numbers them.

export function compileError(message: string): { message: string; line?: number; column?: number } {
  const text = message.replace(/^Error transforming [^:]+: /, '');
  const pos = /\s*\((\d+):(\d+)\)\s*$/.exec(text);
  if (!pos) return { message: text };
  return { message: text.slice(0, pos.index), line: Number(pos[1]), column: Number(pos[2]) };
}
