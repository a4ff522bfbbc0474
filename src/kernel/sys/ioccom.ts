// ioctl command words: direction, parameter size, group and number packed
// into 32 bits. Mirrors sys/sys/ioccom.h.
//
// How to use: export const SIOCSIFMTU = _IOW('i', 52, SIZEOF_IFREQ);
// The size is a number of bytes (C takes sizeof(type)); the numbers match
// the real kernel's, so they print the same in ktrace-style output.

export const IOCPARM_MASK = 0x1fff; // parameter length, at most 13 bits
export const IOC_VOID = 0x20000000; // no argument
export const IOC_OUT = 0x40000000; // the kernel copies the argument out
export const IOC_IN = 0x80000000; // the kernel copies the argument in
export const IOC_INOUT = IOC_IN | IOC_OUT;

/** _IOC(inout, group, num, len). `group` is one character, as in 'i'. */
export function _IOC(inout: number, group: string, num: number, len: number): number {
  return (inout | ((len & IOCPARM_MASK) << 16) | (group.charCodeAt(0) << 8) | num) >>> 0;
}

/** _IO(g, n): no parameter. */
export function _IO(g: string, n: number): number {
  return _IOC(IOC_VOID, g, n, 0);
}

/** _IOR(g, n, size): the kernel copies `size` bytes out. */
export function _IOR(g: string, n: number, size: number): number {
  return _IOC(IOC_OUT, g, n, size);
}

/** _IOW(g, n, size): the kernel copies `size` bytes in. */
export function _IOW(g: string, n: number, size: number): number {
  return _IOC(IOC_IN, g, n, size);
}

/** _IOWR(g, n, size): both ways. */
export function _IOWR(g: string, n: number, size: number): number {
  return _IOC(IOC_INOUT, g, n, size);
}
