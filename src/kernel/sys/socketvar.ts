// struct socket and struct sockbuf: the kernel's side of a socket.
// Mirrors sys/sys/socketvar.h (FreeBSD 5.0).
//
// A socket is created by socreate (kern/uipc_socket.ts) and used through
// the functions of kern/uipc_socket.ts and kern/uipc_socket2.ts; protocols
// reach it through so_pcb and the sockbuf helpers (sbappendstream, sbdrop,
// sowwakeup...). Socket buffers hold mbuf chains: for a stream socket one
// chain, sb_mb, whose byte count is sb_cc.

import type { Kernel } from '../kern/init_main.ts';
import type { mbuf } from './mbuf.ts';
import type { protosw } from '../kern/uipc_domain.ts';

// sb_flags.
export const SB_LOCK = 0x01; // lock on data queue
export const SB_WANT = 0x02; // someone is waiting to lock
export const SB_WAIT = 0x04; // someone is waiting for data/space
export const SB_SEL = 0x08; // someone is selecting
export const SB_ASYNC = 0x10; // ASYNC I/O, need signals
export const SB_UPCALL = 0x20; // someone wants an upcall
export const SB_NOINTR = 0x40; // operations not interruptible
export const SB_AIO = 0x80; // AIO operations queued
export const SB_KNOTE = 0x100; // kernel note attached

/** struct sockbuf: a send or receive buffer. */
export class sockbuf {
  sb_cc = 0; // actual chars in buffer
  sb_hiwat = 0; // max actual char count (the buffer's size)
  sb_mbcnt = 0; // chars of mbufs used
  sb_mbmax = 0; // max chars of mbufs to use
  sb_lowat = 0; // low water mark
  sb_mb: mbuf | null = null; // the mbuf chain
  sb_mbtail: mbuf | null = null; // the last mbuf in the chain (for cheap appends)
  sb_flags = 0; // SB_*
  sb_timeo_ns = 0; // timeout for read/write, 0 = none (SO_SNDTIMEO/SO_RCVTIMEO)
}

// so_state.
export const SS_NOFDREF = 0x0001; // no file table ref any more
export const SS_ISCONNECTED = 0x0002; // socket connected to a peer
export const SS_ISCONNECTING = 0x0004; // in process of connecting to peer
export const SS_ISDISCONNECTING = 0x0008; // in process of disconnecting
export const SS_CANTSENDMORE = 0x0010; // can't send more data to peer
export const SS_CANTRCVMORE = 0x0020; // can't receive more data from peer
export const SS_RCVATMARK = 0x0040; // at mark on input
export const SS_NBIO = 0x0100; // non-blocking ops
export const SS_ASYNC = 0x0200; // async i/o notify
export const SS_ISCONFIRMING = 0x0400; // deciding to accept connection req
export const SS_INCOMP = 0x0800; // unaccepted, incomplete connection
export const SS_COMP = 0x1000; // unaccepted, complete connection
export const SS_ISDISCONNECTED = 0x2000; // socket disconnected from peer

/** struct socket. */
export class socket {
  readonly so_kernel: Kernel; // the kernel the socket lives in (C has one)
  so_type = 0; // generic type, SOCK_*
  so_options = 0; // from socket call, SO_*
  so_linger = 0; // time to linger while closing, seconds
  so_state = 0; // internal state flags SS_*
  so_pcb: unknown = null; // protocol control block (struct inpcb)
  so_proto: protosw; // protocol handle
  // Connection queues of a listening socket (so_head is the listener of a queued one).
  so_head: socket | null = null; // back pointer to accept socket
  so_incomp: socket[] = []; // queue of partial unaccepted connections
  so_comp: socket[] = []; // queue of complete unaccepted connections
  so_qlimit = 0; // max number queued connections
  so_timeo = 0; // connection timeout (unused)
  so_error = 0; // error affecting connection
  readonly so_rcv = new sockbuf(); // receive buffer
  readonly so_snd = new sockbuf(); // send buffer
  so_oobmark = 0; // chars to oob mark

  constructor(kernel: Kernel, proto: protosw) {
    this.so_kernel = kernel;
    this.so_proto = proto;
  }
}

/** sbspace: how much more the buffer may take, the lesser of bytes and mbuf-bytes left. */
export function sbspace(sb: sockbuf): number {
  return Math.min(sb.sb_hiwat - sb.sb_cc, sb.sb_mbmax - sb.sb_mbcnt);
}

/** sosendallatonce: true for protocols whose records go out whole (PR_ATOMIC). */
export function sosendallatonce(so: socket): boolean {
  return (so.so_proto.pr_flags & PR_ATOMIC) !== 0;
}

/** soreadable: a read would not block. */
export function soreadable(so: socket): boolean {
  return so.so_rcv.sb_cc >= so.so_rcv.sb_lowat || (so.so_state & SS_CANTRCVMORE) !== 0 || so.so_comp.length > 0 || so.so_error !== 0;
}

/** sowriteable: a write would not block. */
export function sowriteable(so: socket): boolean {
  return (
    (sbspace(so.so_snd) >= so.so_snd.sb_lowat && ((so.so_state & SS_ISCONNECTED) !== 0 || (so.so_proto.pr_flags & PR_CONNREQUIRED) === 0)) ||
    (so.so_state & SS_CANTSENDMORE) !== 0 ||
    so.so_error !== 0
  );
}

// pr_flags (sys/protosw.h), here because the socket macros test them.
export const PR_ATOMIC = 0x01; // exchange atomic messages only
export const PR_ADDR = 0x02; // addresses given with messages
export const PR_CONNREQUIRED = 0x04; // connection required by protocol
export const PR_WANTRCVD = 0x08; // want PRU_RCVD calls
export const PR_RIGHTS = 0x10; // passes capabilities
