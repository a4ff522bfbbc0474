// Internet protocol control blocks: who owns which address and port.
// Mirrors sys/netinet/in_pcb.c (FreeBSD 5.0): in_pcballoc, in_pcbbind,
// in_pcbconnect, in_pcbdetach, in_pcblookup_local, in_pcblookup_hash.
//
// How to use (TCP):
//   const error = in_pcballoc(so, tcbinfo(kernel));   // so.so_pcb = inp
//   in_pcbbind(inp, sockaddr_in('0.0.0.0', 7));        // EADDRINUSE, EACCES...
//   in_pcbconnect(inp, sockaddr_in('10.0.0.2', 7));    // picks laddr and an ephemeral port
//   in_pcblookup_hash(pcbinfo, faddr, fport, laddr, lport, true)  // tcp_input's demux
// Ephemeral ports come from 5.0's default range, 1024..5000
// (net.inet.ip.portrange.first/last), counting up from the last one used.
// The lookups scan a list; a machine here has a handful of connections.

import type { Kernel } from '../kern/init_main.ts';
import { EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EINVAL, ENETUNREACH } from '../sys/errno.ts';
import { AF_INET, SO_REUSEADDR, SO_REUSEPORT } from '../sys/socket.ts';
import type { socket } from '../sys/socketvar.ts';
import { sofree } from '../kern/uipc_socket.ts';
import { INADDR_ANY, IPPORT_RESERVED, IPPORT_USERRESERVED, type sockaddr_in } from './in.ts';
import { in_ifaddr_is_local } from './in_var.ts';
import { ip_route_src } from './ip_output.ts';

/** struct inpcbinfo: the pcbs of one protocol on one kernel. */
export class inpcbinfo {
  readonly listhead: inpcb[] = []; // every pcb
  lastport = 0; // last ephemeral port handed out
  ipport_firstauto = IPPORT_RESERVED; // net.inet.ip.portrange.first
  ipport_lastauto = IPPORT_USERRESERVED; // net.inet.ip.portrange.last
  constructor(readonly kernel: Kernel) {}
}

/** struct inpcb. */
export class inpcb {
  inp_socket: socket; // the socket that owns it
  readonly inp_pcbinfo: inpcbinfo; // the list it is on
  inp_ppcb: unknown = null; // the protocol's block (struct tcpcb)
  inp_faddr = INADDR_ANY; // the peer's address
  inp_fport = 0; // the peer's port
  inp_laddr = INADDR_ANY; // our address
  inp_lport = 0; // our port
  constructor(so: socket, pcbinfo: inpcbinfo) {
    this.inp_socket = so;
    this.inp_pcbinfo = pcbinfo;
  }
}

/** sotoinpcb. */
export function sotoinpcb(so: socket): inpcb | null {
  return so.so_pcb as inpcb | null;
}

/** in_pcballoc: a new pcb for `so`, on `pcbinfo`'s list. Returns 0. */
export function in_pcballoc(so: socket, pcbinfo: inpcbinfo): number {
  const inp = new inpcb(so, pcbinfo);
  pcbinfo.listhead.push(inp);
  so.so_pcb = inp;
  return 0;
}

/**
 * in_pcblookup_local: a pcb bound to (laddr, lport). With `wildcard`, one
 * bound to the wildcard address or connected also matches, the best (fewest
 * wildcards) first; without, only an unconnected pcb bound exactly there.
 */
export function in_pcblookup_local(pcbinfo: inpcbinfo, laddr: number, lport: number, wildcard: boolean): inpcb | null {
  if (!wildcard) {
    return pcbinfo.listhead.find((inp) => inp.inp_faddr === INADDR_ANY && inp.inp_laddr === laddr && inp.inp_lport === lport) ?? null;
  }
  let match: inpcb | null = null;
  let matchwild = 3;
  for (const inp of pcbinfo.listhead) {
    if (inp.inp_lport !== lport) continue;
    let wild = 0;
    if (inp.inp_faddr !== INADDR_ANY) wild++;
    if (inp.inp_laddr !== INADDR_ANY) {
      if (laddr === INADDR_ANY) wild++;
      else if (inp.inp_laddr !== laddr) continue;
    } else if (laddr !== INADDR_ANY) wild++;
    if (wild < matchwild) {
      match = inp;
      matchwild = wild;
      if (wild === 0) break;
    }
  }
  return match;
}

/** in_pcblookup_hash: the connection (faddr, fport, laddr, lport), else (wildcard) a listener on lport. */
export function in_pcblookup_hash(pcbinfo: inpcbinfo, faddr: number, fport: number, laddr: number, lport: number, wildcard: boolean): inpcb | null {
  let wild: inpcb | null = null;
  for (const inp of pcbinfo.listhead) {
    if (inp.inp_lport !== lport) continue;
    if (inp.inp_faddr === faddr && inp.inp_fport === fport && inp.inp_laddr === laddr) return inp;
    if (wildcard && inp.inp_faddr === INADDR_ANY && (inp.inp_laddr === laddr || (inp.inp_laddr === INADDR_ANY && wild === null))) wild = inp;
  }
  return wild;
}

