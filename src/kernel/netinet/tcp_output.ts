// tcp_output: deciding whether to send a segment, and building it.
// Mirrors sys/netinet/tcp_output.c (FreeBSD 5.0).
//
// Called whenever something may allow or require sending: new data in the
// send buffer (pru_send), an ACK that opened the window, a timer, a read
// that opened our receive window. It sends as long as it should: a segment
// is at most t_maxseg bytes (t_maxopd less the options), limited by the
// peer's window and snd_cwnd, with the silly window rules; or a pure ACK,
// window update, SYN, FIN or RST. Data is never removed from so_snd here:
// the segment carries an m_copym of it (clusters shared, not copied), and
// so_snd keeps it until tcp_input sees it acknowledged.
// CPU: tcp_output_ns per segment, plus the checksum per byte; ip_output
// charges its own and queues the frame when the CPU is done.

import { callout_active, callout_pending, callout_schedule, callout_stop } from '../kern/kern_timeout.ts';
import { ticks } from '../kern/kern_clock.ts';
import { m_gethdr, m_freem } from '../kern/subr_mbuf.ts';
import { m_copydata, m_copym } from '../kern/uipc_mbuf.ts';
import { ENOBUFS } from '../sys/errno.ts';
import { CSUM_TCP, M_DONTWAIT, MT_HEADER, mtod, type mbuf } from '../sys/mbuf.ts';
import { sbspace } from '../sys/socketvar.ts';
import { IPPROTO_TCP } from './in.ts';
import { in_pseudo } from './in_cksum.ts';
import { in_localaddr } from './in_var.ts';
import { IP_HDR_LEN } from './ip.ts';
import { ip_output, ip_route_mtu } from './ip_output.ts';
import {
  TCP_HDR_LEN, TCP_MAXWIN, TCPOLEN_MAXSEG, TCPOLEN_TIMESTAMP, TCPOLEN_WINDOW, TCPOPT_MAXSEG, TCPOPT_NOP, TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW, TH_ACK, TH_FIN, TH_OFF_SUM, TH_PUSH, TH_RST, TH_SYN,
} from './tcp.ts';
import { SEQ_GT, SEQ_LT, seq_add, seq_sub } from './tcp_seq.ts';
import { TCPS_ESTABLISHED, TCPS_HAVEESTABLISHED, tcp_outflags } from './tcp_fsm.ts';
import { TCP_MAXRXTSHIFT, TCPTV_PERSMAX, TCPTV_PERSMIN, tcp_backoff } from './tcp_timer.h.ts';
import {
  TF_ACKNOW, TF_DELACK, TF_MORETOCOME, TF_NEEDFIN, TF_NEEDSYN, TF_NODELAY, TF_NOOPT, TF_NOPUSH, TF_RCVD_SCALE, TF_RCVD_TSTMP,
  TF_REQ_SCALE, TF_REQ_TSTMP, TF_SENTFIN, tcp_state, type tcpcb,
} from './tcp_var.ts';
import { cpu_charge, machine_costs } from '../kern/kern_machine.ts';

/** Room kept in front of the headers for the link layer (max_linkhdr). */
const MAX_LINKHDR = 16;

/** Longest TCP options block (th_off is 4 bits of 32-bit words: 60 - 20 bytes). */
const TCP_MAXOLEN = 40;

// The options are built here, then copied behind the header: like the C
// code's `u_char opt[TCP_MAXOLEN]` on the stack, one buffer serves every
// call (tcp_output does not re-enter itself before the copy).
const opt = new Uint8Array(TCP_MAXOLEN);
const ov = new DataView(opt.buffer);

/** tcp_mssopt: the MSS we offer in our SYN: the interface MTU less 40. */
export function tcp_mssopt(tp: tcpcb): number {
  const mtu = ip_route_mtu(tp.t_kernel, tp.t_inpcb.inp_faddr);
  return mtu === 0 ? tcp_state(tp.t_kernel).tun.tcp_mssdflt : mtu - IP_HDR_LEN - TCP_HDR_LEN;
}

