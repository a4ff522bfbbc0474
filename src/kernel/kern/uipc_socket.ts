// The socket layer: the half of it system calls use, and the zero copy controls.
// Mirrors sys/kern/uipc_socket.c (FreeBSD 5.0): socreate, sobind, solisten,
// soaccept, soconnect, sodisconnect, soclose, sofree, soabort, sosend,
// soreceive, soshutdown, sorflush, sosetopt, sogetopt, and the
// `#ifdef ZERO_COPY_SOCKETS` sysctl block.
//
// How to use (kern/uipc_syscalls.ts does this for processes):
//   const so = socreate(kernel, AF_INET, SOCK_STREAM, 0);       // or an errno
//   await sosend(p, so, null, uio, null, null, 0);                // 0 or errno
//   await soreceive(p, so, uio, flags);                          // 0 or errno
//   soclose(so);
// Every function returns 0 or an errno, as in C; a failed call changes
// nothing except where FreeBSD's would have (a partly done write).
//
// sosend and soreceive have FreeBSD's shape: sosend builds the mbuf chain
// from the uio an mbuf (cluster) at a time with uiomove and hands it to
// pru_send, waiting for space in so_snd when the buffer is full; soreceive
// copies out of so_rcv, an mbuf at a time, freeing what it consumed, then
// tells the protocol (pru_rcvd) so TCP can open its window. The
// ZERO_COPY_SOCKETS branches are marked: sosend lends a page instead of
// filling a cluster (sosend_cow, kern/uipc_cow.ts), soreceive moves data
// with uiomoveco, which may flip a page (kern/kern_subr.ts). Each call
// opens a record in the caller's zc_trace (kern/zc_trace.ts) and notes
// what it lent, flipped or copied, and why.
//
// With `options ZERO_COPY_SOCKETS` the kernel has kern.ipc.zero_copy.receive
// and kern.ipc.zero_copy.send (both CTLFLAG_RW, both 1 = on at boot); without
// it the nodes do not exist and reading them fails with ENOENT. sosend() and
// soreceive() ask so_zero_copy_send(kernel) / so_zero_copy_receive(kernel)
// on every call, so a write to the sysctl takes effect at once.

import { SI_ORDER_MIDDLE, SI_SUB_PROTO_BEGIN, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RD, CTLFLAG_RW, OID_AUTO } from '../sys/sysctl.ts';
import type { Kernel } from './init_main.ts';
import { so_zero_copy_receive, so_zero_copy_send, type ZeroCopyControls } from '../sys/socketvar.ts';

// The readers live in sys/socketvar.ts (socketvar.h's externs), so that uipc_cow and
// kern_subr can ask them without importing this file; re-exported for this file's users.
export { so_zero_copy_receive, so_zero_copy_send, type ZeroCopyControls };

function so_zero_copy_init(kernel: Kernel): void {
  if (!kernel.hasOption('ZERO_COPY_SOCKETS')) return;
  const c: ZeroCopyControls = { so_zero_copy_receive: { value: 1 }, so_zero_copy_send: { value: 1 } };
  const t = kernel.sysctls;
  // Registered receive first, as in uipc_socket.c, so sysctl -a lists it first.
  t.node('kern.ipc', OID_AUTO, 'zero_copy', CTLFLAG_RD, 'Zero copy controls');
  t.int('kern.ipc.zero_copy', OID_AUTO, 'receive', CTLFLAG_RW, c.so_zero_copy_receive, 'Enable zero copy receive');
  t.int('kern.ipc.zero_copy', OID_AUTO, 'send', CTLFLAG_RW, c.so_zero_copy_send, 'Enable zero copy send');
  kernel.zero_copy = c;
}

export const so_zero_copy_sysinit: SysInit = {
  name: 'so_zero_copy_init',
  subsystem: SI_SUB_PROTO_BEGIN,
  order: SI_ORDER_MIDDLE,
  func: so_zero_copy_init,
};

// ---- sockets ----

