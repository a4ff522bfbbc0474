// IP's per-kernel state: statistics, the next ip_id, the protocol table.
// Mirrors sys/netinet/ip_var.h (struct ipstat) and the inetsw[] dispatch
// of sys/netinet/in_proto.c (FreeBSD 5.0).
//
// How to use:
//   ip_state(kernel).ipstat.ips_delivered   // what netstat -s -p ip prints
//   ip_proto_register(kernel, IPPROTO_TCP, tcp_input);   // at boot

import type { Kernel } from '../kern/init_main.ts';
import type { mbuf } from '../sys/mbuf.ts';

/** struct ipstat (the counters the simulation can reach). */
export class ipstat {
  ips_total = 0; // packets IP looked at
  ips_badsum = 0; // header checksum wrong
  ips_tooshort = 0; // shorter than an IP header
  ips_toosmall = 0; // shorter than its ip_len says
  ips_badhlen = 0; // header length beyond the data
  ips_badlen = 0; // ip_len smaller than the header
  ips_fragments = 0; // fragments received (dropped: no reassembly)
  ips_noproto = 0; // no handler for ip_p
  ips_delivered = 0; // handed to TCP (or another protocol)
  ips_localout = 0; // packets this host sent
  ips_odropped = 0; // output dropped for want of mbufs or queue space
  ips_noroute = 0; // output with nowhere to go
  ips_cantfrag = 0; // would need fragmenting: DF set, or no fragmentation here
  ips_badvers = 0; // not IPv4
  ips_notmember = 0; // for another host (this one does not forward)
}

/** A transport's input routine: the packet with its IP header, and the header's length. */
export type ip_proto_input_t = (m: mbuf, off: number) => void;

export interface ip_state_t {
  readonly ipstat: ipstat;
  ip_id: number; // next IP identification
  readonly inetsw: Map<number, ip_proto_input_t>; // pr_input by protocol number
}


/** IP's state on `kernel`. */
export function ip_state(kernel: Kernel): ip_state_t {
  let s = kernel.ip;
  if (s === undefined) kernel.ip = s = { ipstat: new ipstat(), ip_id: 1, inetsw: new Map() };
  return s;
}

/** Registers the input routine of IP protocol `proto`. */
export function ip_proto_register(kernel: Kernel, proto: number, input: ip_proto_input_t): void {
  ip_state(kernel).inetsw.set(proto, input);
}
