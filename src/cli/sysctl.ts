// zcsim sysctl: sysctl(8) of FreeBSD 5.0 against a booted kernel.
//
//   zcsim sysctl kern.ipc.zero_copy            every leaf under the node, "name: value"
//   zcsim sysctl -n kern.ipc.zero_copy.send    the value alone
//   zcsim sysctl -d kern.ipc.zero_copy.send    the description instead of the value
//   zcsim sysctl -a                            every leaf
//   zcsim sysctl kern.ipc.zero_copy.send=0     "kern.ipc.zero_copy.send: 1 -> 0"
// Like sysctl(8), the first name it cannot show or set ends it with status
// 1 and its message ("unknown oid 'x'", "oid 'x' is read only"); what was
// printed before stays printed. Flags may be bundled (-an).
import { CTLFLAG_WR, CTLTYPE_NODE, CTLTYPE_STRING, SyscallError, strerror, type Kernel } from '../kernel/index.ts';
import { CTLTYPE } from '../kernel/sys/sysctl.ts';
import { UsageError } from './options.ts';
import type { CliIo } from './zcsim.ts';

interface SysctlFlags {
  a: boolean; // -a: every leaf
  d: boolean; // -d: descriptions instead of values
  n: boolean; // -n: no names
}

/** sysctl(8)'s errx(1, ...): a message and exit status 1. */
class SysctlExit extends Error {}

function split_flags(args: readonly string[]): { flags: SysctlFlags; names: string[] } {
  const flags: SysctlFlags = { a: false, d: false, n: false };
  const names: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith('-') || arg === '-') {
      names.push(arg);
      continue;
    }
    for (const letter of arg.slice(1)) {
      if (letter !== 'a' && letter !== 'd' && letter !== 'n') throw new UsageError(`sysctl: illegal option -- ${letter}`);
      flags[letter] = true;
    }
  }
  if (flags.a && names.length > 0) throw new UsageError('sysctl: -a takes no names');
  if (!flags.a && names.length === 0) throw new UsageError('sysctl: give -a or a name');
  return { flags, names };
}

// A leaf as sysctl(8) prints it: "name: value", "value", "name: descr" or "descr".
function show(kernel: Kernel, name: string, value: string, flags: SysctlFlags): string {
  const shown = flags.d ? kernel.sysctlDescr(name) : value;
  return flags.n ? shown : `${name}: ${shown}`;
}

// Every leaf at or below `name`, from the kernel's own listing ("name: value").
function show_tree(kernel: Kernel, name: string | undefined, flags: SysctlFlags, io: CliIo): void {
  for (const line of kernel.sysctlList(name)) {
    const at = line.indexOf(': ');
    io.out(`${show(kernel, line.slice(0, at), line.slice(at + 2), flags)}\n`);
  }
}

function oid_kind(kernel: Kernel, name: string): number {
  try {
    const oid = kernel.sysctls.oids(name)[0];
    if (oid !== undefined) return oid.kind;
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  throw new SysctlExit(`unknown oid '${name}'`);
}

function set(kernel: Kernel, name: string, text: string, flags: SysctlFlags, io: CliIo): void {
  const kind = oid_kind(kernel, name);
  if ((kind & CTLTYPE) === CTLTYPE_NODE) throw new SysctlExit(`oid '${name}' isn't a leaf node`);
  if ((kind & CTLFLAG_WR) === 0) throw new SysctlExit(`oid '${name}' is read only`);
  let value: number | string = text;
  if ((kind & CTLTYPE) !== CTLTYPE_STRING) {
    if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(text)) throw new SysctlExit(`invalid integer '${text}'`);
    value = Number(text);
  }
  let old: number | string;
  try {
    old = kernel.sysctl(name, value);
  } catch (e) {
    if (e instanceof SyscallError) throw new SysctlExit(`${name}: ${strerror(e.errno)}`);
    throw e;
  }
  io.out(flags.n ? `${old} -> ${value}\n` : `${name}: ${old} -> ${value}\n`);
}

/** Runs sysctl with `args` on `kernel`; returns the exit status. */
export function sysctl_main(kernel: Kernel, args: readonly string[], io: CliIo): number {
  const { flags, names } = split_flags(args);
  try {
    if (flags.a) show_tree(kernel, undefined, flags, io);
    for (const arg of names) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (eq >= 0) {
        set(kernel, name, arg.slice(eq + 1), flags, io);
        continue;
      }
      oid_kind(kernel, name);
      show_tree(kernel, name, flags, io);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof SysctlExit)) throw e;
    io.err(`sysctl: ${e.message}\n`);
    return 1;
  }
}
