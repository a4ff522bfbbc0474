// tcp_input: a received TCP segment, through the state machine.
// Mirrors sys/netinet/tcp_input.c (FreeBSD 5.0): tcp_input, tcp_reass,
// tcp_dooptions, tcp_xmit_timer, tcp_mss, tcp_newreno.
//
// IP hands over the packet (IP header included) once it has checked it.
// The segment costs tcp_input_ns of CPU plus its checksum. Then, as in 5.0:
// checksum and offset checks; pcb lookup (none: RST, "connection
// refused"); a listener creates the new connection (sonewconn) on a SYN;
// SYN_SENT completes the handshake (or RST: ECONNREFUSED); RST, PAWS and
// window trimming; ACK processing (RTT sample, NewReno fast retransmit and
// recovery on three duplicate ACKs, slow start / congestion avoidance,
// freeing acknowledged data from so_snd); window update; data in order to
// so_rcv, out of order to the reassembly queue; FIN; and tcp_output if an
// ACK or more data is due. ACKs are delayed (tcp_delack_enabled) for one
// segment at most: the second in a row is acknowledged at once.
//
// Not modelled: the syncache (5.0 answered SYNs from it; here the
// connection's socket is created on the SYN, as 4.4BSD did), header
// prediction (the general path gives the same results, only slower in C),
// urgent data, T/TCP, keepalives.

import type { Kernel } from '../kern/init_main.ts';
import { ticks } from '../kern/kern_clock.ts';
import { callout_active, callout_pending, callout_reset, callout_stop } from '../kern/kern_timeout.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { m_adj, m_pullup } from '../kern/uipc_mbuf.ts';
import { ECONNREFUSED, ECONNRESET } from '../sys/errno.ts';
import { CSUM_DATA_VALID, CSUM_PSEUDO_HDR, mtod, type mbuf } from '../sys/mbuf.ts';
import { SO_ACCEPTCONN } from '../sys/socket.ts';
import { SS_CANTRCVMORE, SS_NOFDREF, sbspace, type socket } from '../sys/socketvar.ts';
import { cksum_ns } from '../engine/cost_model.ts';
import { sbappendstream, sbdrop, sbreserve, socantrcvmore, soisconnected, soisdisconnected, sonewconn, sorwakeup, sowwakeup } from '../kern/uipc_socket2.ts';
import { sb_max } from '../kern/uipc_socket2.ts';
import { in_pcblookup_hash, sotoinpcb, type inpcb } from './in_pcb.ts';
import { in_cksum_fold, in_cksum_mbuf, in_pseudo } from './in_cksum.ts';
import { IPPROTO_TCP } from './in.ts';
import { in_localaddr } from './in_var.ts';
import { IP_HDR_LEN } from './ip.ts';
import { ip_route_mtu } from './ip_output.ts';
import {
  TCP_HDR_LEN, TCP_MAX_WINSHIFT, TCP_MAXWIN, TCPOLEN_MAXSEG, TCPOLEN_TIMESTAMP, TCPOLEN_TSTAMP_APPA, TCPOLEN_WINDOW, TCPOPT_EOL,
  TCPOPT_MAXSEG, TCPOPT_NOP, TCPOPT_TIMESTAMP, TCPOPT_WINDOW, TH_ACK, TH_FIN, TH_PUSH, TH_RST, TH_SYN,
} from './tcp.ts';
import { SEQ_GEQ, SEQ_GT, SEQ_LEQ, SEQ_LT, TSTMP_LT, seq_add, seq_sub } from './tcp_seq.ts';
import {
  TCPS_CLOSE_WAIT, TCPS_CLOSED, TCPS_CLOSING, TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, TCPS_HAVEESTABLISHED,
  TCPS_HAVERCVDFIN, TCPS_LAST_ACK, TCPS_LISTEN, TCPS_SYN_RECEIVED, TCPS_SYN_SENT, TCPS_TIME_WAIT,
} from './tcp_fsm.ts';
import { tcbinfo, tcp_close, tcp_drop, tcp_new_isn, tcp_newtcpcb, tcp_respond } from './tcp_subr.ts';
import { tcp_output } from './tcp_output.ts';
import { tcp_timer_2msl, tcp_timer_delack, tcp_timer_keep, tcp_timer_rexmt, tcp_timewait } from './tcp_timer.ts';
import { TCPT_RANGESET, TCPTV_REXMTMAX } from './tcp_timer.h.ts';
import {
  TCP_DELTA_SHIFT, TCP_REXMTVAL, TCP_RTT_SHIFT, TCP_RTTVAR_SHIFT, TF_ACKNOW, TF_NEEDFIN, TF_NEEDSYN, TF_NOOPT, TF_RCVD_SCALE,
  TF_RCVD_TSTMP, TF_REQ_SCALE, TF_REQ_TSTMP, TF_RXWIN0SENT, intotcpcb, tcp_state, type tcpcb,
} from './tcp_var.ts';
import { cpu_charge, machine_costs } from '../kern/kern_machine.ts';