/**
 * in_pcbbind: binds to `nam` (null: any address, an ephemeral port).
 * Errors: EINVAL (already bound, or wrong family), EADDRNOTAVAIL (not one
 * of our addresses), EACCES (a reserved port and not root), EADDRINUSE.
 */
export function in_pcbbind(inp: inpcb, nam: sockaddr_in | null, uid = 0): number {
  const pcbinfo = inp.inp_pcbinfo;
  const so = inp.inp_socket;
  if (inp.inp_lport !== 0 || inp.inp_laddr !== INADDR_ANY) return EINVAL;
  let laddr = INADDR_ANY;
  let lport = 0;
  if (nam !== null) {
    if (nam.sin_family !== AF_INET) return EAFNOSUPPORT;
    laddr = nam.sin_addr;
    lport = nam.sin_port;
    if (laddr !== INADDR_ANY && !in_ifaddr_is_local(pcbinfo.kernel, laddr)) return EADDRNOTAVAIL;
    if (lport !== 0) {
      if (lport < IPPORT_RESERVED && uid !== 0) return EACCES;
      // Without SO_REUSEADDR any pcb using the port conflicts, connected ones too (TIME_WAIT).
      const wild = (so.so_options & (SO_REUSEADDR | SO_REUSEPORT)) === 0;
      const t = in_pcblookup_local(pcbinfo, laddr, lport, wild);
      if (t !== null && t !== inp) return EADDRINUSE;
    }
  }
  if (lport === 0) {
    const first = pcbinfo.ipport_firstauto;
    const last = pcbinfo.ipport_lastauto;
    let count = last - first;
    do {
      if (count-- < 0) return EADDRNOTAVAIL;
      pcbinfo.lastport++;
      if (pcbinfo.lastport < first || pcbinfo.lastport > last) pcbinfo.lastport = first;
      lport = pcbinfo.lastport;
    } while (in_pcblookup_local(pcbinfo, laddr, lport, true) !== null);
  }
  inp.inp_laddr = laddr;
  inp.inp_lport = lport;
  return 0;
}

/**
 * in_pcbconnect: sets the foreign address, choosing the local address from
 * the route and binding an ephemeral port if need be. Errors: EAFNOSUPPORT,
 * EADDRNOTAVAIL (port 0), ENETUNREACH (no route), EADDRINUSE (the same
 * four-tuple exists).
 */
export function in_pcbconnect(inp: inpcb, nam: sockaddr_in): number {
  if (nam.sin_family !== AF_INET) return EAFNOSUPPORT;
  if (nam.sin_port === 0 || nam.sin_addr === INADDR_ANY) return EADDRNOTAVAIL;
  const kernel = inp.inp_pcbinfo.kernel;
  let laddr = inp.inp_laddr;
  if (laddr === INADDR_ANY) {
    laddr = ip_route_src(kernel, nam.sin_addr);
    if (laddr === 0) return ENETUNREACH;
  }
  if (in_pcblookup_hash(inp.inp_pcbinfo, nam.sin_addr, nam.sin_port, laddr, inp.inp_lport, false) !== null && inp.inp_lport !== 0) return EADDRINUSE;
  if (inp.inp_lport === 0) {
    const error = in_pcbbind(inp, null);
    if (error !== 0) return error;
  }
  inp.inp_laddr = laddr;
  inp.inp_faddr = nam.sin_addr;
  inp.inp_fport = nam.sin_port;
  return 0;
}

/** in_pcbdetach: takes the pcb off its list and lets the socket go (sofree). */
export function in_pcbdetach(inp: inpcb): void {
  const list = inp.inp_pcbinfo.listhead;
  const i = list.indexOf(inp);
  if (i >= 0) list.splice(i, 1);
  const so = inp.inp_socket;
  so.so_pcb = null;
  inp.inp_ppcb = null;
  sofree(so);
}

/** in_setsockaddr: the local address of `inp`. */
export function in_setsockaddr(inp: inpcb): sockaddr_in {
  return { sin_len: 16, sin_family: AF_INET, sin_port: inp.inp_lport, sin_addr: inp.inp_laddr };
}

/** in_setpeeraddr: the foreign address of `inp`. */
export function in_setpeeraddr(inp: inpcb): sockaddr_in {
  return { sin_len: 16, sin_family: AF_INET, sin_port: inp.inp_fport, sin_addr: inp.inp_faddr };
}

/** Every TCP-or-other socket with a pcb on `pcbinfo`, with its tcpcb if any: what netstat -a lists. */
export function in_pcb_sockets(pcbinfo: inpcbinfo): readonly inpcb[] {
  return pcbinfo.listhead;
}
