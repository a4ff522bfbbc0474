// The sysctl reference, read out of a booted kernel so that the page cannot
// drift from the code: every OID of the tree, with its type, access,
// description and the value it has right after boot.
//
// The reference kernel is GENERIC plus options ZERO_COPY_SOCKETS, the only
// option that adds nodes (kern.ipc.zero_copy); test/docs/sysctls.test.ts
// checks that no other configuration shows a node this one lacks.
import { boot, GENERIC, CTLFLAG_RD, CTLFLAG_WR, CTLTYPE_INT, CTLTYPE_NODE, CTLTYPE_STRING, CTLTYPE_ULONG } from '../kernel/index.ts';
import type { Kernel, SysctlOid } from '../kernel/index.ts';

export const SYSCTL_REFERENCE_CONFIG = `${GENERIC}options ZERO_COPY_SOCKETS\n`;
/** The boards in the reference machine; drivers register no sysctls today, but they would show. */
export const SYSCTL_REFERENCE_NICS = ['ti', 'em'] as const;

/** One row of the reference table. */
export interface SysctlRow {
  name: string; // kern.ipc.zero_copy.send
  type: SysctlTypeName; // as sysctl(8) -t names it
  access: 'RD' | 'WR' | 'RW'; // CTLFLAG_RD / CTLFLAG_WR bits
  descr: string; // sysctl -d
  value: string | null; // value after boot; null for a node
}

export type SysctlTypeName = 'node' | 'integer' | 'string' | 'unsigned long';

const CTLTYPE_MASK = 0xf;

// sysctl(8)'s names for the CTLTYPE_* values the kernel uses.
const TYPE_NAMES: Readonly<Record<number, SysctlTypeName>> = {
  [CTLTYPE_NODE]: 'node',
  [CTLTYPE_INT]: 'integer',
  [CTLTYPE_STRING]: 'string',
  [CTLTYPE_ULONG]: 'unsigned long',
};

export function sysctlTypeName(kind: number): SysctlTypeName {
  const name = TYPE_NAMES[kind & CTLTYPE_MASK];
  if (name === undefined) throw new Error(`sysctl reference: no name for CTLTYPE ${kind & CTLTYPE_MASK}`);
  return name;
}

export function sysctlAccess(kind: number): SysctlRow['access'] {
  const rd = (kind & CTLFLAG_RD) !== 0;
  const wr = (kind & CTLFLAG_WR) !== 0;
  if (rd && wr) return 'RW';
  if (wr) return 'WR';
  return 'RD';
}

export function sysctlRow(oid: SysctlOid): SysctlRow {
  return {
    name: oid.name,
    type: sysctlTypeName(oid.kind),
    access: sysctlAccess(oid.kind),
    descr: oid.descr,
    value: oid.value === null ? null : String(oid.value),
  };
}

/** Boots the reference kernel. */
export function bootReferenceKernel(): Kernel {
  return boot(SYSCTL_REFERENCE_CONFIG, { nics: SYSCTL_REFERENCE_NICS, file: 'GENERIC+ZERO_COPY_SOCKETS' });
}

/** Every OID of the reference kernel, in sysctl -a order. */
export function sysctlReference(): SysctlRow[] {
  return bootReferenceKernel().sysctls.oids().map(sysctlRow);
}
