// Protocol switch: how the socket layer finds and calls a protocol.
// Mirrors sys/sys/protosw.h (struct protosw, struct pr_usrreqs) and
// sys/kern/uipc_domain.c (pffindproto), FreeBSD 5.0.
//
// How to use (a protocol registers at boot, socreate looks it up):
//   domain_add_proto(kernel, tcp_protosw);
//   const pr = pffindproto(kernel, AF_INET, IPPROTO_TCP, SOCK_STREAM);
//   pr.pr_usrreqs.pru_send(so, 0, m, null, null);
// Each pru_* returns 0 or an errno, as in C; the socket layer turns errnos
// into SyscallErrors.

import type { Kernel } from './init_main.ts';
import type { mbuf } from '../sys/mbuf.ts';
import type { socket } from '../sys/socketvar.ts';
import type { sockaddr_in } from '../netinet/in.ts';

/** A socket option request (struct sockopt), with the value already copied in. */
export interface sockopt {
  sopt_dir: number; // SOPT_GET or SOPT_SET
  sopt_level: number; // SOL_SOCKET or a protocol (IPPROTO_TCP)
  sopt_name: number; // SO_*, TCP_*
  sopt_val: number; // the value (ints only; SO_LINGER passes l_onoff ? l_linger : -1)
}
export const SOPT_GET = 0;
export const SOPT_SET = 1;

// PRUS_* flags of pru_send.
export const PRUS_OOB = 0x1; // out-of-band data
export const PRUS_EOF = 0x2; // send and shut down
export const PRUS_MORETOCOME = 0x4; // more data follows this call

/** struct pr_usrreqs: the requests the socket layer makes of a protocol. */
export interface pr_usrreqs {
  pru_abort(so: socket): number;
  pru_accept(so: socket, nam: { value: sockaddr_in | null }): number;
  pru_attach(so: socket, proto: number): number;
  pru_bind(so: socket, nam: sockaddr_in): number;
  pru_connect(so: socket, nam: sockaddr_in): number;
  pru_detach(so: socket): number;
  pru_disconnect(so: socket): number;
  pru_listen(so: socket): number;
  pru_peeraddr(so: socket, nam: { value: sockaddr_in | null }): number;
  pru_rcvd(so: socket, flags: number): number;
  pru_send(so: socket, flags: number, m: mbuf | null, nam: sockaddr_in | null, control: mbuf | null): number;
  pru_shutdown(so: socket): number;
  pru_sockaddr(so: socket, nam: { value: sockaddr_in | null }): number;
}

/** struct protosw: one protocol of a domain. */
export interface protosw {
  readonly pr_type: number; // the SOCK_* it serves
  readonly pr_domain: number; // AF_*
  readonly pr_protocol: number; // its IPPROTO_* number
  readonly pr_flags: number; // PR_*
  readonly pr_ctloutput: (so: socket, sopt: sockopt) => number; // setsockopt/getsockopt at its level
  readonly pr_usrreqs: pr_usrreqs; // the socket layer's entry points into it
}


/** Adds `pr` to the kernel's protocol switch (net_add_domain's work, per protocol). */
export function domain_add_proto(kernel: Kernel, pr: protosw): void {
  let list = kernel.protosw;
  if (list === undefined) kernel.protosw = list = [];
  list.push(pr);
}

/**
 * pffindproto / pffindtype: the protocol of `family` serving `type`; with
 * protocol 0, the first of that type. null if none.
 */
export function pffindproto(kernel: Kernel, family: number, protocol: number, type: number): protosw | null {
  const list = kernel.protosw ?? [];
  return list.find((pr) => pr.pr_domain === family && pr.pr_type === type && (protocol === 0 || pr.pr_protocol === protocol)) ?? null;
}

/** True if the kernel knows address family `family` at all. */
export function pffinddomain(kernel: Kernel, family: number): boolean {
  return (kernel.protosw ?? []).some((pr) => pr.pr_domain === family);
}
