// Socket layer: for now only the zero copy controls.
// Mirrors the `#ifdef ZERO_COPY_SOCKETS` sysctl block of sys/kern/uipc_socket.c.
//
// With `options ZERO_COPY_SOCKETS` the kernel has kern.ipc.zero_copy.receive
// and kern.ipc.zero_copy.send (both CTLFLAG_RW, both 1 = on at boot); without
// it the nodes do not exist and reading them fails with ENOENT. sosend() and
// soreceive() will ask so_zero_copy_send(kernel) / so_zero_copy_receive(kernel)
// on every call, so a write to the sysctl takes effect at once.

import { SI_ORDER_MIDDLE, SI_SUB_PROTO_BEGIN, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RD, CTLFLAG_RW, OID_AUTO } from '../sys/sysctl.ts';
import type { Kernel } from './init_main.ts';
import type { IntCell } from './kern_sysctl.ts';

interface ZeroCopyControls {
  readonly so_zero_copy_receive: IntCell; // kern.ipc.zero_copy.receive
  readonly so_zero_copy_send: IntCell; // kern.ipc.zero_copy.send
}

const controls = new WeakMap<Kernel, ZeroCopyControls>();

/** True if `kernel` has ZERO_COPY_SOCKETS and kern.ipc.zero_copy.send is non-zero. */
export function so_zero_copy_send(kernel: Kernel): boolean {
  return (controls.get(kernel)?.so_zero_copy_send.value ?? 0) !== 0;
}

/** True if `kernel` has ZERO_COPY_SOCKETS and kern.ipc.zero_copy.receive is non-zero. */
export function so_zero_copy_receive(kernel: Kernel): boolean {
  return (controls.get(kernel)?.so_zero_copy_receive.value ?? 0) !== 0;
}

function so_zero_copy_init(kernel: Kernel): void {
  if (!kernel.hasOption('ZERO_COPY_SOCKETS')) return;
  const c: ZeroCopyControls = { so_zero_copy_receive: { value: 1 }, so_zero_copy_send: { value: 1 } };
  const t = kernel.sysctls;
  // Registered receive first, as in uipc_socket.c, so sysctl -a lists it first.
  t.node('kern.ipc', OID_AUTO, 'zero_copy', CTLFLAG_RD, 'Zero copy controls');
  t.int('kern.ipc.zero_copy', OID_AUTO, 'receive', CTLFLAG_RW, c.so_zero_copy_receive, 'Enable zero copy receive');
  t.int('kern.ipc.zero_copy', OID_AUTO, 'send', CTLFLAG_RW, c.so_zero_copy_send, 'Enable zero copy send');
  controls.set(kernel, c);
}

export const so_zero_copy_sysinit: SysInit = {
  name: 'so_zero_copy_init',
  subsystem: SI_SUB_PROTO_BEGIN,
  order: SI_ORDER_MIDDLE,
  func: so_zero_copy_init,
};
