// The mbuf allocator's boot-time set-up: for now only its limits.
// Mirrors sys/kern/subr_mbuf.c (mbinit). The allocator itself arrives later;
// kern.ipc.nmbclusters is read-only because the cluster map is sized once.

import { SI_ORDER_FIRST, SI_SUB_MBUF, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RD, KIPC_NMBCLUSTERS } from '../sys/sysctl.ts';
import type { Kernel } from './init_main.ts';

function mbinit(kernel: Kernel): void {
  kernel.sysctls.int(
    'kern.ipc',
    KIPC_NMBCLUSTERS,
    'nmbclusters',
    CTLFLAG_RD,
    { value: kernel.param.nmbclusters },
    'Maximum number of mbuf clusters available',
  );
}

export const mbinit_sysinit: SysInit = { name: 'mbinit', subsystem: SI_SUB_MBUF, order: SI_ORDER_FIRST, func: mbinit };
