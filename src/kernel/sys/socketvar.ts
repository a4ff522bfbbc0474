// struct socket and struct sockbuf: the kernel's side of a socket.
// Mirrors sys/sys/socketvar.h (FreeBSD 5.0).
//
// A socket is created by socreate (kern/uipc_socket.ts) and used through
// the functions of kern/uipc_socket.ts and kern/uipc_socket2.ts; protocols
// reach it through so_pcb and the sockbuf helpers (sbappendstream, sbdrop,
// sowwakeup...). Socket buffers hold mbuf chains: for a stream socket one
// chain, sb_mb, whose byte count is sb_cc.

import type { Kernel } from '../kern/init_main.ts';
import type { IntCell } from '../kern/kern_sysctl.ts';
import type { mbuf } from './mbuf.ts';
import type { protosw } from '../kern/uipc_domain.ts';

// sb_flags.
export const SB_LOCK = 0x01; // sblock held: one reader or writer at a time
export const SB_WANT = 0x02; // a process waits for SB_LOCK
export const SB_WAIT = 0x04; // a process sleeps in sbwait
export const SB_SEL = 0x08; // select/poll wants a wakeup
export const SB_ASYNC = 0x10; // send SIGIO on a change
export const SB_UPCALL = 0x20; // call so_upcall on a change
export const SB_NOINTR = 0x40; // sleeps ignore signals
export const SB_AIO = 0x80; // aio requests are waiting
export const SB_KNOTE = 0x100; // a kqueue filter is attached

/** struct sockbuf: a send or receive buffer. */
export class sockbuf {
  sb_cc = 0; // bytes of data held
  sb_hiwat = 0; // the buffer's size: most bytes of data it may hold
  sb_mbcnt = 0; // bytes of mbufs and clusters holding them
  sb_mbmax = 0; // most such bytes allowed
  sb_lowat = 0; // bytes (or room) that wake a waiter
  sb_mb: mbuf | null = null; // the mbuf chain
  sb_mbtail: mbuf | null = null; // the last mbuf in the chain (for cheap appends)
  sb_flags = 0; // SB_*
  sb_timeo_ns = 0; // timeout for read/write, 0 = none (SO_SNDTIMEO/SO_RCVTIMEO)
}

// so_state.
export const SS_NOFDREF = 0x0001; // no descriptor refers to it
export const SS_ISCONNECTED = 0x0002; // connected
export const SS_ISCONNECTING = 0x0004; // connect in progress
export const SS_ISDISCONNECTING = 0x0008; // disconnect in progress
export const SS_CANTSENDMORE = 0x0010; // sending side shut down
export const SS_CANTRCVMORE = 0x0020; // receiving side shut down (FIN or shutdown)
export const SS_RCVATMARK = 0x0040; // the next byte is the urgent mark
export const SS_NBIO = 0x0100; // O_NONBLOCK
export const SS_ASYNC = 0x0200; // O_ASYNC: SIGIO on activity
export const SS_ISCONFIRMING = 0x0400; // accept pending a protocol's confirmation
export const SS_INCOMP = 0x0800; // on so_incomp: handshake not finished
export const SS_COMP = 0x1000; // on so_comp: waiting for accept
export const SS_ISDISCONNECTED = 0x2000; // the connection has ended

/** struct socket. */
export class socket {
  readonly so_kernel: Kernel; // the kernel the socket lives in (C has one)
  so_type = 0; // SOCK_*
  so_options = 0; // SO_* flags set by setsockopt
  so_linger = 0; // SO_LINGER time, seconds
  so_state = 0; // SS_*
  so_pcb: unknown = null; // the protocol's state (struct inpcb)
  so_proto: protosw; // the protocol's switch entry
  // Connection queues of a listening socket (so_head is the listener of a queued one).
  so_head: socket | null = null; // the listener this one is queued on
  so_incomp: socket[] = []; // handshakes in progress
  so_comp: socket[] = []; // connections ready for accept
  so_qlimit = 0; // listen backlog
  so_timeo = 0; // unused
  so_error = 0; // pending error, returned by the next call
  readonly so_rcv = new sockbuf(); // data waiting to be read
  readonly so_snd = new sockbuf(); // data waiting to be sent or acknowledged
  so_oobmark = 0; // bytes before the urgent mark

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
export const PR_ATOMIC = 0x01; // records go out whole
export const PR_ADDR = 0x02; // each message carries an address
export const PR_CONNREQUIRED = 0x04; // must connect before sending
export const PR_WANTRCVD = 0x08; // tell the protocol when data is read
export const PR_RIGHTS = 0x10; // can pass descriptors

// The zero copy switches (socketvar.h's so_zero_copy_send/receive externs):
// set up by uipc_socket.ts's so_zero_copy_init, read on every call by sosend,
// sosend_cow and uiomoveco, so a sysctl write takes effect at once.
export interface ZeroCopyControls {
  readonly so_zero_copy_receive: IntCell; // kern.ipc.zero_copy.receive
  readonly so_zero_copy_send: IntCell; // kern.ipc.zero_copy.send
}

/** True if `kernel` has ZERO_COPY_SOCKETS and kern.ipc.zero_copy.send is non-zero. */
export function so_zero_copy_send(kernel: Kernel): boolean {
  return (kernel.zero_copy?.so_zero_copy_send.value ?? 0) !== 0;
}

/** True if `kernel` has ZERO_COPY_SOCKETS and kern.ipc.zero_copy.receive is non-zero. */
export function so_zero_copy_receive(kernel: Kernel): boolean {
  return (kernel.zero_copy?.so_zero_copy_receive.value ?? 0) !== 0;
}
