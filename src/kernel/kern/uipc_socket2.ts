// Socket buffers and socket state changes, the half of the socket layer
// that protocols call.
// Mirrors sys/kern/uipc_socket2.c (FreeBSD 5.0): sb_max and
// kern.ipc.maxsockbuf, sbreserve/soreserve, sbappendstream, sbcompress,
// sbdrop, sbflush, sbwait, sblock, sowakeup, soisconnecting,
// soisconnected, soisdisconnecting, soisdisconnected, socantsendmore,
// socantrcvmore, sonewconn.
//
// How to use (TCP): data arriving in order goes on the receive buffer with
//   sbappendstream(so.so_rcv, m); sorwakeup(so);
// acknowledged data leaves the send buffer with
//   sbdrop(so.so_snd, acked); sowwakeup(so);
// and a process waits for either with `await sbwait(p, sb)`.
//
// Accounting: sb_cc counts data bytes; sb_mbcnt counts the storage the
// mbufs hold (MSIZE per mbuf plus the external buffer's size), so a buffer
// of many small mbufs fills before sb_hiwat bytes (sb_mbmax = min(8 *
// sb_hiwat, sb_max), sb_efficiency = 8).

import { EINVAL, ENOBUFS } from '../sys/errno.ts';
import { SI_ORDER_FIRST, SI_SUB_PROTO_BEGIN, type SysInit } from '../sys/kernel.ts';
import { M_EXT, mtod, M_WRITABLE, M_TRAILINGSPACE, type mbuf } from '../sys/mbuf.ts';
import {
  SB_LOCK, SB_WAIT, SB_WANT, SS_CANTRCVMORE, SS_CANTSENDMORE, SS_COMP, SS_INCOMP, SS_ISCONFIRMING, SS_ISCONNECTED,
  SS_ISCONNECTING, SS_ISDISCONNECTED, SS_ISDISCONNECTING, SS_NOFDREF, socket, type sockbuf,
} from '../sys/socketvar.ts';
import { SO_ACCEPTCONN } from '../sys/socket.ts';
import { CTLFLAG_RW, KIPC_MAXSOCKBUF } from '../sys/sysctl.ts';
import type { Proc } from '../sys/proc.ts';
import type { Kernel } from './init_main.ts';
import type { IntCell } from './kern_sysctl.ts';
import { m_free, m_freem } from './subr_mbuf.ts';
import { tsleep, wakeup, wakeup_one } from './kern_synch.ts';

/** Default upper bound on a socket buffer: SB_MAX, 256 KB. */
export const SB_MAX = 256 * 1024;
/** sb_efficiency: how much mbuf storage a buffer may use per byte of data. */
export const SB_EFFICIENCY = 8;


/** The current kern.ipc.maxsockbuf of `kernel`, in bytes. */
export function sb_max(kernel: Kernel): number {
  return kernel.sb_max_cell?.value ?? SB_MAX;
}

function sb_init(kernel: Kernel): void {
  const cell: IntCell = { value: SB_MAX };
  const smallest_bytes = kernel.param.MSIZE + kernel.param.MCLBYTES;
  kernel.sysctls.int('kern.ipc', KIPC_MAXSOCKBUF, 'maxsockbuf', CTLFLAG_RW, cell, 'Maximum socket buffer size', (v) =>
    v < smallest_bytes ? EINVAL : 0,
  );
  kernel.sb_max_cell = cell;
}

export const sb_init_sysinit: SysInit = { name: 'sb_init', subsystem: SI_SUB_PROTO_BEGIN, order: SI_ORDER_FIRST, func: sb_init };

// The largest buffer sbreserve allows: sb_max scaled by MCLBYTES / (MSIZE + MCLBYTES),
// the share of storage that is data when every mbuf carries a cluster.
function sb_max_adj(kernel: Kernel): number {
  const p = kernel.param;
  return Math.floor((sb_max(kernel) * p.MCLBYTES) / (p.MSIZE + p.MCLBYTES));
}

/** sbreserve: sets the buffer's size to `cc` bytes. Returns false (nothing changed) if cc exceeds the limit. */
export function sbreserve(kernel: Kernel, sb: sockbuf, cc: number): boolean {
  if (cc <= 0 || cc > sb_max_adj(kernel)) return false;
  sb.sb_hiwat = cc;
  sb.sb_mbmax = Math.min(cc * SB_EFFICIENCY, sb_max(kernel));
  if (sb.sb_lowat > sb.sb_hiwat) sb.sb_lowat = sb.sb_hiwat;
  return true;
}

/** soreserve: sizes both buffers and sets the low-water marks (1 byte to read, MCLBYTES of space to write). ENOBUFS if too big. */
export function soreserve(so: socket, sndcc: number, rcvcc: number): number {
  const k = so.so_kernel;
  const snd_hiwat = so.so_snd.sb_hiwat;
  const snd_mbmax = so.so_snd.sb_mbmax;
  if (!sbreserve(k, so.so_snd, sndcc)) return ENOBUFS;
  if (!sbreserve(k, so.so_rcv, rcvcc)) {
    so.so_snd.sb_hiwat = snd_hiwat;
    so.so_snd.sb_mbmax = snd_mbmax;
    return ENOBUFS;
  }
  if (so.so_rcv.sb_lowat === 0) so.so_rcv.sb_lowat = 1;
  if (so.so_snd.sb_lowat === 0) so.so_snd.sb_lowat = k.param.MCLBYTES;
  if (so.so_snd.sb_lowat > so.so_snd.sb_hiwat) so.so_snd.sb_lowat = so.so_snd.sb_hiwat;
  return 0;
}

