// The vm.stats sysctls: the VM counters of struct vmmeter, read-only.
// Mirrors the SYSCTL_UINT table of sys/vm/vm_meter.c (FreeBSD 5.0), e.g.
//   vm.stats.vm.v_cow_faults: 12
// Registered at boot after the MIB's top-level nodes exist; each leaf reads
// the live counter in the kernel's VmSystem.

import type { Kernel } from '../kern/init_main.ts';
import type { IntCell } from '../kern/kern_sysctl.ts';
import { SI_ORDER_MIDDLE, SI_SUB_KMEM, type SysInit } from '../sys/kernel.ts';
import { CTLFLAG_RD, OID_AUTO } from '../sys/sysctl.ts';
import { VMMETER_SYS_FIELDS, VMMETER_VM_FIELDS, type VmmeterField, type vmmeter } from '../sys/vmmeter.ts';
import { vm_sys } from './vm_init.ts';

// vm_meter.c's descriptions; the empty ones are empty there too.
const DESCR: Partial<Record<VmmeterField, string>> = {
  v_swtch: 'Context switches',
  v_trap: 'Traps',
  v_syscall: 'Syscalls',
  v_intr: 'Hardware interrupts',
  v_soft: 'Software interrupts',
  v_vm_faults: 'VM faults',
  v_cow_faults: 'COW faults',
  v_cow_optim: 'Optimized COW faults',
  v_zfod: 'Zero fill',
  v_ozfod: 'Optimized zero fill',
  v_swapin: 'Swapin operations',
  v_swapout: 'Swapout operations',
  v_swappgsin: 'Swapin pages',
  v_swappgsout: 'Swapout pages',
  v_vnodein: 'Vnodein operations',
  v_vnodeout: 'Vnodeout operations',
  v_vnodepgsin: 'Vnodein pages',
  v_vnodepgsout: 'Vnodeout pages',
  v_intrans: 'In transit page blocking',
  v_reactivated: 'Reactivated pages',
  v_pdwakeups: 'Pagedaemon wakeups',
  v_pdpages: 'Pagedaemon page scans',
  v_forks: 'Number of fork() calls',
  v_vforks: 'Number of vfork() calls',
  v_rforks: 'Number of rfork() calls',
  v_kthreads: 'Number of fork() calls by kernel',
  v_forkpages: 'VM pages affected by fork()',
  v_vforkpages: 'VM pages affected by vfork()',
  v_rforkpages: 'VM pages affected by rfork()',
  v_kthreadpages: 'VM pages affected by fork() by kernel',
};

// A sysctl cell that reads (and, were it writable, would write) cnt[field].
function cell(cnt: vmmeter, field: VmmeterField): IntCell {
  return {
    get value() {
      return cnt[field];
    },
    set value(v: number) {
      cnt[field] = v;
    },
  };
}

function vm_meter_sysctls(kernel: Kernel): void {
  const cnt = vm_sys(kernel).cnt;
  const t = kernel.sysctls;
  t.node('vm', OID_AUTO, 'stats', CTLFLAG_RD, 'VM meter stats');
  t.node('vm.stats', OID_AUTO, 'sys', CTLFLAG_RD, 'VM meter sys stats');
  t.node('vm.stats', OID_AUTO, 'vm', CTLFLAG_RD, 'VM meter vm stats');
  for (const f of VMMETER_SYS_FIELDS) t.ulong('vm.stats.sys', OID_AUTO, f, CTLFLAG_RD, cell(cnt, f), DESCR[f] ?? '');
  for (const f of VMMETER_VM_FIELDS) t.ulong('vm.stats.vm', OID_AUTO, f, CTLFLAG_RD, cell(cnt, f), DESCR[f] ?? '');
}

export const vm_meter_sysinit: SysInit = { name: 'vm_meter', subsystem: SI_SUB_KMEM, order: SI_ORDER_MIDDLE, func: vm_meter_sysctls };
