// config(8) for the simulator: reads a kernel configuration file in config(5)
// syntax and returns the validated KernelConfig, or throws ConfigError.
//
//   const conf = config(text, 'MYKERNEL');   // file name only for messages
//
// Accepted lines (one statement per line, `#` starts a comment):
//   machine i386
//   cpu I686_CPU                       (one or more; I386_CPU..I686_CPU)
//   ident NAME
//   maxusers N                         (0 = size from memory at boot)
//   options NAME[=value][, NAME...]    (also `option`; see conf/options.ts)
//   device NAME [count][, NAME...]     (also `devices`; see conf/devices.ts)
//   makeoptions NAME=value[, ...]      (recorded, not interpreted)
//   hints "file"                       (recorded, not interpreted)
// Lines are checked in order and the first problem is reported; rules that
// involve two lines (requires, conflicts) are reported at the later or the
// dependent line; a missing machine, cpu or ident at the last line, where
// config(8)'s parser would notice it.

import { ConfigError } from './config_error.ts';
import { device_spec, DEVICES } from './devices.ts';
import { CPU_TYPES, option_spec, OPTIONS, type CpuType, type OptionValue } from './options.ts';

export interface KernelConfig {
  readonly file: string | undefined; // name given for messages
  readonly machine: 'i386'; // the only machine simulated
  readonly cpus: readonly CpuType[]; // cpu lines, in file order, no repeats
  readonly ident: string; // kernel name (kern.ident, build directory)
  readonly maxusers: number; // as written; 0 means size from memory
  readonly options: ReadonlyMap<string, OptionValue>; // options as written, in file order
  readonly devices: ReadonlyMap<string, number>; // device -> count (0 when none given)
  readonly makeoptions: ReadonlyMap<string, string>; // make variables
  readonly hints: string | undefined; // hints file name
}

/** maxusers bounds: 0 (auto) to 512, above 5.0's auto-sizing ceiling of 384. */
export const MAXUSERS_MAX = 512;

type Token = { readonly kind: 'word' | 'quoted' | '=' | ','; readonly text: string };

// What the file has said so far, with the line each fact came from.
interface State {
  machine?: { value: 'i386'; line: number };
  ident?: { value: string; line: number };
  maxusers?: { value: number; line: number };
  hints?: string;
  readonly cpus: CpuType[];
  readonly options: Map<string, { value: OptionValue; line: number }>;
  readonly devices: Map<string, { count: number; line: number }>;
  readonly makeoptions: Map<string, string>;
}

const KEYWORDS = ['machine', 'cpu', 'ident', 'maxusers', 'options', 'option', 'device', 'devices', 'makeoptions', 'hints'];

/** Parses and validates `text`. Throws ConfigError on the first problem. */
export function config(text: string, file?: string): KernelConfig {
  const fail = (line: number, reason: string): never => {
    throw new ConfigError(line, reason, file);
  };
  const lines = text.split(/\r?\n/);
  const st: State = { cpus: [], options: new Map(), devices: new Map(), makeoptions: new Map() };
  lines.forEach((source, i) => {
    const reason = statement(st, tokenize(source), i + 1);
    if (reason !== undefined) fail(i + 1, reason);
  });
  check_requires(st, fail);
  const eof = lines.length;
  if (st.machine === undefined) return fail(eof, 'machine type must be specified');
  if (st.cpus.length === 0) return fail(eof, 'cpu type must be specified');
  if (st.ident === undefined) return fail(eof, 'ident must be specified');
  return {
    file,
    machine: st.machine.value,
    cpus: st.cpus,
    ident: st.ident.value,
    maxusers: st.maxusers?.value ?? 0,
    options: new Map([...st.options].map(([k, v]) => [k, v.value])),
    devices: new Map([...st.devices].map(([k, v]) => [k, v.count])),
    makeoptions: st.makeoptions,
    hints: st.hints,
  };
}