/** tcp_output: see the header. Returns 0 or an errno (ENOBUFS: no mbuf; the segment goes out later). */
export function tcp_output(tp: tcpcb): number {
  const kernel = tp.t_kernel;
  const so = tp.t_inpcb.inp_socket;
  const { tcpstat, tun } = tcp_state(kernel);
  const now = ticks(kernel);
  // An idle connection restarts with slow start (RFC 2581 4.1), 4 segments on a local net.
  const idle = tp.snd_max === tp.snd_una;
  if (idle && now - tp.t_rcvtime >= tp.t_rxtcur) {
    const fltsz = in_localaddr(kernel, tp.t_inpcb.inp_faddr) ? tun.ss_fltsz_local : tun.ss_fltsz;
    tp.snd_cwnd = tp.t_maxseg * fltsz;
  }
  for (;;) {
    let sendalot = false;
    const off = seq_sub(tp.snd_nxt, tp.snd_una);
    let sendwin = Math.min(tp.snd_wnd, tp.snd_cwnd);
    let flags = tcp_outflags[tp.t_state] as number;
    if ((tp.t_flags & TF_NEEDFIN) !== 0 && TCPS_HAVEESTABLISHED(tp.t_state)) flags |= TH_FIN;
    if (tp.t_force !== 0) {
      if (sendwin === 0) {
        if (off < so.so_snd.sb_cc) flags &= ~TH_FIN;
        sendwin = 1;
      } else {
        callout_stop(tp.tt_persist);
        tp.t_rxtshift = 0;
      }
    }
    let len = Math.min(so.so_snd.sb_cc, sendwin) - off;
    if ((flags & TH_SYN) !== 0) len = 0; // no data on a SYN (T/TCP would)
    if (len < 0) {
      len = 0;
      if (sendwin === 0) {
        callout_stop(tp.tt_rexmt);
        tp.t_rxtshift = 0;
        tp.snd_nxt = tp.snd_una;
        if (!callout_pending(tp.tt_persist)) tcp_setpersist(tp);
      }
    }
    if (len > tp.t_maxseg) {
      len = tp.t_maxseg;
      sendalot = true;
    }
    if (SEQ_LT(seq_add(tp.snd_nxt, len), seq_add(tp.snd_una, so.so_snd.sb_cc))) flags &= ~TH_FIN;
    let win = sbspace(so.so_rcv);
    let send = false;
    if (len > 0) {
      if (len === tp.t_maxseg) send = true;
      else if ((tp.t_flags & TF_MORETOCOME) === 0 && (idle || (tp.t_flags & TF_NODELAY) !== 0) && len + off >= so.so_snd.sb_cc && (tp.t_flags & TF_NOPUSH) === 0) send = true;
      else if (tp.t_force !== 0) send = true;
      else if (tp.max_sndwnd > 0 && len >= tp.max_sndwnd / 2) send = true;
      else if (SEQ_LT(tp.snd_nxt, tp.snd_max)) send = true;
    }
    if (!send && win > 0) {
      const adv = Math.min(win, TCP_MAXWIN << tp.rcv_scale) - seq_sub(tp.rcv_adv, tp.rcv_nxt);
      if (adv >= 2 * tp.t_maxseg || 2 * adv >= so.so_rcv.sb_hiwat) send = true;
    }
    if (!send && (tp.t_flags & TF_ACKNOW) !== 0) send = true;
    if (!send && ((flags & TH_RST) !== 0 || ((flags & TH_SYN) !== 0 && (tp.t_flags & TF_NEEDSYN) === 0))) send = true;
    if (!send && (flags & TH_FIN) !== 0 && ((tp.t_flags & TF_SENTFIN) === 0 || tp.snd_nxt === tp.snd_una)) send = true;
    if (!send) {
      // Data waits and nothing will call us: the persist timer probes a closed window.
      if (so.so_snd.sb_cc > 0 && !callout_pending(tp.tt_rexmt) && !callout_pending(tp.tt_persist)) {
        tp.t_rxtshift = 0;
        tcp_setpersist(tp);
      }
      return 0;
    }
    // send:
    let optlen = 0;
    if ((flags & TH_SYN) !== 0) {
      tp.snd_nxt = tp.iss;
      if ((tp.t_flags & TF_NOOPT) === 0) {
        ov.setUint8(0, TCPOPT_MAXSEG);
        ov.setUint8(1, TCPOLEN_MAXSEG);
        ov.setUint16(2, tcp_mssopt(tp));
        optlen = 4;
        if ((tp.t_flags & TF_REQ_SCALE) !== 0 && ((flags & TH_ACK) === 0 || (tp.t_flags & TF_RCVD_SCALE) !== 0)) {
          ov.setUint8(4, TCPOPT_NOP);
          ov.setUint8(5, TCPOPT_WINDOW);
          ov.setUint8(6, TCPOLEN_WINDOW);
          ov.setUint8(7, tp.request_r_scale);
          optlen += 4;
        }
      }
    }
    if ((tp.t_flags & (TF_REQ_TSTMP | TF_NOOPT)) === TF_REQ_TSTMP && (flags & TH_RST) === 0 && ((flags & TH_ACK) === 0 || (tp.t_flags & TF_RCVD_TSTMP) !== 0)) {
      ov.setUint8(optlen, TCPOPT_NOP);
      ov.setUint8(optlen + 1, TCPOPT_NOP);
      ov.setUint8(optlen + 2, TCPOPT_TIMESTAMP);
      ov.setUint8(optlen + 3, TCPOLEN_TIMESTAMP);
      ov.setUint32(optlen + 4, now >>> 0);
      ov.setUint32(optlen + 8, tp.ts_recent >>> 0);
      optlen += 12;
    }
    const hdrlen = IP_HDR_LEN + TCP_HDR_LEN + optlen;
    if (len > tp.t_maxopd - optlen) {
      len = tp.t_maxopd - optlen;
      sendalot = true;
      flags &= ~TH_FIN;
    }
    // Statistics, as 5.0 counts them.
    if (len > 0) {
      if (tp.t_force !== 0 && len === 1) tcpstat.tcps_sndprobe++;
      else if (SEQ_LT(tp.snd_nxt, tp.snd_max)) {
        tcpstat.tcps_sndrexmitpack++;
        tcpstat.tcps_sndrexmitbyte += len;
      } else {
        tcpstat.tcps_sndpack++;
        tcpstat.tcps_sndbyte += len;
      }
    } else if ((tp.t_flags & TF_ACKNOW) !== 0) tcpstat.tcps_sndacks++;
    else if ((flags & (TH_SYN | TH_FIN | TH_RST)) !== 0) tcpstat.tcps_sndctrl++;
    else tcpstat.tcps_sndwinup++;
    const m = m_gethdr(kernel, M_DONTWAIT, MT_HEADER);
    if (m === null) return ENOBUFS;
    m.m_data = MAX_LINKHDR;
    m.m_len = hdrlen;
    if (len > 0) {
      // Small data rides in the header mbuf; larger data shares so_snd's clusters.
      if (len <= m.m_dat.length - MAX_LINKHDR - 20 - hdrlen) {
        m_copydata(so.so_snd.sb_mb as NonNullable<typeof so.so_snd.sb_mb>, off, len, mtod(m, hdrlen + len).subarray(hdrlen));
        m.m_len += len;
      } else {
        const d = m_copym(so.so_snd.sb_mb as NonNullable<typeof so.so_snd.sb_mb>, off, len, M_DONTWAIT);
        if (d === null) {
          m_freem(m);
          return ENOBUFS;
        }
        m.m_next = d;
      }
      if (off + len === so.so_snd.sb_cc) flags |= TH_PUSH;
    }
    m.m_pkthdr.len = hdrlen + len;
    m.m_pkthdr.rcvif = null;
    const inp = tp.t_inpcb;
    const b = mtod(m, hdrlen);
    b.fill(0, 0, IP_HDR_LEN + TCP_HDR_LEN); // a recycled mbuf holds an old header: th_sum must start at 0
    const v = new DataView(b.buffer, b.byteOffset, hdrlen);
    v.setUint8(9, IPPROTO_TCP);
    v.setUint32(12, inp.inp_laddr);
    v.setUint32(16, inp.inp_faddr);
    v.setUint16(20, inp.inp_lport);
    v.setUint16(22, inp.inp_fport);
    if ((flags & TH_FIN) !== 0 && (tp.t_flags & TF_SENTFIN) !== 0 && tp.snd_nxt === tp.snd_max) tp.snd_nxt = seq_add(tp.snd_nxt, -1);
    const th_seq = len > 0 || (flags & (TH_SYN | TH_FIN)) !== 0 || callout_pending(tp.tt_persist) ? tp.snd_nxt : tp.snd_max;
    v.setUint32(24, th_seq);
    v.setUint32(28, tp.rcv_nxt);
    v.setUint8(32, ((TCP_HDR_LEN + optlen) >> 2) << 4);
    v.setUint8(33, flags);
    // The window: never shrink what was advertised; avoid silly small ones.
    if (win < so.so_rcv.sb_hiwat / 4 && win < tp.t_maxseg) win = 0;
    if (win > TCP_MAXWIN << tp.rcv_scale) win = TCP_MAXWIN << tp.rcv_scale;
    if (win < seq_sub(tp.rcv_adv, tp.rcv_nxt)) win = seq_sub(tp.rcv_adv, tp.rcv_nxt);
    v.setUint16(34, (flags & TH_SYN) !== 0 ? Math.min(win, TCP_MAXWIN) : win >> tp.rcv_scale);
    b.set(opt.subarray(0, optlen), IP_HDR_LEN + TCP_HDR_LEN);
    tcp_cksum_setup(m, inp.inp_laddr, inp.inp_faddr, TCP_HDR_LEN + optlen + len);
    // Advance snd_nxt and snd_max, time a segment, arm the retransmit timer.
    if (tp.t_force === 0 || !callout_pending(tp.tt_persist)) {
      const startseq = tp.snd_nxt;
      if ((flags & TH_SYN) !== 0) tp.snd_nxt = seq_add(tp.snd_nxt, 1);
      if ((flags & TH_FIN) !== 0) {
        tp.snd_nxt = seq_add(tp.snd_nxt, 1);
        tp.t_flags |= TF_SENTFIN;
      }
      tp.snd_nxt = seq_add(tp.snd_nxt, len);
      if (SEQ_GT(tp.snd_nxt, tp.snd_max)) {
        tp.snd_max = tp.snd_nxt;
        if (tp.t_rtttime === 0) {
          tp.t_rtttime = now === 0 ? 1 : now;
          tp.t_rtseq = startseq;
          tcpstat.tcps_segstimed++;
        }
      }
      if (!callout_pending(tp.tt_rexmt) && tp.snd_nxt !== tp.snd_una) {
        if (callout_pending(tp.tt_persist)) {
          callout_stop(tp.tt_persist);
          tp.t_rxtshift = 0;
        }
        callout_schedule(tp.tt_rexmt, tp.t_rxtcur);
      }
    } else {
      const xlen = len + ((flags & TH_FIN) !== 0 ? 1 : 0);
      if (SEQ_GT(seq_add(tp.snd_nxt, xlen), tp.snd_max)) tp.snd_max = seq_add(tp.snd_nxt, len);
    }
    cpu_charge(kernel, 'protocol', machine_costs(kernel).tcp_output_ns);
    tcpstat.tcps_sndtotal++;
    ip_output(kernel, m);
    if (win > 0 && SEQ_GT(seq_add(tp.rcv_nxt, win), tp.rcv_adv)) tp.rcv_adv = seq_add(tp.rcv_nxt, win);
    tp.last_ack_sent = tp.rcv_nxt;
    tp.t_flags &= ~(TF_ACKNOW | TF_DELACK);
    if (callout_active(tp.tt_delack)) callout_stop(tp.tt_delack);
    if (!sendalot) return 0;
    if (tp.t_state < TCPS_ESTABLISHED && (flags & TH_SYN) !== 0) return 0;
  }
}

