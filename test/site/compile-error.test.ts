// The compile error the output panel shows: one message, one position, the
// column counted as the editor counts it (1-based), checked against
// sucrase's own messages.
import test from 'ava';
import { transform } from 'sucrase';
import { compileError } from '../../src/components/Example/compileError.ts';

function sucraseMessage(code: string): string {
  try {
    transform(code, { transforms: ['typescript', 'imports'], filePath: 'sample.ts' });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${code} compiled`);
}

test('the column is the 1-based column of the offending token, given once', (t) => {
  for (const [code, line, column] of [
    ['const x: number = ;', 1, 19],
    ['foo(;', 1, 5],
    ['const a = 1;\nlet b = 2 +;', 2, 12],
  ] as const) {
    const e = compileError(sucraseMessage(code));
    t.deepEqual(e, { message: 'Unexpected token', line, column }, code);
    const offending = code.split('\n')[line - 1]?.[column - 1];
    t.is(offending, ';', `${code}: column ${column} is the ";"`);
  }
});

test('a message without a position is kept as it is, without the file name', (t) => {
  t.deepEqual(compileError('Error transforming sample.ts: something odd'), { message: 'something odd' });
});
