// printf(3)'s formatting, for the conversions simulated programs use.
// Mirrors the behaviour of lib/libc/stdio/vfprintf.c (FreeBSD 5.0) for
// %d %i %u %o %x %X %c %s %p %% with the flags - + space # 0, a width and a
// precision (either may be *); length modifiers (h, l, ll, q, j, z, t) are
// accepted and ignored, since every argument is a JavaScript number.
//
// %s takes a JavaScript string, or a number: a char * into the process's
// memory, read as the process would (a bad pointer is SIGSEGV; 0 prints
// "(null)" as FreeBSD's libc does). %p prints 0x and lower-case hex.

import type { Proc } from '../../sys/proc.ts';
import { user_read_string } from '../../i386/i386/usermem.ts';

/** What may be passed for a printf conversion. */
export type PrintfArg = number | string | bigint | boolean;

/** Formats like printf; `p` is the process whose memory %s pointers refer to. */
export function printf_format(p: Proc | null, fmt: string, args: readonly PrintfArg[]): string {
  let out = '';
  let ai = 0;
  const next = (): PrintfArg => args[ai++] ?? 0;
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|q|j|z|t|L)?([diouxXcsp%])/g;
  let last = 0;
  for (let m = re.exec(fmt); m !== null; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const conv = m[5] ?? '%';
    if (conv === '%') {
      out += '%';
      continue;
    }
    const flags = m[1] ?? '';
    let width = m[2] === '*' ? Number(next()) : m[2] === undefined ? 0 : Number(m[2]);
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precArg = m[3];
    let prec = precArg === undefined ? -1 : precArg === '*' ? Number(next()) : Number(precArg || '0');
    if (prec < 0 && precArg === '*') prec = -1;
    const arg = next();
    let body: string;
    let prefix = '';
    let zeroOk = !left && flags.includes('0');
    switch (conv) {
      case 'd':
      case 'i': {
        const n = Math.trunc(Number(arg));
        body = digits(Math.abs(n), 10, prec);
        prefix = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        if (prec >= 0) zeroOk = false;
        break;
      }
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        const n = Math.trunc(Number(arg));
        const u = n < 0 ? n >>> 0 : n;
        const base = conv === 'u' ? 10 : conv === 'o' ? 8 : 16;
        body = digits(u, base, prec);
        if (conv === 'X') body = body.toUpperCase();
        if (flags.includes('#') && u !== 0) {
          if (conv === 'x') prefix = '0x';
          else if (conv === 'X') prefix = '0X';
          else if (conv === 'o' && !body.startsWith('0')) body = '0' + body;
        }
        if (prec >= 0) zeroOk = false;
        break;
      }
      case 'c':
        body = String.fromCharCode(Number(arg) & 0xff);
        zeroOk = false;
        break;
      case 's': {
        let s: string;
        if (typeof arg === 'number') s = arg === 0 ? '(null)' : p === null ? '(?)' : user_read_string(p, arg, prec >= 0 ? prec : Infinity);
        else s = String(arg);
        body = prec >= 0 ? s.slice(0, prec) : s;
        zeroOk = false;
        break;
      }
      default: {
        // 'p'
        const n = Math.trunc(Number(arg));
        body = (n < 0 ? n >>> 0 : n).toString(16);
        prefix = '0x';
        zeroOk = false;
        break;
      }
    }
    const len = prefix.length + body.length;
    if (len >= width) out += prefix + body;
    else if (left) out += prefix + body + ' '.repeat(width - len);
    else if (zeroOk) out += prefix + '0'.repeat(width - len) + body;
    else out += ' '.repeat(width - len) + prefix + body;
  }
  return out + fmt.slice(last);
}

// The digits of n in `base`, padded to `prec` digits; precision 0 prints 0 as nothing.
function digits(n: number, base: number, prec: number): string {
  if (prec === 0 && n === 0) return '';
  const s = n.toString(base);
  return prec > s.length ? '0'.repeat(prec - s.length) + s : s;
}