import {
  EINVAL, EISCONN, EMSGSIZE, ENOBUFS, ENOPROTOOPT, ENOTCONN, EOPNOTSUPP, EPIPE, EPROTONOSUPPORT, EPROTOTYPE, EAFNOSUPPORT,
  EWOULDBLOCK, EALREADY, ECONNABORTED, EDOM,
} from '../sys/errno.ts';
import {
  MSG_DONTWAIT, MSG_EOR, MSG_OOB, MSG_PEEK, MSG_WAITALL, SHUT_RD, SHUT_RDWR, SHUT_WR, SO_ACCEPTCONN, SO_BROADCAST, SO_DEBUG,
  SO_DONTROUTE, SO_ERROR, SO_KEEPALIVE, SO_LINGER, SO_OOBINLINE, SO_RCVBUF, SO_RCVLOWAT, SO_RCVTIMEO, SO_REUSEADDR,
  SO_REUSEPORT, SO_SNDBUF, SO_SNDLOWAT, SO_SNDTIMEO, SO_TYPE, SO_USELOOPBACK, SOCK_STREAM, SOL_SOCKET, SOMAXCONN,
} from '../sys/socket.ts';
import {
  PR_ATOMIC, PR_CONNREQUIRED, PR_WANTRCVD, SS_CANTRCVMORE, SS_CANTSENDMORE, SS_COMP, SS_INCOMP, SS_ISCONFIRMING,
  SS_ISCONNECTED, SS_ISCONNECTING, SS_ISDISCONNECTING, SS_NBIO, SS_NOFDREF, sbspace, socket,
} from '../sys/socketvar.ts';
import { M_DONTWAIT, M_EXT, M_EOR, M_PKTHDR, MT_DATA, MH_ALIGN, m_storage, type mbuf } from '../sys/mbuf.ts';
import type { Proc } from '../sys/proc.ts';
import { m_clget, m_freem, m_get, m_gethdr, m_free } from './subr_mbuf.ts';
import { soreceive_zc_source, uiomove, uiomoveco, UIO_USERSPACE, type uio } from './kern_subr.ts';
import { PRUS_MORETOCOME, pffinddomain, pffindproto, SOPT_GET, SOPT_SET, type sockopt } from './uipc_domain.ts';
import {
  sbflush, sblock, sbrelease, sbreserve, sbunlock, sbwait, sbfree, so_count_add, socantrcvmore, socantsendmore, so_timeo_chan, sorwakeup,
  sowwakeup,
} from './uipc_socket2.ts';
import { tsleep } from './kern_synch.ts';
import { SOCOW_SF_BUF_WAIT, sf_buf_wait, sosend_cow } from './uipc_cow.ts';
import { zc_call_begin, zc_note, type ZcEntry, type ZcReason } from './zc_trace.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import type { sockaddr_in } from '../netinet/in.ts';

/** kern.ipc.numopensockets: sockets that exist on `kernel` (open, or closing but not yet freed). */
export function so_count(kernel: Kernel): number {
  return kernel.numopensockets?.value ?? 0;
}

/** socreate: a new socket of (dom, type, proto). Returns it, or EAFNOSUPPORT / EPROTONOSUPPORT / EPROTOTYPE. */
export function socreate(kernel: Kernel, dom: number, type: number, proto: number): socket | number {
  const prp = pffindproto(kernel, dom, proto, type);
  if (prp === null) {
    if (!pffinddomain(kernel, dom)) return EAFNOSUPPORT;
    return proto === 0 ? EPROTONOSUPPORT : EPROTOTYPE;
  }
  const so = new socket(kernel, prp);
  so.so_type = type;
  const error = prp.pr_usrreqs.pru_attach(so, proto);
  if (error !== 0) {
    sbrelease(so.so_snd);
    sbrelease(so.so_rcv);
    return error;
  }
  so_count_add(kernel, 1);
  return so;
}

/** sobind. */
export function sobind(so: socket, nam: sockaddr_in): number {
  return so.so_proto.pr_usrreqs.pru_bind(so, nam);
}

/** solisten: marks the socket as accepting connections, with a queue of `backlog` (clamped to SOMAXCONN). */
export function solisten(so: socket, backlog: number): number {
  if ((so.so_state & (SS_ISCONNECTED | SS_ISCONNECTING | SS_ISDISCONNECTING)) !== 0) return EINVAL;
  const error = so.so_proto.pr_usrreqs.pru_listen(so);
  if (error !== 0) return error;
  if (so.so_comp.length === 0) so.so_options |= SO_ACCEPTCONN;
  if (backlog < 0 || backlog > SOMAXCONN) backlog = SOMAXCONN;
  so.so_qlimit = backlog;
  return 0;
}

