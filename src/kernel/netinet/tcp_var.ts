// The TCP control block, TCP statistics and TCP's tunables.
// Mirrors sys/netinet/tcp_var.h (struct tcpcb, struct tcpstat) and the
// SYSCTLs of tcp_subr.c, tcp_input.c, tcp_output.c, tcp_usrreq.c and
// tcp_timer.c (FreeBSD 5.0).
//
// How to use:
//   const tp = intotcpcb(inp);                // a connection's state
//   tcp_state(kernel).tcpstat.tcps_sndtotal   // what netstat -s -p tcp prints
//   tcp_tun(kernel).tcp_sendspace             // net.inet.tcp.sendspace
// Times kept in ticks (hz = 100) as in 5.0: t_rxtcur, t_srtt (scaled by
// 2^TCP_RTT_SHIFT), t_rttvar (scaled by 2^TCP_RTTVAR_SHIFT), timestamps.

import type { Kernel } from '../kern/init_main.ts';
import { callout } from '../kern/kern_timeout.ts';
import type { mbuf } from '../sys/mbuf.ts';
import type { inpcb } from './in_pcb.ts';
import { TCPS_CLOSED } from './tcp_fsm.ts';
import { TCP_MSS } from './tcp.ts';

// t_flags.
export const TF_ACKNOW = 0x00001; // ack peer immediately
export const TF_DELACK = 0x00002; // ack, but try to delay it
export const TF_NODELAY = 0x00004; // don't delay packets to coalesce
export const TF_NOOPT = 0x00008; // don't use tcp options
export const TF_SENTFIN = 0x00010; // have sent FIN
export const TF_REQ_SCALE = 0x00020; // have/will request window scaling
export const TF_RCVD_SCALE = 0x00040; // other side has requested scaling
export const TF_REQ_TSTMP = 0x00080; // have/will request timestamps
export const TF_RCVD_TSTMP = 0x00100; // a timestamp was received in SYN
export const TF_SACK_PERMIT = 0x00200; // other side said I could SACK
export const TF_NEEDSYN = 0x00400; // send SYN (implicit state)
export const TF_NEEDFIN = 0x00800; // send FIN (implicit state)
export const TF_NOPUSH = 0x01000; // don't push
export const TF_MORETOCOME = 0x10000; // more data to be appended to sock
export const TF_LQ_OVERFLOW = 0x20000; // listen queue overflow
export const TF_LASTIDLE = 0x40000; // connection was previously idle
export const TF_RXWIN0SENT = 0x80000; // sent a receiver win 0 in response

// RTT estimator scaling (tcp_var.h).
export const TCP_RTT_SCALE = 32; // multiplier for srtt; 3 bits frac.
export const TCP_RTT_SHIFT = 5; // shift for srtt; 3 bits frac.
export const TCP_RTTVAR_SCALE = 16; // multiplier for rttvar; 2 bits
export const TCP_RTTVAR_SHIFT = 4; // shift for rttvar; 2 bits
export const TCP_DELTA_SHIFT = 2; // see tcp_input.c

/** A segment waiting in the reassembly queue (struct tseg_qent). */
export interface tseg_qent {
  th_seq: number; // first sequence number of its data
  len: number; // bytes of data
  flags: number; // TH_FIN if it ended the stream
  m: mbuf; // the data only, headers stripped
}