// Splits one line into tokens; a comment ends the line. Returns a string on a lexical error.
function tokenize(source: string): Token[] | string {
  const tokens: Token[] = [];
  const re = /\s*(?:(#.*)|"([^"]*)"|([=,])|([^\s=,"#]+)|("))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < source.length && (m = re.exec(source)) !== null) {
    if (m[1] !== undefined) break;
    if (m[2] !== undefined) tokens.push({ kind: 'quoted', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: m[3] === '=' ? '=' : ',', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'word', text: m[4] });
    else if (m[5] !== undefined) return 'syntax error: unterminated quoted string';
  }
  return tokens;
}

// Applies one line to `st`. Returns the reason it is wrong, or undefined.
function statement(st: State, tokens: Token[] | string, line: number): string | undefined {
  if (typeof tokens === 'string') return tokens;
  const [head, ...rest] = tokens;
  if (head === undefined) return undefined; // blank or comment-only line
  if (head.kind !== 'word') return `syntax error: unexpected "${head.text}" at start of line`;
  const keyword = head.text;
  if (!KEYWORDS.includes(keyword)) return `unknown keyword "${keyword}"${did_you_mean(keyword, KEYWORDS)}`;
  if (rest.length === 0) return `"${keyword}" needs an argument`;
  switch (keyword) {
    case 'machine':
      return machine(st, single(keyword, rest), line);
    case 'cpu':
      return cpu(st, single(keyword, rest));
    case 'ident':
      return ident(st, single(keyword, rest), line);
    case 'maxusers':
      return maxusers(st, single(keyword, rest), line);
    case 'hints':
      return hints(st, single(keyword, rest));
    default:
      return list(st, keyword, rest, line);
  }
}

// The argument of a one-argument statement, or the reason there is not exactly one.
function single(keyword: string, rest: Token[]): Token | string {
  const [arg, extra] = rest;
  if (arg === undefined || (arg.kind !== 'word' && arg.kind !== 'quoted')) return `syntax error: "${keyword}" needs a name`;
  if (extra !== undefined) return `syntax error: unexpected "${extra.text}" after ${keyword} ${arg.text}`;
  return arg;
}

function machine(st: State, arg: Token | string, line: number): string | undefined {
  if (typeof arg === 'string') return arg;
  if (st.machine !== undefined) return `only one machine directive is allowed (first at line ${st.machine.line})`;
  if (arg.text !== 'i386') return `machine "${arg.text}" is not supported (only i386 is simulated)`;
  st.machine = { value: 'i386', line };
  return undefined;
}

function cpu(st: State, arg: Token | string): string | undefined {
  if (typeof arg === 'string') return arg;
  const found = CPU_TYPES.find((c) => c === arg.text);
  if (found === undefined) return `unknown cpu "${arg.text}"${did_you_mean(arg.text, CPU_TYPES)}`;
  if (!st.cpus.includes(found)) st.cpus.push(found);
  return undefined;
}

function ident(st: State, arg: Token | string, line: number): string | undefined {
  if (typeof arg === 'string') return arg;
  if (st.ident !== undefined) return `only one ident directive is allowed (first at line ${st.ident.line})`;
  if (!/^[A-Za-z0-9_.-]+$/.test(arg.text)) return `ident "${arg.text}" is not a valid kernel name`;
  st.ident = { value: arg.text, line };
  return undefined;
}

function maxusers(st: State, arg: Token | string, line: number): string | undefined {
  if (typeof arg === 'string') return arg;
  if (st.maxusers !== undefined) return `only one maxusers directive is allowed (first at line ${st.maxusers.line})`;
  const n = parse_number(arg.text);
  if (n === undefined) return `maxusers "${arg.text}" is not a number`;
  if (n > MAXUSERS_MAX) return `maxusers ${n} is out of range (allowed: from 0 to ${MAXUSERS_MAX})`;
  st.maxusers = { value: n, line };
  return undefined;
}

function hints(st: State, arg: Token | string): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg.kind !== 'quoted') return `syntax error: hints file name must be quoted`;
  st.hints = arg.text;
  return undefined;
}

// options, device and makeoptions take comma-separated items.
function list(st: State, keyword: string, rest: Token[], line: number): string | undefined {
  for (const item of split_commas(rest)) {
    const reason = item.length === 0 ? `syntax error: empty item in "${keyword}" list` : list_item(st, keyword, item, line);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function split_commas(tokens: Token[]): Token[][] {
  const items: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === ',') items.push([]);
    else items[items.length - 1]?.push(t);
  }
  return items;
}

