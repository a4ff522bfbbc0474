// A network board's checksum engine: what the Tigon's firmware and the
// PRO/1000's descriptor logic compute over a frame, in the board, at no CPU
// cost to the host. No FreeBSD counterpart (it is hardware).
//
// How a board uses it:
//   const l = frame_ipv4(data);                 // where the headers are, or null
//   nic_tx_cksum(data, l, ip, l4);              // send: fill in the sums the host left undone
//   const s = nic_rx_cksum(data, l);            // receive: the sums the driver reports up
// The host's side of the convention is 5.0's: tcp_output leaves the
// pseudo-header sum in th_sum (in_pseudo, not complemented) and the board
// adds the segment's bytes to it and stores the complement; on receive the
// board reports its sum of the segment without the pseudo header
// (TI_RCB_FLAG_NO_PHDR_CKSUM), which tcp_input completes.

import { ETHER_HDR_LEN, ETHERTYPE_IP } from '../net/ethernet.ts';
import { in_cksum_add, in_cksum_fold, in_cksum_reduce } from '../libkern/inet_cksum.ts';

/** IP protocol numbers the engine knows. */
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
/** Offset of the checksum field in a TCP header and in a UDP header. */
const TCP_SUM_OFF = 16;
const UDP_SUM_OFF = 6;
/** Offset of ip_sum in the IP header. */
const IP_SUM_OFF = 10;

/** Where an IPv4 frame's headers are. */
export interface frame_layout {
  readonly ip_off: number; // the IP header's offset in the frame
  readonly ip_hlen: number; // its length, bytes
  readonly proto: number; // ip_p
  readonly l4_off: number; // the transport header's offset
  readonly l4_len: number; // transport header + data, bytes (from ip_len)
  readonly first_frag: boolean; // fragment offset 0 (the transport header is here)
  readonly more_frags: boolean; // IP_MF
}

/** The layout of an IPv4 frame (Ethernet header first), or null for anything else or a truncated one. */
export function frame_ipv4(data: Uint8Array): frame_layout | null {
  const ip_off = ETHER_HDR_LEN;
  if (data.length < ip_off + 20) return null;
  if ((((data[12] as number) << 8) | (data[13] as number)) !== ETHERTYPE_IP) return null;
  const vhl = data[ip_off] as number;
  if (vhl >> 4 !== 4) return null;
  const ip_hlen = (vhl & 0xf) * 4;
  const ip_len = ((data[ip_off + 2] as number) << 8) | (data[ip_off + 3] as number);
  if (ip_hlen < 20 || ip_len < ip_hlen || ip_off + ip_len > data.length) return null;
  const off = ((data[ip_off + 6] as number) << 8) | (data[ip_off + 7] as number);
  return {
    ip_off,
    ip_hlen,
    proto: data[ip_off + 9] as number,
    l4_off: ip_off + ip_hlen,
    l4_len: ip_len - ip_hlen,
    first_frag: (off & 0x1fff) === 0,
    more_frags: (off & 0x2000) !== 0,
  };
}

/** True if the engine can sum this frame's transport segment: TCP or UDP, not fragmented. */
function l4_summable(l: frame_layout): boolean {
  return (l.proto === IPPROTO_TCP || l.proto === IPPROTO_UDP) && l.first_frag && !l.more_frags;
}

function put16(data: Uint8Array, at: number, v: number): void {
  data[at] = v >>> 8;
  data[at + 1] = v & 0xff;
}

/**
 * Fills in, in the frame the board is about to send, the IP header sum
 * (`ip`) and the TCP or UDP sum (`l4`), as the host's descriptor asked.
 * A frame the engine cannot parse goes out as the host built it.
 */
export function nic_tx_cksum(data: Uint8Array, l: frame_layout | null, ip: boolean, l4: boolean): void {
  if (l === null) return;
  if (ip) {
    put16(data, l.ip_off + IP_SUM_OFF, 0);
    put16(data, l.ip_off + IP_SUM_OFF, in_cksum_fold(in_cksum_add(0, data, l.ip_off, l.ip_hlen)));
  }
  if (l4 && l4_summable(l)) {
    // th_sum (uh_sum) already holds the pseudo-header sum: summing the segment completes it.
    let sum = in_cksum_fold(in_cksum_add(0, data, l.l4_off, l.l4_len));
    if (l.proto === IPPROTO_UDP && sum === 0) sum = 0xffff;
    put16(data, l.l4_off + (l.proto === IPPROTO_TCP ? TCP_SUM_OFF : UDP_SUM_OFF), sum);
  }
}

/** What the board found in a received frame. */
export interface rx_cksum {
  readonly ip_sum: number; // the header's words summed, not complemented: 0xffff when ip_sum is right
  readonly l4_sum: number; // the transport segment's words summed, no pseudo header, not complemented (0: not summed)
  readonly l4_summed: boolean; // the segment was TCP or UDP and unfragmented
}

/** Sums a received frame as the board's receive engine does. */
export function nic_rx_cksum(data: Uint8Array, l: frame_layout | null): rx_cksum {
  if (l === null) return { ip_sum: 0, l4_sum: 0, l4_summed: false };
  const ip_sum = in_cksum_reduce(in_cksum_add(0, data, l.ip_off, l.ip_hlen));
  if (!l4_summable(l)) return { ip_sum, l4_sum: 0, l4_summed: false };
  return { ip_sum, l4_sum: in_cksum_reduce(in_cksum_add(0, data, l.l4_off, l.l4_len)), l4_summed: true };
}

/** The pseudo-header sum of `l` (source, destination, protocol, length), folded, not complemented: for a board that includes it. */
export function frame_pseudo_sum(data: Uint8Array, l: frame_layout): number {
  const src = data.subarray(l.ip_off + 12, l.ip_off + 20);
  let s = l.proto + l.l4_len;
  for (let i = 0; i < 8; i += 2) s += ((src[i] as number) << 8) | (src[i + 1] as number);
  return in_cksum_reduce(s);
}