/** struct tcpcb. */
export class tcpcb {
  readonly t_kernel: Kernel; // whose TCP this is
  t_inpcb: inpcb; // back pointer to internet pcb
  t_segq: tseg_qent[] = []; // segment reassembly queue, in sequence order
  t_dupacks = 0; // consecutive dup acks recd
  readonly tt_rexmt: callout; // retransmit timer
  readonly tt_persist: callout; // retransmit persistence
  readonly tt_keep: callout; // keepalive (here: connection establishment) timer
  readonly tt_2msl: callout; // 2*msl TIME_WAIT timer
  readonly tt_delack: callout; // delayed ACK timer
  t_state = TCPS_CLOSED; // state of this connection
  t_flags = 0; // TF_*
  t_force = 0; // 1 if forcing out a byte (persist probe)
  // send sequence variables
  snd_una = 0; // send unacknowledged
  snd_max = 0; // highest sequence number sent
  snd_nxt = 0; // send next
  snd_up = 0; // send urgent pointer
  snd_wl1 = 0; // window update seg seq number
  snd_wl2 = 0; // window update seg ack number
  iss = 0; // initial send sequence number
  irs = 0; // initial receive sequence number
  // receive sequence variables
  rcv_nxt = 0; // receive next
  rcv_adv = 0; // advertised window
  rcv_wnd = 0; // receive window
  rcv_up = 0; // receive urgent pointer
  snd_wnd = 0; // send window
  // congestion control
  snd_cwnd = 0; // congestion-controlled window, bytes
  snd_ssthresh = 0; // snd_cwnd size threshold for slow start exponential to linear switch
  snd_recover = 0; // for NewReno: snd_max when loss was detected
  t_maxopd = 0; // mss plus options
  t_rcvtime = 0; // ticks when the last segment arrived
  t_starttime = 0; // ticks when the connection was established
  t_rtttime = 0; // ticks when the timed segment was sent (0: none timed)
  t_rtseq = 0; // sequence number being timed
  t_rxtcur = 0; // current retransmit value, ticks
  t_maxseg = 0; // maximum segment size, data bytes
  t_srtt = 0; // smoothed round-trip time, ticks << TCP_RTT_SHIFT
  t_rttvar = 0; // variance in round-trip time, ticks << TCP_RTTVAR_SHIFT
  t_rxtshift = 0; // log(2) of rexmt exp. backoff
  t_rttmin = 0; // minimum rtt allowed, ticks
  t_rttupdated = 0; // number of times rtt sampled
  max_sndwnd = 0; // largest window peer has offered
  t_softerror = 0; // possible error not yet reported
  // RFC 1323 variables
  snd_scale = 0; // window scaling for send window
  rcv_scale = 0; // window scaling for recv window
  request_r_scale = 0; // pending window scaling
  requested_s_scale = 0; // the peer's window scale
  ts_recent = 0; // timestamp echo data
  ts_recent_age = 0; // ticks when last updated
  last_ack_sent = 0; // rcv_nxt in the last segment sent

  constructor(kernel: Kernel, inp: inpcb) {
    this.t_kernel = kernel;
    this.t_inpcb = inp;
    this.tt_rexmt = new callout(kernel);
    this.tt_persist = new callout(kernel);
    this.tt_keep = new callout(kernel);
    this.tt_2msl = new callout(kernel);
    this.tt_delack = new callout(kernel);
  }
}

/** struct tcpstat: the counters netstat -s -p tcp prints (those the simulation can reach). */
export class tcpstat {
  tcps_connattempt = 0; // connections initiated
  tcps_accepts = 0; // connections accepted
  tcps_connects = 0; // connections established
  tcps_drops = 0; // connections dropped
  tcps_conndrops = 0; // embryonic connections dropped
  tcps_closed = 0; // conn. closed (includes drops)
  tcps_segstimed = 0; // segs where we tried to get rtt
  tcps_rttupdated = 0; // times we succeeded
  tcps_delack = 0; // delayed acks sent
  tcps_timeoutdrop = 0; // conn. dropped in rxmt timeout
  tcps_rexmttimeo = 0; // retransmit timeouts
  tcps_persisttimeo = 0; // persist timeouts
  tcps_keeptimeo = 0; // keepalive timeouts
  tcps_keepdrops = 0; // connections dropped in keepalive
  tcps_sndtotal = 0; // total packets sent
  tcps_sndpack = 0; // data packets sent
  tcps_sndbyte = 0; // data bytes sent
  tcps_sndrexmitpack = 0; // data packets retransmitted
  tcps_sndrexmitbyte = 0; // data bytes retransmitted
  tcps_sndacks = 0; // ack-only packets sent
  tcps_sndprobe = 0; // window probes sent
  tcps_sndurg = 0; // packets sent with URG only
  tcps_sndwinup = 0; // window update-only packets sent
  tcps_sndctrl = 0; // control (SYN|FIN|RST) packets sent
  tcps_rcvtotal = 0; // total packets received
  tcps_rcvpack = 0; // packets received in sequence
  tcps_rcvbyte = 0; // bytes received in sequence
  tcps_rcvbadsum = 0; // packets received with ccksum errs
  tcps_rcvbadoff = 0; // packets received with bad offset
  tcps_rcvshort = 0; // packets received too short
  tcps_rcvduppack = 0; // duplicate-only packets received
  tcps_rcvdupbyte = 0; // duplicate-only bytes received
  tcps_rcvpartduppack = 0; // packets with some duplicate data
  tcps_rcvpartdupbyte = 0; // dup. bytes in part-dup. packets
  tcps_rcvoopack = 0; // out-of-order packets received
  tcps_rcvoobyte = 0; // out-of-order bytes received
  tcps_rcvpackafterwin = 0; // packets with data after window
  tcps_rcvbyteafterwin = 0; // bytes rcvd after window
  tcps_rcvafterclose = 0; // packets rcvd after "close"
  tcps_rcvwinprobe = 0; // rcvd window probe packets
  tcps_rcvdupack = 0; // rcvd duplicate acks
  tcps_rcvacktoomuch = 0; // rcvd acks for unsent data
  tcps_rcvackpack = 0; // rcvd ack packets
  tcps_rcvackbyte = 0; // bytes acked by rcvd acks
  tcps_rcvwinupd = 0; // rcvd window update packets
  tcps_pawsdrop = 0; // segments dropped due to PAWS
  tcps_predack = 0; // times hdr predict ok for acks
  tcps_preddat = 0; // times hdr predict ok for data pkts
  tcps_listendrop = 0; // listen queue overflows
}

