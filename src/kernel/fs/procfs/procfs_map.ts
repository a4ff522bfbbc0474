// /proc/<pid>/map: one line per map entry of a process, which is how a
// 2002 FreeBSD user looked at copy-on-write and shadow objects.
// Mirrors procfs_domap() in sys/fs/procfs/procfs_map.c (FreeBSD 5.0).
//
//   0x28049000 0x2804a000 1 0 0xc0e004a0 rw- 2 0 0x2180 COW NC default
//   start      end        |  | object     |   | | flags  |   |  type
//                 resident  private res.  prot ref shadows COW NEEDS_COPY
//
// resident counts the entry's pages present in the pmap; private resident
// is the object's own pages when exactly one object shadows it (5.0's
// odd-looking but faithful rule). The object "address" is a stand-in for its
// kernel address, fixed per object so lines can be compared; the type is
// that of the last object in the shadow chain.

import { pmap_extract } from '../../i386/i386/pmap.ts';
import { PAGE_SIZE } from '../../sys/param.ts';
import type { Proc } from '../../sys/proc.ts';
import { VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from '../../vm/vm.ts';
import { MAP_ENTRY_COW, MAP_ENTRY_NEEDS_COPY } from '../../vm/vm_map.ts';
import { OBJT_DEFAULT, OBJT_DEVICE, OBJT_PHYS, OBJT_SWAP, OBJT_VNODE, type vm_object } from '../../vm/vm_object.ts';

// Where the simulated kernel's vm_object structures "live", and their size.
const OBJECT_KVA_BASE = 0xc0e00000;
const SIZEOF_VM_OBJECT = 0xa0;

function object_kva(obj: vm_object | null): string {
  return obj === null ? '0x0' : `0x${(OBJECT_KVA_BASE + obj.id * SIZEOF_VM_OBJECT).toString(16)}`;
}

function type_name(obj: vm_object | null): string {
  let last = obj;
  while (last !== null && last.backing_object !== null) last = last.backing_object;
  switch (last?.type) {
    case OBJT_DEFAULT:
      return 'default';
    case OBJT_SWAP:
      return 'swap';
    case OBJT_VNODE:
      return 'vnode';
    case OBJT_DEVICE:
      return 'device';
    case OBJT_PHYS:
      return 'phys';
    case undefined:
      return 'none';
    default:
      return 'dead';
  }
}

/** The text of /proc/<pid>/map for process p. */
export function procfs_domap(p: Proc): string {
  const map = p.p_vmspace.vm_map;
  let out = '';
  for (const entry of map.entries) {
    const obj = entry.object;
    const privateresident = obj !== null && obj.shadow_count === 1 ? obj.resident_page_count : 0;
    let resident = 0;
    for (let addr = entry.start; addr < entry.end; addr += PAGE_SIZE) if (pmap_extract(map.pmap, addr) !== 0) resident++;
    const prot = (entry.protection & VM_PROT_READ ? 'r' : '-') + (entry.protection & VM_PROT_WRITE ? 'w' : '-') + (entry.protection & VM_PROT_EXECUTE ? 'x' : '-');
    out += `0x${entry.start.toString(16)} 0x${entry.end.toString(16)} ${resident} ${privateresident} ${object_kva(obj)} ${prot} ` +
      `${obj?.ref_count ?? 0} ${obj?.shadow_count ?? 0} 0x${(obj?.flags ?? 0).toString(16)} ` +
      `${entry.eflags & MAP_ENTRY_COW ? 'COW' : 'NCOW'} ${entry.eflags & MAP_ENTRY_NEEDS_COPY ? 'NC' : 'NNC'} ${type_name(obj)}\n`;
  }
  return out;
}