/** Duplicate ACKs that trigger fast retransmit (tcprexmtthresh). */
export const tcprexmtthresh = 3;
/** 24 days in ticks: a timestamp older than this is no longer compared (TCP_PAWS_IDLE). */
const TCP_PAWS_IDLE = 24 * 24 * 60 * 60 * 100;

/** Options found in a segment (struct tcpopt). */
interface tcpopt {
  to_flags: number; // TOF_*
  to_mss: number; // the peer's MSS option
  to_requested_s_scale: number; // the peer's window scale option
  to_tsval: number; // the peer's clock (TSval)
  to_tsecr: number; // our clock echoed back (TSecr)
}
const TOF_TS = 0x1;
const TOF_MSS = 0x2;
const TOF_SCALE = 0x4;

/** tcp_dooptions: parses the option bytes. MSS and window scale count only on a SYN. */
function tcp_dooptions(to: tcpopt, b: Uint8Array, off: number, cnt: number, is_syn: boolean): void {
  for (let i = 0; i < cnt; ) {
    const opt = b[off + i] as number;
    if (opt === TCPOPT_EOL) break;
    let optlen = 1;
    if (opt !== TCPOPT_NOP) {
      if (cnt - i < 2) break;
      optlen = b[off + i + 1] as number;
      if (optlen < 2 || optlen > cnt - i) break;
    }
    const at = off + i;
    if (opt === TCPOPT_MAXSEG && optlen === TCPOLEN_MAXSEG && is_syn) {
      to.to_flags |= TOF_MSS;
      to.to_mss = ((b[at + 2] as number) << 8) | (b[at + 3] as number);
    } else if (opt === TCPOPT_WINDOW && optlen === TCPOLEN_WINDOW && is_syn) {
      to.to_flags |= TOF_SCALE;
      to.to_requested_s_scale = Math.min(b[at + 2] as number, TCP_MAX_WINSHIFT);
    } else if (opt === TCPOPT_TIMESTAMP && optlen === TCPOLEN_TIMESTAMP) {
      const v = new DataView(b.buffer, b.byteOffset + at + 2, 8);
      to.to_flags |= TOF_TS;
      to.to_tsval = v.getUint32(0);
      to.to_tsecr = v.getUint32(4);
    }
    i += optlen;
  }
}

/** tcp_xmit_timer: folds an RTT sample (ticks) into srtt and rttvar and recomputes the timeout. */
export function tcp_xmit_timer(tp: tcpcb, rtt: number): void {
  const st = tcp_state(tp.t_kernel).tcpstat;
  st.tcps_rttupdated++;
  tp.t_rttupdated++;
  if (tp.t_srtt !== 0) {
    let delta = ((rtt - 1) << TCP_DELTA_SHIFT) - (tp.t_srtt >> (TCP_RTT_SHIFT - TCP_DELTA_SHIFT));
    if ((tp.t_srtt += delta) <= 0) tp.t_srtt = 1;
    if (delta < 0) delta = -delta;
    delta -= tp.t_rttvar >> (TCP_RTTVAR_SHIFT - TCP_DELTA_SHIFT);
    if ((tp.t_rttvar += delta) <= 0) tp.t_rttvar = 1;
  } else {
    tp.t_srtt = rtt << TCP_RTT_SHIFT;
    tp.t_rttvar = rtt << (TCP_RTTVAR_SHIFT - 1);
  }
  tp.t_rtttime = 0;
  tp.t_rxtshift = 0;
  tp.t_rxtcur = TCPT_RANGESET(tp, TCP_REXMTVAL(tp), Math.max(tp.t_rttmin, rtt + 2), TCPTV_REXMTMAX);
  tp.t_softerror = 0;
}

/**
 * tcp_mss: sets t_maxseg from the route's MTU and the peer's offer. 5.0's
 * rule: an MSS larger than MCLBYTES is rounded down to a multiple of it, so
 * MTU 9000 with timestamps gives 8192, not 8948. The socket buffers are
 * rounded up to a whole number of segments.
 */
export function tcp_mss(tp: tcpcb, offer: number): void {
  const kernel = tp.t_kernel;
  const tun = tcp_state(kernel).tun;
  const inp = tp.t_inpcb;
  const so = inp.inp_socket;
  const mtu = ip_route_mtu(kernel, inp.inp_faddr);
  if (mtu === 0) {
    tp.t_maxopd = tp.t_maxseg = tun.tcp_mssdflt;
    return;
  }
  let mss = mtu - IP_HDR_LEN - TCP_HDR_LEN;
  if (!in_localaddr(kernel, inp.inp_faddr)) mss = Math.min(mss, tun.tcp_mssdflt);
  offer = offer === 0 ? tun.tcp_mssdflt : Math.max(offer, 64);
  mss = Math.max(Math.min(mss, offer), 64);
  tp.t_maxopd = mss;
  if ((tp.t_flags & (TF_REQ_TSTMP | TF_NOOPT)) === TF_REQ_TSTMP && (tp.t_flags & TF_RCVD_TSTMP) !== 0) mss -= TCPOLEN_TSTAMP_APPA;
  const MCLBYTES = kernel.param.MCLBYTES;
  if (mss > MCLBYTES) mss &= ~(MCLBYTES - 1);
  tp.t_maxseg = mss;
  for (const sb of [so.so_snd, so.so_rcv]) {
    let bufsize = sb.sb_hiwat;
    if (bufsize < mss) {
      if (sb === so.so_snd) mss = bufsize;
    } else {
      bufsize = Math.min(Math.ceil(bufsize / mss) * mss, sb_max(kernel));
      sbreserve(kernel, sb, bufsize);
    }
  }
  tp.t_maxseg = mss;
  // The slow-start flight: 4 segments on a local subnet, 1 elsewhere (5.0's tcp_mss).
  tp.snd_cwnd = mss * (in_localaddr(kernel, inp.inp_faddr) ? tun.ss_fltsz_local : tun.ss_fltsz);
}

