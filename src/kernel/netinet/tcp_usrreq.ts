// TCP's user requests: what the socket layer asks of TCP, and TCP options.
// Mirrors sys/netinet/tcp_usrreq.c (FreeBSD 5.0): tcp_usr_attach, bind,
// listen, connect, accept, disconnect, shutdown, rcvd, send, abort,
// detach; tcp_connect, tcp_disconnect, tcp_usrclosed, tcp_ctloutput.
//
// Sockets get 5.0's buffer sizes on attach: net.inet.tcp.sendspace (32768)
// and net.inet.tcp.recvspace (65536) bytes, which tcp_mss then rounds up to
// whole segments once the MSS is known.

import { callout_reset } from '../kern/kern_timeout.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { type pr_usrreqs, PRUS_EOF, PRUS_MORETOCOME, SOPT_SET, type sockopt } from '../kern/uipc_domain.ts';
import { sbappendstream, soisconnecting, soisdisconnected, soisdisconnecting, socantsendmore, soreserve, sbflush } from '../kern/uipc_socket2.ts';
import { EINVAL, ENOPROTOOPT, ECONNABORTED } from '../sys/errno.ts';
import type { mbuf } from '../sys/mbuf.ts';
import { SO_LINGER } from '../sys/socket.ts';
import { SS_ISDISCONNECTED, type socket } from '../sys/socketvar.ts';
import { in_pcballoc, in_pcbbind, in_pcbconnect, in_setpeeraddr, in_setsockaddr, sotoinpcb, type inpcb } from './in_pcb.ts';
import { IPPROTO_TCP, type sockaddr_in } from './in.ts';
import { TCP_MAXSEG, TCP_MAXWIN, TCP_MAX_WINSHIFT, TCP_NODELAY, TCP_NOOPT, TCP_NOPUSH } from './tcp.ts';
import { TCPS_CLOSE_WAIT, TCPS_CLOSED, TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, TCPS_LAST_ACK, TCPS_LISTEN, TCPS_SYN_RECEIVED, TCPS_SYN_SENT } from './tcp_fsm.ts';
import { tcbinfo, tcp_close, tcp_drop, tcp_new_isn, tcp_newtcpcb } from './tcp_subr.ts';
import { tcp_output } from './tcp_output.ts';
import { tcp_timer_2msl, tcp_timer_keep } from './tcp_timer.ts';
import { TF_MORETOCOME, TF_NEEDFIN, TF_NODELAY, TF_NOOPT, TF_NOPUSH, intotcpcb, tcp_state, type tcpcb } from './tcp_var.ts';

function tp_of(so: socket): tcpcb | null {
  const inp = sotoinpcb(so);
  return inp === null ? null : intotcpcb(inp);
}

/** tcp_attach: buffers, a pcb and a tcpcb in state CLOSED. */
function tcp_attach(so: socket): number {
  const tun = tcp_state(so.so_kernel).tun;
  if (so.so_snd.sb_hiwat === 0 || so.so_rcv.sb_hiwat === 0) {
    const error = soreserve(so, tun.tcp_sendspace, tun.tcp_recvspace);
    if (error !== 0) return error;
  }
  in_pcballoc(so, tcbinfo(so.so_kernel));
  tcp_newtcpcb(sotoinpcb(so) as inpcb);
  return 0;
}

/** tcp_connect: binds if need be, sets the foreign address and sends the SYN. */
function tcp_connect(tp: tcpcb, nam: sockaddr_in): number {
  const inp = tp.t_inpcb;
  const so = inp.inp_socket;
  const error = in_pcbconnect(inp, nam);
  if (error !== 0) return error;
  tp.request_r_scale = 0;
  while (tp.request_r_scale < TCP_MAX_WINSHIFT && TCP_MAXWIN << tp.request_r_scale < so.so_rcv.sb_hiwat) tp.request_r_scale++;
  soisconnecting(so);
  const { tcpstat, tun } = tcp_state(tp.t_kernel);
  tcpstat.tcps_connattempt++;
  tp.t_state = TCPS_SYN_SENT;
  callout_reset(tp.tt_keep, tun.tcp_keepinit, tcp_timer_keep, tp);
  tp.iss = tcp_new_isn(tp.t_kernel);
  tp.snd_una = tp.snd_nxt = tp.snd_max = tp.snd_up = tp.snd_recover = tp.iss;
  return 0;
}

/** tcp_disconnect: close before the handshake finished drops; SO_LINGER 0 resets; else FIN. */
function tcp_disconnect(tp: tcpcb): tcpcb | null {
  const so = tp.t_inpcb.inp_socket;
  if (tp.t_state < TCPS_ESTABLISHED) return tcp_close(tp);
  if ((so.so_options & SO_LINGER) !== 0 && so.so_linger === 0) return tcp_drop(tp, 0);
  soisdisconnecting(so);
  sbflush(so.so_rcv);
  const t = tcp_usrclosed(tp);
  if (t !== null) tcp_output(t);
  return t;
}

