// ioctl(2).
// Mirrors ioctl() of sys/kern/sys_generic.c (FreeBSD 5.0): the argument is
// copied in or out by the kernel according to the direction and size
// encoded in the request number (sys/ioccom.ts), around the driver's call.
//
// How to use (a process body; the argument lives in the process's memory):
//   const buf = p.malloc(SIZEOF_TI_PARAMS);
//   ioctl(p, fd, TIIOCGETPARAMS, buf);                 // the driver fills it
//   p.poke(buf, ti_params_encode({...}));
//   ioctl(p, fd, TIIOCSETPARAMS, buf);                 // the driver reads it
// For an _IO request `data` is passed by value (C: *(caddr_t *)data = uap->data).
// Errors: EBADF (fd not open, or opened with neither read nor write),
// ENOTTY (not a device, or a request the driver does not know), EFAULT
// (the argument is not in the process's memory; then the driver is not
// called for IOC_IN requests), and the driver's own errors. On an error
// nothing is copied out.

import { syscall_enter } from '../i386/i386/trap.ts';
import { copyin, copyout } from '../i386/i386/support.ts';
import { EBADF, ENOTTY } from '../sys/errno.ts';
import { FREAD, FWRITE } from '../sys/file.ts';
import { IOC_IN, IOC_OUT, IOC_VOID, IOCPARM_MASK } from '../sys/ioccom.ts';
import type { Proc } from '../sys/proc.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import { fp_dev } from './kern_conf.ts';
import { fget } from './kern_descrip.ts';

/** IOCPARM_LEN(cmd): the argument size encoded in a request. */
export function IOCPARM_LEN(cmd: number): number {
  return (cmd >>> 16) & IOCPARM_MASK;
}

/** IOCPARM_MAX: the largest argument ioctl copies (one page). */
export const IOCPARM_MAX = 4096;

function hex(cmd: number): string {
  return `0x${(cmd >>> 0).toString(16)}`;
}

/** ioctl(2): request `cmd` on descriptor `fd` with argument address (or value) `data`. */
export function ioctl(p: Proc, fd: number, cmd: number, data: number): void {
  syscall_enter(p);
  const args = [fd, hex(cmd), data];
  const fp = fget(p, fd);
  if (fp === null || (fp.f_flag & (FREAD | FWRITE)) === 0) return syscall_fail(EBADF, 'ioctl', args);
  const dev = fp_dev(fp);
  if (dev === null) return syscall_fail(ENOTTY, 'ioctl', args);
  const size = IOCPARM_LEN(cmd);
  if (size > IOCPARM_MAX) return syscall_fail(ENOTTY, 'ioctl', args);
  const kdata = new Uint8Array(Math.max(size, 4));
  if ((cmd & IOC_IN) !== 0 && size > 0) {
    const error = copyin(p, data, kdata, size);
    if (error !== 0) return syscall_fail(error, 'ioctl', args);
  } else if ((cmd & IOC_VOID) !== 0 || size === 0) {
    new DataView(kdata.buffer).setUint32(0, data >>> 0, true);
  }
  let error = dev.si_devsw.d_ioctl(dev, cmd >>> 0, kdata, fp.f_flag, p);
  if (error === 0 && (cmd & IOC_OUT) !== 0 && size > 0) error = copyout(p, kdata, data, size);
  if (error !== 0) syscall_fail(error, 'ioctl', args);
}
