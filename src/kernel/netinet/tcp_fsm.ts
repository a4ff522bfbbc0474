// TCP connection states and the flags each state sends.
// Mirrors sys/netinet/tcp_fsm.h (FreeBSD 5.0).

import { TH_ACK, TH_FIN, TH_RST, TH_SYN } from './tcp.ts';

export const TCP_NSTATES = 11;
export const TCPS_CLOSED = 0; // no connection
export const TCPS_LISTEN = 1; // waiting for a SYN
export const TCPS_SYN_SENT = 2; // connecting: our SYN is out
export const TCPS_SYN_RECEIVED = 3; // passive open: SYN in, SYN-ACK out
export const TCPS_ESTABLISHED = 4; // open both ways
export const TCPS_CLOSE_WAIT = 5; // the peer sent FIN; our side still open
export const TCPS_FIN_WAIT_1 = 6; // we sent FIN, not yet acknowledged
export const TCPS_CLOSING = 7; // both sent FIN at once; waiting for the ACK of ours
export const TCPS_LAST_ACK = 8; // peer's FIN in, ours out; waiting for its ACK
export const TCPS_FIN_WAIT_2 = 9; // our FIN acknowledged; waiting for the peer's
export const TCPS_TIME_WAIT = 10; // closed; holding the port for 2 MSL

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