/** TCP's tunables (net.inet.tcp.*), with 5.0's defaults. */
export class tcp_tunables {
  tcp_mssdflt = TCP_MSS; // net.inet.tcp.mssdflt
  tcp_do_rfc1323 = 1; // net.inet.tcp.rfc1323: window scaling and timestamps
  tcp_sendspace = 32 * 1024; // net.inet.tcp.sendspace (tcp_usrreq.c: 1024*32)
  tcp_recvspace = 64 * 1024; // net.inet.tcp.recvspace (tcp_usrreq.c: 1024*64)
  tcp_delack_enabled = 1; // net.inet.tcp.delayed_ack
  tcp_do_newreno = 1; // net.inet.tcp.newreno
  ss_fltsz = 1; // net.inet.tcp.slowstart_flightsize: initial cwnd, segments
  ss_fltsz_local = 4; // net.inet.tcp.local_slowstart_flightsize: the same on a local subnet
  tcp_rexmit_min = 0; // net.inet.tcp.rexmit_min, ticks (TCPTV_MIN); set at init
  tcp_rexmit_slop = 0; // net.inet.tcp.rexmit_slop, ticks (TCPTV_CPU_VAR); set at init
  tcp_delacktime = 0; // net.inet.tcp.delacktime, ticks (TCPTV_DELACK)
  tcp_msl = 0; // net.inet.tcp.msl, ticks (TCPTV_MSL)
  tcp_keepinit = 0; // net.inet.tcp.keepinit, ticks (TCPTV_KEEP_INIT)
  tcp_maxidle = 0; // FIN_WAIT_2 timeout once the socket is gone, ticks (tcp_keepcnt * tcp_keepintvl)
  blackhole = 0; // net.inet.tcp.blackhole: 0 answers a closed port with RST
}

/** Per-kernel TCP state. */
export interface tcp_state_t {
  readonly tcpstat: tcpstat;
  readonly tun: tcp_tunables;
  isn_seed: number; // state of the deterministic ISN generator
}

const states = new WeakMap<Kernel, tcp_state_t>();

/** TCP's state on `kernel`. */
export function tcp_state(kernel: Kernel): tcp_state_t {
  let s = states.get(kernel);
  if (s === undefined) states.set(kernel, (s = { tcpstat: new tcpstat(), tun: new tcp_tunables(), isn_seed: 0 }));
  return s;
}

/** TCP's tunables on `kernel`. */
export function tcp_tun(kernel: Kernel): tcp_tunables {
  return tcp_state(kernel).tun;
}

/** intotcpcb: the TCP control block of a pcb. */
export function intotcpcb(inp: inpcb): tcpcb | null {
  return inp.inp_ppcb as tcpcb | null;
}

/** TCP_REXMTVAL: the retransmit timeout from srtt and rttvar, ticks. */
export function TCP_REXMTVAL(tp: tcpcb): number {
  return Math.max(tp.t_rttmin, ((tp.t_srtt >> (TCP_RTT_SHIFT - TCP_DELTA_SHIFT)) + tp.t_rttvar) >> TCP_DELTA_SHIFT);
}
