// break(2), the system call behind brk(2) and sbrk(2); and libc's sbrk.
// Mirrors obreak() in sys/vm/vm_unix.c (FreeBSD 5.0) and
// lib/libc/i386/sys/sbrk.S.
//
// The data segment runs from vm_daddr for vm_dsize pages; break(2) moves
// its end. It may not grow beyond the RLIMIT_DATA soft limit (DFLDSIZ,
// 128 MB) or shrink below vm_daddr. phkmalloc gets all its pages this way.

import { DFLDSIZ, VM_MAXUSER_ADDRESS } from '../i386/include/vmparam.ts';
import { EINVAL, ENOMEM } from '../sys/errno.ts';
import { PAGE_SIZE, round_page } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import { VM_PROT_ALL } from './vm.ts';
import { atop, vm_map_find, vm_map_remove } from './vm_map.ts';
import { KERN_SUCCESS } from './vm_param.ts';

/** obreak: sets the end of p's data segment to nsize (rounded up to a page). Returns 0, ENOMEM or EINVAL. */
export function obreak(p: Proc, nsize: number): number {
  const vms = p.p_vmspace;
  const base = round_page(vms.vm_daddr);
  const nw = round_page(nsize);
  if (nw > base) {
    if (nw - base > DFLDSIZ) return ENOMEM;
    if (nw >= VM_MAXUSER_ADDRESS) return ENOMEM;
  } else if (nw < base) {
    // A break below the start of the data segment: obreak refuses it, as 5.0 does.
    return EINVAL;
  }
  const old = base + vms.vm_dsize * PAGE_SIZE;
  if (nw > old) {
    const r = vm_map_find(vms.vm_map, null, 0, old, nw - old, false, VM_PROT_ALL, VM_PROT_ALL, 0);
    if (r.rv !== KERN_SUCCESS) return ENOMEM;
    vms.vm_dsize += atop(nw - old);
  } else if (nw < old) {
    vm_map_remove(vms.vm_map, nw, old);
    vms.vm_dsize -= atop(old - nw);
  }
  return 0;
}

/** sbrk(2) as libc implements it: moves the break by incr bytes and returns the old one. Throws ENOMEM/EINVAL. */
export function sbrk(p: Proc, incr: number): number {
  const libc = p.p_libc;
  const old = libc.curbrk;
  if (!Number.isInteger(incr)) return syscall_fail(EINVAL, 'sbrk', [incr]);
  if (incr === 0) return old;
  const error = obreak(p, old + incr);
  if (error !== 0) {
    libc.errno = error;
    return syscall_fail(error, 'sbrk', [incr]);
  }
  libc.curbrk = old + incr;
  return old;
}