/** sofree: frees the socket once neither a descriptor nor the protocol holds it. */
export function sofree(so: socket): void {
  if (so.so_pcb !== null || (so.so_state & SS_NOFDREF) === 0) return;
  const head = so.so_head;
  if (head !== null) {
    if ((so.so_state & SS_INCOMP) !== 0) {
      head.so_incomp.splice(head.so_incomp.indexOf(so), 1);
    } else if ((so.so_state & SS_COMP) !== 0) {
      // Still on the completed queue: accept or the listener's close will take it.
      return;
    }
    so.so_state &= ~(SS_INCOMP | SS_COMP);
    so.so_head = null;
  }
  sbrelease(so.so_snd);
  sorflush(so);
  so_count_add(so.so_kernel, -1);
}

/** soclose: the last descriptor is gone. Aborts queued connections of a listener, disconnects, detaches. */
export function soclose(so: socket): number {
  let error = 0;
  if ((so.so_options & SO_ACCEPTCONN) !== 0) {
    for (const sp of [...so.so_incomp]) soabort(sp);
    for (const sp of [...so.so_comp]) {
      so.so_comp.splice(so.so_comp.indexOf(sp), 1);
      sp.so_state &= ~SS_COMP;
      sp.so_head = null;
      soabort(sp);
    }
  }
  if (so.so_pcb !== null) {
    if ((so.so_state & SS_ISCONNECTED) !== 0 && (so.so_state & SS_ISDISCONNECTING) === 0) error = sodisconnect(so);
    // SO_LINGER with a time would sleep here ("soclos") until the FIN is acknowledged;
    // the simulation's close returns at once (see README of uipc_syscalls).
    if (so.so_pcb !== null) {
      const error2 = so.so_proto.pr_usrreqs.pru_detach(so);
      if (error === 0) error = error2;
    }
  }
  so.so_state |= SS_NOFDREF;
  sofree(so);
  return error;
}

/** soabort: drops a connection that was never accepted. */
export function soabort(so: socket): number {
  const error = so.so_proto.pr_usrreqs.pru_abort(so);
  if (error !== 0) sofree(so);
  return error;
}

/** soaccept: takes a completed connection; returns its peer's address via `nam`. */
export function soaccept(so: socket, nam: { value: sockaddr_in | null }): number {
  so.so_state &= ~SS_NOFDREF;
  return so.so_proto.pr_usrreqs.pru_accept(so, nam);
}

/** soconnect: starts connecting. EOPNOTSUPP on a listener, EISCONN if connected. */
export function soconnect(so: socket, nam: sockaddr_in): number {
  if ((so.so_options & SO_ACCEPTCONN) !== 0) return EOPNOTSUPP;
  if ((so.so_state & (SS_ISCONNECTED | SS_ISCONNECTING)) !== 0) return (so.so_state & SS_ISCONNECTING) !== 0 ? EALREADY : EISCONN;
  return so.so_proto.pr_usrreqs.pru_connect(so, nam);
}

/** sodisconnect. ENOTCONN if not connected, EALREADY if already disconnecting. */
export function sodisconnect(so: socket): number {
  if ((so.so_state & SS_ISCONNECTED) === 0) return ENOTCONN;
  if ((so.so_state & SS_ISDISCONNECTING) !== 0) return EALREADY;
  return so.so_proto.pr_usrreqs.pru_disconnect(so);
}

/** soshutdown: SHUT_RD flushes and refuses further input; SHUT_WR sends FIN. */
export function soshutdown(so: socket, how: number): number {
  if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) return EINVAL;
  if (how !== SHUT_WR) sorflush(so);
  if (how !== SHUT_RD) return so.so_proto.pr_usrreqs.pru_shutdown(so);
  return 0;
}

/** sorflush: discards the receive buffer and refuses further data. */
export function sorflush(so: socket): void {
  socantrcvmore(so);
  sbflush(so.so_rcv);
}

