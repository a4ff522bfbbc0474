// The pure pieces of the reader's side: the output kept of a long run, the
// site's Content-Security-Policy, a man page's table of contents, and the
// benchmark plots' labels and keys.
import test from 'ava';
import fc from 'fast-check';
import { OutputBuffer } from '../../src/components/Example/outputBuffer.ts';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../src/plugins/csp.ts';
import { manToc } from '../../src/plugins/man-page-data.ts';
import { loadZcsimContent } from '../../src/plugins/zcsim-content.ts';
import { fitLabels } from '../../src/components/Benchmarks/labels.ts';
import { legendKinds } from '../../src/components/Benchmarks/palette.ts';

test('a short output is kept whole, line for line', (t) => {
  const out = new OutputBuffer(4, 2);
  out.append(['a', 'b']);
  out.append(['c']);
  t.is(out.text(), 'a\nb\nc\n');
  t.is(out.omitted, 0);
});

test('a long output keeps its first and last lines and counts the rest, whatever the batches', (t) => {
  t.notThrows(() => fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (total, cuts) => {
      const out = new OutputBuffer(50, 20);
      const lines = Array.from({ length: total }, (_, i) => `line ${i}`);
      let at = 0;
      for (const n of [...cuts, total]) {
        out.append(lines.slice(at, at + n));
        at = Math.min(total, at + n);
      }
      out.append(lines.slice(at));
      const head = lines.slice(0, 50);
      const tail = total > 50 ? lines.slice(Math.max(50, total - 20)) : [];
      return (
        out.total === total &&
        out.headText() === head.map((l) => `${l}\n`).join('') &&
        out.tailText() === tail.map((l) => `${l}\n`).join('') &&
        out.omitted === total - head.length - tail.length
      );
    }),
    { seed: 19, numRuns: 200 },
  ));
});

test('the policy allows the own origin only, and what the sample worker needs', (t) => {
  const policy = contentSecurityPolicy(['sha256-abc=']);
  for (const directive of ["default-src 'self'", "connect-src 'self'", "img-src 'self' data:", "font-src 'self' data:", "worker-src 'self' blob:", "object-src 'none'", "frame-src 'none'"]) {
    t.true(policy.includes(directive), directive);
  }
  t.true(policy.includes("script-src 'self' 'unsafe-eval' 'sha256-abc='"));
  t.false(/https?:|\*/.test(policy), 'no other origin, no wildcard');
});

test('every page gets the policy first in its head, with its own inline scripts by hash', (t) => {
  const html = '<!doctype html><html><head><meta charset="UTF-8"><script>var a=1</script><script src="/x.js"></script></head><body><script>b()</script></body></html>';
  const out = withContentSecurityPolicy(html);
  t.true(out.startsWith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="'));
  t.is((out.match(/'sha256-/g) ?? []).length, 2, 'two inline scripts, the src one not');
  t.is(withContentSecurityPolicy(out), out, 'written once');
});

test('a man page\'s table of contents is its .Sh and .Ss headings, in order', (t) => {
  const { manPages } = loadZcsimContent(new URL('../..', import.meta.url).pathname);
  const toc = manToc(manPages['zero_copy.9']!);
  t.deepEqual(toc.slice(0, 3).map((e) => [e.value, e.id, e.level]), [['NAME', 'NAME', 2], ['SYNOPSIS', 'SYNOPSIS', 2], ['DESCRIPTION', 'DESCRIPTION', 2]]);
  t.true(toc.some((e) => e.level === 3 && e.id === 'Other_approaches'));
});

test('bar labels: the column fits the longest label up to its bound, and longer ones are cut with an ellipsis', (t) => {
  const short = fitLabels(['9000: off', '9000: both']);
  t.deepEqual(short.shown, ['9000: off', '9000: both']);
  t.true(short.width >= 120 && short.width < 200);
  const long = fitLabels(['#1: ' + 'x'.repeat(200)]);
  t.is(long.width, 380);
  t.true(long.shown[0]!.endsWith('…') && long.shown[0]!.length * 6.2 <= 380);
});

test('a key lists the kinds present, in the palette\'s order, once each', (t) => {
  t.deepEqual(legendKinds(['both', 'off', 'both', 'user']), ['off', 'both', 'user']);
  t.deepEqual(legendKinds([]), []);
});