/**
 * Leaves the TCP checksum of packet `m` (IP header first, `len` bytes of TCP
 * header and data) to be finished later, as 5.0's tcp_output does: th_sum
 * holds the pseudo-header sum, and CSUM_TCP asks ip_output for the rest,
 * which it computes itself (in_delayed_cksum) or leaves to a board whose
 * if_hwassist has CSUM_TCP.
 */
export function tcp_cksum_setup(m: mbuf, src: number, dst: number, len: number): void {
  const th = mtod(m, IP_HDR_LEN + TCP_HDR_LEN);
  const sum = in_pseudo(src, dst, len + IPPROTO_TCP);
  th[IP_HDR_LEN + TH_OFF_SUM] = sum >>> 8;
  th[IP_HDR_LEN + TH_OFF_SUM + 1] = sum & 0xff;
  m.m_pkthdr.csum_flags = CSUM_TCP;
  m.m_pkthdr.csum_data = TH_OFF_SUM;
}

/**
 * tcp_setpersist: arms the persist timer for the zero window probe, backing
 * off like the retransmit timer, within TCPTV_PERSMIN..TCPTV_PERSMAX (the
 * callout's function, tcp_timer_persist, was set by tcp_newtcpcb).
 */
export function tcp_setpersist(tp: tcpcb): void {
  const t = ((tp.t_srtt >> 2) + tp.t_rttvar) >> 1;
  let tt = t * (tcp_backoff[tp.t_rxtshift] ?? 64);
  tt = tt < TCPTV_PERSMIN ? TCPTV_PERSMIN : tt > TCPTV_PERSMAX ? TCPTV_PERSMAX : tt;
  callout_schedule(tp.tt_persist, tt);
  if (tp.t_rxtshift < TCP_MAXRXTSHIFT) tp.t_rxtshift++;
}