/** Waits for a connection on listener `so` ("accept"). Returns the connection or an errno. */
export async function soaccept_wait(p: Proc, so: socket): Promise<socket | number> {
  if ((so.so_options & SO_ACCEPTCONN) === 0) return EINVAL;
  while (so.so_comp.length === 0 && so.so_error === 0) {
    if ((so.so_state & SS_CANTRCVMORE) !== 0) return ECONNABORTED;
    if ((so.so_state & SS_NBIO) !== 0) return EWOULDBLOCK;
    const error = await tsleep(p, so_timeo_chan(so), 'accept');
    if (error !== 0) return error;
  }
  if (so.so_error !== 0) {
    const error = so.so_error;
    so.so_error = 0;
    return error;
  }
  const so2 = so.so_comp.shift() as socket;
  so2.so_state &= ~SS_COMP;
  so2.so_head = null;
  return so2;
}

/** Waits for a connect to finish ("connec"). Returns so_error (0 when connected). */
export async function soconnect_wait(p: Proc, so: socket): Promise<number> {
  while ((so.so_state & SS_ISCONNECTING) !== 0 && so.so_error === 0) {
    const error = await tsleep(p, so_timeo_chan(so), 'connec');
    if (error !== 0) return error;
  }
  const error = so.so_error;
  so.so_error = 0;
  return error;
}

/**
 * sosend: sends the data `uio` describes (or `top`, an mbuf chain) on `so`.
 * Blocks while the send buffer has too little space. Returns 0 or an errno:
 * EPIPE (cannot send more), ENOTCONN, EMSGSIZE, EWOULDBLOCK (non-blocking),
 * ENOBUFS (out of mbufs), EFAULT (bad user buffer; what was copied before
 * it is sent, as in FreeBSD).
 */
