// TCP's timer values, in ticks (hz = 100, 10 ms), and the range macro.
// Mirrors sys/netinet/tcp_timer.h (FreeBSD 5.0); the timers' functions are
// tcp_timer.ts. TCPTV_MIN is 5.0's hz/33 (the 2002 change from 1 s, with
// TCPTV_CPU_VAR's 200 ms of slop).

import { hz } from '../kern/kern_clock.ts';
import { callout_stop } from '../kern/kern_timeout.ts';
import { tcp_state, type tcpcb } from './tcp_var.ts';

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

/** tcp_canceltimers: stops all five. */
export function tcp_canceltimers(tp: tcpcb): void {
  callout_stop(tp.tt_2msl);
  callout_stop(tp.tt_persist);
  callout_stop(tp.tt_keep);
  callout_stop(tp.tt_rexmt);
  callout_stop(tp.tt_delack);
}
