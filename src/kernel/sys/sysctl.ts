// sysctl MIB constants: OID types, access flags and the fixed OID numbers.
// Mirrors sys/sys/sysctl.h (and the KIPC_* numbers from sys/sys/socket.h).
//
// An OID's kind is one CTLTYPE_* value OR'ed with CTLFLAG_* bits, exactly as
// in FreeBSD; kern/kern_sysctl.ts interprets them.

export const CTLTYPE = 0xf; // mask for the type
export const CTLTYPE_NODE = 1; // name is a node
export const CTLTYPE_INT = 2; // name describes an integer
export const CTLTYPE_STRING = 3; // name describes a string
export const CTLTYPE_ULONG = 8; // name describes an unsigned long

export const CTLFLAG_RD = 0x80000000; // allow reads of variable
export const CTLFLAG_WR = 0x40000000; // allow writes to the variable
export const CTLFLAG_RW = 0xc0000000; // CTLFLAG_RD | CTLFLAG_WR (written out: | would make it negative)

/** Ask the registry to pick the next free number (numbers from 100 up in 2002). */
export const OID_AUTO = -1;
/** First number handed out for OID_AUTO (kern_sysctl.c's `newoid`, 100 before CTL_AUTO_START). */
export const OID_AUTO_START = 100;

// Top-level identifiers.
export const CTL_KERN = 1; // "high kernel": proc, limits
export const CTL_VM = 2; // virtual memory
export const CTL_VFS = 3; // file system, mount type is next
export const CTL_NET = 4; // network, see socket.h
export const CTL_DEBUG = 5; // debugging parameters
export const CTL_HW = 6; // generic cpu/io
export const CTL_MACHDEP = 7; // machine dependent
export const CTL_USER = 8; // user-level
export const CTL_P1003_1B = 9; // POSIX 1003.1B

// CTL_KERN identifiers.
export const KERN_OSTYPE = 1; // string: system version
export const KERN_OSRELEASE = 2; // string: system release
export const KERN_OSREV = 3; // int: system revision
export const KERN_VERSION = 4; // string: compile time info
export const KERN_HOSTNAME = 10; // string: hostname
export const KERN_IPC = 30; // node: anything related to IPC

// CTL_HW identifiers.
export const HW_MACHINE = 1; // string: machine class
export const HW_MODEL = 2; // string: specific machine model
export const HW_NCPU = 3; // int: number of cpus
export const HW_BYTEORDER = 4; // int: machine byte order
export const HW_PHYSMEM = 5; // int: total memory
export const HW_PAGESIZE = 7; // int: software page size

// KERN_IPC identifiers (sys/socket.h).
export const KIPC_MAXSOCKBUF = 1; // int: max size of a socket buffer
export const KIPC_NMBCLUSTERS = 9; // int: maximum mbuf clusters