/** tcp_usrclosed: the user will send no more: move toward FIN_WAIT_1 or LAST_ACK. */
function tcp_usrclosed(tp: tcpcb): tcpcb | null {
  switch (tp.t_state) {
    case TCPS_CLOSED: case TCPS_LISTEN:
      tp.t_state = TCPS_CLOSED;
      return tcp_close(tp);
    case TCPS_SYN_SENT: case TCPS_SYN_RECEIVED:
      tp.t_flags |= TF_NEEDFIN;
      break;
    case TCPS_ESTABLISHED:
      tp.t_state = TCPS_FIN_WAIT_1;
      break;
    case TCPS_CLOSE_WAIT:
      tp.t_state = TCPS_LAST_ACK;
      break;
    default:
      break;
  }
  if (tp.t_state >= TCPS_FIN_WAIT_2) {
    soisdisconnected(tp.t_inpcb.inp_socket);
    if (tp.t_state === TCPS_FIN_WAIT_2) callout_reset(tp.tt_2msl, tcp_state(tp.t_kernel).tun.tcp_maxidle, tcp_timer_2msl, tp);
  }
  return tp;
}

/** TCP's pr_usrreqs. */
export const tcp_usrreqs: pr_usrreqs = {
  pru_attach(so) {
    if (sotoinpcb(so) !== null) return EINVAL;
    return tcp_attach(so);
  },
  pru_detach(so) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    tcp_disconnect(tp);
    return 0;
  },
  pru_bind(so, nam) {
    const inp = sotoinpcb(so);
    if (inp === null) return EINVAL;
    return in_pcbbind(inp, nam);
  },
  pru_listen(so) {
    const inp = sotoinpcb(so);
    const tp = tp_of(so);
    if (inp === null || tp === null) return EINVAL;
    if (inp.inp_lport === 0) {
      const error = in_pcbbind(inp, null);
      if (error !== 0) return error;
    }
    tp.t_state = TCPS_LISTEN;
    return 0;
  },
  pru_connect(so, nam) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    const error = tcp_connect(tp, nam);
    if (error !== 0) return error;
    return tcp_output(tp);
  },
  pru_accept(so, nam) {
    if ((so.so_state & SS_ISDISCONNECTED) !== 0) return ECONNABORTED;
    const inp = sotoinpcb(so);
    if (inp === null) return EINVAL;
    nam.value = in_setpeeraddr(inp);
    return 0;
  },
  pru_disconnect(so) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    tcp_disconnect(tp);
    return 0;
  },
  pru_shutdown(so) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    socantsendmore(so);
    const t = tcp_usrclosed(tp);
    if (t !== null) tcp_output(t);
    return 0;
  },
  pru_rcvd(so) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    tcp_output(tp);
    return 0;
  },
  pru_send(so: socket, flags: number, m: mbuf | null, _nam, control) {
    m_freem(control);
    const tp = tp_of(so);
    if (tp === null) {
      m_freem(m);
      return EINVAL;
    }
    sbappendstream(so.so_snd, m);
    let t: tcpcb | null = tp;
    if ((flags & PRUS_EOF) !== 0) {
      socantsendmore(so);
      t = tcp_usrclosed(tp);
    }
    if (t !== null) {
      if ((flags & PRUS_MORETOCOME) !== 0) t.t_flags |= TF_MORETOCOME;
      const error = tcp_output(t);
      t.t_flags &= ~TF_MORETOCOME;
      return error;
    }
    return 0;
  },
  pru_abort(so) {
    const tp = tp_of(so);
    if (tp === null) return EINVAL;
    tcp_drop(tp, ECONNABORTED);
    return 0;
  },
  pru_sockaddr(so, nam) {
    const inp = sotoinpcb(so);
    if (inp === null) return EINVAL;
    nam.value = in_setsockaddr(inp);
    return 0;
  },
  pru_peeraddr(so, nam) {
    const inp = sotoinpcb(so);
    if (inp === null) return EINVAL;
    nam.value = in_setpeeraddr(inp);
    return 0;
  },
};

/** tcp_ctloutput: TCP_NODELAY, TCP_MAXSEG, TCP_NOOPT, TCP_NOPUSH at level IPPROTO_TCP. */
export function tcp_ctloutput(so: socket, sopt: sockopt): number {
  const tp = tp_of(so);
  if (tp === null) return EINVAL;
  if (sopt.sopt_level !== IPPROTO_TCP) return ENOPROTOOPT;
  const bit = sopt.sopt_name === TCP_NODELAY ? TF_NODELAY : sopt.sopt_name === TCP_NOOPT ? TF_NOOPT : sopt.sopt_name === TCP_NOPUSH ? TF_NOPUSH : 0;
  if (sopt.sopt_dir === SOPT_SET) {
    if (bit !== 0) {
      if (sopt.sopt_val !== 0) tp.t_flags |= bit;
      else tp.t_flags &= ~bit;
      if (bit === TF_NOPUSH && sopt.sopt_val === 0) tcp_output(tp);
      return 0;
    }
    if (sopt.sopt_name === TCP_MAXSEG) {
      if (sopt.sopt_val > 0 && sopt.sopt_val <= tp.t_maxseg) {
        tp.t_maxseg = sopt.sopt_val;
        return 0;
      }
      return EINVAL;
    }
    return ENOPROTOOPT;
  }
  if (bit !== 0) sopt.sopt_val = tp.t_flags & bit;
  else if (sopt.sopt_name === TCP_MAXSEG) sopt.sopt_val = tp.t_maxseg;
  else return ENOPROTOOPT;
  return 0;
}