export async function sosend(p: Proc, so: socket, addr: sockaddr_in | null, uio: uio | null, top: mbuf | null, control: mbuf | null, flags: number): Promise<number> {
  const kernel = so.so_kernel;
  const param = kernel.param;
  const atomic = (so.so_proto.pr_flags & PR_ATOMIC) !== 0 || top !== null;
  let resid = uio !== null ? uio.uio_resid : (top?.m_pkthdr.len ?? 0);
  if (resid < 0 || (so.so_type === SOCK_STREAM && (flags & MSG_EOR) !== 0)) {
    m_freem(top);
    m_freem(control);
    return EINVAL;
  }
  let error = 0;
  // zcsim: the record of this call's zero copy decisions (kern/zc_trace.ts).
  const first_iov = uio?.uio_iov[0];
  const zc = uio === null ? null : zc_call_begin(p, 'send', typeof first_iov?.iov_base === 'number' ? first_iov.iov_base : 0, resid);
  // `break release` is C's `goto release` (unlock, then out); `continue restart` its `goto restart`.
  restart: for (;;) {
    error = await sblock(p, so.so_snd);
    if (error !== 0) break;
    release: do {
      if ((so.so_state & SS_CANTSENDMORE) !== 0) {
        error = EPIPE;
        break release;
      }
      if (so.so_error !== 0) {
        error = so.so_error;
        so.so_error = 0;
        break release;
      }
      if ((so.so_state & SS_ISCONNECTED) === 0) {
        if ((so.so_proto.pr_flags & PR_CONNREQUIRED) !== 0) {
          if ((so.so_state & SS_ISCONFIRMING) === 0 || resid === 0) {
            error = ENOTCONN;
            break release;
          }
        } else if (addr === null) {
          error = ENOTCONN;
          break release;
        }
      }
      let space = sbspace(so.so_snd);
      if (flags & MSG_OOB) space += 1024;
      if (atomic && resid > so.so_snd.sb_hiwat) {
        error = EMSGSIZE;
        break release;
      }
      if (space < resid && (atomic || space < so.so_snd.sb_lowat)) {
        if ((so.so_state & SS_NBIO) !== 0 || (flags & MSG_DONTWAIT) !== 0) {
          error = EWOULDBLOCK;
          break release;
        }
        sbunlock(so, so.so_snd);
        error = await sbwait(p, so, so.so_snd);
        if (error !== 0) break restart;
        continue restart;
      }
      let mp_tail: mbuf | null = null; // the last mbuf of the chain being built (C's mp)
      do {
        if (uio === null) {
          // Data is already an mbuf chain (top); nothing to copy.
          resid = 0;
          if ((flags & MSG_EOR) !== 0 && top !== null) top.m_flags |= M_EOR;
        } else {
          const zce = zc as ZcEntry; // made above whenever there is a uio
          do {
            const m = top === null ? m_gethdr(kernel, M_DONTWAIT, MT_DATA) : m_get(kernel, M_DONTWAIT, MT_DATA);
            if (m === null) {
              error = ENOBUFS;
              break release;
            }
            let mlen = top === null ? m.m_dat.length - m.m_data : m.m_dat.length;
            if (top === null) {
              m.m_pkthdr.len = 0;
              m.m_pkthdr.rcvif = null;
            }
            let len: number;
            // ZERO_COPY_SOCKETS: lend the user's page instead of copying it
            // when the checks of sosend_cow pass (kern/uipc_cow.ts); `why`
            // says why not, for the record.
            let why: ZcReason | null = { code: 'short', bytes: resid };
            if (resid >= param.MINCLSIZE) {
              let r = sosend_cow(p, so, m, uio, resid, space, zce);
              while (r === SOCOW_SF_BUF_WAIT) {
                // Every sf_buf is lent: sleep until one comes back, as 5.0's sf_buf_alloc does.
                error = await sf_buf_wait(p, kernel);
                if (error !== 0) {
                  m_free(m);
                  break release;
                }
                r = sosend_cow(p, so, m, uio, resid, space, zce);
              }
              why = r;
            }
            if (why === null) {
              len = PAGE_SIZE;
              zc_note(p, zce, 'loan', len, null);
            } else {
              if (resid >= param.MINCLSIZE) {
                m_clget(m, M_DONTWAIT);
                if ((m.m_flags & M_EXT) === 0) {
                  len = Math.min(mlen, resid, space);
                  if (atomic && top === null && len < mlen) MH_ALIGN(m, len);
                } else {
                  mlen = param.MCLBYTES;
                  len = Math.min(mlen, resid, space);
                }
              } else {
                len = Math.min(mlen, resid, space);
                if (atomic && top === null && len < mlen) MH_ALIGN(m, len);
              }
              error = uiomove(kernel, m_storage(m).subarray(m.m_data, m.m_data + len), len, uio);
              if (error === 0) zc_note(p, zce, 'copy', len, why);
            }
            space -= len;
            resid = uio.uio_resid;
            m.m_len = len;
            if (top === null) top = m;
            else (mp_tail as mbuf).m_next = m;
            mp_tail = m;
            top.m_pkthdr.len += len;
            if (error !== 0) break release;
            if (resid <= 0) {
              if ((flags & MSG_EOR) !== 0) top.m_flags |= M_EOR;
              break;
            }
          } while (space > 0 && atomic);
        }
        const sendflags = resid > 0 && space > 0 ? PRUS_MORETOCOME : 0;
        error = so.so_proto.pr_usrreqs.pru_send(so, sendflags, top, addr, control);
        control = null;
        top = null;
        mp_tail = null;
        if (error !== 0) break release;
      } while (resid > 0 && space > 0);
    } while (resid > 0);
    sbunlock(so, so.so_snd);
    break;
  }
  m_freem(top);
  m_freem(control);
  return error;
}

/**
 * soreceive: copies received data into `uio`, blocking until there is some
 * (or, with MSG_WAITALL, all that was asked for). Returns 0 or an errno:
 * ENOTCONN, EWOULDBLOCK, the connection's error (ECONNRESET...), EFAULT.
 * At end of file it returns 0 with nothing moved.
 */
