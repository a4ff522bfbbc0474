// The IPv4 header.
// Mirrors sys/netinet/ip.h (FreeBSD 5.0).
//
// A header is 20 bytes (no options are ever sent) in network byte order at
// the front of a packet; ip_hdr_get/ip_hdr_put convert it to and from a
// plain object. Offsets are named so code that patches one field (the
// checksum, the length) can do it in place.

export const IPVERSION = 4;
/** Bytes of an IPv4 header without options (struct ip). */
export const IP_HDR_LEN = 20;
/** Largest IP packet, bytes. */
export const IP_MAXPACKET = 65535;
/** Default time to live (net.inet.ip.ttl; IPDEFTTL in ip_var.h). */
export const IPDEFTTL = 64;

// ip_off flags.
export const IP_RF = 0x8000; // must be zero
export const IP_DF = 0x4000; // do not fragment
export const IP_MF = 0x2000; // more fragments follow
export const IP_OFFMASK = 0x1fff; // the fragment offset, in 8-byte units

// Field offsets in the header.
export const IP_OFF_LEN = 2;
export const IP_OFF_SUM = 10;
export const IP_OFF_SRC = 12;
export const IP_OFF_DST = 16;

/** struct ip, host order. */
export interface ip {
  ip_v: number; // 4
  ip_hl: number; // header length, 32-bit words
  ip_tos: number; // TOS byte
  ip_len: number; // total length, bytes
  ip_id: number; // for reassembling fragments
  ip_off: number; // IP_DF, IP_MF and the offset
  ip_ttl: number; // hops left
  ip_p: number; // IPPROTO_* of the payload
  ip_sum: number; // ones' complement sum of the header
  ip_src: number; // sender, host order
  ip_dst: number; // receiver, host order
}

/** Reads the header at the start of `b` (at least 20 bytes). */
export function ip_hdr_get(b: Uint8Array): ip {
  const v = new DataView(b.buffer, b.byteOffset, IP_HDR_LEN);
  const vhl = v.getUint8(0);
  return {
    ip_v: vhl >> 4,
    ip_hl: vhl & 15,
    ip_tos: v.getUint8(1),
    ip_len: v.getUint16(2),
    ip_id: v.getUint16(4),
    ip_off: v.getUint16(6),
    ip_ttl: v.getUint8(8),
    ip_p: v.getUint8(9),
    ip_sum: v.getUint16(10),
    ip_src: v.getUint32(12),
    ip_dst: v.getUint32(16),
  };
}

/** Writes `h` as a 20-byte header at the start of `b`. */
export function ip_hdr_put(b: Uint8Array, h: ip): void {
  const v = new DataView(b.buffer, b.byteOffset, IP_HDR_LEN);
  v.setUint8(0, (h.ip_v << 4) | h.ip_hl);
  v.setUint8(1, h.ip_tos);
  v.setUint16(2, h.ip_len);
  v.setUint16(4, h.ip_id);
  v.setUint16(6, h.ip_off);
  v.setUint8(8, h.ip_ttl);
  v.setUint8(9, h.ip_p);
  v.setUint16(10, h.ip_sum);
  v.setUint32(12, h.ip_src);
  v.setUint32(16, h.ip_dst);
}
