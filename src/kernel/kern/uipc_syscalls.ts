// The socket system calls, for simulated processes.
// Mirrors sys/kern/uipc_syscalls.c (FreeBSD 5.0) and, for read/write on a
// socket, sys/kern/sys_generic.c and sys_socket.c.
//
// How to use (a process body; `p` is its Proc):
//   const s = socket(p, AF_INET, SOCK_STREAM, 0);
//   bind(p, s, sockaddr_in('0.0.0.0', 7)); listen(p, s, 5);
//   const c = await accept(p, s);                  // sleeps in "accept"
//   const n = await read(p, c, buf, 4096);         // sleeps in "sbwait"; 0 at EOF
//   await write(p, c, buf, n);                     // sleeps while so_snd is full
//   close(p, c);
// and on the other machine:
//   await connect(p, s, sockaddr_in('10.0.0.1', 7));   // sleeps in "connec"
// Buffers are addresses in the process's memory (p.malloc, p.poke, p.peek).
// A failing call throws SyscallError with FreeBSD's errno, naming the call
// and its arguments: "connect(3, 10.0.0.2.7): ECONNREFUSED (Connection refused)".
// write/send on a connection that cannot send any more fails with EPIPE
// and delivers SIGPIPE, which kills the process (5.0 had no MSG_NOSIGNAL);
// the process's status then reads 'signal 13 (SIGPIPE)'.
//
// Every call costs syscall_ns of CPU and each byte copied by uiomove its
// copy cost; a blocking call returns only once the machine's CPU has done
// that work, so a CPU-bound machine falls behind in virtual time.
// close(2) does not linger: SO_LINGER with a time returns at once (the
// connection still closes gracefully), SO_LINGER 0 resets it.

import { syscall_enter } from '../i386/i386/trap.ts';
import { copyin, uio_thread } from '../i386/i386/support.ts';
import { EBADF, EINVAL, ENOTSOCK, EPIPE } from '../sys/errno.ts';
import { DTYPE_SOCKET, FREAD, FWRITE, type file, type fileops } from '../sys/file.ts';
import type { Proc } from '../sys/proc.ts';
import { SIGPIPE } from '../sys/signal.ts';
import { SO_LINGER, SOL_SOCKET, type linger } from '../sys/socket.ts';
import type { socket as socket_t } from '../sys/socketvar.ts';
import { syscall_fail, type SyscallArg } from '../sys/syscall_error.ts';
import { inet_sprint, type sockaddr_in } from '../netinet/in.ts';
import { utf8_decode } from '../i386/i386/usermem.ts';
import { falloc, fdclose, fget } from './kern_descrip.ts';
import { trapsignal } from './kern_sig.ts';
import { uio_user, UIO_READ, UIO_WRITE } from './kern_subr.ts';
import { cpu_catchup, proc_kernel } from './kern_synch.ts';
import { SOPT_GET, SOPT_SET, type sockopt } from './uipc_domain.ts';
import {
  sobind, soaccept, soaccept_wait, soclose, soconnect, soconnect_wait, socreate, sogetopt, solisten, soreceive, sosend, sosetopt, soshutdown,
} from './uipc_socket.ts';
import { SS_ISCONNECTED } from '../sys/socketvar.ts';
import { ENOTCONN } from '../sys/errno.ts';

/** The fileops of a socket (socketops in sys_socket.c). */
const socketops: fileops = {
  fo_close: (fp: file) => {
    soclose(fp.f_data as socket_t);
  },
};

function sa(nam: sockaddr_in): string {
  return inet_sprint(nam.sin_addr, nam.sin_port);
}

// getsock: the socket on descriptor fd, or EBADF / ENOTSOCK.
function getsock(p: Proc, fd: number, call: string, args: SyscallArg[]): socket_t {
  const fp = fget(p, fd);
  if (fp === null) return syscall_fail(EBADF, call, args);
  if (fp.f_type !== DTYPE_SOCKET) return syscall_fail(ENOTSOCK, call, args);
  return fp.f_data as socket_t;
}

/** socket(2): returns the new descriptor. EAFNOSUPPORT, EPROTONOSUPPORT, EPROTOTYPE, EMFILE. */
export function socket(p: Proc, domain: number, type: number, protocol: number): number {
  syscall_enter(p);
  const args = [domain, type, protocol];
  const so = socreate(proc_kernel(p), domain, type, protocol);
  if (typeof so === 'number') return syscall_fail(so, 'socket', args);
  const r = falloc(p, DTYPE_SOCKET, FREAD | FWRITE, so, socketops);
  if (typeof r === 'number') {
    soclose(so);
    return syscall_fail(r, 'socket', args);
  }
  return r.fd;
}

