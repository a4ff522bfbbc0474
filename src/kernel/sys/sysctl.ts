// sysctl MIB constants: OID types, access flags and the fixed OID numbers.
// Mirrors sys/sys/sysctl.h (and the KIPC_* numbers from sys/sys/socket.h).
//
// An OID's kind is one CTLTYPE_* value OR'ed with CTLFLAG_* bits, exactly as
// in FreeBSD; kern/kern_sysctl.ts interprets them.

export const CTLTYPE = 0xf; // the type bits of an OID's kind
export const CTLTYPE_NODE = 1; // an interior node
export const CTLTYPE_INT = 2; // an int
export const CTLTYPE_STRING = 3; // a string
export const CTLTYPE_ULONG = 8; // an unsigned long

export const CTLFLAG_RD = 0x80000000; // readable
export const CTLFLAG_WR = 0x40000000; // writable (by root)
export const CTLFLAG_RW = 0xc0000000; // CTLFLAG_RD | CTLFLAG_WR (written out: | would make it negative)

/** Ask the registry to pick the next free number (numbers from 100 up in 2002). */
export const OID_AUTO = -1;
/** First number handed out for OID_AUTO (kern_sysctl.c's `newoid`, 100 before CTL_AUTO_START). */
export const OID_AUTO_START = 100;

// Top-level identifiers.
export const CTL_KERN = 1; // kern.*: the kernel proper
export const CTL_VM = 2; // vm.*
export const CTL_VFS = 3; // vfs.*, by file system type
export const CTL_NET = 4; // net.*, by address family
export const CTL_DEBUG = 5; // debug.*
export const CTL_HW = 6; // hw.*: the hardware
export const CTL_MACHDEP = 7; // machdep.*
export const CTL_USER = 8; // user.*: values for user programs
export const CTL_P1003_1B = 9; // p1003_1b.*: POSIX real-time

// CTL_KERN identifiers.
export const KERN_OSTYPE = 1; // kern.ostype
export const KERN_OSRELEASE = 2; // kern.osrelease
export const KERN_OSREV = 3; // kern.osrevision
export const KERN_VERSION = 4; // kern.version: how the kernel was built
export const KERN_HOSTNAME = 10; // kern.hostname
export const KERN_IPC = 30; // kern.ipc: sockets, mbufs, zero copy

// CTL_HW identifiers.
export const HW_MACHINE = 1; // hw.machine
export const HW_MODEL = 2; // hw.model: the CPU
export const HW_NCPU = 3; // hw.ncpu
export const HW_BYTEORDER = 4; // hw.byteorder
export const HW_PHYSMEM = 5; // hw.physmem, bytes
export const HW_PAGESIZE = 7; // hw.pagesize

// KERN_IPC identifiers (sys/socket.h).
export const KIPC_MAXSOCKBUF = 1; // kern.ipc.maxsockbuf
export const KIPC_NMBCLUSTERS = 9; // kern.ipc.nmbclusters
