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
// Routing: the interface whose subnet holds ip_dst (netinet/in_var.ts); a
// packet to one of our own addresses loops back through the IP input queue,
// as lo0 would carry it. Every packet is sent with DF and never fragmented:
// TCP sizes its segments from the interface MTU, so none needs to be, and a
// larger one fails with EMSGSIZE (counted in ips_cantfrag).

import type { Kernel } from '../kern/init_main.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { EHOSTUNREACH, EMSGSIZE, ENETDOWN } from '../sys/errno.ts';
import { mtod, type mbuf } from '../sys/mbuf.ts';
import { cpu_run, machine_costs } from '../sim/cpu.ts';
import { ETHERTYPE_IP } from '../net/ethernet.ts';
import { ether_link_peer } from '../net/if_ethersubr.ts';
import { IFF_RUNNING, IFF_UP } from '../net/if.ts';
import { NETISR_IP, netisr_dispatch } from '../net/netisr.ts';
import { in_cksum_hdr } from './in_cksum.ts';
import { in_ifaddr_for_dst, in_ifaddr_is_local } from './in_var.ts';
import { IP_DF, IP_HDR_LEN, IP_OFF_SUM, IPDEFTTL, IPVERSION } from './ip.ts';
import { ip_state } from './ip_var.ts';

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
  dv.setUint16(IP_OFF_SUM, in_cksum_hdr(hdr));
  st.ipstat.ips_localout++;
  const costs = machine_costs(kernel);
  if (in_ifaddr_is_local(kernel, dst)) {
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
