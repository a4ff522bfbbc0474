// The Internet protocols' switch: which protocol handles which socket type
// and IP protocol number. Mirrors sys/netinet/in_proto.c (FreeBSD 5.0),
// which names each protocol's entry points in inetsw[]; here only TCP.
//
// Its SYSINIT runs after tcp_init (same subsystem, a later order): it hands
// IP the TCP input routine and the socket layer TCP's protosw. Keeping the
// table here, as FreeBSD does, is what lets tcp_subr.ts, which sets TCP up,
// not import tcp_input and tcp_usrreq, which use it.

import type { Kernel } from '../kern/init_main.ts';
import { domain_add_proto } from '../kern/uipc_domain.ts';
import { SI_ORDER_ANY, SI_SUB_PROTO_DOMAIN, type SysInit } from '../sys/kernel.ts';
import { AF_INET, SOCK_STREAM } from '../sys/socket.ts';
import { PR_CONNREQUIRED, PR_WANTRCVD } from '../sys/socketvar.ts';
import { IPPROTO_TCP } from './in.ts';
import { ip_proto_register } from './ip_var.ts';
import { tcp_input } from './tcp_input.ts';
import { tcp_ctloutput, tcp_usrreqs } from './tcp_usrreq.ts';

/** struct protosw for TCP (in_proto.c's inetsw[] entry). */
export const tcp_protosw = {
  pr_type: SOCK_STREAM,
  pr_domain: AF_INET,
  pr_protocol: IPPROTO_TCP,
  pr_flags: PR_CONNREQUIRED | PR_WANTRCVD,
  pr_ctloutput: tcp_ctloutput,
  pr_usrreqs: tcp_usrreqs,
};

function in_proto_init(kernel: Kernel): void {
  ip_proto_register(kernel, IPPROTO_TCP, (m, off) => tcp_input(kernel, m, off));
  domain_add_proto(kernel, tcp_protosw);
}

/** After tcp_init: TCP's state exists before IP and the sockets can reach it. */
export const in_proto_sysinit: SysInit = { name: 'in_proto', subsystem: SI_SUB_PROTO_DOMAIN, order: SI_ORDER_ANY + 1, func: in_proto_init };
