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
export const TF_ACKNOW = 0x00001; // send an ACK on the next tcp_output
export const TF_DELACK = 0x00002; // an ACK is owed; the delayed-ACK timer may send it
export const TF_NODELAY = 0x00004; // TCP_NODELAY: no Nagle
export const TF_NOOPT = 0x00008; // TCP_NOOPT: send no options
export const TF_SENTFIN = 0x00010; // our FIN is out
export const TF_REQ_SCALE = 0x00020; // we offer window scaling
export const TF_RCVD_SCALE = 0x00040; // the peer offered window scaling
export const TF_REQ_TSTMP = 0x00080; // we offer timestamps
export const TF_RCVD_TSTMP = 0x00100; // the peer's SYN carried a timestamp
export const TF_SACK_PERMIT = 0x00200; // the peer allows SACK (never used in 5.0)
export const TF_NEEDSYN = 0x00400; // a SYN still has to go out
export const TF_NEEDFIN = 0x00800; // a FIN still has to go out
export const TF_NOPUSH = 0x01000; // TCP_NOPUSH: hold partial segments
export const TF_MORETOCOME = 0x10000; // the caller has more data coming: wait to send
export const TF_LQ_OVERFLOW = 0x20000; // the listen queue was full
export const TF_LASTIDLE = 0x40000; // idle before the last send
export const TF_RXWIN0SENT = 0x80000; // we advertised a zero window

