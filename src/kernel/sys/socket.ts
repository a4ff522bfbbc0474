// Socket types, address families, options and flags.
// Mirrors sys/sys/socket.h (FreeBSD 5.0).
//
// How to use (a process, see kern/uipc_syscalls.ts):
//   const s = socket(p, AF_INET, SOCK_STREAM, 0);
//   setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 65536);
//   await send(p, s, buf, len, 0);
// Only what the simulated kernel implements is here: AF_INET stream
// sockets (TCP); SOCK_DGRAM is recognised but has no protocol behind it.

export const SOCK_STREAM = 1; // stream socket
export const SOCK_DGRAM = 2; // datagram socket
export const SOCK_RAW = 3; // raw-protocol interface

// Option flags per socket (so_options).
export const SO_DEBUG = 0x0001; // turn on debugging info recording
export const SO_ACCEPTCONN = 0x0002; // socket has had listen()
export const SO_REUSEADDR = 0x0004; // allow local address reuse
export const SO_KEEPALIVE = 0x0008; // keep connections alive
export const SO_DONTROUTE = 0x0010; // just use interface addresses
export const SO_BROADCAST = 0x0020; // permit sending of broadcast msgs
export const SO_USELOOPBACK = 0x0040; // bypass hardware when possible
export const SO_LINGER = 0x0080; // linger on close if data present
export const SO_OOBINLINE = 0x0100; // leave received OOB data in line
export const SO_REUSEPORT = 0x0200; // allow local address & port reuse

// Additional options, not kept in so_options.
export const SO_SNDBUF = 0x1001; // send buffer size
export const SO_RCVBUF = 0x1002; // receive buffer size
export const SO_SNDLOWAT = 0x1003; // send low-water mark
export const SO_RCVLOWAT = 0x1004; // receive low-water mark
export const SO_SNDTIMEO = 0x1005; // send timeout
export const SO_RCVTIMEO = 0x1006; // receive timeout
export const SO_ERROR = 0x1007; // get error status and clear
export const SO_TYPE = 0x1008; // get socket type

/** Level number for (get/set)sockopt() to apply to the socket itself. */
export const SOL_SOCKET = 0xffff;

// Address families.
export const AF_UNSPEC = 0; // unspecified
export const AF_LOCAL = 1; // local to host (pipes, portals)
export const AF_INET = 2; // internetwork: UDP, TCP, etc.
export const PF_INET = AF_INET;

/** Maximum queue length specifiable by listen (SOMAXCONN; kern.ipc.somaxconn). */
export const SOMAXCONN = 128;

// send/recv flags.
export const MSG_OOB = 0x1; // process out-of-band data
export const MSG_PEEK = 0x2; // peek at incoming message
export const MSG_DONTROUTE = 0x4; // send without using routing tables
export const MSG_EOR = 0x8; // data completes record
export const MSG_TRUNC = 0x10; // data discarded before delivery
export const MSG_CTRUNC = 0x20; // control data lost before delivery
export const MSG_WAITALL = 0x40; // wait for full request or error
export const MSG_DONTWAIT = 0x80; // this message should be nonblocking
export const MSG_EOF = 0x100; // data completes connection

// shutdown(2) `how`.
export const SHUT_RD = 0; // shut down the reading side
export const SHUT_WR = 1; // shut down the writing side
export const SHUT_RDWR = 2; // shut down both sides

/** struct linger: SO_LINGER's value. */
export interface linger {
  l_onoff: number; // option on/off
  l_linger: number; // linger time, seconds
}
