// ip_input: checking a received IPv4 packet and passing it to its protocol.
// Mirrors sys/netinet/ip_input.c (FreeBSD 5.0), without forwarding,
// options or reassembly.
//
// Registered with netisr at boot (ip_init); each packet arrives without its
// Ethernet header. It costs ip_input_ns of CPU (plus the header checksum)
// and is handled when the CPU has done that work. Checks, in 5.0's order:
// length, version, header length, checksum (the board's verdict when it
// checked, CSUM_IP_CHECKED), total length; then it must be
// for one of our addresses (no forwarding: net.inet.ip.forwarding=0) and
// not a fragment (fragments are counted and dropped: senders here set DF).
// The protocol's input routine gets the packet, IP header included, and
// the header length; an unknown protocol is counted in ips_noproto.

import type { Kernel } from '../kern/init_main.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { m_adj, m_pullup } from '../kern/uipc_mbuf.ts';
import { SI_ORDER_ANY, SI_SUB_PROTO_DOMAIN, type SysInit } from '../sys/kernel.ts';
import { CSUM_IP_CHECKED, CSUM_IP_VALID, mtod, type mbuf } from '../sys/mbuf.ts';
import { NETISR_IP, netisr_register } from '../net/netisr.ts';
import { in_cksum_hdr } from './in_cksum.ts';
import { in_ifaddr_is_local } from './in_var.ts';
import { IP_HDR_LEN, IP_MF, IP_OFFMASK, IPVERSION } from './ip.ts';
import { ip_state } from './ip_var.ts';
import { cpu_run, machine_costs } from '../kern/kern_machine.ts';

/** ip_input: the NETISR_IP handler. Consumes `m`. */
export function ip_input(kernel: Kernel, m: mbuf): void {
  cpu_run(kernel, 'protocol', machine_costs(kernel).ip_input_ns, () => ip_input_finish(kernel, m));
}

function ip_input_finish(kernel: Kernel, m: mbuf): void {
  const st = ip_state(kernel);
  const ips = st.ipstat;
  ips.ips_total++;
  if (m.m_pkthdr.len < IP_HDR_LEN) {
    ips.ips_tooshort++;
    m_freem(m);
    return;
  }
  let mm: mbuf | null = m;
  if (m.m_len < IP_HDR_LEN) {
    mm = m_pullup(m, IP_HDR_LEN);
    if (mm === null) {
      ips.ips_toosmall++;
      return;
    }
  }
  m = mm;
  const h = mtod(m, IP_HDR_LEN);
  const vhl = h[0] as number;
  if (vhl >> 4 !== IPVERSION) {
    ips.ips_badvers++;
    m_freem(m);
    return;
  }
  const hlen = (vhl & 15) << 2;
  if (hlen < IP_HDR_LEN || hlen > m.m_len) {
    ips.ips_badhlen++;
    m_freem(m);
    return;
  }
  // A board that checked the header (CSUM_IP_CHECKED) says whether it was right; otherwise sum it here.
  const bad_sum = (m.m_pkthdr.csum_flags & CSUM_IP_CHECKED) !== 0 ? (m.m_pkthdr.csum_flags & CSUM_IP_VALID) === 0 : in_cksum_hdr(h) !== 0;
  if (bad_sum) {
    ips.ips_badsum++;
    m_freem(m);
    return;
  }
  const ip_len = ((h[2] as number) << 8) | (h[3] as number);
  if (ip_len < hlen) {
    ips.ips_badlen++;
    m_freem(m);
    return;
  }
  if (m.m_pkthdr.len < ip_len) {
    ips.ips_tooshort++;
    m_freem(m);
    return;
  }
  // Ethernet pads short frames: trim to the IP length.
  if (m.m_pkthdr.len > ip_len) m_adj(m, ip_len - m.m_pkthdr.len);
  const dst = (((h[16] as number) << 24) | ((h[17] as number) << 16) | ((h[18] as number) << 8) | (h[19] as number)) >>> 0;
  if (!in_ifaddr_is_local(kernel, dst)) {
    ips.ips_notmember++;
    m_freem(m);
    return;
  }
  const off = ((h[6] as number) << 8) | (h[7] as number);
  if ((off & (IP_MF | IP_OFFMASK)) !== 0) {
    ips.ips_fragments++;
    m_freem(m);
    return;
  }
  const input = st.inetsw.get(h[9] as number);
  if (input === undefined) {
    ips.ips_noproto++;
    m_freem(m);
    return;
  }
  ips.ips_delivered++;
  input(m, hlen);
}

function ip_init(kernel: Kernel): void {
  netisr_register(kernel, NETISR_IP, (m) => ip_input(kernel, m));
}

export const ip_init_sysinit: SysInit = { name: 'ip_init', subsystem: SI_SUB_PROTO_DOMAIN, order: SI_ORDER_ANY, func: ip_init };
