// The sysctl MIB: a tree of named nodes whose leaves are kernel variables.
// Mirrors sys/kern/kern_sysctl.c.
//
// Subsystems register at boot, parents first:
//   tree.node('kern', KERN_IPC, 'ipc', CTLFLAG_RW, 'IPC');            // SYSCTL_NODE
//   tree.int('kern.ipc', OID_AUTO, 'x', CTLFLAG_RW, cell, 'descr');  // SYSCTL_INT
// then user code calls read(name), write(name, value) and list(prefix), which
// behave like sysctlbyname(3) and sysctl(8):
//   - an unknown name, or a name that runs past a leaf, fails with ENOENT;
//   - reading or writing a node (not a leaf) fails with EISDIR, as sysctl_root()
//     does for a node without a handler; use list() to see what is under it;
//   - writing a leaf without CTLFLAG_WR fails with EPERM;
//   - a value of the wrong type or out of range fails with EINVAL.
// Every check happens before the write, so a failed write changes nothing.
//
// Children are kept in OID-number order, which is the order sysctl -a prints:
// fixed numbers (CTL_KERN = 1, KERN_OSTYPE = 1, ...) first, then OID_AUTO
// entries in registration order, numbered from 100.

import { EINVAL, EISDIR, ENOENT, EPERM } from '../sys/errno.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import {
  CTLFLAG_WR,
  CTLTYPE_INT,
  CTLTYPE_NODE,
  CTLTYPE_STRING,
  CTLTYPE_ULONG,
  OID_AUTO,
  OID_AUTO_START,
} from '../sys/sysctl.ts';

export type SysctlValue = number | string;

/**
 * One OID as sysctl(8) learns it by walking the tree (sysctl.next, then
 * sysctl.oidfmt for the kind and sysctl.oiddescr for the description).
 */
export interface SysctlOid {
  readonly name: string; // full dotted name
  readonly kind: number; // CTLTYPE_* | CTLFLAG_*, as oidfmt returns it
  readonly descr: string; // what sysctl -d prints
  readonly value: SysctlValue | null; // current value; null for a node
}

/** Storage for an integer leaf: the kernel variable that SYSCTL_INT points at. */
export interface IntCell {
  value: number;
}

/** Storage for a string leaf. */
export interface StringCell {
  value: string;
}

/** Extra validation for a write, run after the type check; returns 0 or an errno. */
export type SysctlCheck<T> = (newValue: T) => number;

interface OidBase {
  readonly oid_number: number; // position among its siblings
  readonly oid_name: string; // last component of the name
  readonly oid_kind: number; // CTLTYPE_* | CTLFLAG_*
  readonly oid_descr: string; // what sysctl -d prints
}

interface NodeOid extends OidBase {
  readonly type: 'node';
  readonly children: Oid[]; // sorted by oid_number
}

interface IntOid extends OidBase {
  readonly type: 'int';
  readonly cell: IntCell;
  readonly min: number; // smallest value the C type holds
  readonly max: number; // largest value the C type holds
  readonly check: SysctlCheck<number> | undefined;
}

interface StringOid extends OidBase {
  readonly type: 'string';
  readonly cell: StringCell;
  readonly maxlen: number; // buffer size: a new value must be shorter
}

type Oid = NodeOid | IntOid | StringOid;
type LeafOid = IntOid | StringOid;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const ULONG_MAX = 2 ** 32 - 1; // i386: long is 32 bits

// sysctl(3) has no name longer than this many components (CTL_MAXNAME).
const CTL_MAXNAME = 12;

export class SysctlTree {
  private readonly root: NodeOid = {
    type: 'node',
    oid_number: 0,
    oid_name: '',
    oid_kind: CTLTYPE_NODE,
    oid_descr: '',
    children: [],
  };
  private newoid = OID_AUTO_START; // next number for OID_AUTO

  /** SYSCTL_NODE: registers an interior node. `parent` is '' for a top-level node. */
  node(parent: string, number: number, name: string, flags: number, descr: string): void {
    this.register(parent, { type: 'node', ...this.base(number, name, CTLTYPE_NODE | flags, descr), children: [] });
  }

  /** SYSCTL_INT: registers a leaf backed by `cell`, an int (32-bit signed). */
  int(parent: string, number: number, name: string, flags: number, cell: IntCell, descr: string, check?: SysctlCheck<number>): void {
    const base = this.base(number, name, CTLTYPE_INT | flags, descr);
    this.register(parent, { type: 'int', ...base, cell, min: INT_MIN, max: INT_MAX, check });
  }

  /** SYSCTL_ULONG: registers a leaf backed by `cell`, an unsigned long (32-bit on i386). */
  ulong(parent: string, number: number, name: string, flags: number, cell: IntCell, descr: string): void {
    const base = this.base(number, name, CTLTYPE_ULONG | flags, descr);
    this.register(parent, { type: 'int', ...base, cell, min: 0, max: ULONG_MAX, check: undefined });
  }

  /** SYSCTL_STRING: registers a string leaf; a written value must be shorter than `maxlen`. */
  string(parent: string, number: number, name: string, flags: number, cell: StringCell, maxlen: number, descr: string): void {
    this.register(parent, { type: 'string', ...this.base(number, name, CTLTYPE_STRING | flags, descr), cell, maxlen });
  }

  /** sysctlbyname(name, oldp) : returns the leaf's value. Throws SyscallError. */
  read(name: string): SysctlValue {
    return this.leaf(name, [name]).cell.value;
  }

