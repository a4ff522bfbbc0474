// The "Link to this version" fragment: any code survives the round trip, and
// a damaged link says what is wrong instead of throwing or losing the sample.
import test from 'ava';
import fc from 'fast-check';
import fs from 'node:fs';
import {
  decodeShareHash,
  encodeShareHash,
  fromBase64Url,
  toBase64Url,
  SHARE_MAX_CODE_BYTES,
} from '../../src/components/Example/shareLink.ts';

const slugArb = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

test('property: code and sample name survive the round trip, compressed and plain', async (t) => {
  await fc.assert(
    fc.asyncProperty(slugArb, fc.string({ unit: 'grapheme', maxLength: 400 }), fc.boolean(), async (slug, code, compress) => {
      const hash = await encodeShareHash(slug, code, compress);
      const back = await decodeShareHash(`#${hash}`);
      return back.kind === 'ok' && back.slug === slug && back.code === code;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

test('property: base64url round trip of any bytes, without padding or +/', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = toBase64Url(bytes);
      const back = fromBase64Url(text);
      return !/[+/=]/.test(text) && back !== undefined && Buffer.from(back).equals(Buffer.from(bytes));
    }),
  );
  t.pass();
});

test('a real sample compresses to a fragment of URL characters only, shorter than plain', async (t) => {
  const code = fs.readFileSync('examples/zc-send-aligned.ts', 'utf8');
  const z = await encodeShareHash('zc-send-aligned', code, true);
  const p = await encodeShareHash('zc-send-aligned', code, false);
  t.regex(z, /^sample=zc-send-aligned:z[A-Za-z0-9_-]+$/);
  t.true(z.length < p.length / 2, `${z.length} vs ${p.length}`);
});

test('a fragment that is not a sample link is ignored', async (t) => {
  t.deepEqual(await decodeShareHash(''), { kind: 'none' });
  t.deepEqual(await decodeShareHash('#DESCRIPTION'), { kind: 'none' });
});

test('damaged links report what is wrong and which sample they name', async (t) => {
  const good = await encodeShareHash('fork-cow', 'console.log(1);\n'.repeat(30), true);
  const cases: [string, RegExp, string | undefined][] = [
    ['sample=fork-cow', /no ":"/, undefined],
    ['sample=Fork Cow:zAAAA', /not a sample name/, undefined],
    ['sample=fork-cow:xAAAA', /unknown code format "x"/, 'fork-cow'],
    ['sample=fork-cow:z@@@@', /not valid base64url/, 'fork-cow'],
    ['sample=fork-cow:zA', /not valid base64url/, 'fork-cow'],
    [good.slice(0, Math.floor(good.length * 0.6)), /compressed code is damaged/, 'fork-cow'],
    ['sample=fork-cow:z' + toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff])), /compressed code is damaged/, 'fork-cow'],
    ['sample=fork-cow:p' + toBase64Url(new Uint8Array([0xc3, 0x28])), /not valid UTF-8/, 'fork-cow'],
  ];
  for (const [hash, message, slug] of cases) {
    const back = await decodeShareHash(hash);
    t.is(back.kind, 'error', hash);
    if (back.kind !== 'error') continue;
    t.regex(back.message, message, hash);
    t.is(back.slug, slug, hash);
  }
});

test('a link that decompresses to more than the limit is refused', async (t) => {
  const huge = 'x'.repeat(SHARE_MAX_CODE_BYTES + 1);
  const back = await decodeShareHash(await encodeShareHash('fork-cow', huge, true));
  t.is(back.kind, 'error');
  if (back.kind === 'error') t.regex(back.message, /more than/);
});

test('encoding refuses a name that is not a sample name', async (t) => {
  await t.throwsAsync(() => encodeShareHash('../etc', 'x'), { message: /not a sample name/ });
});
