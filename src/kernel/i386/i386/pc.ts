// The simulated machine: the hardware facts a real kernel would probe.
// No FreeBSD counterpart; kept in one place so that boot output and tunables
// derived from the hardware (maxusers, nmbclusters) are deterministic.

import type { CpuType } from '../../conf/options.ts';

/** Physical memory of the simulated PC unless options MAXMEM says otherwise: 256 MB, a typical 2002 server. */
export const PHYSMEM_BYTES = 256 * 1024 * 1024;

/** Memory the kernel keeps for itself (image, page tables, message buffer) before "avail memory". */
export const KERNEL_RESERVED_BYTES = 12 * 1024 * 1024 + 368 * 1024;

/** Number of CPUs: the simulated machine is a uniprocessor (no `options SMP`). */
export const NCPU = 1;

/** Host that "built" the kernel, as printed by the version banner. */
export const BUILD_HOST = 'root@zcsim.example.org';

/** What identcpu() would find for the best CPU class the kernel was configured for. */
export interface CpuDescription {
  readonly model: string; // hw.model and the "CPU:" line
  readonly mhz: string | undefined; // TSC-measured clock, absent before the Pentium
  readonly class: string; // "686-class" etc.
  readonly origin: string | undefined; // second line: vendor, id, stepping
  readonly features: string | undefined; // third line: CPUID feature bits
}

// One plausible 2002 part per class; a kernel built only for I486_CPU would
// not use the TSC, so no frequency is printed for it.
export const CPU_BY_CLASS: Readonly<Record<CpuType, CpuDescription>> = {
  I386_CPU: { model: 'i386DX', mhz: undefined, class: '386-class', origin: undefined, features: undefined },
  I486_CPU: { model: '486DX2', mhz: undefined, class: '486-class', origin: '  Origin = "GenuineIntel"  Id = 0x435  Stepping = 5', features: undefined },
  I586_CPU: {
    model: 'Pentium/P54C',
    mhz: '166.19',
    class: '586-class',
    origin: '  Origin = "GenuineIntel"  Id = 0x52c  Stepping = 12',
    features: '  Features=0x1bf<FPU,VME,DE,PSE,TSC,MSR,MCE,CX8>',
  },
  I686_CPU: {
    model: 'Pentium III/Pentium III Xeon/Celeron',
    mhz: '866.38',
    class: '686-class',
    origin: '  Origin = "GenuineIntel"  Id = 0x683  Stepping = 3',
    features: '  Features=0x383f9ff<FPU,VME,DE,PSE,TSC,MSR,PAE,MCE,CX8,SEP,MTRR,PGE,MCA,CMOV,PAT,PSE36,MMX,FXSR,SSE>',
  },
};