// sballoc / sbfree: storage accounting of one mbuf entering or leaving a buffer.
function sb_storage(m: mbuf): number {
  return m.m_kernel.param.MSIZE + ((m.m_flags & M_EXT) !== 0 ? m.m_ext.ext_size : 0);
}

/** sballoc: counts mbuf `m` into `sb`. */
export function sballoc(sb: sockbuf, m: mbuf): void {
  sb.sb_cc += m.m_len;
  sb.sb_mbcnt += sb_storage(m);
}

/** sbfree: counts mbuf `m` out of `sb`. */
export function sbfree(sb: sockbuf, m: mbuf): void {
  sb.sb_cc -= m.m_len;
  sb.sb_mbcnt -= sb_storage(m);
}

/**
 * sbappendstream: appends chain `m` (data only) to a stream buffer,
 * compressing small mbufs into the last one's free space.
 */
export function sbappendstream(sb: sockbuf, m: mbuf | null): void {
  if (m === null) return;
  sbcompress(sb, m);
}

// sbcompress: appends the chain, copying an mbuf's data into the tail's
// trailing space when it is small (at most MCLBYTES / 4) and fits, as 5.0 does.
function sbcompress(sb: sockbuf, m: mbuf | null): void {
  let n = sb.sb_mbtail;
  while (m !== null) {
    if (m.m_len === 0) {
      m = m_free(m);
      continue;
    }
    if (n !== null && M_WRITABLE(n) && m.m_len <= m.m_kernel.param.MCLBYTES / 4 && m.m_len <= M_TRAILINGSPACE(n) && n.m_type === m.m_type) {
      mtod(n, n.m_len + m.m_len).set(mtod(m), n.m_len);
      n.m_len += m.m_len;
      sb.sb_cc += m.m_len;
      m = m_free(m);
      continue;
    }
    const next: mbuf | null = m.m_next;
    m.m_next = null;
    m.m_nextpkt = null;
    if (n === null) sb.sb_mb = m;
    else n.m_next = m;
    sballoc(sb, m);
    n = m;
    m = next;
  }
  sb.sb_mbtail = n;
}

/** sbdrop: drops `len` bytes from the front of the buffer, freeing whole mbufs. */
export function sbdrop(sb: sockbuf, len: number): void {
  let m = sb.sb_mb;
  while (len > 0 && m !== null) {
    if (m.m_len > len) {
      m.m_len -= len;
      m.m_data += len;
      sb.sb_cc -= len;
      break;
    }
    len -= m.m_len;
    sbfree(sb, m);
    m = m_free(m);
  }
  while (m !== null && m.m_len === 0) {
    sbfree(sb, m);
    m = m_free(m);
  }
  sb.sb_mb = m;
  if (m === null) sb.sb_mbtail = null;
}

/** sbflush: empties the buffer. */
export function sbflush(sb: sockbuf): void {
  sbdrop(sb, sb.sb_cc);
  if (sb.sb_mb !== null) {
    m_freem(sb.sb_mb);
    sb.sb_mb = null;
    sb.sb_mbtail = null;
  }
  sb.sb_cc = 0;
  sb.sb_mbcnt = 0;
}

/** sbrelease: frees the buffer's data and its reservation. */
export function sbrelease(sb: sockbuf): void {
  sbflush(sb);
  sb.sb_hiwat = 0;
  sb.sb_mbmax = 0;
}

/** sbwait: sleeps until the buffer changes (data in, space freed, state change). 0 or EWOULDBLOCK (SO_*TIMEO). */
export function sbwait(p: Proc, so: socket, sb: sockbuf): Promise<number> {
  sb.sb_flags |= SB_WAIT;
  return tsleep(p, sb, 'sbwait', sb.sb_timeo_ns);
}

/** sblock: takes the buffer's I/O lock (one reader or one writer at a time), sleeping for it. */
export async function sblock(p: Proc, sb: sockbuf): Promise<number> {
  while ((sb.sb_flags & SB_LOCK) !== 0) {
    sb.sb_flags |= SB_WANT;
    const error = await tsleep(p, sb_lockchan(sb), 'sblock');
    if (error !== 0) return error;
  }
  sb.sb_flags |= SB_LOCK;
  return 0;
}

/** sbunlock: releases the lock and wakes whoever wanted it. */
export function sbunlock(so: socket, sb: sockbuf): void {
  sb.sb_flags &= ~SB_LOCK;
  if ((sb.sb_flags & SB_WANT) !== 0) {
    sb.sb_flags &= ~SB_WANT;
    wakeup(so.so_kernel, sb_lockchan(sb));
  }
}

