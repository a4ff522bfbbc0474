// Ethernet frame geometry and type codes.
// Mirrors sys/net/ethernet.h (FreeBSD 5.0).
//
// How to use: read and write headers with ether_header_get / ether_header_put,
// print addresses with ether_sprintf. What a frame costs on the wire beyond
// these bytes (preamble, inter-frame gap) is the PHY's business: sim/wire.ts.

export const ETHER_ADDR_LEN = 6; // bytes in an Ethernet address
export const ETHER_TYPE_LEN = 2; // bytes in the type field
export const ETHER_CRC_LEN = 4; // bytes in the frame check sequence (CRC)
export const ETHER_HDR_LEN = ETHER_ADDR_LEN * 2 + ETHER_TYPE_LEN; // 14
export const ETHER_MIN_LEN = 64; // shortest legal frame, CRC included
export const ETHER_MAX_LEN = 1518; // longest standard frame, CRC included
export const ETHERMTU = ETHER_MAX_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN; // 1500
export const ETHERMIN = ETHER_MIN_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN; // 46

/**
 * The jumbo frame MTU of the gigabit NICs of 2002 (ti(4)'s TI_JUMBO_MTU is
 * 9000 minus headers, and switches of the day took 9000-byte payloads).
 * Later ethernet.h calls it ETHERMTU_JUMBO; 5.0 had no name for it.
 */
export const ETHERMTU_JUMBO = 9000;
export const ETHER_MAX_LEN_JUMBO = ETHERMTU_JUMBO + ETHER_HDR_LEN + ETHER_CRC_LEN; // 9018

export const ETHERTYPE_IP = 0x0800; // IPv4
export const ETHERTYPE_ARP = 0x0806; // ARP
export const ETHERTYPE_REVARP = 0x8035; // RARP
export const ETHERTYPE_VLAN = 0x8100; // an 802.1Q tag follows
export const ETHERTYPE_IPV6 = 0x86dd; // IPv6
export const ETHERTYPE_LOOPBACK = 0x9000; // Ethernet loopback test frames

/** struct ether_header, decoded. */
export interface ether_header {
  readonly ether_dhost: Uint8Array; // destination address, 6 bytes
  readonly ether_shost: Uint8Array; // source address, 6 bytes
  readonly ether_type: number; // ETHERTYPE_*, host order
}

/** The all-ones broadcast address. */
export const etherbroadcastaddr: Readonly<Uint8Array> = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** Decodes the 14-byte header at the start of `frame` (copies the addresses). */
export function ether_header_get(frame: Uint8Array): ether_header {
  return {
    ether_dhost: frame.slice(0, ETHER_ADDR_LEN),
    ether_shost: frame.slice(ETHER_ADDR_LEN, 2 * ETHER_ADDR_LEN),
    ether_type: ((frame[12] ?? 0) << 8) | (frame[13] ?? 0),
  };
}

/** Writes a header into the first 14 bytes of `buf` (type in network order). */
export function ether_header_put(buf: Uint8Array, eh: ether_header): void {
  buf.set(eh.ether_dhost.subarray(0, ETHER_ADDR_LEN), 0);
  buf.set(eh.ether_shost.subarray(0, ETHER_ADDR_LEN), ETHER_ADDR_LEN);
  buf[12] = (eh.ether_type >> 8) & 0xff;
  buf[13] = eh.ether_type & 0xff;
}

/** ETHER_IS_MULTICAST: the group bit (broadcast included). */
export function ETHER_IS_MULTICAST(addr: Uint8Array): boolean {
  return ((addr[0] ?? 0) & 0x01) !== 0;
}

/** True if two 6-byte addresses are equal. */
export function ether_addr_equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < ETHER_ADDR_LEN; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ether_sprintf(9): "00:02:b3:00:00:01". */
export function ether_sprintf(addr: Uint8Array): string {
  return Array.from(addr.subarray(0, ETHER_ADDR_LEN), (b) => b.toString(16).padStart(2, '0')).join(':');
}