function list_item(st: State, keyword: string, item: Token[], line: number): string | undefined {
  if (keyword === 'device' || keyword === 'devices') return device(st, item, line);
  const [name, eq, value, extra] = item;
  if (name === undefined || name.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) {
    return `syntax error: bad ${keyword} name "${name?.text ?? ''}"`;
  }
  if (eq !== undefined && (eq.kind !== '=' || value === undefined || value.kind === '=' || extra !== undefined)) {
    return `syntax error: expected ${name.text}=value`;
  }
  if (keyword === 'makeoptions') {
    if (value === undefined) return `syntax error: makeoptions ${name.text} needs =value`;
    st.makeoptions.set(name.text, value.text);
    return undefined;
  }
  return option(st, name.text, value, line);
}

function option(st: State, name: string, value: Token | undefined, line: number): string | undefined {
  const spec = option_spec(name);
  if (spec === undefined) return `unknown option "${name}"${did_you_mean(name, Object.keys(OPTIONS))}`;
  let v: OptionValue;
  if (spec.kind === 'boolean') {
    if (value !== undefined) return `option ${name} does not take a value`;
    v = true;
  } else if (value === undefined) {
    return `option ${name} needs a value${spec.allowed === undefined ? '' : ` (${spec.allowed})`}`;
  } else if (spec.kind === 'string') {
    v = value.text;
  } else {
    const n = parse_number(value.text);
    if (n === undefined) return `option ${name}: "${value.text}" is not a number`;
    if (spec.check !== undefined && !spec.check(n)) return `option ${name}=${value.text} is out of range (allowed: ${spec.allowed ?? 'none'})`;
    v = n;
  }
  const previous = st.options.get(name);
  if (previous !== undefined && previous.value !== v) return `option ${name} redefined (was ${String(previous.value)} at line ${previous.line})`;
  const clash = spec.conflicts?.find((other) => st.options.has(other));
  // Names sorted so the text is the same whichever line comes second (and,
  // for the ti(4) pair, is exactly the #error text of if_ti.c).
  if (clash !== undefined) return `options ${[name, clash].sort().join(' and ')} are mutually exclusive`;
  if (previous === undefined) st.options.set(name, { value: v, line });
  return undefined;
}

function device(st: State, item: Token[], line: number): string | undefined {
  const [name, count, extra] = item;
  if (name === undefined || name.kind !== 'word') return `syntax error: bad device name "${name?.text ?? ''}"`;
  if (device_spec(name.text) === undefined) return `unknown device "${name.text}"${did_you_mean(name.text, Object.keys(DEVICES))}`;
  if (extra !== undefined) return `syntax error: unexpected "${extra.text}" after device ${name.text}`;
  let n = 0;
  if (count !== undefined) {
    const parsed = count.kind === 'word' ? parse_number(count.text) : undefined;
    if (parsed === undefined) return `device ${name.text}: count "${count.text}" is not a number`;
    n = parsed;
  }
  if (!st.devices.has(name.text)) st.devices.set(name.text, { count: n, line });
  return undefined;
}

// `requires` rules; the earliest offending line is reported.
function check_requires(st: State, fail: (line: number, reason: string) => never): void {
  const problems: { line: number; reason: string }[] = [];
  for (const [name, { line }] of st.options) {
    const req = option_spec(name)?.requires;
    for (const d of req?.devices ?? []) if (!st.devices.has(d)) problems.push({ line, reason: `option ${name} requires device ${d}` });
    for (const o of req?.options ?? []) if (!st.options.has(o)) problems.push({ line, reason: `option ${name} requires option ${o}` });
  }
  for (const [name, { line }] of st.devices) {
    for (const d of device_spec(name)?.requires ?? []) {
      if (!st.devices.has(d)) problems.push({ line, reason: `device ${name} requires device ${d}` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  const first = problems[0];
  if (first !== undefined) fail(first.line, first.reason);
}

// Decimal or 0x hex, non-negative, as config(8)'s lexer reads numbers.
function parse_number(text: string): number | undefined {
  if (!/^(?:0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

// ` (did you mean "X"?)` for the closest known name within edit distance 2.
function did_you_mean(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let best_distance = 3;
  for (const k of known) {
    const d = k.toUpperCase() === name.toUpperCase() ? 0 : edit_distance(name, k);
    if (d < best_distance) [best, best_distance] = [k, d];
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function edit_distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