export async function soreceive(p: Proc, so: socket, uio: uio, flags: number): Promise<number> {
  const kernel = so.so_kernel;
  const pr = so.so_proto;
  if ((flags & MSG_OOB) !== 0) return EOPNOTSUPP;
  const orig_resid = uio.uio_resid;
  // zcsim: the record of this call's zero copy decisions (kern/zc_trace.ts).
  const first_iov = uio.uio_iov[0];
  const zc = zc_call_begin(p, 'receive', typeof first_iov?.iov_base === 'number' ? first_iov.iov_base : 0, uio.uio_resid);
  for (;;) {
    let error = await sblock(p, so.so_rcv);
    if (error !== 0) return error;
    let m = so.so_rcv.sb_mb;
    const must_wait =
      m === null ||
      ((flags & MSG_DONTWAIT) === 0 &&
        so.so_rcv.sb_cc < uio.uio_resid &&
        (so.so_rcv.sb_cc < so.so_rcv.sb_lowat || ((flags & MSG_WAITALL) !== 0 && uio.uio_resid <= so.so_rcv.sb_hiwat)) &&
        (pr.pr_flags & PR_ATOMIC) === 0);
    if (must_wait) {
      let done = false;
      if (so.so_error !== 0) {
        if (m === null) {
          error = so.so_error;
          if ((flags & MSG_PEEK) === 0) so.so_error = 0;
          done = true;
        }
      } else if ((so.so_state & SS_CANTRCVMORE) !== 0) {
        if (m === null) done = true;
      } else if ((so.so_state & (SS_ISCONNECTED | SS_ISCONNECTING)) === 0 && (pr.pr_flags & PR_CONNREQUIRED) !== 0) {
        error = ENOTCONN;
        done = true;
      } else if (uio.uio_resid === 0) {
        done = true;
      } else if ((so.so_state & SS_NBIO) !== 0 || (flags & MSG_DONTWAIT) !== 0) {
        error = EWOULDBLOCK;
        done = true;
      } else {
        sbunlock(so, so.so_rcv);
        error = await sbwait(p, so, so.so_rcv);
        if (error !== 0) return error;
        continue;
      }
      if (done || m === null) {
        sbunlock(so, so.so_rcv);
        return error;
      }
    }
    // dontblock:
    let moff = 0;
    while (m !== null && uio.uio_resid > 0 && error === 0) {
      let len = Math.min(uio.uio_resid, m.m_len - moff);
      // ZERO_COPY_SOCKETS: uiomoveco flips a whole page-aligned page of
      // EXT_DISPOSABLE payload into the reader's map when
      // kern.ipc.zero_copy.receive is on and the reader's buffer allows it;
      // otherwise it copies, noting why (kern/kern_subr.ts).
      const at = m.m_data + moff;
      const cp = m_storage(m).subarray(at, at + len);
      if (uio.uio_segflg === UIO_USERSPACE) {
        error = uiomoveco(kernel, p, cp, len, uio, soreceive_zc_source(kernel, m, moff, (flags & MSG_PEEK) !== 0), zc);
      } else {
        error = uiomove(kernel, cp, len, uio);
      }
      if (error !== 0) break;
      if (len === m.m_len - moff) {
        if ((flags & MSG_PEEK) !== 0) {
          m = m.m_next;
          moff = 0;
        } else {
          sbfree(so.so_rcv, m);
          so.so_rcv.sb_mb = m_free(m);
          m = so.so_rcv.sb_mb;
          if (m === null) so.so_rcv.sb_mbtail = null;
        }
      } else if ((flags & MSG_PEEK) !== 0) {
        moff += len;
      } else {
        m.m_data += len;
        m.m_len -= len;
        so.so_rcv.sb_cc -= len;
      }
      // MSG_WAITALL: do not return before the request is filled, an error or EOF.
      while ((flags & MSG_WAITALL) !== 0 && m === null && uio.uio_resid > 0 && (pr.pr_flags & PR_ATOMIC) === 0) {
        if (so.so_error !== 0 || (so.so_state & SS_CANTRCVMORE) !== 0) break;
        if ((pr.pr_flags & PR_WANTRCVD) !== 0 && so.so_pcb !== null) pr.pr_usrreqs.pru_rcvd(so, flags);
        const e = await sbwait(p, so, so.so_rcv);
        if (e !== 0) {
          sbunlock(so, so.so_rcv);
          return 0;
        }
        m = so.so_rcv.sb_mb;
      }
    }
    if ((flags & MSG_PEEK) === 0 && (pr.pr_flags & PR_WANTRCVD) !== 0 && so.so_pcb !== null) pr.pr_usrreqs.pru_rcvd(so, flags);
    if (error === 0 && orig_resid === uio.uio_resid && orig_resid !== 0 && (so.so_state & SS_CANTRCVMORE) === 0) {
      sbunlock(so, so.so_rcv);
      continue;
    }
    sbunlock(so, so.so_rcv);
    return error;
  }
}

