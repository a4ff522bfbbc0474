// A compile error as the output panel and the editor show it: sucrase
// writes the position into its message ("Unexpected token (3:7)", with a
// 0-based column); the reader gets the message once and one position,
// line and column both 1-based, as the editor numbers them.

/** sucrase's "Unexpected token (3:7)": the message without its position, and the position (column 1-based). */
export function compileError(message: string): { message: string; line?: number; column?: number } {
  const pos = /\s*\((\d+):(\d+)\)\s*$/.exec(message);
  if (!pos) return { message };
  return { message: message.slice(0, pos.index), line: Number(pos[1]), column: Number(pos[2]) + 1 };
}