  /**
   * sysctlbyname(name, oldp, newp): stores `newValue` and returns the previous value.
   * Throws SyscallError (EPERM, EINVAL, ...) and then has changed nothing.
   */
  write(name: string, newValue: SysctlValue): SysctlValue {
    const args = [name, newValue];
    const oid = this.leaf(name, args);
    if ((oid.oid_kind & CTLFLAG_WR) === 0) return syscall_fail(EPERM, 'sysctl', args);
    if (oid.type === 'int') {
      const error = check_int(oid, newValue);
      if (error !== 0) return syscall_fail(error, 'sysctl', args);
    } else if (typeof newValue !== 'string' || newValue.length >= oid.maxlen) {
      return syscall_fail(EINVAL, 'sysctl', args);
    }
    const old = oid.cell.value;
    oid.cell.value = newValue;
    return old;
  }

  /**
   * sysctl(8) listing: `name: value` for every leaf at or below `prefix`
   * (all leaves when omitted), in OID order. Unknown prefix: ENOENT.
   */
  list(prefix?: string): string[] {
    const lines: string[] = [];
    if (prefix === undefined || prefix === '') {
      walk(this.root, '', lines);
      return lines;
    }
    walk(this.lookup(prefix, [prefix]), prefix, lines);
    return lines;
  }

  /**
   * Every OID at or below `prefix` (all when omitted), nodes included, in
   * the order sysctl -a visits them: a node before its children, siblings
   * by OID number. Unknown prefix: ENOENT.
   */
  oids(prefix?: string): SysctlOid[] {
    const out: SysctlOid[] = [];
    if (prefix === undefined || prefix === '') {
      for (const child of this.root.children) walk_oids(child, child.oid_name, out);
      return out;
    }
    walk_oids(this.lookup(prefix, [prefix]), prefix, out);
    return out;
  }

  /** sysctl -d: the description registered with the OID (node or leaf). */
  describe(name: string): string {
    return this.lookup(name, [name]).oid_descr;
  }

  /** The OID numbers along `name` (sysctlnametomib(3)), e.g. 'kern.ostype' -> [1, 1]. */
  nametomib(name: string): number[] {
    const mib: number[] = [];
    this.lookup(name, [name], mib);
    return mib;
  }

  // Resolves a dotted name, like name2oid(); fails with ENOENT.
  private lookup(name: string, args: readonly SysctlValue[], mib?: number[]): Oid {
    const parts = name.split('.');
    if (parts.length > CTL_MAXNAME) return syscall_fail(ENOENT, 'sysctl', args);
    let oid: Oid = this.root;
    for (const part of parts) {
      if (oid.type !== 'node') return syscall_fail(ENOENT, 'sysctl', args);
      const next: Oid | undefined = oid.children.find((c) => c.oid_name === part);
      if (next === undefined) return syscall_fail(ENOENT, 'sysctl', args);
      mib?.push(next.oid_number);
      oid = next;
    }
    return oid;
  }

  private leaf(name: string, args: readonly SysctlValue[]): LeafOid {
    const oid = this.lookup(name, args);
    if (oid.type === 'node') return syscall_fail(EISDIR, 'sysctl', args);
    return oid;
  }

  private base(number: number, name: string, kind: number, descr: string): OidBase {
    if (name === '' || name.includes('.')) throw new Error(`sysctl: bad OID name "${name}"`);
    return { oid_number: number === OID_AUTO ? this.newoid++ : number, oid_name: name, oid_kind: kind >>> 0, oid_descr: descr };
  }

  // sysctl_register_oid(): a clash is a kernel programming error, not a user error.
  private register(parent: string, oid: Oid): void {
    const node = parent === '' ? this.root : this.find_node(parent);
    const clash = node.children.find((c) => c.oid_name === oid.oid_name || c.oid_number === oid.oid_number);
    if (clash !== undefined) {
      throw new Error(`sysctl: cannot register "${oid.oid_name}" under "${parent}": clashes with "${clash.oid_name}"`);
    }
    const at = node.children.findIndex((c) => c.oid_number > oid.oid_number);
    node.children.splice(at === -1 ? node.children.length : at, 0, oid);
  }

  private find_node(path: string): NodeOid {
    let oid: Oid | undefined = this.root;
    for (const part of path.split('.')) {
      oid = oid.type === 'node' ? oid.children.find((c) => c.oid_name === part) : undefined;
      if (oid === undefined) break;
    }
    if (oid === undefined || oid.type !== 'node') throw new Error(`sysctl: no parent node "${path}"`);
    return oid;
  }
}

// sysctl_handle_int(): only an integer the C type can hold is accepted.
function check_int(oid: IntOid, v: SysctlValue): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < oid.min || v > oid.max) return EINVAL;
  return oid.check === undefined ? 0 : oid.check(v);
}

function walk(oid: Oid, name: string, lines: string[]): void {
  if (oid.type !== 'node') {
    lines.push(`${name}: ${oid.cell.value}`);
    return;
  }
  for (const child of oid.children) walk(child, name === '' ? child.oid_name : `${name}.${child.oid_name}`, lines);
}


function walk_oids(oid: Oid, name: string, out: SysctlOid[]): void {
  out.push({ name, kind: oid.oid_kind, descr: oid.oid_descr, value: oid.type === 'node' ? null : oid.cell.value });
  if (oid.type !== 'node') return;
  for (const child of oid.children) walk_oids(child, `${name}.${child.oid_name}`, out);
}
