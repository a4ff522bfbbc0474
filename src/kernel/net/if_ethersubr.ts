// Ethernet's link layer: attach, output (prepend the 14-byte header and
// queue for the driver) and input (check, strip, hand to the protocol).
// Mirrors sys/net/if_ethersubr.c (FreeBSD 5.0, after if_input arrived).
//
// How to use:
//   ether_ifattach(ifp, enaddr);      // a driver, once, at attach
//   ifp.if_output(ifp, m, { ether_dhost, ether_type: ETHERTYPE_IP });
//       // = ether_output: 0, or ENETDOWN / ENOBUFS / EMSGSIZE; m is consumed
//   ifp.if_input(ifp, m);             // = ether_input, from the driver
// The protocol above registers with netisr_register(kernel, NETISR_IP, ...)
// and receives packets with the Ethernet header stripped. There is no ARP:
// on the simulated point-to-point wires the only other station is the one
// at the far end, and ether_link_peer(ifp) gives its address (what
// arpresolve() would have learnt); a protocol may still run real ARP over
// NETISR_ARP.
// CPU: ether_output_ns and ether_input_ns of protocol time per packet, on
// the interface's machine.

import { m_freem } from '../kern/subr_mbuf.ts';
import { SDT_PROBE } from '../kern/kern_sdt.ts';
import { m_adj, M_PREPEND } from '../kern/uipc_mbuf.ts';
import { EMSGSIZE, ENETDOWN, ENOBUFS } from '../sys/errno.ts';
import { M_BCAST, M_DONTWAIT, M_MCAST, M_PKTHDR, mtod, type mbuf } from '../sys/mbuf.ts';
import {
  ETHER_ADDR_LEN,
  ETHER_HDR_LEN,
  ETHERMTU,
  ETHERTYPE_ARP,
  ETHERTYPE_IP,
  ETHERTYPE_IPV6,
  ETHER_IS_MULTICAST,
  ether_addr_equal,
  ether_header_get,
  ether_header_put,
  ether_sprintf,
  etherbroadcastaddr,
} from './ethernet.ts';
import { IF_HANDOFF, if_attach, IFF_BROADCAST, IFF_MULTICAST, IFF_PROMISC, IFF_RUNNING, IFF_SIMPLEX, IFF_UP, IFT_ETHER } from './if.ts';
import type { ether_dst, ifnet } from './if_var.ts';
import { NETISR_ARP, NETISR_IP, NETISR_IPV6, netisr_dispatch } from './netisr.ts';
import { cpu_charge, machine_costs } from '../kern/kern_machine.ts';

/**
 * ether_ifattach: makes `ifp` an Ethernet interface with address `enaddr`
 * (6 bytes), attaches it and prints its address as 5.0 does. The driver
 * sets if_start, if_ioctl, if_init and if_softc before calling.
 */
export function ether_ifattach(ifp: ifnet, enaddr: Uint8Array): void {
  ifp.if_type = IFT_ETHER;
  ifp.if_addrlen = ETHER_ADDR_LEN;
  ifp.if_hdrlen = ETHER_HDR_LEN;
  ifp.if_mtu = ETHERMTU;
  ifp.if_flags |= IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
  ifp.if_output = ether_output;
  ifp.if_input = ether_input;
  ifp.ac_enaddr = enaddr.slice(0, ETHER_ADDR_LEN);
  if_attach(ifp);
  ifp.if_kernel.printf(`${ifp.if_xname}: Ethernet address: ${ether_sprintf(ifp.ac_enaddr)}`);
}

/**
 * ether_output: prepends the Ethernet header to packet `m` (M_PKTHDR, the
 * network-layer packet) and hands it to the driver's send queue. Returns 0,
 * or ENETDOWN (interface not up and running), EMSGSIZE (longer than the
 * MTU; ip_output fragments first, so only raw senders see it) or ENOBUFS
 * (no mbuf for the header, or the send queue is full). Consumes `m`.
 */