/** bind(2). EADDRINUSE, EADDRNOTAVAIL, EACCES, EINVAL, EBADF, ENOTSOCK. */
export function bind(p: Proc, s: number, name: sockaddr_in): void {
  syscall_enter(p);
  const args = [s, sa(name)];
  const so = getsock(p, s, 'bind', args);
  const error = sobind(so, name);
  if (error !== 0) syscall_fail(error, 'bind', args);
}

/** listen(2). */
export function listen(p: Proc, s: number, backlog: number): void {
  syscall_enter(p);
  const so = getsock(p, s, 'listen', [s, backlog]);
  const error = solisten(so, backlog);
  if (error !== 0) syscall_fail(error, 'listen', [s, backlog]);
}

/** accept(2): waits for a connection; returns its descriptor (and fills `from` with the peer). */
export async function accept(p: Proc, s: number, from?: { value: sockaddr_in | null }): Promise<number> {
  syscall_enter(p);
  const head = getsock(p, s, 'accept', [s]);
  const so = await soaccept_wait(p, head);
  if (typeof so === 'number') {
    await cpu_catchup(p);
    return syscall_fail(so, 'accept', [s]);
  }
  const r = falloc(p, DTYPE_SOCKET, FREAD | FWRITE, so, socketops);
  if (typeof r === 'number') {
    soclose(so);
    return syscall_fail(r, 'accept', [s]);
  }
  const nam = { value: null as sockaddr_in | null };
  const error = soaccept(so, nam);
  if (from !== undefined) from.value = nam.value;
  await cpu_catchup(p);
  if (error !== 0) {
    fdclose(p, r.fd);
    return syscall_fail(error, 'accept', [s]);
  }
  return r.fd;
}

/** connect(2): waits for the handshake. ECONNREFUSED, ETIMEDOUT, EISCONN, EALREADY, ENETUNREACH... */
export async function connect(p: Proc, s: number, name: sockaddr_in): Promise<void> {
  syscall_enter(p);
  const args = [s, sa(name)];
  const so = getsock(p, s, 'connect', args);
  let error = soconnect(so, name);
  if (error === 0) error = await soconnect_wait(p, so);
  await cpu_catchup(p);
  if (error !== 0) syscall_fail(error, 'connect', args);
}

/** send(2) / write(2) on a socket: returns the bytes sent. EPIPE (and SIGPIPE), ENOTCONN, EFAULT... */
export async function send(p: Proc, s: number, buf: number, len: number, flags: number, call = 'send'): Promise<number> {
  syscall_enter(p);
  const args = call === 'send' ? [s, buf, len, flags] : [s, buf, len];
  const so = getsock(p, s, call, args);
  if (!Number.isInteger(len) || len < 0) return syscall_fail(EINVAL, call, args);
  const uio = uio_user(uio_thread(p), [{ iov_base: buf, iov_len: len }], UIO_WRITE);
  const error = await sosend(p, so, null, uio, null, null, flags);
  await cpu_catchup(p);
  const done = len - uio.uio_resid;
  if (error !== 0) {
    if (error === EPIPE) {
      // dofilewrite/sendit: EPIPE sends SIGPIPE, whose default action ends the process.
      trapsignal(p, SIGPIPE);
    }
    return syscall_fail(error, call, args);
  }
  return done;
}

/** recv(2) / read(2) on a socket: returns the bytes read, 0 at end of file. ECONNRESET, ENOTCONN, EFAULT... */
export async function recv(p: Proc, s: number, buf: number, len: number, flags: number, call = 'recv'): Promise<number> {
  syscall_enter(p);
  const args = call === 'recv' ? [s, buf, len, flags] : [s, buf, len];
  const so = getsock(p, s, call, args);
  if (!Number.isInteger(len) || len < 0) return syscall_fail(EINVAL, call, args);
  const uio = uio_user(uio_thread(p), [{ iov_base: buf, iov_len: len }], UIO_READ);
  const error = await soreceive(p, so, uio, flags);
  await cpu_catchup(p);
  const done = len - uio.uio_resid;
  // A partial transfer is a success, as dofileread reports it.
  if (error !== 0 && done === 0) return syscall_fail(error, call, args);
  return done;
}