/** sosetopt: SOL_SOCKET options here, others to the protocol. */
export function sosetopt(so: socket, sopt: sockopt): number {
  if (sopt.sopt_level !== SOL_SOCKET) return so.so_proto.pr_ctloutput(so, sopt);
  const v = sopt.sopt_val;
  switch (sopt.sopt_name) {
    case SO_LINGER:
      if (v < 0) so.so_options &= ~SO_LINGER;
      else {
        so.so_options |= SO_LINGER;
        so.so_linger = v;
      }
      return 0;
    case SO_DEBUG: case SO_KEEPALIVE: case SO_DONTROUTE: case SO_USELOOPBACK: case SO_BROADCAST:
    case SO_REUSEADDR: case SO_REUSEPORT: case SO_OOBINLINE:
      if (v !== 0) so.so_options |= sopt.sopt_name;
      else so.so_options &= ~sopt.sopt_name;
      return 0;
    case SO_SNDBUF: case SO_RCVBUF: case SO_SNDLOWAT: case SO_RCVLOWAT: {
      if (v < 1) return EINVAL;
      const sb = sopt.sopt_name === SO_SNDBUF || sopt.sopt_name === SO_SNDLOWAT ? so.so_snd : so.so_rcv;
      if (sopt.sopt_name === SO_SNDBUF || sopt.sopt_name === SO_RCVBUF) {
        return sbreserve(so.so_kernel, sb, v) ? 0 : ENOBUFS;
      }
      sb.sb_lowat = Math.min(v, sb.sb_hiwat);
      return 0;
    }
    case SO_SNDTIMEO: case SO_RCVTIMEO: {
      if (v < 0) return EDOM;
      (sopt.sopt_name === SO_SNDTIMEO ? so.so_snd : so.so_rcv).sb_timeo_ns = v;
      return 0;
    }
    default:
      return ENOPROTOOPT;
  }
}

/** sogetopt: the value of an option (SO_ERROR clears the pending error). */
export function sogetopt(so: socket, sopt: sockopt): number {
  if (sopt.sopt_level !== SOL_SOCKET) return so.so_proto.pr_ctloutput(so, sopt);
  switch (sopt.sopt_name) {
    case SO_LINGER:
      sopt.sopt_val = (so.so_options & SO_LINGER) !== 0 ? so.so_linger : -1;
      return 0;
    case SO_DEBUG: case SO_KEEPALIVE: case SO_DONTROUTE: case SO_USELOOPBACK: case SO_BROADCAST:
    case SO_REUSEADDR: case SO_REUSEPORT: case SO_OOBINLINE: case SO_ACCEPTCONN:
      sopt.sopt_val = so.so_options & sopt.sopt_name;
      return 0;
    case SO_TYPE:
      sopt.sopt_val = so.so_type;
      return 0;
    case SO_ERROR:
      sopt.sopt_val = so.so_error;
      so.so_error = 0;
      return 0;
    case SO_SNDBUF:
      sopt.sopt_val = so.so_snd.sb_hiwat;
      return 0;
    case SO_RCVBUF:
      sopt.sopt_val = so.so_rcv.sb_hiwat;
      return 0;
    case SO_SNDLOWAT:
      sopt.sopt_val = so.so_snd.sb_lowat;
      return 0;
    case SO_RCVLOWAT:
      sopt.sopt_val = so.so_rcv.sb_lowat;
      return 0;
    case SO_SNDTIMEO:
      sopt.sopt_val = so.so_snd.sb_timeo_ns;
      return 0;
    case SO_RCVTIMEO:
      sopt.sopt_val = so.so_rcv.sb_timeo_ns;
      return 0;
    default:
      return ENOPROTOOPT;
  }
}

