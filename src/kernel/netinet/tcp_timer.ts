// TCP's timers: retransmit, persist, connection-establishment, 2MSL, delayed ACK.
// Mirrors sys/netinet/tcp_timer.c (FreeBSD 5.0); the values and the range
// macro are tcp_timer.h.ts, as in tcp_timer.h.
//
// Each tcpcb has five callouts (tcp_var.ts); tcp_output and tcp_input arm
// and stop them with callout_reset/callout_stop, and these functions run
// when they fire. tcp_newtcpcb gives the retransmit and persist callouts
// their functions once (callout_setfunc), so that tcp_output can arm them
// with callout_schedule without naming this file's functions.
// Keepalives are not sent: the keep timer only bounds connection
// establishment (tcp_keepinit, 75 s), so an idle connection leaves no
// event behind and a run can end.

import { callout_reset } from '../kern/kern_timeout.ts';
import { ETIMEDOUT } from '../sys/errno.ts';
import { tcp_close, tcp_drop } from './tcp_subr.ts';
import { TCPS_ESTABLISHED, TCPS_SYN_SENT, TCPS_TIME_WAIT } from './tcp_fsm.ts';
import { tcp_output, tcp_setpersist } from './tcp_output.ts';
import { TCP_REXMTVAL, TCP_RTT_SHIFT, TF_ACKNOW, tcp_state, type tcpcb } from './tcp_var.ts';
import { TCP_MAXRXTSHIFT, TCPT_RANGESET, TCPTV_REXMTMAX, tcp_backoff, tcp_canceltimers, tcp_syn_backoff } from './tcp_timer.h.ts';

/** tcp_timer_delack: the delayed ACK is due. */
export function tcp_timer_delack(tp: tcpcb): void {
  tp.t_flags |= TF_ACKNOW;
  tcp_state(tp.t_kernel).tcpstat.tcps_delack++;
  tcp_output(tp);
}

/** tcp_timer_2msl: TIME_WAIT is over (or a FIN_WAIT_2 without a socket waited long enough). */
export function tcp_timer_2msl(tp: tcpcb): void {
  tcp_close(tp);
}

/** tcp_timer_keep: connection establishment took too long. */
export function tcp_timer_keep(tp: tcpcb): void {
  const st = tcp_state(tp.t_kernel).tcpstat;
  st.tcps_keeptimeo++;
  if (tp.t_state < TCPS_ESTABLISHED) {
    st.tcps_keepdrops++;
    tcp_drop(tp, ETIMEDOUT);
  }
}

/** tcp_timer_persist: probe a zero window with one byte. */
export function tcp_timer_persist(tp: tcpcb): void {
  tcp_state(tp.t_kernel).tcpstat.tcps_persisttimeo++;
  tcp_setpersist(tp);
  tp.t_force = 1;
  tcp_output(tp);
  tp.t_force = 0;
}

/** tcp_timer_rexmt: no ACK in time: back off, shrink the window to one segment, resend from snd_una. */
export function tcp_timer_rexmt(tp: tcpcb): void {
  const st = tcp_state(tp.t_kernel).tcpstat;
  if (++tp.t_rxtshift > TCP_MAXRXTSHIFT) {
    tp.t_rxtshift = TCP_MAXRXTSHIFT;
    st.tcps_timeoutdrop++;
    tcp_drop(tp, tp.t_softerror !== 0 ? tp.t_softerror : ETIMEDOUT);
    return;
  }
  st.tcps_rexmttimeo++;
  const backoff = tp.t_state === TCPS_SYN_SENT ? (tcp_syn_backoff[tp.t_rxtshift] ?? 64) : (tcp_backoff[tp.t_rxtshift] ?? 64);
  tp.t_rxtcur = TCPT_RANGESET(tp, TCP_REXMTVAL(tp) * backoff, tp.t_rttmin, TCPTV_REXMTMAX);
  if (tp.t_rxtshift > TCP_MAXRXTSHIFT / 4) {
    tp.t_rttvar += tp.t_srtt >> TCP_RTT_SHIFT;
    tp.t_srtt = 0;
  }
  tp.snd_nxt = tp.snd_una;
  tp.snd_recover = tp.snd_max;
  tp.t_flags |= TF_ACKNOW;
  tp.t_rtttime = 0;
  let win = Math.floor(Math.min(tp.snd_wnd, tp.snd_cwnd) / 2 / tp.t_maxseg);
  if (win < 2) win = 2;
  tp.snd_cwnd = tp.t_maxseg;
  tp.snd_ssthresh = win * tp.t_maxseg;
  tp.t_dupacks = 0;
  tcp_output(tp);
}

/** Enters TIME_WAIT for 2*MSL. */
export function tcp_timewait(tp: tcpcb): void {
  tp.t_state = TCPS_TIME_WAIT;
  tcp_canceltimers(tp);
  callout_reset(tp.tt_2msl, 2 * tcp_state(tp.t_kernel).tun.tcp_msl, tcp_timer_2msl, tp);
}
