// The table of kernel options config(8) accepts, with their checks.
// Mirrors sys/conf/options and sys/i386/conf/options.i386 (which option
// exists) plus what NOTES says each does, in our words. conf/config.ts consults
// this table; nothing else should hard-code option names or ranges.
//
// An option is one of three kinds:
//   boolean  `options NAME`            (a value is an error)
//   number   `options NAME=value`      (decimal or 0x hex; checked by `check`)
//   string   `options NAME="value"`    (any text)
// `requires` names devices or options that must also be configured, checked
// after the whole file is read so their order does not matter.

import { PHYSMEM_BYTES } from '../i386/i386/pc.ts';
import { PAGE_SHIFT } from '../sys/param.ts';

export type CpuType = 'I386_CPU' | 'I486_CPU' | 'I586_CPU' | 'I686_CPU';
/** The cpu lines i386 accepts, oldest first. */
export const CPU_TYPES: readonly CpuType[] = ['I386_CPU', 'I486_CPU', 'I586_CPU', 'I686_CPU'];

/** A configured option's value: `true` for a boolean option. */
export type OptionValue = true | number | string;

export interface OptionSpec {
  readonly kind: 'boolean' | 'number' | 'string';
  readonly description: string; // NOTES-style one-liner
  readonly default: OptionValue | undefined; // value when not configured (undefined: off)
  /** For number options: the rule in words, e.g. "a power of two from 128 to 1024". */
  readonly allowed?: string;
  /** For number options: true if `value` is allowed. */
  readonly check?: (value: number) => boolean;
  readonly requires?: { readonly devices?: readonly string[]; readonly options?: readonly string[] };
  /** Options that may not be configured together with this one. */
  readonly conflicts?: readonly string[];
}

const is_power_of_two = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

const boolean = (description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  kind: 'boolean',
  description,
  default: undefined,
  ...extra,
});

// MCLSHIFT bounds. Below 11 a cluster (1 KB) cannot hold one 1518-byte
// Ethernet frame. Above PAGE_SHIFT a cluster would span pages, but mb_alloc
// carves clusters out of single pages and NICs DMA into them, which needs
// physically contiguous memory; so 11 (2 KB, default) and 12 (4 KB, NOTES).
export const MCLSHIFT_MIN = 11;
export const MCLSHIFT_MAX = PAGE_SHIFT;

// MSIZE bounds. It must be a power of two because dtom() finds an mbuf by
// masking a data pointer with ~(MSIZE-1). 128 is the smallest power of two
// that leaves a packet-header mbuf room for struct m_ext (20 + 44 + 24 = 88
// bytes). 1024 keeps MSIZE below the smallest MCLBYTES (2048), so MINCLSIZE
// stays smaller than a cluster and clusters remain worth using.
export const MSIZE_MIN = 128;
export const MSIZE_MAX = 1024;

