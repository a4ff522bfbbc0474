// TCP connection states and the flags each state sends.
// Mirrors sys/netinet/tcp_fsm.h (FreeBSD 5.0).

import { TH_ACK, TH_FIN, TH_RST, TH_SYN } from './tcp.ts';

export const TCP_NSTATES = 11;
export const TCPS_CLOSED = 0; // closed
export const TCPS_LISTEN = 1; // listening for connection
export const TCPS_SYN_SENT = 2; // active, have sent syn
export const TCPS_SYN_RECEIVED = 3; // have sent and received syn
export const TCPS_ESTABLISHED = 4; // established
export const TCPS_CLOSE_WAIT = 5; // rcvd fin, waiting for close
export const TCPS_FIN_WAIT_1 = 6; // have closed, sent fin
export const TCPS_CLOSING = 7; // closed xchd FIN; await FIN ACK
export const TCPS_LAST_ACK = 8; // had fin and close; await FIN ACK
export const TCPS_FIN_WAIT_2 = 9; // have closed, fin is acked
export const TCPS_TIME_WAIT = 10; // in 2*msl quiet wait after close

export function TCPS_HAVERCVDSYN(s: number): boolean {
  return s >= TCPS_SYN_RECEIVED;
}
export function TCPS_HAVEESTABLISHED(s: number): boolean {
  return s >= TCPS_ESTABLISHED;
}
export function TCPS_HAVERCVDFIN(s: number): boolean {
  return s >= TCPS_TIME_WAIT;
}

/** tcp_outflags[]: the flags a segment sent in each state carries. */
export const tcp_outflags: readonly number[] = [
  TH_RST | TH_ACK, 0, TH_SYN, TH_SYN | TH_ACK, TH_ACK, TH_ACK, TH_FIN | TH_ACK, TH_FIN | TH_ACK, TH_FIN | TH_ACK, TH_ACK, TH_ACK,
];

/** tcpstates[]: names as netstat prints them. */
export const tcpstates: readonly string[] = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'CLOSING', 'LAST_ACK', 'FIN_WAIT_2', 'TIME_WAIT',
];