/** write(2): a socket, or the console on fds 1 and 2 (the text is printed). */
export async function write(p: Proc, fd: number, buf: number, nbytes: number): Promise<number> {
  const fp = fget(p, fd);
  if (fp !== null && fp.f_type !== DTYPE_SOCKET && fd <= 2) {
    syscall_enter(p);
    // The console driver copies the text in like any other write: a bad
    // buffer is EFAULT for the call, never a signal for the process.
    const text = new Uint8Array(nbytes);
    const error = copyin(p, buf, text, nbytes);
    if (error !== 0) return syscall_fail(error, 'write', [fd, buf, nbytes]);
    p.p_table.write(p, fd === 2 ? 2 : 1, utf8_decode(text));
    return nbytes;
  }
  if (fp === null) {
    syscall_enter(p);
    return syscall_fail(EBADF, 'write', [fd, buf, nbytes]);
  }
  return send(p, fd, buf, nbytes, 0, 'write');
}

/** read(2) on a socket. */
export async function read(p: Proc, fd: number, buf: number, nbytes: number): Promise<number> {
  if (fget(p, fd) === null) {
    syscall_enter(p);
    return syscall_fail(EBADF, 'read', [fd, buf, nbytes]);
  }
  return recv(p, fd, buf, nbytes, 0, 'read');
}

/** shutdown(2): SHUT_RD, SHUT_WR or SHUT_RDWR. ENOTCONN if not connected. */
export function shutdown(p: Proc, s: number, how: number): void {
  syscall_enter(p);
  const so = getsock(p, s, 'shutdown', [s, how]);
  if ((so.so_state & SS_ISCONNECTED) === 0) syscall_fail(ENOTCONN, 'shutdown', [s, how]);
  const error = soshutdown(so, how);
  if (error !== 0) syscall_fail(error, 'shutdown', [s, how]);
}

/** close(2). EBADF. */
export function close(p: Proc, fd: number): void {
  syscall_enter(p);
  if (!fdclose(p, fd)) syscall_fail(EBADF, 'close', [fd]);
}

/** setsockopt(2): an int value, or a struct linger for SO_LINGER. */
export function setsockopt(p: Proc, s: number, level: number, name: number, value: number | linger): void {
  syscall_enter(p);
  const args = [s, level, name, typeof value === 'number' ? value : `{${value.l_onoff}, ${value.l_linger}}`];
  const so = getsock(p, s, 'setsockopt', args);
  let v: number;
  if (level === SOL_SOCKET && name === SO_LINGER) {
    if (typeof value === 'number') return syscall_fail(EINVAL, 'setsockopt', args);
    v = value.l_onoff !== 0 ? value.l_linger : -1;
  } else {
    if (typeof value !== 'number') return syscall_fail(EINVAL, 'setsockopt', args);
    v = value;
  }
  const sopt: sockopt = { sopt_dir: SOPT_SET, sopt_level: level, sopt_name: name, sopt_val: v };
  const error = sosetopt(so, sopt);
  if (error !== 0) syscall_fail(error, 'setsockopt', args);
}

/** getsockopt(2): the option's value (SO_LINGER: l_linger, or -1 when off). */
export function getsockopt(p: Proc, s: number, level: number, name: number): number {
  syscall_enter(p);
  const so = getsock(p, s, 'getsockopt', [s, level, name]);
  const sopt: sockopt = { sopt_dir: SOPT_GET, sopt_level: level, sopt_name: name, sopt_val: 0 };
  const error = sogetopt(so, sopt);
  if (error !== 0) syscall_fail(error, 'getsockopt', [s, level, name]);
  return sopt.sopt_val;
}

/** getsockname(2). */
export function getsockname(p: Proc, s: number): sockaddr_in {
  syscall_enter(p);
  const so = getsock(p, s, 'getsockname', [s]);
  const nam = { value: null as sockaddr_in | null };
  const error = so.so_proto.pr_usrreqs.pru_sockaddr(so, nam);
  if (error !== 0 || nam.value === null) return syscall_fail(error || EINVAL, 'getsockname', [s]);
  return nam.value;
}

/** getpeername(2). ENOTCONN if not connected. */
export function getpeername(p: Proc, s: number): sockaddr_in {
  syscall_enter(p);
  const so = getsock(p, s, 'getpeername', [s]);
  if ((so.so_state & SS_ISCONNECTED) === 0) return syscall_fail(ENOTCONN, 'getpeername', [s]);
  const nam = { value: null as sockaddr_in | null };
  const error = so.so_proto.pr_usrreqs.pru_peeraddr(so, nam);
  if (error !== 0 || nam.value === null) return syscall_fail(error || EINVAL, 'getpeername', [s]);
  return nam.value;
}