/** tcp_reass: queues an out-of-order segment and delivers whatever is now in order. Returns TH_FIN if the delivered data ended the stream. */
function tcp_reass(tp: tcpcb, th_seq: number, tlen: number, flags: number, m: mbuf | null): number {
  const so = tp.t_inpcb.inp_socket;
  const st = tcp_state(tp.t_kernel).tcpstat;
  if (m !== null) {
    const q = tp.t_segq;
    // Skip the queued segments that start at or before this one's first byte.
    let i = 0;
    while (i < q.length && SEQ_LEQ((q[i] as { th_seq: number }).th_seq, th_seq)) i++;
    const prev = q[i - 1];
    if (prev !== undefined) {
      const overlap = seq_sub(seq_add(prev.th_seq, prev.len), th_seq);
      if (overlap > 0) {
        if (overlap >= tlen) {
          st.tcps_rcvduppack++;
          st.tcps_rcvdupbyte += tlen;
          m_freem(m);
          return 0;
        }
        m_adj(m, overlap);
        tlen -= overlap;
        th_seq = seq_add(th_seq, overlap);
      }
    }
    st.tcps_rcvoopack++;
    st.tcps_rcvoobyte += tlen;
    // Trim or drop the segments this one covers.
    while (i < q.length) {
      const nq = q[i] as (typeof q)[number];
      const over = seq_sub(seq_add(th_seq, tlen), nq.th_seq);
      if (over <= 0) break;
      if (over < nq.len) {
        m_adj(nq.m, over);
        nq.len -= over;
        nq.th_seq = seq_add(nq.th_seq, over);
        break;
      }
      m_freem(nq.m);
      q.splice(i, 1);
    }
    q.splice(i, 0, { th_seq, len: tlen, flags: flags & TH_FIN, m });
  }
  if (!TCPS_HAVEESTABLISHED(tp.t_state)) return 0;
  let fin = 0;
  let delivered = false;
  while (tp.t_segq.length > 0 && (tp.t_segq[0] as { th_seq: number }).th_seq === tp.rcv_nxt) {
    const q = tp.t_segq.shift() as (typeof tp.t_segq)[number];
    tp.rcv_nxt = seq_add(tp.rcv_nxt, q.len);
    fin = q.flags & TH_FIN;
    if ((so.so_state & SS_CANTRCVMORE) !== 0) m_freem(q.m);
    else sbappendstream(so.so_rcv, q.m);
    delivered = true;
  }
  if (delivered) sorwakeup(so);
  return fin;
}

// DELAY_ACK: delay only the first of two segments (the delack callout is then active).
function DELAY_ACK(tp: tcpcb): boolean {
  return !callout_active(tp.tt_delack) && (tp.t_flags & TF_RXWIN0SENT) === 0 && (tcp_state(tp.t_kernel).tun.tcp_delack_enabled !== 0 || (tp.t_flags & TF_NEEDSYN) !== 0);
}

function request_scale(so: socket): number {
  let s = 0;
  while (s < TCP_MAX_WINSHIFT && TCP_MAXWIN << s < so.so_rcv.sb_hiwat) s++;
  return s;
}

