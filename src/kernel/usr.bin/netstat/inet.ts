// netstat -s -p tcp and netstat -s -p ip: protocol statistics.
// Mirrors tcp_stats() and ip_stats() of usr.bin/netstat/inet.c (FreeBSD 5.0):
// the same lines, in the same order, with the same plurals, for the
// counters the simulation keeps (lines for features it lacks, such as the
// syncache and header prediction, are left out rather than printed as 0).
//
//   netstat_s_tcp(kernel)   // ['tcp:', '\t13815 packets sent', ...]

import type { Kernel } from '../../kern/init_main.ts';
import { ip_state } from '../../netinet/ip_var.ts';
import { tcp_state } from '../../netinet/tcp_var.ts';

// plural(): "s" unless n == 1.pluralies(): "ies"/"y".
const s = (n: number): string => (n === 1 ? '' : 's');


/** netstat -s -p tcp. */
export function netstat_s_tcp(kernel: Kernel): string[] {
  const t = tcp_state(kernel).tcpstat;
  const out = ['tcp:'];
  const l = (depth: number, text: string): void => {
    out.push(`${'\t'.repeat(depth)}${text}`);
  };
  l(1, `${t.tcps_sndtotal} packet${s(t.tcps_sndtotal)} sent`);
  l(2, `${t.tcps_sndpack} data packet${s(t.tcps_sndpack)} (${t.tcps_sndbyte} byte${s(t.tcps_sndbyte)})`);
  l(2, `${t.tcps_sndrexmitpack} data packet${s(t.tcps_sndrexmitpack)} (${t.tcps_sndrexmitbyte} byte${s(t.tcps_sndrexmitbyte)}) retransmitted`);
  l(2, `${t.tcps_sndacks} ack-only packet${s(t.tcps_sndacks)} (${t.tcps_delack} delayed)`);
  l(2, `${t.tcps_sndurg} URG only packet${s(t.tcps_sndurg)}`);
  l(2, `${t.tcps_sndprobe} window probe packet${s(t.tcps_sndprobe)}`);
  l(2, `${t.tcps_sndwinup} window update packet${s(t.tcps_sndwinup)}`);
  l(2, `${t.tcps_sndctrl} control packet${s(t.tcps_sndctrl)}`);
  l(1, `${t.tcps_rcvtotal} packet${s(t.tcps_rcvtotal)} received`);
  l(2, `${t.tcps_rcvackpack} ack${s(t.tcps_rcvackpack)} (for ${t.tcps_rcvackbyte} byte${s(t.tcps_rcvackbyte)})`);
  l(2, `${t.tcps_rcvdupack} duplicate ack${s(t.tcps_rcvdupack)}`);
  l(2, `${t.tcps_rcvacktoomuch} ack${s(t.tcps_rcvacktoomuch)} for unsent data`);
  l(2, `${t.tcps_rcvpack} packet${s(t.tcps_rcvpack)} (${t.tcps_rcvbyte} byte${s(t.tcps_rcvbyte)}) received in-sequence`);
  l(2, `${t.tcps_rcvduppack} completely duplicate packet${s(t.tcps_rcvduppack)} (${t.tcps_rcvdupbyte} byte${s(t.tcps_rcvdupbyte)})`);
  l(2, `${t.tcps_pawsdrop} old duplicate packet${s(t.tcps_pawsdrop)}`);
  l(2, `${t.tcps_rcvpartduppack} packet${s(t.tcps_rcvpartduppack)} with some dup. data (${t.tcps_rcvpartdupbyte} byte${s(t.tcps_rcvpartdupbyte)} duped)`);
  l(2, `${t.tcps_rcvoopack} out-of-order packet${s(t.tcps_rcvoopack)} (${t.tcps_rcvoobyte} byte${s(t.tcps_rcvoobyte)})`);
  l(2, `${t.tcps_rcvpackafterwin} packet${s(t.tcps_rcvpackafterwin)} (${t.tcps_rcvbyteafterwin} byte${s(t.tcps_rcvbyteafterwin)}) of data after window`);
  l(2, `${t.tcps_rcvwinprobe} window probe${s(t.tcps_rcvwinprobe)}`);
  l(2, `${t.tcps_rcvwinupd} window update packet${s(t.tcps_rcvwinupd)}`);
  l(2, `${t.tcps_rcvafterclose} packet${s(t.tcps_rcvafterclose)} received after close`);
  l(2, `${t.tcps_rcvbadsum} discarded for bad checksum${s(t.tcps_rcvbadsum)}`);
  l(2, `${t.tcps_rcvbadoff} discarded for bad header offset field${s(t.tcps_rcvbadoff)}`);
  l(2, `${t.tcps_rcvshort} discarded because packet too short`);
  l(1, `${t.tcps_connattempt} connection request${s(t.tcps_connattempt)}`);
  l(1, `${t.tcps_accepts} connection accept${s(t.tcps_accepts)}`);
  l(1, `${t.tcps_listendrop} listen queue overflow${s(t.tcps_listendrop)}`);
  l(1, `${t.tcps_connects} connection${s(t.tcps_connects)} established (including accepts)`);
  l(1, `${t.tcps_closed} connection${s(t.tcps_closed)} closed (including ${t.tcps_drops} drop${s(t.tcps_drops)})`);
  l(1, `${t.tcps_conndrops} embryonic connection${s(t.tcps_conndrops)} dropped`);
  l(1, `${t.tcps_rttupdated} segment${s(t.tcps_rttupdated)} updated rtt (of ${t.tcps_segstimed} attempt${s(t.tcps_segstimed)})`);
  l(1, `${t.tcps_rexmttimeo} retransmit timeout${s(t.tcps_rexmttimeo)}`);
  l(2, `${t.tcps_timeoutdrop} connection${s(t.tcps_timeoutdrop)} dropped by rexmit timeout`);
  l(1, `${t.tcps_persisttimeo} persist timeout${s(t.tcps_persisttimeo)}`);
  l(1, `${t.tcps_keeptimeo} keepalive timeout${s(t.tcps_keeptimeo)}`);
  l(2, `${t.tcps_keepdrops} connection${s(t.tcps_keepdrops)} dropped by keepalive`);
  return out;
}

/** netstat -s -p ip. */
export function netstat_s_ip(kernel: Kernel): string[] {
  const i = ip_state(kernel).ipstat;
  return [
    'ip:',
    `\t${i.ips_total} total packet${s(i.ips_total)} received`,
    `\t${i.ips_badsum} bad header checksum${s(i.ips_badsum)}`,
    `\t${i.ips_toosmall} with size smaller than minimum`,
    `\t${i.ips_tooshort} with data size < data length`,
    `\t${i.ips_badhlen} with header length < data size`,
    `\t${i.ips_badlen} with data length < header length`,
    `\t${i.ips_badvers} with incorrect version number`,
    `\t${i.ips_fragments} fragment${s(i.ips_fragments)} received`,
    `\t${i.ips_delivered} packet${s(i.ips_delivered)} for this host`,
    `\t${i.ips_noproto} packet${s(i.ips_noproto)} for unknown/unsupported protocol`,
    `\t${i.ips_notmember} packet${s(i.ips_notmember)} not for this host (not forwarded)`,
    `\t${i.ips_localout} packet${s(i.ips_localout)} sent from this host`,
    `\t${i.ips_odropped} output packet${s(i.ips_odropped)} dropped due to no bufs, etc.`,
    `\t${i.ips_noroute} output packet${s(i.ips_noroute)} discarded due to no route`,
    `\t${i.ips_cantfrag} datagram${s(i.ips_cantfrag)} that can't be fragmented`,
  ];
}