export const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  // The 2002 zero copy work (zero_copy(9), ti(4)).
  ZERO_COPY_SOCKETS: boolean(
    'Zero copy sockets: page loaning on send, page flipping on receive (the receive half needs a NIC that splits headers); see zero_copy(9)',
  ),
  TI_PRIVATE_JUMBOS: boolean('ti(4): use a private pool of contiguous jumbo buffers instead of page-sized jumbo(9) buffers', {
    requires: { devices: ['ti'] },
    conflicts: ['TI_JUMBO_HDRSPLIT'],
  }),
  TI_JUMBO_HDRSPLIT: boolean('ti(4): header splitting in the Tigon II firmware, for zero copy receive (no effect on Tigon I)', {
    requires: { devices: ['ti'] },
    conflicts: ['TI_PRIVATE_JUMBOS'],
  }),
  MSIZE: {
    kind: 'number',
    description: 'bytes in each mbuf, its header included',
    default: 256,
    allowed: `a power of two from ${MSIZE_MIN} to ${MSIZE_MAX}`,
    check: (v) => is_power_of_two(v) && v >= MSIZE_MIN && v <= MSIZE_MAX,
  },
  MCLSHIFT: {
    kind: 'number',
    description: 'log2 of the mbuf cluster size: 11 gives 2 KB clusters, 12 gives 4 KB',
    default: 11,
    allowed: `from ${MCLSHIFT_MIN} to ${MCLSHIFT_MAX}`,
    check: (v) => v >= MCLSHIFT_MIN && v <= MCLSHIFT_MAX,
  },
  // i386 NOTES: MAXMEM sets how much RAM the kernel uses, in kilobytes.
  // The simulated PC has 256 MB unless told otherwise; the bounds keep a
  // kernel bootable (the kernel itself takes KERNEL_RESERVED_BYTES) and every
  // page is real memory in the simulator, so 1 GB is the ceiling.
  MAXMEM: {
    kind: 'number',
    description: 'amount of physical memory in kilobytes (default 262144, 256 MB)',
    default: PHYSMEM_BYTES / 1024,
    allowed: 'a multiple of 4 from 16384 (16 MB) to 1048576 (1 GB)',
    check: (v) => v % 4 === 0 && v >= 16384 && v <= 1048576,
  },
  NMBCLUSTERS: {
    kind: 'number',
    description: 'number of mbuf clusters (default 1024 + maxusers * 64)',
    default: undefined,
    allowed: 'from 512 to 262144',
    check: (v) => v >= 512 && v <= 262144,
  },
  // Ordinary options, so that GENERIC and LINT look like the real files.
  INET: boolean('IPv4 networking'),
  INET6: boolean('IPv6 networking'),
  FFS: boolean('the UFS/FFS disk file system'),
  SOFTUPDATES: boolean('ordered metadata writes for FFS', { requires: { options: ['FFS'] } }),
  UFS_DIRHASH: boolean('hashed lookups in large directories'),
  MD_ROOT: boolean('root file system may be a memory disk'),
  NFSCLIENT: boolean('mount NFS file systems'),
  NFSSERVER: boolean('export file systems over NFS'),
  NFS_ROOT: boolean('root file system may be NFS', { requires: { options: ['NFSCLIENT'] } }),
  MSDOSFS: boolean('FAT file systems'),
  CD9660: boolean('CD-ROM file systems (ISO 9660)'),
  PSEUDOFS: boolean('the framework procfs is built on'),
  PROCFS: boolean('/proc', { requires: { options: ['PSEUDOFS'] } }),
  COMPAT_43: boolean('4.3BSD system call compatibility; leave it in'),
  SCSI_DELAY: {
    kind: 'number',
    description: 'milliseconds to let SCSI buses settle before probing',
    default: 15000,
    allowed: 'from 0 to 60000',
    check: (v) => v >= 0 && v <= 60000,
  },
  KTRACE: boolean('system call tracing for ktrace(1)'),
  SYSVSHM: boolean('System V shared memory'),
  SYSVMSG: boolean('System V message queues'),
  SYSVSEM: boolean('System V semaphores'),
  _KPOSIX_PRIORITY_SCHEDULING: boolean('POSIX.1b real-time scheduling'),
  KBD_INSTALL_CDEV: boolean('a /dev node for each keyboard'),
  DDB: boolean('the in-kernel debugger'),
  INVARIANT_SUPPORT: boolean('the code the INVARIANTS checks call'),
  INVARIANTS: boolean('consistency checks at run time', { requires: { options: ['INVARIANT_SUPPORT'] } }),
  WITNESS: boolean('lock order checking, to catch deadlocks'),
  WITNESS_SKIPSPIN: boolean('lock order checking skips spin locks, for speed', { requires: { options: ['WITNESS'] } }),
  ROOTDEVNAME: { kind: 'string', description: 'the root file system to mount when none is named at boot, e.g. "ufs:da0s2e"', default: undefined },
};

/** The option spec for `name`, or undefined if config(8) would not know it. */
export function option_spec(name: string): OptionSpec | undefined {
  return Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
}
