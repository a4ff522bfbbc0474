// File descriptor tables: allocation, lookup, fork's copy and exit's close.
// Mirrors sys/kern/kern_descrip.c and struct filedesc (sys/sys/filedesc.h).
//
// How to use:
//   const { fp, fd } = falloc(p, DTYPE_SOCKET, FREAD | FWRITE, so, socketops); // EMFILE
//   const fp = fget(p, fd);                  // null: not open (the caller says EBADF)
//   fdclose(p, fd);                          // drops the descriptor's reference
// fork copies the table (fdcopy): parent and child then share each file,
// whose f_count counts both. exit closes everything (fdfree).
//
// Every process starts with descriptors 0, 1 and 2 open on the console, as a
// program started from a shell does, so the first socket it opens is fd 3.

import { EMFILE } from '../sys/errno.ts';
import { DTYPE_VNODE, FREAD, FWRITE, file, type fileops } from '../sys/file.ts';
import type { Proc } from '../sys/proc.ts';

/** Initial size of a descriptor table (NDFILE). */
export const NDFILE = 20;
/** kern.maxfilesperproc for the simulated machine's maxusers. */
export const MAXFILESPERPROC = 1064;

export class filedesc {
  fd_ofiles: (file | null)[] = []; // open files, by descriptor
  fd_ofileflags: number[] = []; // per-descriptor flags (UF_EXCLOSE)
  fd_lastfile = -1; // highest descriptor in use
  fd_freefile = 0; // lowest descriptor that may be free
  fd_cmask = 0o022; // umask
  fd_refcnt = 1; // processes sharing the table (1: no rfork)
}

// The console: what fds 0-2 refer to. Closing it does nothing.
const console_ops: fileops = { fo_close: () => {} };

/** fdinit: a new table with stdin, stdout and stderr open on a fresh console file. */
export function fdinit(): filedesc {
  const fdp = new filedesc();
  const tty = new file(DTYPE_VNODE, FREAD | FWRITE, 'console', console_ops);
  tty.f_count = 3;
  fdp.fd_ofiles = [tty, tty, tty];
  fdp.fd_ofileflags = [0, 0, 0];
  fdp.fd_lastfile = 2;
  fdp.fd_freefile = 3;
  return fdp;
}

/** fdcopy: the child's table at fork; every open file gains a reference. */
export function fdcopy(fdp: filedesc): filedesc {
  const n = new filedesc();
  n.fd_ofiles = [...fdp.fd_ofiles];
  n.fd_ofileflags = [...fdp.fd_ofileflags];
  n.fd_lastfile = fdp.fd_lastfile;
  n.fd_freefile = fdp.fd_freefile;
  n.fd_cmask = fdp.fd_cmask;
  for (const fp of n.fd_ofiles) if (fp !== null) fp.f_count++;
  return n;
}

/** closef: drops one reference to fp; the last one closes it. */
export function closef(fp: file, p: Proc | null): void {
  if (--fp.f_count === 0) fp.f_ops.fo_close(fp, p);
}

/** fdfree: closes every descriptor of an exiting process. */
export function fdfree(p: Proc): void {
  const fdp = p.p_fd;
  for (let fd = 0; fd <= fdp.fd_lastfile; fd++) {
    const fp = fdp.fd_ofiles[fd];
    if (fp !== null && fp !== undefined) {
      fdp.fd_ofiles[fd] = null;
      closef(fp, p);
    }
  }
  fdp.fd_lastfile = -1;
  fdp.fd_freefile = 0;
}

/** fdalloc: the lowest free descriptor >= want, or -EMFILE. */
export function fdalloc(p: Proc, want: number): number {
  const fdp = p.p_fd;
  for (let fd = Math.max(want, fdp.fd_freefile); fd < MAXFILESPERPROC; fd++) {
    if ((fdp.fd_ofiles[fd] ?? null) === null) return fd;
  }
  return -EMFILE;
}

/** falloc: a new file installed at the lowest free descriptor; returns an errno (EMFILE) instead when full. */
export function falloc(p: Proc, type: number, flag: number, data: unknown, ops: fileops): { fp: file; fd: number } | number {
  const fd = fdalloc(p, 0);
  if (fd < 0) return -fd;
  const fp = new file(type, flag, data, ops);
  const fdp = p.p_fd;
  while (fdp.fd_ofiles.length <= fd) {
    fdp.fd_ofiles.push(null);
    fdp.fd_ofileflags.push(0);
  }
  fdp.fd_ofiles[fd] = fp;
  fdp.fd_ofileflags[fd] = 0;
  fdp.fd_lastfile = Math.max(fdp.fd_lastfile, fd);
  if (fd === fdp.fd_freefile) fdp.fd_freefile = fd + 1;
  return { fp, fd };
}

/** fget: the file open on `fd`, or null if none (the caller fails with EBADF). */
export function fget(p: Proc, fd: number): file | null {
  if (!Number.isInteger(fd) || fd < 0) return null;
  return p.p_fd.fd_ofiles[fd] ?? null;
}

/** fdclose: releases descriptor fd (close(2) after validation); false if it was not open. */
export function fdclose(p: Proc, fd: number): boolean {
  const fp = fget(p, fd);
  if (fp === null) return false;
  const fdp = p.p_fd;
  fdp.fd_ofiles[fd] = null;
  if (fd < fdp.fd_freefile) fdp.fd_freefile = fd;
  while (fdp.fd_lastfile >= 0 && (fdp.fd_ofiles[fdp.fd_lastfile] ?? null) === null) fdp.fd_lastfile--;
  closef(fp, p);
  return true;
}
