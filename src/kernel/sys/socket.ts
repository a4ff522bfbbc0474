// Socket types, address families, options and flags.
// Mirrors sys/sys/socket.h (FreeBSD 5.0).
//
// How to use (a process, see kern/uipc_syscalls.ts):
//   const s = socket(p, AF_INET, SOCK_STREAM, 0);
//   setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 65536);
//   await send(p, s, buf, len, 0);
// Only what the simulated kernel implements is here: AF_INET stream
// sockets (TCP); SOCK_DGRAM is recognised but has no protocol behind it.

export const SOCK_STREAM = 1; // reliable byte stream (TCP)
export const SOCK_DGRAM = 2; // datagrams (UDP)
export const SOCK_RAW = 3; // direct access to a protocol

// Option flags per socket (so_options).
export const SO_DEBUG = 0x0001; // record debugging information
export const SO_ACCEPTCONN = 0x0002; // listen() was called
export const SO_REUSEADDR = 0x0004; // bind may reuse a local address
export const SO_KEEPALIVE = 0x0008; // probe idle connections
export const SO_DONTROUTE = 0x0010; // bypass routing: directly attached networks only
export const SO_BROADCAST = 0x0020; // may send to broadcast addresses
export const SO_USELOOPBACK = 0x0040; // loop own packets back in software
export const SO_LINGER = 0x0080; // close waits for unsent data (SO_LINGER)
export const SO_OOBINLINE = 0x0100; // urgent data stays in the normal stream
export const SO_REUSEPORT = 0x0200; // bind may reuse an address and port in use

// Additional options, not kept in so_options.
export const SO_SNDBUF = 0x1001; // size of so_snd, bytes
export const SO_RCVBUF = 0x1002; // size of so_rcv, bytes
export const SO_SNDLOWAT = 0x1003; // space so_snd needs before a writer wakes
export const SO_RCVLOWAT = 0x1004; // bytes so_rcv needs before a reader wakes
export const SO_SNDTIMEO = 0x1005; // how long a write may block
export const SO_RCVTIMEO = 0x1006; // how long a read may block
export const SO_ERROR = 0x1007; // read and reset so_error
export const SO_TYPE = 0x1008; // read so_type

/** Level number for (get/set)sockopt() to apply to the socket itself. */
export const SOL_SOCKET = 0xffff;

// Address families.
export const AF_UNSPEC = 0; // no family
export const AF_LOCAL = 1; // this host only (AF_UNIX)
export const AF_INET = 2; // IPv4: TCP, UDP and the rest
export const PF_INET = AF_INET;

/** Maximum queue length specifiable by listen (SOMAXCONN; kern.ipc.somaxconn). */
export const SOMAXCONN = 128;

// send/recv flags.
export const MSG_OOB = 0x1; // urgent (out-of-band) data
export const MSG_PEEK = 0x2; // read without taking the data off the socket
export const MSG_DONTROUTE = 0x4; // bypass the routing table
export const MSG_EOR = 0x8; // end of a record
export const MSG_TRUNC = 0x10; // part of the datagram did not fit
export const MSG_CTRUNC = 0x20; // part of the control data did not fit
export const MSG_WAITALL = 0x40; // block until the whole request is filled (or an error, or EOF)
export const MSG_DONTWAIT = 0x80; // do not block, for this call only
export const MSG_EOF = 0x100; // shut down the sending side after this data

// shutdown(2) `how`.
export const SHUT_RD = 0; // no more receives
export const SHUT_WR = 1; // no more sends (FIN)
export const SHUT_RDWR = 2; // neither

/** struct linger: SO_LINGER's value. */
export interface linger {
  l_onoff: number; // nonzero: linger
  l_linger: number; // linger time, seconds
}
