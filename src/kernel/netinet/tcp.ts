// The TCP header and its options.
// Mirrors sys/netinet/tcp.h (FreeBSD 5.0).
//
// A header is 20 bytes plus options, in network byte order, right after the
// IP header. tcp_hdr_get reads one into a plain object; tcp_output writes
// its headers field by field (offsets below). Options sent by FreeBSD 5.0:
// MSS and window scale on a SYN, and the 12-byte timestamp block
// (NOP, NOP, TIMESTAMP) on every segment once both ends agreed to RFC 1323.

export const TCP_HDR_LEN = 20; // sizeof(struct tcphdr)

// th_flags.
export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_PUSH = 0x08;
export const TH_ACK = 0x10;
export const TH_URG = 0x20;

// Options.
export const TCPOPT_EOL = 0;
export const TCPOPT_NOP = 1;
export const TCPOPT_MAXSEG = 2;
export const TCPOLEN_MAXSEG = 4;
export const TCPOPT_WINDOW = 3;
export const TCPOLEN_WINDOW = 3;
export const TCPOPT_TIMESTAMP = 8;
export const TCPOLEN_TIMESTAMP = 10;
/** NOP, NOP, TIMESTAMP: the appendix A layout, 12 bytes. */
export const TCPOLEN_TSTAMP_APPA = TCPOLEN_TIMESTAMP + 2;
/** The longest option block. */
export const MAX_TCPOPTLEN = 40;

/** Default maximum segment size (net.inet.tcp.mssdflt): RFC 879's 536, rounded down by BSD to 512. */
export const TCP_MSS = 512;
/** Largest window without scaling. */
export const TCP_MAXWIN = 65535;
/** Largest window shift (RFC 1323). */
export const TCP_MAX_WINSHIFT = 14;

// Socket options at level IPPROTO_TCP.
export const TCP_NODELAY = 0x01; // send small segments at once (no Nagle)
export const TCP_MAXSEG = 0x02; // cap the MSS
export const TCP_NOPUSH = 0x04; // hold back a partial last segment
export const TCP_NOOPT = 0x08; // send no options

// Field offsets in the header.
export const TH_OFF_SPORT = 0;
export const TH_OFF_DPORT = 2;
export const TH_OFF_SEQ = 4;
export const TH_OFF_ACK = 8;
export const TH_OFF_OFFX2 = 12;
export const TH_OFF_FLAGS = 13;
export const TH_OFF_WIN = 14;
export const TH_OFF_SUM = 16;
export const TH_OFF_URP = 18;

/** struct tcphdr, host order. */
export interface tcphdr {
  th_sport: number; // sender's port
  th_dport: number; // receiver's port
  th_seq: number; // of the first data byte
  th_ack: number; // next byte expected from the peer
  th_off: number; // data offset, 32-bit words
  th_flags: number; // TH_*
  th_win: number; // receive window offered, before scaling
  th_sum: number; // over the pseudo-header, header and data
  th_urp: number; // end of urgent data, with TH_URG
}

/** Reads the 20-byte header at b[off]. */
export function tcp_hdr_get(b: Uint8Array, off: number): tcphdr {
  const v = new DataView(b.buffer, b.byteOffset + off, TCP_HDR_LEN);
  return {
    th_sport: v.getUint16(0),
    th_dport: v.getUint16(2),
    th_seq: v.getUint32(4),
    th_ack: v.getUint32(8),
    th_off: v.getUint8(12) >> 4,
    th_flags: v.getUint8(13),
    th_win: v.getUint16(14),
    th_sum: v.getUint16(16),
    th_urp: v.getUint16(18),
  };
}

/** The flags as tcpdump prints them: "S", "S.", "F.", "R.", "P."... */
export function tcp_flags_string(f: number): string {
  let s = '';
  if (f & TH_SYN) s += 'S';
  if (f & TH_FIN) s += 'F';
  if (f & TH_RST) s += 'R';
  if (f & TH_PUSH) s += 'P';
  if (f & TH_ACK) s += '.';
  return s === '' ? 'none' : s;
}
