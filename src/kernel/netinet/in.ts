// Internet addresses, protocol numbers and struct sockaddr_in.
// Mirrors sys/netinet/in.h (FreeBSD 5.0).
//
// How to use:
//   const sin = sockaddr_in('10.0.0.2', 7);        // connect/bind argument
//   inet_addr('10.0.0.2') === 0x0a000002; inet_ntoa(0x0a000002) === '10.0.0.2'
// Addresses and ports are plain numbers in host order: a sockaddr_in here
// is the value the kernel copies in from the user, not bytes in memory,
// so there is no htons/htonl to forget. On the wire they are big-endian.

import { AF_INET } from '../sys/socket.ts';

// Protocols (RFC 1700).
export const IPPROTO_IP = 0; // IP itself, for socket options
export const IPPROTO_ICMP = 1; // ICMP
export const IPPROTO_TCP = 6; // TCP
export const IPPROTO_UDP = 17; // UDP

export const INADDR_ANY = 0x00000000;
export const INADDR_LOOPBACK = 0x7f000001;
export const INADDR_BROADCAST = 0xffffffff;

/** IPPORT_RESERVED: ports below it need root to bind. */
export const IPPORT_RESERVED = 1024;
/** IPPORT_USERRESERVED: the top of the default ephemeral range in 5.0 (net.inet.ip.portrange.last). */
export const IPPORT_USERRESERVED = 5000;

/** struct sockaddr_in. */
export interface sockaddr_in {
  readonly sin_len: number; // 16
  readonly sin_family: number; // AF_INET
  readonly sin_port: number; // port, host order
  readonly sin_addr: number; // IPv4 address, host order (0 = INADDR_ANY)
}

/** A sockaddr_in for address `addr` (dotted quad or number) and `port`. */
export function sockaddr_in(addr: string | number, port: number): sockaddr_in {
  return { sin_len: 16, sin_family: AF_INET, sin_port: port, sin_addr: typeof addr === 'string' ? inet_addr(addr) : addr >>> 0 };
}

/** inet_addr(3): dotted quad to address; throws RangeError on a malformed one. */
export function inet_addr(s: string): number {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) throw new RangeError(`inet_addr: bad address ${JSON.stringify(s)}`);
  return parts.reduce((a, x) => a * 256 + Number(x), 0) >>> 0;
}

/** inet_ntoa(3): address to dotted quad. */
export function inet_ntoa(a: number): string {
  return `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** "addr:port" as netstat prints it ("*" for INADDR_ANY, "*" for port 0). */
export function inet_sprint(addr: number, port: number): string {
  return `${addr === INADDR_ANY ? '*' : inet_ntoa(addr)}.${port === 0 ? '*' : port}`;
}
