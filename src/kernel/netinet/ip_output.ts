// ip_output: completing an IPv4 header and handing the packet to its interface.
// Mirrors sys/netinet/ip_output.c (FreeBSD 5.0), without options,
// multicast, IPsec or fragmentation.
//
// How to use (TCP): build the packet with a 20-byte IP header in front whose
// ip_src, ip_dst, ip_p and ip_len are set (tcp_output does), then
//   const error = ip_output(kernel, m);    // 0, EHOSTUNREACH, EMSGSIZE, ENETDOWN
// ip_output fills version, header length, ip_id, ip_off (DF), ip_ttl and the
// checksum, finds the route, and queues the packet on the interface when the
// CPU has done the work (ip_output_ns): so a busy machine sends late.
// The packet is consumed either way.
//
// Checksums, as 5.0 splits them: the packet arrives with CSUM_TCP in
// m_pkthdr.csum_flags (tcp_output leaves its sum undone) and ip_output adds
// CSUM_IP. What the interface's if_hwassist covers is left to the board
// (ti(4) and em(4) offload by default, see ifconfig's rxcsum/txcsum); the
// rest is done here in software: the TCP sum by in_delayed_cksum, charged
// as checksum work, the 20-byte header sum inside ip_output_ns. Loopback
// has no board, so both sums are always done here.
//
// Routing: the interface whose subnet holds ip_dst (netinet/in_var.ts); a
// packet to one of our own addresses loops back through the IP input queue,
// as lo0 would carry it. Every packet is sent with DF and never fragmented:
// TCP sizes its segments from the interface MTU, so none needs to be, and a
// larger one fails with EMSGSIZE (counted in ips_cantfrag).

import type { Kernel } from '../kern/init_main.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { EHOSTUNREACH, EMSGSIZE, ENETDOWN } from '../sys/errno.ts';
import { CSUM_DELAY_DATA, CSUM_DELAY_IP, CSUM_IP, CSUM_UDP, mtod, type mbuf } from '../sys/mbuf.ts';
import { cksum_ns } from '../engine/cost_model.ts';
import { m_copyback } from '../kern/uipc_mbuf.ts';
import { ETHERTYPE_IP } from '../net/ethernet.ts';
import { ether_link_peer } from '../net/if_ethersubr.ts';
import { IFF_RUNNING, IFF_UP } from '../net/if.ts';
import { NETISR_IP, netisr_dispatch } from '../net/netisr.ts';
import { in_cksum_hdr, in_cksum_skip } from './in_cksum.ts';
import { in_ifaddr_for_dst, in_ifaddr_is_local } from './in_var.ts';
import { IP_DF, IP_HDR_LEN, IP_OFF_SUM, IPDEFTTL, IPVERSION } from './ip.ts';
import { ip_state } from './ip_var.ts';
import { cpu_charge, cpu_run, machine_costs } from '../kern/kern_machine.ts';

/** The MTU of loopback (lo0's LOMTU). */
export const LOMTU = 16384;

/** The MTU towards `dst` (0 if unreachable): what tcp_mss asks of the route. */
export function ip_route_mtu(kernel: Kernel, dst: number): number {
  if (in_ifaddr_is_local(kernel, dst)) return LOMTU;
  return in_ifaddr_for_dst(kernel, dst)?.ia_ifp.if_mtu ?? 0;
}

/** The source address for packets to `dst` (in_pcbconnect's choice), or 0 if unreachable. */
export function ip_route_src(kernel: Kernel, dst: number): number {
  if (in_ifaddr_is_local(kernel, dst)) return dst;
  return in_ifaddr_for_dst(kernel, dst)?.ia_addr ?? 0;
}

/**
 * in_delayed_cksum: finishes in software the transport checksum that
 * tcp_output left undone (th_sum holds the pseudo-header sum; csum_data is
 * the field's offset in the transport header) and charges its cost.
 */
