// The link that reopens a sample with the reader's edits: the code travels in
// the URL's fragment, so it never reaches a server and works offline.
//
//   #sample=<slug>:z<base64url of the UTF-8 code, deflate-raw compressed>
//   #sample=<slug>:p<base64url of the UTF-8 code>      (no CompressionStream)
//
//   const hash = await encodeShareHash('fork-cow', code);   // 'sample=fork-cow:z…'
//   const back = await decodeShareHash(location.hash);      // { kind: 'ok', slug, code }
//
// Pure (Web APIs only: CompressionStream, TextEncoder, btoa), so Node runs the tests.

export const SHARE_KEY = 'sample';

/** Codes longer than this (decoded) are refused: no sample is near it, and it bounds a hostile link. */
export const SHARE_MAX_CODE_BYTES = 512 * 1024;

export type ShareDecoded =
  | { readonly kind: 'none' } // the fragment is not a sample link
  | { readonly kind: 'ok'; readonly slug: string; readonly code: string }
  | { readonly kind: 'error'; readonly slug: string | undefined; readonly message: string };

const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;

/** The fragment (without '#') that reopens sample `slug` with `code`. */
export async function encodeShareHash(slug: string, code: string, compress = hasCompression()): Promise<string> {
  if (!SLUG_RE.test(slug)) throw new Error(`encodeShareHash: "${slug}" is not a sample name`);
  const bytes = new TextEncoder().encode(code);
  const payload = compress ? `z${toBase64Url(await transform(bytes, new CompressionStream('deflate-raw')))}` : `p${toBase64Url(bytes)}`;
  return `${SHARE_KEY}=${slug}:${payload}`;
}

/** Reads a fragment ('#…' or without '#'). Never throws: a damaged link gives kind 'error' and why. */
export async function decodeShareHash(hash: string): Promise<ShareDecoded> {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith(`${SHARE_KEY}=`)) return { kind: 'none' };
  const value = fragment.slice(SHARE_KEY.length + 1);
  const colon = value.indexOf(':');
  if (colon < 0) return { kind: 'error', slug: undefined, message: 'the link has no ":" between the sample name and the code' };
  const slug = value.slice(0, colon);
  const fail = (message: string): ShareDecoded => ({ kind: 'error', slug: SLUG_RE.test(slug) ? slug : undefined, message });
  if (!SLUG_RE.test(slug)) return fail(`"${slug}" is not a sample name`);
  const format = value[colon + 1];
  const data = value.slice(colon + 2);
  if (format !== 'z' && format !== 'p') return fail(`unknown code format "${format ?? ''}" (expected z or p)`);
  const raw = fromBase64Url(data);
  if (raw === undefined) return fail('the code is not valid base64url (was the link cut or changed?)');
  let bytes: Uint8Array;
  if (format === 'z') {
    if (!hasCompression()) return fail('this browser cannot decompress the code (no DecompressionStream)');
    try {
      bytes = await transform(raw, new DecompressionStream('deflate-raw'), SHARE_MAX_CODE_BYTES);
    } catch (error) {
      return fail(`the compressed code is damaged (${error instanceof Error ? error.message : String(error)})`);
    }
  } else {
    bytes = raw;
  }
  if (bytes.length > SHARE_MAX_CODE_BYTES) return fail(`the code is longer than ${SHARE_MAX_CODE_BYTES} bytes`);
  try {
    return { kind: 'ok', slug, code: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail('the code is not valid UTF-8 text');
  }
}

function hasCompression(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

// Pipes bytes through a (de)compression stream; stops with an error past `limit` bytes.
async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const writing = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  writing.catch(() => undefined); // the reader below reports the error
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  await writing;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode's argument count stays small
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** undefined if `text` is not base64url (RFC 4648 §5, padding optional). */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text.replace(/=+$/, '')) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
