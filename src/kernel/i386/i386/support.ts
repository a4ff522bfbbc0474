// copyin/copyout: the kernel reading and writing a process's memory on
// behalf of a system call.
// Mirrors copyin(), copyout() and copyinstr() of sys/i386/i386/support.s,
// and useracc() of sys/vm/vm_glue.c.
//
// How to use (in a system call):
//   const error = copyin(p, uaddr, kbuf, len);   // 0, EFAULT or ENOMEM
//   if (error) return syscall_fail(error, 'name', [...]);
//
// A bad user buffer never hurts the kernel or kills the process: the call
// fails with EFAULT. Unlike the real routines, which fault part-way through
// and leave a partial copy behind, these check and fault in the whole range
// first and copy only when every page is there, so a failed copy has copied
// nothing (the project's rule: a failed system call changes nothing).
// ENOMEM means a page was needed and none was free (FreeBSD would have
// slept until the pageout daemon found one).

import { ENAMETOOLONG, EFAULT, ENOMEM } from '../../sys/errno.ts';
import { PAGE_SIZE, round_page, trunc_page } from '../../sys/param.ts';
import type { Proc } from '../../sys/proc.ts';
import { VM_PROT_READ, VM_PROT_WRITE, type vm_prot_t } from '../../vm/vm.ts';
import { VM_FAULT_NORMAL, vm_fault } from '../../vm/vm_fault.ts';
import { vm_map_check_protection } from '../../vm/vm_map.ts';
import { KERN_RESOURCE_SHORTAGE, KERN_SUCCESS } from '../../vm/vm_param.ts';
import { utf8_decode } from './usermem.ts';
import { syscall_fail } from '../../sys/syscall_error.ts';
import { VM_MAXUSER_ADDRESS } from '../include/vmparam.ts';
import { pmap_pte } from './pmap.ts';

/** useracc: may the process access all of [addr, addr + len) with `prot`? (No faults, no side effects.) */
export function useracc(p: Proc, addr: number, len: number, prot: vm_prot_t): boolean {
  if (!Number.isInteger(addr) || !Number.isInteger(len) || addr < 0 || len < 0 || addr + len > VM_MAXUSER_ADDRESS) return false;
  if (len === 0) return true;
  return vm_map_check_protection(p.p_vmspace.vm_map, trunc_page(addr), round_page(addr + len), prot);
}

// Makes every page of the range resident and accessible for `write`. Returns 0, EFAULT or ENOMEM.
function hold_range(p: Proc, addr: number, len: number, write: boolean): number {
  if (len === 0) return 0;
  if (!useracc(p, addr, len, write ? VM_PROT_WRITE : VM_PROT_READ)) return EFAULT;
  const map = p.p_vmspace.vm_map;
  for (let va = trunc_page(addr); va < addr + len; va += PAGE_SIZE) {
    const pte = pmap_pte(map.pmap, va);
    if (pte !== undefined && (!write || pte.rw)) continue;
    map.vm.cnt.v_trap++;
    const rv = vm_fault(map, va, write ? VM_PROT_WRITE : VM_PROT_READ, VM_FAULT_NORMAL);
    if (rv === KERN_RESOURCE_SHORTAGE) return ENOMEM;
    if (rv !== KERN_SUCCESS) return EFAULT;
  }
  return 0;
}

// The frame behind va once hold_range has succeeded.
function frame(p: Proc, va: number, write: boolean): Uint8Array {
  const pm = p.p_vmspace.vm_map.pmap;
  const pte = pmap_pte(pm, va);
  if (pte === undefined || (write && !pte.rw)) {
    vm_fault(p.p_vmspace.vm_map, va, write ? VM_PROT_WRITE : VM_PROT_READ, VM_FAULT_NORMAL);
    return frame(p, va, write);
  }
  pte.accessed = true;
  if (write) pte.modified = true;
  return pte.m.bytes;
}

/** copyin: copies `len` bytes at user address `uaddr` into kbuf[0..len). Returns 0, EFAULT or ENOMEM. */
export function copyin(p: Proc, uaddr: number, kbuf: Uint8Array, len: number): number {
  if (len > kbuf.length) throw new RangeError('copyin: kernel buffer too small');
  const error = hold_range(p, uaddr, len, false);
  if (error !== 0) return error;
  for (let done = 0; done < len; ) {
    const va = uaddr + done;
    const off = va % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, len - done);
    kbuf.set(frame(p, va, false).subarray(off, off + n), done);
    done += n;
  }
  return 0;
}

/** copyout: copies kbuf[0..len) to user address `uaddr`. Returns 0, EFAULT or ENOMEM; on error nothing was written. */
export function copyout(p: Proc, kbuf: Uint8Array, uaddr: number, len: number): number {
  if (len > kbuf.length) throw new RangeError('copyout: kernel buffer too small');
  const error = hold_range(p, uaddr, len, true);
  if (error !== 0) return error;
  for (let done = 0; done < len; ) {
    const va = uaddr + done;
    const off = va % PAGE_SIZE;
    const n = Math.min(PAGE_SIZE - off, len - done);
    frame(p, va, true).set(kbuf.subarray(done, done + n), off);
    done += n;
  }
  return 0;
}

/**
 * copyinstr: the NUL-terminated string at `uaddr`, at most maxlen bytes
 * including the NUL. error is EFAULT, or ENAMETOOLONG if no NUL was found.
 */
export function copyinstr(p: Proc, uaddr: number, maxlen: number): { error: number; str: string } {
  const bytes: number[] = [];
  for (let i = 0; i < maxlen; i++) {
    const b = new Uint8Array(1);
    const error = copyin(p, uaddr + i, b, 1);
    if (error !== 0) return { error, str: '' };
    if (b[0] === 0) return { error: 0, str: utf8_decode(Uint8Array.from(bytes)) };
    bytes.push(b[0] ?? 0);
  }
  return { error: ENAMETOOLONG, str: '' };
}

/**
 * The copyin/copyout pair of process p in the shape uiomove's UioThread
 * expects (kern/kern_subr.ts): they throw SyscallError(EFAULT or ENOMEM)
 * and then have copied nothing.
 */
export function uio_thread(p: Proc): { copyin(uaddr: number, kaddr: Uint8Array, len: number): void; copyout(kaddr: Uint8Array, uaddr: number, len: number): void } {
  return {
    copyin(uaddr, kaddr, len) {
      const error = copyin(p, uaddr, kaddr, len);
      if (error !== 0) syscall_fail(error, 'copyin', [uaddr, len]);
    },
    copyout(kaddr, uaddr, len) {
      const error = copyout(p, kaddr, uaddr, len);
      if (error !== 0) syscall_fail(error, 'copyout', [uaddr, len]);
    },
  };
}
