// The most TCP payload a gigabit Ethernet wire can carry: the ceiling no
// benchmark row may pass. No FreeBSD counterpart; arithmetic from the frame
// layout (../shared/reference/README.md, "The wire's limit").
//
//   tcp_goodput_limit_mbps(8192, true)   // 989.1: MTU 9000 with timestamps
//   tcp_goodput_limit_mbps(1448, true)   // 941.5: MTU 1500
//
// Every segment also costs its headers and the Ethernet framing on the
// wire; ACKs travel the other way and take nothing from this direction.

import { IP_HDR_LEN } from '../kernel/netinet/ip.ts';
import { TCP_HDR_LEN, TCPOLEN_TSTAMP_APPA } from '../kernel/netinet/tcp.ts';
import { WIRE_DEFAULT_RATE_BPS, WIRE_OVERHEAD_BYTES } from '../kernel/hardware/wire.ts';
import { MCLBYTES } from '../kernel/sys/param.ts';

// Every size is the kernel's own: the headers from netinet/, the framing
// from the simulated wire (sim/wire.ts), so the ceiling moves with them.

/** Gigabit Ethernet's bit rate, in 10^6 bits/s. */
export const WIRE_RATE_MBPS = WIRE_DEFAULT_RATE_BPS / 1e6;

/** IPv4 (20) and TCP (20) headers without options. */
export const TCP_IP_HDR_BYTES = IP_HDR_LEN + TCP_HDR_LEN;

/** The RFC 1323 timestamp option, padded (TCPOLEN_TSTAMP_APPA): on by default in FreeBSD 5.0. */
export const TCP_TIMESTAMP_BYTES = TCPOLEN_TSTAMP_APPA;

/** Around each IP packet: preamble and SFD 8, Ethernet header 14, FCS 4, inter-frame gap 12. */
export const ETHER_WIRE_OVERHEAD_BYTES = WIRE_OVERHEAD_BYTES;

/**
 * The payload of a full segment between two hosts on one subnet at `mtu`:
 * tcp_mss's rule (netinet/tcp_input.ts), MTU less the headers and options,
 * rounded down to a multiple of MCLBYTES when larger. 8192 at MTU 9000
 * with timestamps; 1448 at 1500.
 */
export function tcp_segment_bytes(mtu: number, timestamps: boolean, mclbytes: number = MCLBYTES): number {
  const mss = mtu - TCP_IP_HDR_BYTES - (timestamps ? TCP_TIMESTAMP_BYTES : 0);
  return mss > mclbytes ? mss - (mss % mclbytes) : mss;
}

/** Wire bytes one TCP segment of `mss` payload bytes occupies. */
export function segment_wire_bytes(mss: number, timestamps: boolean): number {
  return mss + TCP_IP_HDR_BYTES + (timestamps ? TCP_TIMESTAMP_BYTES : 0) + ETHER_WIRE_OVERHEAD_BYTES;
}

/** TCP goodput at full wire rate with segments of `mss` bytes, 10^6 bits/s. */
export function tcp_goodput_limit_mbps(mss: number, timestamps: boolean): number {
  if (!(mss > 0)) throw new RangeError(`tcp_goodput_limit_mbps: MSS must be positive (got ${mss})`);
  return (WIRE_RATE_MBPS * mss) / segment_wire_bytes(mss, timestamps);
}
