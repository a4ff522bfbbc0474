// Character devices: cdevsw, make_dev() and the /dev names they appear
// under (devfs), plus the file operations of an open device.
// Mirrors sys/kern/kern_conf.c and the struct cdevsw/make_dev parts of
// sys/sys/conf.h (FreeBSD 5.0), with devfs reduced to a name table.
//
// How to use (a driver; see dev/ti/if_ti.ts):
//   const ti_cdevsw: cdevsw = { d_open, d_close, d_ioctl, d_name: 'ti', d_maj: TI_CDEV_MAJOR };
//   make_dev(kernel, ti_cdevsw, unit, UID_ROOT, GID_OPERATOR, 0o600, `ti${unit}`);
// and from a process: open(2) (kern/vfs_syscalls.ts) finds "/dev/ti0"
// here, checks the node's owner and mode against the caller's
// credentials (EACCES), and calls d_open; ioctl(2) (kern/sys_generic.ts)
// calls d_ioctl with the argument already copied in; the last close(2)
// calls d_close. A driver's d_* return 0 or an errno, as in C.
//
// devfs_chmod() is what `chmod 0644 /dev/ti0` by root does to a devfs node.

import type { Kernel } from './init_main.ts';
import type { file } from '../sys/file.ts';
import type { Proc } from '../sys/proc.ts';

export const UID_ROOT = 0; // owner of most device nodes
export const GID_WHEEL = 0;
export const GID_OPERATOR = 5; // group of devices operators may use

/** struct cdevsw: a character device driver's entry points. */
export interface cdevsw {
  /** d_open(dev, oflags, p): 0 or an errno. */
  readonly d_open: (dev: cdev, oflags: number, p: Proc) => number;
  /** d_close(dev, fflag, p): at the last close of the device; 0 or an errno. */
  readonly d_close: (dev: cdev, fflag: number, p: Proc | null) => number;
  /**
   * d_ioctl(dev, cmd, data, fflag, p): `data` is the kernel copy of the
   * argument (IOCPARM_LEN(cmd) bytes; for a void request, its 4-byte value).
   * Writes into `data` are copied out for IOC_OUT requests that return 0.
   */
  readonly d_ioctl: (dev: cdev, cmd: number, data: Uint8Array, fflag: number, p: Proc) => number;
  readonly d_name: string; // base name, e.g. "ti"
  readonly d_maj: number; // major number
}

/** struct cdev (dev_t): one device node. */
export class cdev {
  readonly si_kernel: Kernel; // whose /dev it is in
  readonly si_name: string; // name under /dev, e.g. "ti0"
  readonly si_devsw: cdevsw; // the driver
  readonly si_udev: number; // makeudev(major, minor)
  si_uid: number; // owner
  si_gid: number; // group
  si_mode: number; // permission bits, e.g. 0o600
  si_drv1: unknown = null; // the driver's pointer (its softc)
  si_usecount = 0; // open files referring to it

  constructor(kernel: Kernel, name: string, devsw: cdevsw, minor: number, uid: number, gid: number, mode: number) {
    this.si_kernel = kernel;
    this.si_name = name;
    this.si_devsw = devsw;
    this.si_udev = ((devsw.d_maj & 0xff) << 8) | (minor & 0xffff00ff);
    this.si_uid = uid;
    this.si_gid = gid;
    this.si_mode = mode;
  }
}

/** minor(dev): the unit part of the device number. */
export function minor(dev: cdev): number {
  return dev.si_udev & 0xffff00ff;
}


function table(kernel: Kernel): Map<string, cdev> {
  let t = kernel.devfs;
  if (t === undefined) kernel.devfs = t = new Map();
  return t;
}

/** make_dev: creates /dev/<name> for `devsw`, unit `minor`. Throws if the name exists. */
export function make_dev(kernel: Kernel, devsw: cdevsw, minor_: number, uid: number, gid: number, perms: number, name: string): cdev {
  const t = table(kernel);
  if (t.has(name)) throw new Error(`make_dev: /dev/${name} already exists`);
  const dev = new cdev(kernel, name, devsw, minor_, uid, gid, perms);
  t.set(name, dev);
  return dev;
}

/** destroy_dev: removes the node; open files keep working until closed. */
export function destroy_dev(dev: cdev): void {
  table(dev.si_kernel).delete(dev.si_name);
}

/** The node /dev/<name> of `kernel`, or null. */
export function devfs_lookup(kernel: Kernel, name: string): cdev | null {
  return table(kernel).get(name) ?? null;
}

/** Every node of `kernel`'s /dev, by name. */
export function devfs_list(kernel: Kernel): readonly cdev[] {
  return [...table(kernel).values()].sort((a, b) => (a.si_name < b.si_name ? -1 : 1));
}

/** chmod(2) of a devfs node by root: sets its permission bits (0..0o777). Throws RangeError otherwise. */
export function devfs_chmod(kernel: Kernel, name: string, mode: number): void {
  const dev = devfs_lookup(kernel, name);
  if (dev === null) throw new Error(`devfs_chmod: no /dev/${name}`);
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777) throw new RangeError(`devfs_chmod: bad mode ${mode}`);
  dev.si_mode = mode;
}

/** The f_data of an open device file. */
export interface devfs_file {
  readonly dev: cdev;
}

/** The device behind an open file, or null if the file is not a device. */
export function fp_dev(fp: file): cdev | null {
  const d = fp.f_data;
  return typeof d === 'object' && d !== null && 'dev' in d && (d as devfs_file).dev instanceof cdev ? (d as devfs_file).dev : null;
}
