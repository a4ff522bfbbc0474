// TCP's common routines: boot, control blocks, RST replies, drop and close.
// Mirrors sys/netinet/tcp_subr.c (FreeBSD 5.0): tcp_init, tcp_newtcpcb,
// tcp_respond, tcp_drop, tcp_close, tcp_new_isn.
//
// tcp_init registers TCP with IP and with the socket layer at boot and
// creates the net.inet.tcp sysctls. ISNs come from a per-kernel
// deterministic generator (5.0 hashes the four-tuple with a secret and the
// time, RFC 1948); a run must repeat exactly, so ours is a seeded PRNG.

import type { Kernel } from '../kern/init_main.ts';
import { callout_setfunc, callout_stop } from '../kern/kern_timeout.ts';
import { m_freem, m_gethdr } from '../kern/subr_mbuf.ts';
import { SI_ORDER_ANY, SI_SUB_PROTO_DOMAIN, type SysInit } from '../sys/kernel.ts';
import { CSUM_TCP, M_DONTWAIT, MT_HEADER, mtod, type mbuf } from '../sys/mbuf.ts';
import { CTLFLAG_RW, OID_AUTO } from '../sys/sysctl.ts';
import { AF_INET, SOCK_STREAM } from '../sys/socket.ts';
import { PR_CONNREQUIRED, PR_WANTRCVD } from '../sys/socketvar.ts';
import { soisdisconnected } from '../kern/uipc_socket2.ts';
import { in_pcbdetach, inpcbinfo, type inpcb } from './in_pcb.ts';
import { in_pseudo } from './in_cksum.ts';
import { IPPROTO_TCP } from './in.ts';
import { IP_HDR_LEN } from './ip.ts';
import { ip_output } from './ip_output.ts';
import { TCP_HDR_LEN, TH_ACK, TH_OFF_SUM } from './tcp.ts';
import { TCPS_CLOSED, TCPS_HAVERCVDSYN } from './tcp_fsm.ts';
import { tcp_cksum_setup, tcp_output } from './tcp_output.ts';
import {
  TCPTV_CPU_VAR, TCPTV_DELACK, TCPTV_KEEP_INIT, TCPTV_KEEPCNT, TCPTV_KEEPINTVL, TCPTV_MIN, TCPTV_MSL, TCPTV_RTOBASE,
  TCPTV_SRTTBASE, tcp_canceltimers,
} from './tcp_timer.h.ts';
import { tcp_timer_persist, tcp_timer_rexmt } from './tcp_timer.ts';
import { TCP_RTTVAR_SHIFT, TF_REQ_SCALE, TF_REQ_TSTMP, tcp_state, tcpcb } from './tcp_var.ts';
import { sim_of } from '../kern/kern_machine.ts';
import { cpu_charge, machine_costs } from '../kern/kern_machine.ts';


/** tcbinfo: TCP's pcbs on `kernel`. */
export function tcbinfo(kernel: Kernel): inpcbinfo {
  let i = kernel.tcbinfo;
  if (i === undefined) kernel.tcbinfo = i = new inpcbinfo(kernel);
  return i;
}

/** tcp_new_isn: the next initial send sequence number (deterministic, see the header). */
export function tcp_new_isn(kernel: Kernel): number {
  const st = tcp_state(kernel);
  // xorshift32 seeded by the machine's place in the simulation.
  let x = st.isn_seed === 0 ? (0x9e3779b9 ^ (kernel.host_id + 1) * 0x85ebca6b) >>> 0 : st.isn_seed;
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  st.isn_seed = x;
  return x;
}