export function ether_output(ifp: ifnet, m: mbuf, dst: ether_dst): number {
  if ((ifp.if_flags & (IFF_UP | IFF_RUNNING)) !== (IFF_UP | IFF_RUNNING)) {
    m_freem(m);
    return ENETDOWN;
  }
  if ((m.m_flags & M_PKTHDR) === 0 || m.m_pkthdr.len > ifp.if_mtu) {
    m_freem(m);
    return EMSGSIZE;
  }
  cpu_charge(ifp.if_kernel, 'protocol', machine_costs(ifp.if_kernel).ether_output_ns);
  const mh = M_PREPEND(m, ETHER_HDR_LEN, M_DONTWAIT);
  if (mh === null) return ENOBUFS;
  ether_header_put(mtod(mh, ETHER_HDR_LEN), { ether_dhost: dst.ether_dhost, ether_shost: ifp.ac_enaddr, ether_type: dst.ether_type });
  if (ETHER_IS_MULTICAST(dst.ether_dhost)) mh.m_flags |= ether_addr_equal(dst.ether_dhost, etherbroadcastaddr) ? M_BCAST : M_MCAST;
  return ether_output_frame(ifp, mh);
}

/** ether_output_frame: queues a complete frame for the driver. 0 or ENOBUFS; consumes `m`. */
export function ether_output_frame(ifp: ifnet, m: mbuf): number {
  if (ifp.if_kernel.sdt.on) SDT_PROBE(ifp.if_kernel, 'frame', ifp, m, 'tx');
  return IF_HANDOFF(ifp.if_snd, m, ifp) ? 0 : ENOBUFS;
}

/**
 * ether_input: a frame from the driver (header in the mbuf, FCS already
 * checked and removed by the hardware). Counts its bytes, drops frames for
 * other stations (unless IFF_PROMISC) and frames on a down interface, then
 * demultiplexes. Consumes `m`.
 */
export function ether_input(ifp: ifnet, m: mbuf): void {
  if ((ifp.if_flags & IFF_UP) === 0 || m.m_len < ETHER_HDR_LEN) {
    m_freem(m);
    return;
  }
  m.m_pkthdr.rcvif = ifp;
  if (ifp.if_kernel.sdt.on) SDT_PROBE(ifp.if_kernel, 'frame', ifp, m, 'rx');
  ifp.if_ibytes += m.m_pkthdr.len;
  cpu_charge(ifp.if_kernel, 'protocol', machine_costs(ifp.if_kernel).ether_input_ns);
  const eh = ether_header_get(mtod(m, ETHER_HDR_LEN));
  if (ETHER_IS_MULTICAST(eh.ether_dhost)) {
    m.m_flags |= ether_addr_equal(eh.ether_dhost, etherbroadcastaddr) ? M_BCAST : M_MCAST;
    ifp.if_imcasts++;
  } else if (!ether_addr_equal(eh.ether_dhost, ifp.ac_enaddr) && (ifp.if_flags & IFF_PROMISC) === 0) {
    m_freem(m);
    return;
  }
  ether_demux(ifp, m, eh.ether_type);
}

/** ether_demux: strips the header and queues the packet for its protocol; unknown types count as if_noproto. */
export function ether_demux(ifp: ifnet, m: mbuf, ether_type: number): void {
  m_adj(m, ETHER_HDR_LEN);
  const isr = ether_type === ETHERTYPE_IP ? NETISR_IP : ether_type === ETHERTYPE_ARP ? NETISR_ARP : ether_type === ETHERTYPE_IPV6 ? NETISR_IPV6 : -1;
  if (isr < 0) {
    ifp.if_noproto++;
    m_freem(m);
    return;
  }
  netisr_dispatch(ifp.if_kernel, isr, m);
}

/** The Ethernet address at the far end of `ifp`'s wire (what ARP would learn), or null if unwired. */
export function ether_link_peer(ifp: ifnet): Uint8Array | null {
  return ifp.if_port?.port_wire?.peer.port.port_enaddr ?? null;
}

export { ether_crc32_le } from '../libkern/crc32.ts';
