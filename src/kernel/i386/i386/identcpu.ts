// printcpuinfo(): the "CPU:" lines of the boot messages.
// Mirrors sys/i386/i386/identcpu.c.
//
// A kernel configured for several CPU classes runs on the best one the
// simulated machine has; the machine (sim/machine.ts) has one part per class.

import type { CpuType } from '../../conf/options.ts';
import { CPU_TYPES } from '../../conf/options.ts';
import { CPU_BY_CLASS, type CpuDescription } from './pc.ts';

/** The CPU the kernel finds: the newest class among its `cpu` lines. `cpus` must not be empty. */
export function identify_cpu(cpus: readonly CpuType[]): CpuDescription {
  const best = CPU_TYPES.filter((c) => cpus.includes(c)).at(-1) ?? 'I386_CPU';
  return CPU_BY_CLASS[best];
}

/** The lines identcpu.c prints for `cpu`. */
export function printcpuinfo(cpu: CpuDescription): string[] {
  const speed = cpu.mhz === undefined ? '' : `${cpu.mhz}-MHz `;
  const lines = [`CPU: ${cpu.model} (${speed}${cpu.class} CPU)`];
  if (cpu.origin !== undefined) lines.push(cpu.origin);
  if (cpu.features !== undefined) lines.push(cpu.features);
  return lines;
}