/** tcp_newtcpcb: a control block for `inp` with 5.0's initial RTT guesses and options requested. */
export function tcp_newtcpcb(inp: inpcb): tcpcb {
  const kernel = inp.inp_pcbinfo.kernel;
  const tun = tcp_state(kernel).tun;
  const tp = new tcpcb(kernel, inp);
  tp.t_maxseg = tp.t_maxopd = tun.tcp_mssdflt;
  if (tun.tcp_do_rfc1323 !== 0) tp.t_flags = TF_REQ_SCALE | TF_REQ_TSTMP;
  tp.t_srtt = TCPTV_SRTTBASE;
  tp.t_rttvar = ((TCPTV_RTOBASE - TCPTV_SRTTBASE) << TCP_RTTVAR_SHIFT) / 4;
  tp.t_rttmin = tun.tcp_rexmit_min;
  tp.t_rxtcur = TCPTV_RTOBASE; // 3 s until the first RTT sample
  tp.snd_cwnd = 1073725440; // TCP_MAXWIN << TCP_MAX_WINSHIFT
  tp.snd_ssthresh = 1073725440;
  tp.t_rcvtime = 0;
  // The timers tcp_output arms with callout_schedule (tcp_output.ts).
  callout_setfunc(tp.tt_rexmt, tcp_timer_rexmt, tp);
  callout_setfunc(tp.tt_persist, tcp_timer_persist, tp);
  inp.inp_ppcb = tp;
  return tp;
}

/**
 * tcp_respond: sends a bare segment (RST, or RST|ACK) answering a received
 * one: addresses and ports reversed, sequence `seq`, ack `ack`, no options,
 * window from `tp` if there is one.
 */
export function tcp_respond(kernel: Kernel, tp: tcpcb | null, src: number, dst: number, sport: number, dport: number, ack: number, seq: number, flags: number): void {
  const m = m_gethdr(kernel, M_DONTWAIT, MT_HEADER);
  if (m === null) return;
  const len = IP_HDR_LEN + TCP_HDR_LEN;
  m.m_data = 16; // room for the Ethernet header (max_linkhdr)
  m.m_len = m.m_pkthdr.len = len;
  const b = mtod(m, len);
  b.fill(0);
  const v = new DataView(b.buffer, b.byteOffset, len);
  v.setUint8(8, 0);
  v.setUint8(9, IPPROTO_TCP);
  v.setUint32(12, src);
  v.setUint32(16, dst);
  v.setUint16(20, sport);
  v.setUint16(22, dport);
  v.setUint32(24, seq >>> 0);
  v.setUint32(28, (flags & TH_ACK) !== 0 ? ack >>> 0 : 0);
  v.setUint8(32, (TCP_HDR_LEN >> 2) << 4);
  v.setUint8(33, flags);
  const win = tp === null ? 0 : Math.min(0xffff, Math.max(0, tp.t_inpcb.inp_socket.so_rcv.sb_hiwat - tp.t_inpcb.inp_socket.so_rcv.sb_cc) >> tp.rcv_scale);
  v.setUint16(34, win);
  tcp_cksum_setup(m, src, dst, TCP_HDR_LEN);
  const st = tcp_state(kernel).tcpstat;
  st.tcps_sndtotal++;
  st.tcps_sndctrl++;
  cpu_charge(kernel, 'protocol', machine_costs(kernel).tcp_output_ns);
  ip_output(kernel, m);
}

/** tcp_drop: aborts the connection, sending RST if the peer knows of it; the socket gets `errno`. */
export function tcp_drop(tp: tcpcb, errno: number): tcpcb | null {
  const so = tp.t_inpcb.inp_socket;
  const st = tcp_state(tp.t_kernel).tcpstat;
  if (TCPS_HAVERCVDSYN(tp.t_state)) {
    tp.t_state = TCPS_CLOSED;
    tcp_output(tp);
    st.tcps_drops++;
  } else {
    st.tcps_conndrops++;
  }
  so.so_error = errno;
  return tcp_close(tp);
}

/** tcp_close: frees the control block and the pcb; the socket is disconnected (and freed if closed). */
export function tcp_close(tp: tcpcb): null {
  const inp = tp.t_inpcb;
  const so = inp.inp_socket;
  for (const q of tp.t_segq) m_freem(q.m);
  tp.t_segq = [];
  tcp_canceltimers(tp);
  callout_stop(tp.tt_rexmt);
  tp.t_state = TCPS_CLOSED;
  tcp_state(tp.t_kernel).tcpstat.tcps_closed++;
  soisdisconnected(so);
  in_pcbdetach(inp);
  return null;
}