/** tcp_input: see the header. `off0` is the IP header length. Consumes `m`. */
export function tcp_input(kernel: Kernel, m: mbuf, off0: number): void {
  const { tcpstat, tun } = tcp_state(kernel);
  tcpstat.tcps_rcvtotal++;
  const costs = machine_costs(kernel);
  cpu_charge(kernel, 'protocol', costs.tcp_input_ns);
  const iplen = m.m_pkthdr.len;
  if (m.m_len < off0 + TCP_HDR_LEN) {
    const mm = m_pullup(m, off0 + TCP_HDR_LEN);
    if (mm === null) {
      tcpstat.tcps_rcvshort++;
      return;
    }
    m = mm;
  }
  let tlen = iplen - off0;
  let h = mtod(m, off0 + TCP_HDR_LEN);
  let hv = new DataView(h.buffer, h.byteOffset, off0 + TCP_HDR_LEN);
  const ip_src = hv.getUint32(12);
  const ip_dst = hv.getUint32(16);
  // The board's sum of the segment (CSUM_DATA_VALID) only needs the pseudo
  // header added, unless it included that too; otherwise sum every byte.
  let th_sum: number;
  if ((m.m_pkthdr.csum_flags & CSUM_DATA_VALID) !== 0) {
    th_sum =
      (m.m_pkthdr.csum_flags & CSUM_PSEUDO_HDR) !== 0
        ? m.m_pkthdr.csum_data ^ 0xffff
        : in_cksum_fold(in_pseudo(ip_src, ip_dst, tlen + IPPROTO_TCP) + m.m_pkthdr.csum_data);
  } else {
    cpu_charge(kernel, 'checksum', cksum_ns(costs, tlen));
    th_sum = in_cksum_fold(in_pseudo(ip_src, ip_dst, tlen + IPPROTO_TCP) + in_cksum_mbuf(m, off0, tlen));
  }
  if (th_sum !== 0) {
    tcpstat.tcps_rcvbadsum++;
    m_freem(m);
    return;
  }
  const off = (hv.getUint8(off0 + 12) >> 4) << 2;
  if (off < TCP_HDR_LEN || off > tlen) {
    tcpstat.tcps_rcvbadoff++;
    m_freem(m);
    return;
  }
  tlen -= off;
  if (m.m_len < off0 + off) {
    const mm = m_pullup(m, off0 + off);
    if (mm === null) {
      tcpstat.tcps_rcvshort++;
      return;
    }
    m = mm;
  }
  h = mtod(m, off0 + off);
  hv = new DataView(h.buffer, h.byteOffset, off0 + off);
  const th_sport = hv.getUint16(off0);
  const th_dport = hv.getUint16(off0 + 2);
  let th_seq = hv.getUint32(off0 + 4);
  const th_ack = hv.getUint32(off0 + 8);
  let thflags = hv.getUint8(off0 + 13);
  const th_win = hv.getUint16(off0 + 14);
  const to: tcpopt = { to_flags: 0, to_mss: 0, to_requested_s_scale: 0, to_tsval: 0, to_tsecr: 0 };
  tcp_dooptions(to, h, off0 + TCP_HDR_LEN, off - TCP_HDR_LEN, (thflags & TH_SYN) !== 0);
  let drop_hdrlen = off0 + off;
  const now = ticks(kernel);

  const dropwithreset = (tp: tcpcb | null): void => {
    if ((thflags & TH_RST) !== 0 || (tp === null && tun.blackhole !== 0)) {
      m_freem(m);
      return;
    }
    if ((thflags & TH_ACK) !== 0) tcp_respond(kernel, tp, ip_dst, ip_src, th_dport, th_sport, 0, th_ack, TH_RST);
    else tcp_respond(kernel, tp, ip_dst, ip_src, th_dport, th_sport, seq_add(th_seq, tlen + ((thflags & TH_SYN) !== 0 ? 1 : 0)), 0, TH_RST | TH_ACK);
    m_freem(m);
  };
  const drop = (): void => {
    m_freem(m);
  };
  const dropafterack = (tp: tcpcb): void => {
    if (tp.t_state === TCPS_SYN_RECEIVED && (thflags & TH_ACK) !== 0 && (SEQ_GT(tp.snd_una, th_ack) || SEQ_GT(th_ack, tp.snd_max))) {
      dropwithreset(tp);
      return;
    }
    m_freem(m);
    tp.t_flags |= TF_ACKNOW;
    tcp_output(tp);
  };

  let inp: inpcb | null = in_pcblookup_hash(tcbinfo(kernel), ip_src, th_sport, ip_dst, th_dport, true);
  if (inp === null) {
    dropwithreset(null);
    return;
  }
  let tp = intotcpcb(inp);
  if (tp === null) {
    dropwithreset(null);
    return;
  }
  if (tp.t_state === TCPS_CLOSED) {
    drop();
    return;
  }
  let so = inp.inp_socket;
  let tiwin = (thflags & TH_SYN) === 0 ? th_win << tp.snd_scale : th_win;

  if ((so.so_options & SO_ACCEPTCONN) !== 0) {
    // LISTEN: only a SYN makes sense.
    if ((thflags & TH_RST) !== 0) return drop();
    if ((thflags & TH_ACK) !== 0) return dropwithreset(tp);
    if ((thflags & TH_SYN) === 0) return drop();
    const so2 = sonewconn(so);
    if (so2 === null) {
      tcpstat.tcps_listendrop++;
      return drop();
    }
    so = so2;
    inp = sotoinpcb(so) as inpcb;
    inp.inp_laddr = ip_dst;
    inp.inp_lport = th_dport;
    inp.inp_faddr = ip_src;
    inp.inp_fport = th_sport;
    tp = intotcpcb(inp) as tcpcb;
    tp.t_state = TCPS_LISTEN;
    tp.t_flags |= (intotcpcb(sotoinpcb(so.so_head as socket) as inpcb) as tcpcb).t_flags & (TF_NOOPT | TF_REQ_SCALE | TF_REQ_TSTMP);
    tp.request_r_scale = request_scale(so);
    if ((tp.t_flags & TF_REQ_SCALE) !== 0 && (to.to_flags & TOF_SCALE) !== 0) {
      tp.t_flags |= TF_RCVD_SCALE;
      tp.requested_s_scale = to.to_requested_s_scale;
    } else tp.t_flags &= ~TF_REQ_SCALE;
    if ((tp.t_flags & TF_REQ_TSTMP) !== 0 && (to.to_flags & TOF_TS) !== 0) {
      tp.t_flags |= TF_RCVD_TSTMP;
      tp.ts_recent = to.to_tsval;
      tp.ts_recent_age = now;
    } else tp.t_flags &= ~TF_REQ_TSTMP;
    tcp_mss(tp, (to.to_flags & TOF_MSS) !== 0 ? to.to_mss : 0);
    tp.iss = tcp_new_isn(kernel);
    tp.irs = th_seq;
    tp.snd_una = tp.snd_nxt = tp.snd_max = tp.snd_up = tp.iss;
    tp.snd_recover = tp.iss;
    tp.rcv_nxt = tp.rcv_adv = seq_add(tp.irs, 1);
    tp.rcv_wnd = sbspace(so.so_rcv);
    tp.snd_wnd = tiwin;
    tp.snd_wl1 = th_seq;
    tp.t_flags |= TF_ACKNOW;
    tp.t_state = TCPS_SYN_RECEIVED;
    tp.t_rcvtime = now;
    callout_reset(tp.tt_keep, tun.tcp_keepinit, tcp_timer_keep, tp);
    tcpstat.tcps_accepts++;
    m_freem(m);
    tcp_output(tp);
    return;
  }

  tp.t_rcvtime = now;
  // The receive window: what the buffer can still take, never less than what was advertised.
  tp.rcv_wnd = Math.max(sbspace(so.so_rcv), seq_sub(tp.rcv_adv, tp.rcv_nxt));
  if ((thflags & TH_SYN) !== 0 && tp.t_state === TCPS_SYN_SENT) {
    if ((to.to_flags & TOF_SCALE) !== 0 && (tp.t_flags & TF_REQ_SCALE) !== 0) {
      tp.t_flags |= TF_RCVD_SCALE;
      tp.requested_s_scale = to.to_requested_s_scale;
    }
    if ((to.to_flags & TOF_TS) !== 0 && (tp.t_flags & TF_REQ_TSTMP) !== 0) {
      tp.t_flags |= TF_RCVD_TSTMP;
      tp.ts_recent = to.to_tsval;
      tp.ts_recent_age = now;
    }
  }

  let needoutput = false;
  let ourfinisacked = false;

  if (tp.t_state === TCPS_SYN_SENT) {
    if ((thflags & TH_ACK) !== 0 && (SEQ_LEQ(th_ack, tp.iss) || SEQ_GT(th_ack, tp.snd_max))) return dropwithreset(tp);
    if ((thflags & TH_RST) !== 0) {
      if ((thflags & TH_ACK) !== 0) tcp_drop(tp, ECONNREFUSED);
      return drop();
    }
    if ((thflags & TH_SYN) === 0) return drop();
    tcp_mss(tp, (to.to_flags & TOF_MSS) !== 0 ? to.to_mss : 0);
    tp.snd_wnd = th_win;
    tp.irs = th_seq;
    tp.rcv_nxt = tp.rcv_adv = seq_add(tp.irs, 1);
    if ((thflags & TH_ACK) !== 0) {
      tcpstat.tcps_connects++;
      soisconnected(so);
      if ((tp.t_flags & (TF_RCVD_SCALE | TF_REQ_SCALE)) === (TF_RCVD_SCALE | TF_REQ_SCALE)) {
        tp.snd_scale = tp.requested_s_scale;
        tp.rcv_scale = tp.request_r_scale;
      }
      tp.rcv_adv = seq_add(tp.rcv_adv, tp.rcv_wnd);
      tp.snd_una = seq_add(tp.snd_una, 1);
      // The SYN is acknowledged: time it and stop retransmitting it (process_ACK's work in 5.0).
      if ((to.to_flags & TOF_TS) !== 0 && to.to_tsecr !== 0) tcp_xmit_timer(tp, seq_sub(now, to.to_tsecr) + 1);
      else if (tp.t_rtttime !== 0) tcp_xmit_timer(tp, now - tp.t_rtttime + 1);
      callout_stop(tp.tt_rexmt);
      tp.t_flags |= TF_ACKNOW;
      tp.t_starttime = now;
      callout_stop(tp.tt_keep);
      if ((tp.t_flags & TF_NEEDFIN) !== 0) {
        tp.t_state = TCPS_FIN_WAIT_1;
        tp.t_flags &= ~TF_NEEDFIN;
        thflags &= ~TH_SYN;
      } else {
        tp.t_state = TCPS_ESTABLISHED;
      }
    } else {
      tp.t_flags |= TF_ACKNOW;
      callout_stop(tp.tt_rexmt);
      tp.t_state = TCPS_SYN_RECEIVED;
    }
    // trimthenstep6: the SYN's data (none is sent here) past the window is dropped.
    th_seq = seq_add(th_seq, 1);
    if (tlen > tp.rcv_wnd) {
      m_adj(m, -(tlen - tp.rcv_wnd));
      tlen = tp.rcv_wnd;
      thflags &= ~TH_FIN;
    }
    tp.snd_wl1 = seq_add(th_seq, -1);
    tp.rcv_up = th_seq;
    // The SYN's ACK was taken into account above (process_ACK would find nothing acked).
    return step6(tp);
  }

  // RST: accepted only if in the window.
  if ((thflags & TH_RST) !== 0) {
    if (SEQ_GEQ(th_seq, tp.last_ack_sent) && SEQ_LT(th_seq, seq_add(tp.last_ack_sent, Math.max(tp.rcv_wnd, 1)))) {
      switch (tp.t_state) {
        case TCPS_SYN_RECEIVED:
          so.so_error = ECONNREFUSED;
          tp.t_state = TCPS_CLOSED;
          tcpstat.tcps_drops++;
          tcp_close(tp);
          break;
        case TCPS_ESTABLISHED: case TCPS_FIN_WAIT_1: case TCPS_FIN_WAIT_2: case TCPS_CLOSE_WAIT:
          so.so_error = ECONNRESET;
          tp.t_state = TCPS_CLOSED;
          tcpstat.tcps_drops++;
          tcp_close(tp);
          break;
        case TCPS_CLOSING: case TCPS_LAST_ACK:
          tcp_close(tp);
          break;
        default:
          break;
      }
    }
    return drop();
  }

  // PAWS: a segment with an older timestamp than the last is a duplicate.
  if ((to.to_flags & TOF_TS) !== 0 && tp.ts_recent !== 0 && TSTMP_LT(to.to_tsval, tp.ts_recent)) {
    if (now - tp.ts_recent_age > TCP_PAWS_IDLE) tp.ts_recent = 0;
    else {
      tcpstat.tcps_rcvduppack++;
      tcpstat.tcps_rcvdupbyte += tlen;
      tcpstat.tcps_pawsdrop++;
      return dropafterack(tp);
    }
  }
  if (tp.t_state === TCPS_SYN_RECEIVED && SEQ_LT(th_seq, tp.irs)) return dropwithreset(tp);

  // Trim what we already have from the front.
  let todrop = seq_sub(tp.rcv_nxt, th_seq);
  if (todrop > 0) {
    if ((thflags & TH_SYN) !== 0) {
      thflags &= ~TH_SYN;
      th_seq = seq_add(th_seq, 1);
      todrop--;
    }
    if (todrop > tlen || (todrop === tlen && (thflags & TH_FIN) === 0)) {
      thflags &= ~TH_FIN;
      tp.t_flags |= TF_ACKNOW;
      todrop = tlen;
      tcpstat.tcps_rcvduppack++;
      tcpstat.tcps_rcvdupbyte += todrop;
    } else {
      tcpstat.tcps_rcvpartduppack++;
      tcpstat.tcps_rcvpartdupbyte += todrop;
    }
    drop_hdrlen += todrop;
    th_seq = seq_add(th_seq, todrop);
    tlen -= todrop;
  }
  // Data for a socket that has been closed: the peer must learn it with a RST.
  if ((so.so_state & SS_NOFDREF) !== 0 && tp.t_state > TCPS_CLOSE_WAIT && tlen > 0) {
    tcp_close(tp);
    tcpstat.tcps_rcvafterclose++;
    return dropwithreset(null);
  }
  // Trim what lies beyond the window.
  todrop = seq_sub(seq_add(th_seq, tlen), seq_add(tp.rcv_nxt, tp.rcv_wnd));
  if (todrop > 0) {
    tcpstat.tcps_rcvpackafterwin++;
    if (todrop >= tlen) {
      tcpstat.tcps_rcvbyteafterwin += tlen;
      if (tp.rcv_wnd === 0 && th_seq === tp.rcv_nxt) {
        tp.t_flags |= TF_ACKNOW;
        tcpstat.tcps_rcvwinprobe++;
      } else return dropafterack(tp);
    } else tcpstat.tcps_rcvbyteafterwin += todrop;
    m_adj(m, -todrop);
    tlen -= todrop;
    thflags &= ~(TH_PUSH | TH_FIN);
  }
  if ((to.to_flags & TOF_TS) !== 0 && SEQ_LEQ(th_seq, tp.last_ack_sent)) {
    tp.ts_recent_age = now;
    tp.ts_recent = to.to_tsval;
  }
  if ((thflags & TH_SYN) !== 0) {
    tcp_drop(tp, ECONNRESET);
    return dropwithreset(null);
  }
  if ((thflags & TH_ACK) === 0) {
    if (tp.t_state === TCPS_SYN_RECEIVED || (tp.t_flags & TF_NEEDSYN) !== 0) return step6(tp);
    return drop();
  }

  // ACK processing.
  if (tp.t_state === TCPS_SYN_RECEIVED) {
    if (SEQ_GT(tp.snd_una, th_ack) || SEQ_GT(th_ack, tp.snd_max)) return dropwithreset(tp);
    tcpstat.tcps_connects++;
    if ((tp.t_flags & (TF_RCVD_SCALE | TF_REQ_SCALE)) === (TF_RCVD_SCALE | TF_REQ_SCALE)) {
      tp.snd_scale = tp.requested_s_scale;
      tp.rcv_scale = tp.request_r_scale;
      tiwin = th_win << tp.snd_scale;
    }
    tp.t_starttime = now;
    callout_stop(tp.tt_keep);
    if ((tp.t_flags & TF_NEEDFIN) !== 0) {
      tp.t_state = TCPS_FIN_WAIT_1;
      tp.t_flags &= ~TF_NEEDFIN;
    } else tp.t_state = TCPS_ESTABLISHED;
    soisconnected(so);
    tp.snd_wl1 = seq_add(th_seq, -1);
  }
  if (SEQ_LEQ(th_ack, tp.snd_una)) {
    if (tlen === 0 && tiwin === tp.snd_wnd) {
      tcpstat.tcps_rcvdupack++;
      if (!callout_pending(tp.tt_rexmt) || th_ack !== tp.snd_una) tp.t_dupacks = 0;
      else if (++tp.t_dupacks === tcprexmtthresh) {
        const onxt = tp.snd_nxt;
        if (tun.tcp_do_newreno !== 0 && SEQ_LEQ(th_ack, tp.snd_recover)) {
          tp.t_dupacks = 0;
        } else {
          let win = Math.floor(Math.min(tp.snd_wnd, tp.snd_cwnd) / 2 / tp.t_maxseg);
          if (win < 2) win = 2;
          tp.snd_ssthresh = win * tp.t_maxseg;
          tp.snd_recover = tp.snd_max;
          callout_stop(tp.tt_rexmt);
          tp.t_rtttime = 0;
          tp.snd_nxt = th_ack;
          tp.snd_cwnd = tp.t_maxseg;
          tcp_output(tp);
          tp.snd_cwnd = tp.snd_ssthresh + tp.t_maxseg * tp.t_dupacks;
          if (SEQ_GT(onxt, tp.snd_nxt)) tp.snd_nxt = onxt;
          return drop();
        }
      } else if (tp.t_dupacks > tcprexmtthresh) {
        tp.snd_cwnd += tp.t_maxseg;
        tcp_output(tp);
        return drop();
      }
    } else tp.t_dupacks = 0;
    return step6(tp);
  }
  // A new ACK. NewReno: a partial ACK during recovery resends the next hole at once.
  let partial = false;
  if (tun.tcp_do_newreno === 0) {
    if (tp.t_dupacks >= tcprexmtthresh && tp.snd_cwnd > tp.snd_ssthresh) tp.snd_cwnd = tp.snd_ssthresh;
    tp.t_dupacks = 0;
  } else if (tp.t_dupacks >= tcprexmtthresh) {
    if (SEQ_LT(th_ack, tp.snd_recover)) {
      partial = true;
      const ocwnd = tp.snd_cwnd;
      const onxt = tp.snd_nxt;
      callout_stop(tp.tt_rexmt);
      tp.t_rtttime = 0;
      tp.snd_nxt = th_ack;
      tp.snd_cwnd = tp.t_maxseg + seq_sub(th_ack, tp.snd_una);
      tcp_output(tp);
      tp.snd_cwnd = ocwnd;
      if (SEQ_GT(onxt, tp.snd_nxt)) tp.snd_nxt = onxt;
      const acked_now = seq_sub(th_ack, tp.snd_una);
      if (tp.snd_cwnd > acked_now) tp.snd_cwnd -= acked_now;
      tp.snd_cwnd += tp.t_maxseg;
    } else {
      // Full ACK: leave recovery with about ssthresh in flight.
      if (SEQ_GT(seq_add(th_ack, tp.snd_ssthresh), tp.snd_max)) tp.snd_cwnd = seq_sub(tp.snd_max, th_ack) + tp.t_maxseg;
      else tp.snd_cwnd = tp.snd_ssthresh;
      tp.t_dupacks = 0;
    }
  }
  if (SEQ_GT(th_ack, tp.snd_max)) {
    tcpstat.tcps_rcvacktoomuch++;
    return dropafterack(tp);
  }
  const acked = seq_sub(th_ack, tp.snd_una);
  tcpstat.tcps_rcvackpack++;
  tcpstat.tcps_rcvackbyte += acked;
  if ((to.to_flags & TOF_TS) !== 0 && to.to_tsecr !== 0) tcp_xmit_timer(tp, seq_sub(now, to.to_tsecr) + 1);
  else if (tp.t_rtttime !== 0 && SEQ_GT(th_ack, tp.t_rtseq)) tcp_xmit_timer(tp, now - tp.t_rtttime + 1);
  if (th_ack === tp.snd_max) {
    callout_stop(tp.tt_rexmt);
    needoutput = true;
  } else if (!callout_pending(tp.tt_persist)) callout_reset(tp.tt_rexmt, tp.t_rxtcur, tcp_timer_rexmt, tp);
  if (acked > 0) {
    // Slow start below ssthresh (one segment per ACK), then about one segment per window.
    if (!partial && (tun.tcp_do_newreno === 0 || tp.t_dupacks === 0)) {
      const cw = tp.snd_cwnd;
      let incr = tp.t_maxseg;
      if (cw > tp.snd_ssthresh) incr = Math.floor((incr * incr) / cw);
      tp.snd_cwnd = Math.min(cw + incr, TCP_MAXWIN << tp.snd_scale);
    }
    if (acked > so.so_snd.sb_cc) {
      tp.snd_wnd -= so.so_snd.sb_cc;
      sbdrop(so.so_snd, so.so_snd.sb_cc);
      ourfinisacked = true;
    } else {
      sbdrop(so.so_snd, acked);
      tp.snd_wnd -= acked;
      ourfinisacked = false;
    }
    sowwakeup(so);
    tp.snd_una = th_ack;
    if (SEQ_LT(tp.snd_nxt, tp.snd_una)) tp.snd_nxt = tp.snd_una;
    switch (tp.t_state) {
      case TCPS_FIN_WAIT_1:
        if (ourfinisacked) {
          if ((so.so_state & SS_CANTRCVMORE) !== 0) {
            soisdisconnected(so);
            callout_reset(tp.tt_2msl, tun.tcp_maxidle, tcp_timer_2msl, tp);
          }
          tp.t_state = TCPS_FIN_WAIT_2;
        }
        break;
      case TCPS_CLOSING:
        if (ourfinisacked) {
          tcp_timewait(tp);
          soisdisconnected(so);
        }
        break;
      case TCPS_LAST_ACK:
        if (ourfinisacked) {
          tcp_close(tp);
          return drop();
        }
        break;
      case TCPS_TIME_WAIT:
        callout_reset(tp.tt_2msl, 2 * tun.tcp_msl, tcp_timer_2msl, tp);
        return dropafterack(tp);
      default:
        break;
    }
  }
  return step6(tp);

  // step6: window update, data, FIN, and output.
  function step6(tp: tcpcb): void {
    if ((thflags & TH_ACK) !== 0 &&
      (SEQ_LT(tp.snd_wl1, th_seq) || (tp.snd_wl1 === th_seq && (SEQ_LT(tp.snd_wl2, th_ack) || (tp.snd_wl2 === th_ack && tiwin > tp.snd_wnd))))) {
      if (tlen === 0 && tp.snd_wl2 === th_ack && tiwin > tp.snd_wnd) tcpstat.tcps_rcvwinupd++;
      tp.snd_wnd = tiwin;
      tp.snd_wl1 = th_seq;
      tp.snd_wl2 = th_ack;
      if (tp.snd_wnd > tp.max_sndwnd) tp.max_sndwnd = tp.snd_wnd;
      needoutput = true;
    }
    if ((tlen > 0 || (thflags & TH_FIN) !== 0) && !TCPS_HAVERCVDFIN(tp.t_state)) {
      if (th_seq === tp.rcv_nxt && tp.t_segq.length === 0 && tp.t_state === TCPS_ESTABLISHED) {
        if (DELAY_ACK(tp)) callout_reset(tp.tt_delack, tun.tcp_delacktime, tcp_timer_delack, tp);
        else tp.t_flags |= TF_ACKNOW;
        tp.rcv_nxt = seq_add(tp.rcv_nxt, tlen);
        thflags &= TH_FIN;
        tcpstat.tcps_rcvpack++;
        tcpstat.tcps_rcvbyte += tlen;
        m_adj(m, drop_hdrlen);
        if ((so.so_state & SS_CANTRCVMORE) !== 0 || tlen === 0) m_freem(m);
        else sbappendstream(so.so_rcv, m);
        sorwakeup(so);
      } else if (tlen > 0) {
        m_adj(m, drop_hdrlen);
        thflags = tcp_reass(tp, th_seq, tlen, thflags, m);
        tp.t_flags |= TF_ACKNOW;
      } else {
        m_freem(m);
        if (th_seq !== tp.rcv_nxt) thflags &= ~TH_FIN;
      }
    } else {
      m_freem(m);
      thflags &= ~TH_FIN;
    }
    if ((thflags & TH_FIN) !== 0) {
      if (!TCPS_HAVERCVDFIN(tp.t_state)) {
        socantrcvmore(so);
        tp.t_flags |= TF_ACKNOW;
        tp.rcv_nxt = seq_add(tp.rcv_nxt, 1);
      }
      switch (tp.t_state) {
        case TCPS_SYN_RECEIVED: case TCPS_ESTABLISHED:
          tp.t_state = TCPS_CLOSE_WAIT;
          break;
        case TCPS_FIN_WAIT_1:
          tp.t_state = TCPS_CLOSING;
          break;
        case TCPS_FIN_WAIT_2:
          tcp_timewait(tp);
          soisdisconnected(so);
          break;
        case TCPS_TIME_WAIT:
          callout_reset(tp.tt_2msl, 2 * tun.tcp_msl, tcp_timer_2msl, tp);
          break;
        default:
          break;
      }
    }
    if (tp.t_state !== TCPS_CLOSED && (needoutput || (tp.t_flags & TF_ACKNOW) !== 0)) tcp_output(tp);
  }
}
