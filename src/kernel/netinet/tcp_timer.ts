// TCP's timers: retransmit, persist, connection-establishment, 2MSL, delayed ACK.
// Mirrors sys/netinet/tcp_timer.h and tcp_timer.c (FreeBSD 5.0).
//
// Each tcpcb has five callouts (tcp_var.ts); tcp_output and tcp_input arm
// and stop them with callout_reset/callout_stop, and these functions run
// when they fire. Values are in ticks (hz = 100, 10 ms). TCPTV_MIN is 5.0's
// hz/33 (the 2002 change from 1 s, with TCPTV_CPU_VAR's 200 ms of slop).
// Keepalives are not sent: the keep timer only bounds connection
// establishment (tcp_keepinit, 75 s), so an idle connection leaves no
// event behind and a run can end.

import { hz } from '../kern/kern_clock.ts';
import { callout_reset, callout_stop } from '../kern/kern_timeout.ts';
import { ETIMEDOUT } from '../sys/errno.ts';
import { tcp_close, tcp_drop } from './tcp_subr.ts';
import { tcp_output } from './tcp_output.ts';
import { TCPS_ESTABLISHED, TCPS_SYN_SENT, TCPS_TIME_WAIT } from './tcp_fsm.ts';
import { TCP_REXMTVAL, TCP_RTT_SHIFT, TF_ACKNOW, tcp_state, type tcpcb } from './tcp_var.ts';

export const TCPTV_MSL = 30 * hz; // maximum segment lifetime
export const TCPTV_SRTTBASE = 0; // initial smoothed RTT: 0, nothing measured
export const TCPTV_RTOBASE = 3 * hz; // retransmit timeout before any RTT sample
export const TCPTV_SRTTDFLT = 3 * hz; // RTT taken before any sample
export const TCPTV_PERSMIN = 5 * hz; // shortest persist interval
export const TCPTV_PERSMAX = 60 * hz; // longest persist interval
export const TCPTV_KEEP_INIT = 75 * hz; // time allowed to establish a connection
export const TCPTV_KEEPINTVL = 75 * hz; // between keepalive probes
export const TCPTV_KEEPCNT = 8; // unanswered keepalive probes before a drop
export const TCPTV_MIN = Math.floor(hz / 33); // floor of the retransmit timeout
export const TCPTV_CPU_VAR = Math.floor(hz / 5); // slop added for the CPU's own delays (200 ms)
export const TCPTV_REXMTMAX = 64 * hz; // ceiling of the retransmit timeout
export const TCP_MAXRXTSHIFT = 12; // retransmissions before the connection is dropped
export const TCPTV_DELACK = Math.floor(hz / 10); // delayed ACK: 100 ms
export const tcp_backoff = [1, 2, 4, 8, 16, 32, 64, 64, 64, 64, 64, 64, 64];
export const tcp_syn_backoff = [1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 64, 64];

/** TCPT_RANGESET: value plus the slop, clamped to [tvmin, tvmax]. */
export function TCPT_RANGESET(tp: tcpcb, value: number, tvmin: number, tvmax: number): number {
  const v = value + tcp_state(tp.t_kernel).tun.tcp_rexmit_slop;
  return v < tvmin ? tvmin : v > tvmax ? tvmax : v;
}

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

/** tcp_setpersist: arms the persist timer with backoff, between 5 and 60 s. */
export function tcp_setpersist(tp: tcpcb): void {
  const t = ((tp.t_srtt >> 2) + tp.t_rttvar) >> 1;
  let tt = t * (tcp_backoff[tp.t_rxtshift] ?? 64);
  tt = tt < TCPTV_PERSMIN ? TCPTV_PERSMIN : tt > TCPTV_PERSMAX ? TCPTV_PERSMAX : tt;
  callout_reset(tp.tt_persist, tt, tcp_timer_persist, tp);
  if (tp.t_rxtshift < TCP_MAXRXTSHIFT) tp.t_rxtshift++;
}

/** tcp_canceltimers: stops all five. */
export function tcp_canceltimers(tp: tcpcb): void {
  callout_stop(tp.tt_2msl);
  callout_stop(tp.tt_persist);
  callout_stop(tp.tt_keep);
  callout_stop(tp.tt_rexmt);
  callout_stop(tp.tt_delack);
}

/** Enters TIME_WAIT for 2*MSL. */
export function tcp_timewait(tp: tcpcb): void {
  tp.t_state = TCPS_TIME_WAIT;
  tcp_canceltimers(tp);
  callout_reset(tp.tt_2msl, 2 * tcp_state(tp.t_kernel).tun.tcp_msl, tcp_timer_2msl, tp);
}
