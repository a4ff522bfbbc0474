// Boot-time sizing of kernel tables from the configuration and the memory.
// Mirrors sys/kern/subr_param.c (init_param1/init_param2) and the
// NMBCLUSTERS default from sys/kern/subr_mbuf.c.
//
// init_param() runs before any SYSINIT; its result becomes kernel.param.

import type { KernelConfig } from '../conf/config.ts';
import { option_spec } from '../conf/options.ts';
import { mbuf_geometry, type MbufGeometry } from '../sys/mbuf.ts';
import { PAGE_SIZE } from '../sys/param.ts';

/** Sizes fixed at boot. Bytes unless the name says otherwise. */
export interface KernelParam extends MbufGeometry {
  readonly PAGE_SIZE: number; // hardware page size
  readonly maxusers: number; // scale factor for kernel tables (after auto-sizing)
  readonly nmbclusters: number; // mbuf cluster limit (kern.ipc.nmbclusters)
  readonly physmem_bytes: number; // RAM in the machine (options MAXMEM, hw.physmem)
}

/**
 * maxusers 0 means "size from memory": one unit per 2 MB of RAM, clamped to
 * 32..384, as 5.0's init_param2() does (256 MB gives 128).
 */
export function maxusers_autosize(physmem_bytes: number): number {
  const physpages = Math.floor(physmem_bytes / PAGE_SIZE);
  const maxusers = Math.floor(physpages / ((2 * 1024 * 1024) / PAGE_SIZE));
  return Math.min(384, Math.max(32, maxusers));
}

/** 5.0's NMBCLUSTERS default: 1024 + maxusers * 64 (subr_mbuf.c). */
export function nmbclusters_default(maxusers: number): number {
  return 1024 + maxusers * 64;
}

/** Computes kernel.param for a validated configuration (options MAXMEM gives the RAM size). */
export function init_param(config: KernelConfig): KernelParam {
  const physmem_bytes = numeric_option(config, 'MAXMEM') * 1024;
  const maxusers = config.maxusers === 0 ? maxusers_autosize(physmem_bytes) : config.maxusers;
  const nmb = config.options.get('NMBCLUSTERS');
  return {
    ...mbuf_geometry(numeric_option(config, 'MSIZE'), numeric_option(config, 'MCLSHIFT')),
    PAGE_SIZE,
    maxusers,
    nmbclusters: typeof nmb === 'number' ? nmb : nmbclusters_default(maxusers),
    physmem_bytes,
  };
}

// The configured value of a numeric option, or its default from the option table.
function numeric_option(config: KernelConfig, name: string): number {
  const v = config.options.get(name) ?? option_spec(name)?.default;
  if (typeof v !== 'number') throw new Error(`init_param: option ${name} has no numeric value`);
  return v;
}