export function in_delayed_cksum(kernel: Kernel, m: mbuf): void {
  const ip = mtod(m, IP_HDR_LEN);
  const hlen = ((ip[0] as number) & 0xf) << 2;
  const ip_len = ((ip[2] as number) << 8) | (ip[3] as number);
  cpu_charge(kernel, 'checksum', cksum_ns(machine_costs(kernel), ip_len - hlen));
  let csum = in_cksum_skip(m, ip_len, hlen);
  if ((m.m_pkthdr.csum_flags & CSUM_UDP) !== 0 && csum === 0) csum = 0xffff;
  const at = hlen + m.m_pkthdr.csum_data;
  const bytes = Uint8Array.of(csum >>> 8, csum & 0xff);
  if (at + 2 <= m.m_len) mtod(m, at + 2).set(bytes, at);
  else m_copyback(m, at, 2, bytes);
}

// Does in software what `hwassist` (the interface's, 0 for loopback) does not do.
function ip_sw_cksum(kernel: Kernel, m: mbuf, hdr: Uint8Array, hwassist: number): void {
  m.m_pkthdr.csum_flags |= CSUM_IP;
  const sw_csum = m.m_pkthdr.csum_flags & ~hwassist;
  if ((sw_csum & CSUM_DELAY_DATA) !== 0) in_delayed_cksum(kernel, m);
  m.m_pkthdr.csum_flags &= hwassist;
  if ((sw_csum & CSUM_DELAY_IP) !== 0) {
    hdr[IP_OFF_SUM] = 0;
    hdr[IP_OFF_SUM + 1] = 0;
    const sum = in_cksum_hdr(hdr);
    hdr[IP_OFF_SUM] = sum >>> 8;
    hdr[IP_OFF_SUM + 1] = sum & 0xff;
  }
}

/** ip_output: see the header. `m` starts with the IP header, contiguous in the first mbuf. */
export function ip_output(kernel: Kernel, m: mbuf): number {
  const st = ip_state(kernel);
  const hdr = mtod(m, IP_HDR_LEN);
  const dv = new DataView(hdr.buffer, hdr.byteOffset, IP_HDR_LEN);
  const dst = dv.getUint32(16);
  const len = m.m_pkthdr.len;
  dv.setUint8(0, (IPVERSION << 4) | (IP_HDR_LEN >> 2));
  dv.setUint16(2, len);
  dv.setUint16(4, st.ip_id);
  st.ip_id = (st.ip_id + 1) & 0xffff;
  dv.setUint16(6, IP_DF);
  if (dv.getUint8(8) === 0) dv.setUint8(8, IPDEFTTL);
  dv.setUint16(IP_OFF_SUM, 0);
  st.ipstat.ips_localout++;
  const costs = machine_costs(kernel);
  if (in_ifaddr_is_local(kernel, dst)) {
    ip_sw_cksum(kernel, m, hdr, 0);
    m.m_pkthdr.rcvif = null;
    cpu_run(kernel, 'protocol', costs.ip_output_ns, () => netisr_dispatch(kernel, NETISR_IP, m));
    return 0;
  }
  const ia = in_ifaddr_for_dst(kernel, dst);
  if (ia === undefined) {
    st.ipstat.ips_noroute++;
    m_freem(m);
    return EHOSTUNREACH;
  }
  const ifp = ia.ia_ifp;
  if ((ifp.if_flags & IFF_UP) === 0) {
    m_freem(m);
    return ENETDOWN;
  }
  if (len > ifp.if_mtu) {
    st.ipstat.ips_cantfrag++;
    m_freem(m);
    return EMSGSIZE;
  }
  ip_sw_cksum(kernel, m, hdr, ifp.if_hwassist);
  const dhost = ether_link_peer(ifp);
  if (dhost === null || (ifp.if_flags & IFF_RUNNING) === 0) {
    // No station at the far end: ARP would never resolve, the packet goes nowhere.
    st.ipstat.ips_odropped++;
    m_freem(m);
    return 0;
  }
  cpu_run(kernel, 'protocol', costs.ip_output_ns, () => {
    if (ifp.if_output(ifp, m, { ether_dhost: dhost, ether_type: ETHERTYPE_IP }) !== 0) st.ipstat.ips_odropped++;
  });
  return 0;
}