// net.inet and net.inet.tcp, as 5.0 names them.
function tcp_sysctls(kernel: Kernel): void {
  const t = kernel.sysctls;
  const tun = tcp_state(kernel).tun;
  t.node('net', 2, 'inet', CTLFLAG_RW, 'Internet Family');
  t.node('net.inet', 0, 'ip', CTLFLAG_RW, 'IP');
  t.node('net.inet', IPPROTO_TCP, 'tcp', CTLFLAG_RW, 'TCP');
  const cell = (k: keyof typeof tun) => ({
    get value() {
      return tun[k];
    },
    set value(v: number) {
      tun[k] = v;
    },
  });
  const ticks_ms = (k: 'tcp_rexmit_min' | 'tcp_rexmit_slop' | 'tcp_delacktime' | 'tcp_msl' | 'tcp_keepinit') => ({
    get value() {
      return tun[k] * 10;
    },
    set value(v: number) {
      tun[k] = Math.max(1, Math.round(v / 10));
    },
  });
  t.int('net.inet.tcp', 1, 'rfc1323', CTLFLAG_RW, cell('tcp_do_rfc1323'), 'Enable rfc1323 (high performance TCP) extensions');
  t.int('net.inet.tcp', 3, 'mssdflt', CTLFLAG_RW, cell('tcp_mssdflt'), 'Default TCP Maximum Segment Size');
  t.int('net.inet.tcp', 8, 'sendspace', CTLFLAG_RW, cell('tcp_sendspace'), 'Maximum outgoing TCP datagram size');
  t.int('net.inet.tcp', 9, 'recvspace', CTLFLAG_RW, cell('tcp_recvspace'), 'Maximum incoming TCP datagram size');
  t.int('net.inet.tcp', OID_AUTO, 'delayed_ack', CTLFLAG_RW, cell('tcp_delack_enabled'), 'Delay ACK to try and piggyback it onto a data packet');
  t.int('net.inet.tcp', OID_AUTO, 'newreno', CTLFLAG_RW, cell('tcp_do_newreno'), 'Enable NewReno Algorithms');
  t.int('net.inet.tcp', OID_AUTO, 'slowstart_flightsize', CTLFLAG_RW, cell('ss_fltsz'), 'Slow start flight size');
  t.int('net.inet.tcp', OID_AUTO, 'local_slowstart_flightsize', CTLFLAG_RW, cell('ss_fltsz_local'), 'Slow start flight size for local networks');
  t.int('net.inet.tcp', OID_AUTO, 'rexmit_min', CTLFLAG_RW, ticks_ms('tcp_rexmit_min'), 'Minimum Retransmission Timeout (ms)');
  t.int('net.inet.tcp', OID_AUTO, 'rexmit_slop', CTLFLAG_RW, ticks_ms('tcp_rexmit_slop'), 'Retransmission Timer Slop (ms)');
  t.int('net.inet.tcp', OID_AUTO, 'delacktime', CTLFLAG_RW, ticks_ms('tcp_delacktime'), 'Time before a delayed ACK is sent (ms)');
  t.int('net.inet.tcp', OID_AUTO, 'msl', CTLFLAG_RW, ticks_ms('tcp_msl'), 'Maximum segment lifetime (ms)');
  t.int('net.inet.tcp', OID_AUTO, 'keepinit', CTLFLAG_RW, ticks_ms('tcp_keepinit'), 'Time to establish connection (ms)');
  t.int('net.inet.tcp', OID_AUTO, 'blackhole', CTLFLAG_RW, cell('blackhole'), 'Do not send RST when dropping refused connections');
}

function tcp_init(kernel: Kernel): void {
  const tun = tcp_state(kernel).tun;
  tun.tcp_rexmit_min = TCPTV_MIN;
  tun.tcp_rexmit_slop = TCPTV_CPU_VAR;
  tun.tcp_delacktime = TCPTV_DELACK;
  tun.tcp_msl = TCPTV_MSL;
  tun.tcp_keepinit = TCPTV_KEEP_INIT;
  tun.tcp_maxidle = TCPTV_KEEPCNT * TCPTV_KEEPINTVL;
  tcbinfo(kernel);
  tcp_sysctls(kernel);
}

export const tcp_init_sysinit: SysInit = { name: 'tcp_init', subsystem: SI_SUB_PROTO_DOMAIN, order: SI_ORDER_ANY, func: tcp_init };