const lockchans = new WeakMap<sockbuf, object>();
function sb_lockchan(sb: sockbuf): object {
  let c = lockchans.get(sb);
  if (c === undefined) lockchans.set(sb, (c = {}));
  return c;
}

/** sowakeup: wakes processes waiting on `sb`. */
export function sowakeup(so: socket, sb: sockbuf): void {
  if ((sb.sb_flags & SB_WAIT) !== 0) {
    sb.sb_flags &= ~SB_WAIT;
    wakeup(so.so_kernel, sb);
  }
}
export function sorwakeup(so: socket): void {
  sowakeup(so, so.so_rcv);
}
export function sowwakeup(so: socket): void {
  sowakeup(so, so.so_snd);
}

/** The channel connect and accept sleep on (&so->so_timeo). */
export function so_timeo_chan(so: socket): object {
  let c = timeochans.get(so);
  if (c === undefined) timeochans.set(so, (c = {}));
  return c;
}
const timeochans = new WeakMap<socket, object>();

export function soisconnecting(so: socket): void {
  so.so_state &= ~(SS_ISCONNECTED | SS_ISDISCONNECTING);
  so.so_state |= SS_ISCONNECTING;
}

/** soisconnected: the connection is up; a queued one moves to its listener's completed queue. */
export function soisconnected(so: socket): void {
  so.so_state &= ~(SS_ISCONNECTING | SS_ISDISCONNECTING | SS_ISCONFIRMING);
  so.so_state |= SS_ISCONNECTED;
  const head = so.so_head;
  if (head !== null && (so.so_state & SS_INCOMP) !== 0) {
    head.so_incomp.splice(head.so_incomp.indexOf(so), 1);
    so.so_state &= ~SS_INCOMP;
    head.so_comp.push(so);
    so.so_state |= SS_COMP;
    sorwakeup(head);
    wakeup_one(head.so_kernel, so_timeo_chan(head));
  } else {
    wakeup(so.so_kernel, so_timeo_chan(so));
    sorwakeup(so);
    sowwakeup(so);
  }
}

export function soisdisconnecting(so: socket): void {
  so.so_state &= ~SS_ISCONNECTING;
  so.so_state |= SS_ISDISCONNECTING | SS_CANTRCVMORE | SS_CANTSENDMORE;
  wakeup(so.so_kernel, so_timeo_chan(so));
  sowwakeup(so);
  sorwakeup(so);
}

export function soisdisconnected(so: socket): void {
  so.so_state &= ~(SS_ISCONNECTING | SS_ISCONNECTED | SS_ISDISCONNECTING);
  so.so_state |= SS_CANTRCVMORE | SS_CANTSENDMORE | SS_ISDISCONNECTED;
  wakeup(so.so_kernel, so_timeo_chan(so));
  sbdrop(so.so_snd, so.so_snd.sb_cc);
  sowwakeup(so);
  sorwakeup(so);
}

/** socantsendmore: no more data will be sent (shutdown, or the connection is gone). */
export function socantsendmore(so: socket): void {
  so.so_state |= SS_CANTSENDMORE;
  sowwakeup(so);
}

/** socantrcvmore: the peer sent its FIN: readers see end of file once the buffer is empty. */
export function socantrcvmore(so: socket): void {
  so.so_state |= SS_CANTRCVMORE;
  sorwakeup(so);
}

/**
 * sonewconn: a new socket for a connection arriving on listener `head`,
 * queued as incomplete (it becomes acceptable at soisconnected). null when
 * the queue is over 3/2 of its limit, as 5.0 refuses then.
 */
export function sonewconn(head: socket): socket | null {
  if ((head.so_options & SO_ACCEPTCONN) === 0) return null;
  if (head.so_incomp.length + head.so_comp.length > (3 * head.so_qlimit) / 2) return null;
  const so = new socket(head.so_kernel, head.so_proto);
  so.so_type = head.so_type;
  so.so_options = head.so_options & ~SO_ACCEPTCONN;
  so.so_linger = head.so_linger;
  so.so_state = head.so_state | SS_NOFDREF;
  so.so_state &= ~(SS_ISCONNECTED | SS_ISCONNECTING | SS_ISDISCONNECTED | SS_CANTRCVMORE | SS_CANTSENDMORE);
  if (soreserve(so, head.so_snd.sb_hiwat, head.so_rcv.sb_hiwat) !== 0 || so.so_proto.pr_usrreqs.pru_attach(so, 0) !== 0) {
    sbrelease(so.so_snd);
    sbrelease(so.so_rcv);
    return null;
  }
  so_count_add(so.so_kernel, 1);
  so.so_head = head;
  head.so_incomp.push(so);
  so.so_state |= SS_INCOMP;
  return so;
}

/** @internal Counts sockets made (soalloc, sonewconn) or freed (sodealloc): kern.ipc.numopensockets. */
export function so_count_add(kernel: Kernel, n: number): void {
  let c = kernel.numopensockets;
  if (c === undefined) kernel.numopensockets = c = { value: 0 };
  c.value += n;
}
