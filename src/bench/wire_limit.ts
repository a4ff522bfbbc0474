// The most TCP payload a gigabit Ethernet wire can carry: the ceiling no
// benchmark row may pass. No FreeBSD counterpart; arithmetic from the frame
// layout (../shared/reference/README.md, "The wire's limit").
//
//   tcp_goodput_limit_mbps(8192, true)   // 989.1: MTU 9000 with timestamps
//   tcp_goodput_limit_mbps(1448, true)   // 941.5: MTU 1500
//
// Every segment also costs its headers and the Ethernet framing on the
// wire; ACKs travel the other way and take nothing from this direction.

/** Gigabit Ethernet's bit rate, in 10^6 bits/s. */
export const WIRE_RATE_MBPS = 1000;

/** IPv4 (20) and TCP (20) headers without options. */
export const TCP_IP_HDR_BYTES = 40;

/** The RFC 1323 timestamp option, padded (TCPOLEN_TSTAMP_APPA): on by default in FreeBSD 5.0. */
export const TCP_TIMESTAMP_BYTES = 12;

/** Around each IP packet: preamble and SFD 8, Ethernet header 14, FCS 4, inter-frame gap 12. */
export const ETHER_WIRE_OVERHEAD_BYTES = 38;

/** Wire bytes one TCP segment of `mss` payload bytes occupies. */
export function segment_wire_bytes(mss: number, timestamps: boolean): number {
  return mss + TCP_IP_HDR_BYTES + (timestamps ? TCP_TIMESTAMP_BYTES : 0) + ETHER_WIRE_OVERHEAD_BYTES;
}

/** TCP goodput at full wire rate with segments of `mss` bytes, 10^6 bits/s. */
export function tcp_goodput_limit_mbps(mss: number, timestamps: boolean): number {
  if (!(mss > 0)) throw new RangeError(`tcp_goodput_limit_mbps: MSS must be positive (got ${mss})`);
  return (WIRE_RATE_MBPS * mss) / segment_wire_bytes(mss, timestamps);
}
