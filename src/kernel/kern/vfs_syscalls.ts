// open(2), for device nodes: the only files the simulated machine has
// besides the console and sockets.
// Mirrors open() of sys/kern/vfs_syscalls.c with vn_open() and devfs's
// access check (vaccess) for a character device (FreeBSD 5.0).
//
// How to use (a process body):
//   const fd = open(p, '/dev/ti0', O_RDWR);      // throws SyscallError
//   ioctl(p, fd, TIIOCGETSTATS, buf);             // kern/sys_generic.ts
//   close(p, fd);                                 // kern/uipc_syscalls.ts
// Errors: ENOENT (no such node, or a path outside /dev), EACCES (the node's
// mode does not let this user read or write it), EMFILE, and whatever the
// driver's d_open returns (ENODEV, ENXIO). A failed open leaves nothing
// open and the driver untold.

import { syscall_enter } from '../i386/i386/trap.ts';
import { EACCES, EINVAL, ENOENT } from '../sys/errno.ts';
import { FFLAGS, O_ACCMODE } from '../sys/fcntl.ts';
import { DTYPE_VNODE, FREAD, FWRITE, type file, type fileops } from '../sys/file.ts';
import type { Proc } from '../sys/proc.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import { devfs_lookup, fp_dev, type cdev, type devfs_file } from './kern_conf.ts';
import { falloc } from './kern_descrip.ts';
import { proc_kernel } from './kern_synch.ts';

// S_IRUSR... as devfs's vaccess reads them.
const S_IRUSR = 0o400;
const S_IWUSR = 0o200;

/** vaccess: may credentials (uid, groups) open `dev` with f_flag `fflag`? 0 or EACCES. Root may always. */
export function devfs_access(dev: cdev, uid: number, groups: readonly number[], fflag: number): number {
  if (uid === 0) return 0;
  const shift = uid === dev.si_uid ? 0 : groups.includes(dev.si_gid) ? 3 : 6;
  const want = ((fflag & FREAD) !== 0 ? S_IRUSR : 0) | ((fflag & FWRITE) !== 0 ? S_IWUSR : 0);
  return ((dev.si_mode << shift) & want) === want ? 0 : EACCES;
}

// The fileops of an open device (devfs's vnode ops, reduced): the last
// close of the node calls the driver's d_close.
const devfs_ops: fileops = {
  fo_close: (fp: file, p: Proc | null) => {
    const dev = fp_dev(fp);
    if (dev === null) return;
    if (--dev.si_usecount === 0) dev.si_devsw.d_close(dev, fp.f_flag, p);
  },
};

/** open(2) of "/dev/<name>"; returns the new descriptor. */
export function open(p: Proc, path: string, flags: number): number {
  syscall_enter(p);
  const args = [path, flags];
  if ((flags & O_ACCMODE) === O_ACCMODE) return syscall_fail(EINVAL, 'open', args);
  const m = /^\/dev\/([A-Za-z0-9_.]+)$/.exec(path);
  const dev = m?.[1] === undefined ? null : devfs_lookup(proc_kernel(p), m[1]);
  if (dev === null) return syscall_fail(ENOENT, 'open', args);
  const fflag = FFLAGS(flags);
  const cr = p.p_ucred;
  const access = devfs_access(dev, cr.cr_uid, cr.cr_groups, fflag);
  if (access !== 0) return syscall_fail(access, 'open', args);
  const error = dev.si_devsw.d_open(dev, flags, p);
  if (error !== 0) return syscall_fail(error, 'open', args);
  dev.si_usecount++;
  const data: devfs_file = { dev };
  const r = falloc(p, DTYPE_VNODE, fflag, data, devfs_ops);
  if (typeof r === 'number') {
    if (--dev.si_usecount === 0) dev.si_devsw.d_close(dev, fflag, p);
    return syscall_fail(r, 'open', args);
  }
  return r.fd;
}
