// Socket buffer limits.
// Mirrors sys/kern/uipc_socket2.c: sb_max and its sysctl kern.ipc.maxsockbuf.
//
// Later socket code reads sb_max(kernel) when it sizes a buffer; the sysctl
// handler refuses values too small to hold one mbuf plus one cluster, as
// sysctl_handle_sb_max() does.

import { EINVAL } from '../sys/errno.ts';
import { SI_ORDER_FIRST, SI_SUB_PROTO_BEGIN, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RW, KIPC_MAXSOCKBUF } from '../sys/sysctl.ts';
import type { Kernel } from './init_main.ts';
import type { IntCell } from './kern_sysctl.ts';

/** Default upper bound on a socket buffer: SB_MAX, 256 KB. */
export const SB_MAX = 256 * 1024;

const sb_max_cells = new WeakMap<Kernel, IntCell>();

/** The current kern.ipc.maxsockbuf of `kernel`, in bytes. */
export function sb_max(kernel: Kernel): number {
  return sb_max_cells.get(kernel)?.value ?? SB_MAX;
}

function sb_init(kernel: Kernel): void {
  const cell: IntCell = { value: SB_MAX };
  const smallest_bytes = kernel.param.MSIZE + kernel.param.MCLBYTES;
  kernel.sysctls.int('kern.ipc', KIPC_MAXSOCKBUF, 'maxsockbuf', CTLFLAG_RW, cell, 'Maximum socket buffer size', (v) =>
    v < smallest_bytes ? EINVAL : 0,
  );
  sb_max_cells.set(kernel, cell);
}

export const sb_init_sysinit: SysInit = { name: 'sb_init', subsystem: SI_SUB_PROTO_BEGIN, order: SI_ORDER_FIRST, func: sb_init };
