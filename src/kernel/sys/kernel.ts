// SYSINIT: ordered start-up hooks, run once by mi_startup() at boot.
// Mirrors the SYSINIT machinery in sys/sys/kernel.h.
//
// A subsystem exports a SysInit and is listed in kern/init_main.ts; boot
// runs the list sorted by (subsystem, order), so a hook may rely on every hook
// with a smaller key having run. Later subsystems (VM, mbufs, sockets,
// drivers) join by adding an entry; none of them call each other at boot.

import type { Kernel } from '../kern/init_main.ts';

// Subsystem keys: the relative order is FreeBSD's, the numbers are 5.0's.
export const SI_SUB_COPYRIGHT = 0x0800001; // the copyright banner
export const SI_SUB_VM = 0x1000000; // the VM system
export const SI_SUB_KMEM = 0x1800000; // kernel malloc, and the sysctl tree
export const SI_SUB_CPU = 0x2100000; // the CPU
export const SI_SUB_MBUF = 0x2700000; // the mbuf allocator
export const SI_SUB_DRIVERS = 0x3100000; // driver setup
export const SI_SUB_CONFIGURE = 0x3800000; // probing and attaching devices
export const SI_SUB_PROTO_BEGIN = 0x8000000; // first of the protocols
export const SI_SUB_PROTO_DOMAIN = 0x8800000; // protocol domains register
export const SI_SUB_RUN_SCHEDULER = 0xfffffff; // the scheduler, last

// Order within a subsystem.
export const SI_ORDER_FIRST = 0x0000000;
export const SI_ORDER_SECOND = 0x0000001;
export const SI_ORDER_THIRD = 0x0000002;
export const SI_ORDER_MIDDLE = 0x1000000;
export const SI_ORDER_ANY = 0xfffffff;

export interface SysInit {
  readonly name: string; // the function's FreeBSD name, for tracing
  readonly subsystem: number; // SI_SUB_*
  readonly order: number; // SI_ORDER_*
  /** Called once at boot. May throw only for programming errors. */
  readonly func: (kernel: Kernel) => void;
}
