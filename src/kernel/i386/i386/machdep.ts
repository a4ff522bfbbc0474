// cpu_startup(): the CPU and memory lines of the boot messages.
// Mirrors sys/i386/i386/machdep.c. Runs as a SYSINIT at SI_SUB_CPU.

import type { Kernel } from '../../kern/init_main.ts';
import { SI_ORDER_FIRST, SI_SUB_CPU, type SysInit } from '../../sys/kernel.ts';
import { KERNEL_RESERVED_BYTES } from './pc.ts';
import { identify_cpu, printcpuinfo } from './identcpu.ts';

function cpu_startup(kernel: Kernel): void {
  for (const line of printcpuinfo(identify_cpu(kernel.config.cpus))) kernel.printf(line);
  const physmem = kernel.param.physmem_bytes;
  const avail = physmem - KERNEL_RESERVED_BYTES;
  // Two spaces after "real memory" line the "=" up with "avail memory".
  kernel.printf(`real memory  = ${physmem} (${physmem / 1024}K bytes)`);
  kernel.printf(`avail memory = ${avail} (${avail / 1024}K bytes)`);
}

export const cpu_startup_sysinit: SysInit = { name: 'cpu_startup', subsystem: SI_SUB_CPU, order: SI_ORDER_FIRST, func: cpu_startup };