// RTT estimator scaling (tcp_var.h).
export const TCP_RTT_SCALE = 32; // t_srtt is kept times 32
export const TCP_RTT_SHIFT = 5; // log2 of TCP_RTT_SCALE
export const TCP_RTTVAR_SCALE = 16; // t_rttvar is kept times 16
export const TCP_RTTVAR_SHIFT = 4; // log2 of TCP_RTTVAR_SCALE
export const TCP_DELTA_SHIFT = 2; // extra precision in tcp_xmit_timer

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
  t_inpcb: inpcb; // the pcb (addresses and ports)
  t_segq: tseg_qent[] = []; // segment reassembly queue, in sequence order
  t_dupacks = 0; // duplicate ACKs in a row
  readonly tt_rexmt: callout; // resends unacknowledged data
  readonly tt_persist: callout; // probes a zero window
  readonly tt_keep: callout; // keepalive (here: connection establishment) timer
  readonly tt_2msl: callout; // ends TIME_WAIT
  readonly tt_delack: callout; // sends an owed ACK
  t_state = TCPS_CLOSED; // TCPS_*
  t_flags = 0; // TF_*
  t_force = 0; // 1 if forcing out a byte (persist probe)
  // sending side
  snd_una = 0; // oldest byte not yet acknowledged
  snd_max = 0; // end of what has ever been sent
  snd_nxt = 0; // next byte to send
  snd_up = 0; // end of urgent data to send
  snd_wl1 = 0; // seq of the segment that last updated snd_wnd
  snd_wl2 = 0; // ack of that segment
  iss = 0; // our ISN
  irs = 0; // the peer's ISN
  // receiving side
  rcv_nxt = 0; // next byte expected
  rcv_adv = 0; // right edge of the window we last offered
  rcv_wnd = 0; // room we offer
  rcv_up = 0; // end of received urgent data
  snd_wnd = 0; // what the peer offers us
  // congestion control
  snd_cwnd = 0; // congestion window, bytes
  snd_ssthresh = 0; // slow start gives way to congestion avoidance above this, bytes
  snd_recover = 0; // for NewReno: snd_max when loss was detected
  t_maxopd = 0; // MSS including the options we send
  t_rcvtime = 0; // ticks when the last segment arrived
  t_starttime = 0; // ticks when the connection was established
  t_rtttime = 0; // ticks when the timed segment was sent (0: none timed)
  t_rtseq = 0; // sequence number being timed
  t_rxtcur = 0; // current retransmit value, ticks
  t_maxseg = 0; // maximum segment size, data bytes
  t_srtt = 0; // smoothed round-trip time, ticks << TCP_RTT_SHIFT
  t_rttvar = 0; // variance in round-trip time, ticks << TCP_RTTVAR_SHIFT
  t_rxtshift = 0; // retransmissions so far: the backoff exponent
  t_rttmin = 0; // minimum rtt allowed, ticks
  t_rttupdated = 0; // RTT samples taken
  max_sndwnd = 0; // largest window the peer ever offered
  t_softerror = 0; // a soft error (e.g. ICMP) to report if the connection times out
  // RFC 1323: window scaling and timestamps
  snd_scale = 0; // shift the peer's windows by this
  rcv_scale = 0; // shift our windows by this
  request_r_scale = 0; // the shift we offer in our SYN
  requested_s_scale = 0; // the peer's window scale
  ts_recent = 0; // the peer's latest timestamp, to echo
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
  tcps_connattempt = 0; // connect() calls that sent a SYN
  tcps_accepts = 0; // connections taken from a listen
  tcps_connects = 0; // handshakes completed (either way)
  tcps_drops = 0; // established connections dropped
  tcps_conndrops = 0; // connections dropped before they were established
  tcps_closed = 0; // connections closed, drops included
  tcps_segstimed = 0; // segments timed for an RTT sample
  tcps_rttupdated = 0; // RTT samples obtained
  tcps_delack = 0; // ACKs sent by the delayed-ACK timer
  tcps_timeoutdrop = 0; // connections dropped after too many retransmissions
  tcps_rexmttimeo = 0; // retransmit timer expirations
  tcps_persisttimeo = 0; // persist timer expirations
  tcps_keeptimeo = 0; // keep timer expirations
  tcps_keepdrops = 0; // connections dropped by the keep timer
  tcps_sndtotal = 0; // segments sent
  tcps_sndpack = 0; // segments carrying new data
  tcps_sndbyte = 0; // new data bytes sent
  tcps_sndrexmitpack = 0; // segments resent
  tcps_sndrexmitbyte = 0; // bytes resent
  tcps_sndacks = 0; // segments that only acknowledge
  tcps_sndprobe = 0; // zero-window probes
  tcps_sndurg = 0; // segments sent only for urgent data
  tcps_sndwinup = 0; // segments sent only to update the window
  tcps_sndctrl = 0; // SYN, FIN or RST segments
  tcps_rcvtotal = 0; // segments received
  tcps_rcvpack = 0; // segments with in-order data
  tcps_rcvbyte = 0; // in-order data bytes
  tcps_rcvbadsum = 0; // segments with a bad checksum
  tcps_rcvbadoff = 0; // segments with a bad data offset
  tcps_rcvshort = 0; // segments shorter than a TCP header
  tcps_rcvduppack = 0; // segments whose data we already had
  tcps_rcvdupbyte = 0; // bytes of such segments
  tcps_rcvpartduppack = 0; // segments partly duplicate
  tcps_rcvpartdupbyte = 0; // the duplicate bytes in those
  tcps_rcvoopack = 0; // segments queued for reassembly
  tcps_rcvoobyte = 0; // bytes queued for reassembly
  tcps_rcvpackafterwin = 0; // segments with data beyond our window
  tcps_rcvbyteafterwin = 0; // bytes beyond our window
  tcps_rcvafterclose = 0; // segments for a socket already closed
  tcps_rcvwinprobe = 0; // zero-window probes received
  tcps_rcvdupack = 0; // duplicate ACKs received
  tcps_rcvacktoomuch = 0; // ACKs for data never sent
  tcps_rcvackpack = 0; // ACKs received
  tcps_rcvackbyte = 0; // bytes those ACKs acknowledged
  tcps_rcvwinupd = 0; // window updates received
  tcps_pawsdrop = 0; // segments dropped as old (PAWS)
  tcps_predack = 0; // pure ACKs on the fast path
  tcps_preddat = 0; // in-order data on the fast path
  tcps_listendrop = 0; // SYNs refused: listen queue full
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


/** TCP's state on `kernel`. */
export function tcp_state(kernel: Kernel): tcp_state_t {
  let s = kernel.tcp;
  if (s === undefined) kernel.tcp = s = { tcpstat: new tcpstat(), tun: new tcp_tunables(), isn_seed: 0 };
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
