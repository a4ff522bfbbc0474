// struct file: an open file, socket or tty, shared by every descriptor
// (in any process) that refers to it.
// Mirrors sys/sys/file.h (FreeBSD 5.0).
//
// A subsystem that opens things (sockets, later) creates a file with its own
// fileops and f_data, installs it with falloc() (kern/kern_descrip.ts), and
// gets fo_close when the last descriptor referring to it is closed.

import type { Proc } from './proc.ts';

export const DTYPE_VNODE = 1; // file (here: only the console tty on fds 0-2)
export const DTYPE_SOCKET = 2; // a socket
export const DTYPE_PIPE = 3; // a pipe
export const DTYPE_FIFO = 4; // a named pipe
export const DTYPE_KQUEUE = 5; // a kqueue

// f_flag bits (sys/fcntl.h FREAD/FWRITE).
export const FREAD = 0x0001;
export const FWRITE = 0x0002;

/** The operations a file type provides (struct fileops); more join as subsystems need them. */
export interface fileops {
  /** Called once, when the last reference to the file goes away. */
  fo_close(fp: file, p: Proc | null): void;
}

export class file {
  f_type: number; // DTYPE_*
  f_flag: number; // FREAD | FWRITE
  f_count = 1; // references: descriptors in every process, plus in-kernel holds
  f_data: unknown; // the socket, vnode... this file stands for
  readonly f_ops: fileops; // how to operate on it

  constructor(type: number, flag: number, data: unknown, ops: fileops) {
    this.f_type = type;
    this.f_flag = flag;
    this.f_data = data;
    this.f_ops = ops;
  }
}
