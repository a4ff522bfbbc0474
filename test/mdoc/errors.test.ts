import test from 'ava';
import { MdocError, parseMdoc } from '../../src/mdoc/index.ts';
import { PROLOGUE } from './helpers.ts';

function fails(t: import('ava').ExecutionContext, source: string, message: string): void {
  const error = t.throws(() => parseMdoc(source, 'man/man9/zero_copy.9'), { instanceOf: MdocError });
  t.is(error?.message, message);
}

const body = (text: string) => `${PROLOGUE}.Sh DESCRIPTION\n${text}`;

test('an unknown macro names the file and line', (t) => {
  fails(t, body('x\n.Foo bar\n'), 'man/man9/zero_copy.9:9: unknown macro .Foo');
});

test('an unclosed .Bl or .Bd is reported at its opening line', (t) => {
  fails(t, body('.Bl -tag\n.It x\ny\n'), 'man/man9/zero_copy.9:10: unclosed .Bl opened at line 8');
  fails(t, body('.Bd -literal\nx\n.Sh SEE ALSO\n'), 'man/man9/zero_copy.9:10: unclosed .Bd opened at line 8');
});

test('.It outside a list, .Ed without .Bd, .El without .Bl', (t) => {
  fails(t, body('.It foo\n'), 'man/man9/zero_copy.9:8: .It outside a list');
  fails(t, body('x\n.Ed\n'), 'man/man9/zero_copy.9:9: .Ed without .Bd (innermost open block: .Sh at line 7)');
  fails(t, body('.El\n'), 'man/man9/zero_copy.9:8: .El without .Bl');
});

test('.Sh before the prologue is complete', (t) => {
  fails(t, '.Dd June 23, 2002\n.Sh NAME\n', 'man/man9/zero_copy.9:2: .Sh before .Dt, .Os');
});

test('a zcsim-example tag must be followed by .Bd -literal', (t) => {
  fails(t, body('.\\" zcsim-example: demo\n.Bd -ragged\nx\n.Ed\n'), 'man/man9/zero_copy.9:8: zcsim-example: demo must be followed by .Bd -literal');
  fails(t, body('.\\" zcsim-example: demo\ntext\n'), 'man/man9/zero_copy.9:8: zcsim-example: demo must be followed by .Bd -literal');
});

test('malformed arguments: unknown escape, unterminated quote, missing names', (t) => {
  fails(t, body('a \\(zz b\n'), 'man/man9/zero_copy.9:8: unknown special character \\(zz');
  fails(t, body('.Cd "options\n'), 'man/man9/zero_copy.9:8: unterminated quoted argument');
  fails(t, body('.Xr\n'), 'man/man9/zero_copy.9:8: .Xr needs a page name');
  fails(t, body('.Bl -fancy\n.El\n'), 'man/man9/zero_copy.9:8: unknown .Bl argument -fancy');
});

test('MdocError carries file, line and reason separately', (t) => {
  const error = t.throws(() => parseMdoc(body('.Foo\n'), 'a.9'), { instanceOf: MdocError });
  t.like(error, { file: 'a.9', line: 8, reason: 'unknown macro .Foo' });
});
