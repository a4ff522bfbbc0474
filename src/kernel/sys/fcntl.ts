// open(2) flags.
// Mirrors sys/sys/fcntl.h (FreeBSD 5.0): the access modes and how open(2)
// turns them into the file's f_flag bits (FFLAGS).
//
//   const fd = open(p, '/dev/ti0', O_RDWR);

import { FREAD, FWRITE } from './file.ts';

export const O_RDONLY = 0x0000; // read only
export const O_WRONLY = 0x0001; // write only
export const O_RDWR = 0x0002; // read and write
export const O_ACCMODE = 0x0003; // the access mode bits

/** FFLAGS(oflags): open flags to f_flag bits (O_RDONLY -> FREAD, O_WRONLY -> FWRITE, O_RDWR -> both). */
export function FFLAGS(oflags: number): number {
  const acc = (oflags & O_ACCMODE) + 1;
  return (acc & 1 ? FREAD : 0) | (acc & 2 ? FWRITE : 0);
}
