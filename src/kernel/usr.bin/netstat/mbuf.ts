// netstat -m: mbuf and cluster usage, in FreeBSD 5's mb_alloc format.
// Mirrors mbpr() in usr.bin/netstat/mbuf.c.
//
//   for (const line of netstat_m(kernel)) console.log(line);
//
// Like the real netstat it only reads what the kernel exports: the sysctls
// kern.ipc.nmbclusters, nmbufs, mbuf_hiwm, clust_hiwm and the two opaque
// structs kern.ipc.mbstat and kern.ipc.mb_statpcpu (mbstat_get and
// mb_statpcpu here). Sizes come from mbstat, so a kernel built with other
// MSIZE/MCLSHIFT reports its own. Lines keep the real tabs.

import type { Kernel } from '../../kern/init_main.ts';
import { mb_statpcpu, mbstat_get } from '../../kern/subr_mbuf.ts';
import { MT_CONTROL, MT_DATA, MT_FTABLE, MT_HEADER, MT_OOBDATA, MT_SONAME } from '../../sys/mbuf.ts';

// mbtypenames[]: the types 5.0's mbuf.h still defines, in netstat's order.
// Others print as "<mbuf type: N>".
const mbtypenames: readonly (readonly [number, string])[] = [
  [MT_DATA, 'data'],
  [MT_OOBDATA, 'oob data'],
  [MT_CONTROL, 'ancillary data'],
  [MT_HEADER, 'packet headers'],
  [MT_FTABLE, 'fragment reassembly queue headers'],
  [MT_SONAME, 'socket names and addresses'],
];

// C's unsigned long division: integer, truncated.
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

function int_sysctl(kernel: Kernel, name: string): number {
  const v = kernel.sysctl(name);
  if (typeof v !== 'number') throw new Error(`netstat: ${name} is not an integer`);
  return v;
}

/** `netstat -m` for `kernel`, one string per output line. */
export function netstat_m(kernel: Kernel): string[] {
  const mbstat = mbstat_get(kernel);
  const pcpu = mb_statpcpu(kernel);
  const nmbclusters = int_sysctl(kernel, 'kern.ipc.nmbclusters');
  const nmbufs = int_sysctl(kernel, 'kern.ipc.nmbufs');
  const mbuf_hiwm = int_sysctl(kernel, 'kern.ipc.mbuf_hiwm');
  const clust_hiwm = int_sysctl(kernel, 'kern.ipc.clust_hiwm');
  const MSIZE = mbstat.m_msize;
  const MCLBYTES = mbstat.m_mclbytes;
  const gen = pcpu[pcpu.length - 1];
  if (gen === undefined) throw new Error('netstat: kern.ipc.mb_statpcpu is empty');
  const cpus = pcpu.slice(0, -1);
  const out: string[] = [];

  // mbufs
  out.push('mbuf usage:');
  let totnum = gen.mb_mbbucks * mbstat.m_mbperbuck;
  let totfree = gen.mb_mbfree;
  out.push(`\tGEN cache:\t${totnum - totfree}/${totnum} (in use/in pool)`);
  const mbtypes = new Array<number>(mbstat.m_numtypes).fill(0);
  const add_types = (types: readonly number[]): void => {
    for (let j = 1; j < mbstat.m_numtypes; j++) mbtypes[j] = (mbtypes[j] ?? 0) + (types[j] ?? 0);
  };
  add_types(gen.mb_mbtypes);
  let mbspace = gen.mb_mbbucks * mbstat.m_mbperbuck * MSIZE;
  cpus.forEach((p, i) => {
    if (p.mb_active === 0) return;
    const num = p.mb_mbbucks * mbstat.m_mbperbuck;
    out.push(`\tCPU #${i} cache:\t${num - p.mb_mbfree}/${num} (in use/in pool)`);
    mbspace += num * MSIZE;
    totnum += num;
    totfree += p.mb_mbfree;
    add_types(p.mb_mbtypes);
  });
  const mbused = totnum - totfree;
  out.push(`\tTotal:\t\t${mbused}/${totnum} (in use/in pool)`);
  out.push(`\tMbuf cache high watermark: ${mbuf_hiwm}`);
  out.push(`\tMaximum possible: ${nmbufs}`);
  out.push('\tAllocated mbuf types:');
  const seen = new Set<number>();
  for (const [type, name] of mbtypenames) {
    const n = mbtypes[type] ?? 0;
    if (n === 0) continue;
    seen.add(type);
    out.push(`\t  ${n} mbufs allocated to ${name}`);
  }
  for (let i = 1; i < mbstat.m_numtypes; i++) {
    const n = mbtypes[i] ?? 0;
    if (!seen.has(i) && n !== 0) out.push(`\t  ${n} mbufs allocated to <mbuf type: ${i}>`);
  }
  out.push(`\t${div(mbspace * 100, nmbufs * MSIZE)}% of mbuf map consumed`);

  // clusters
  out.push('mbuf cluster usage:');
  totnum = gen.mb_clbucks * mbstat.m_clperbuck;
  totfree = gen.mb_clfree;
  out.push(`\tGEN cache:\t${totnum - totfree}/${totnum} (in use/in pool)`);
  let clspace = gen.mb_clbucks * mbstat.m_clperbuck * MCLBYTES;
  cpus.forEach((p, i) => {
    if (p.mb_active === 0) return;
    const num = p.mb_clbucks * mbstat.m_clperbuck;
    out.push(`\tCPU #${i} cache:\t${num - p.mb_clfree}/${num} (in use/in pool)`);
    clspace += num * MCLBYTES;
    totnum += num;
    totfree += p.mb_clfree;
  });
  const clused = totnum - totfree;
  out.push(`\tTotal:\t\t${clused}/${totnum} (in use/in pool)`);
  out.push(`\tCluster cache high watermark: ${clust_hiwm}`);
  out.push(`\tMaximum possible: ${nmbclusters}`);
  out.push(`\t${div(clspace * 100, nmbclusters * MCLBYTES)}% of cluster map consumed`);

  const space = mbspace + clspace;
  out.push(`${div(space, 1024)} KBytes of wired memory reserved (${div((mbused * MSIZE + clused * MCLBYTES) * 100, space)}% in use)`);
  out.push(`${mbstat.m_drops} requests for memory denied`);
  out.push(`${mbstat.m_wait} requests for memory delayed`);
  out.push(`${mbstat.m_drain} calls to protocol drain routines`);
  return out;
}
