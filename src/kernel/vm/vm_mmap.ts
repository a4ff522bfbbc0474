// mmap(2), munmap(2), mprotect(2), minherit(2).
// Mirrors sys/vm/vm_mmap.c (FreeBSD 5.0), for anonymous memory.
//
// The argument checks and errnos are 5.0's, which are looser than POSIX in
// places a reader may trip over:
//   - mmap with len 0 succeeds and maps nothing (returns the hint address);
//   - mmap checks no flag combination except MAP_ANON with fd != -1 and
//     MAP_STACK without read/write (EINVAL); neither MAP_SHARED nor
//     MAP_PRIVATE means private;
//   - an address is only checked with MAP_FIXED (page aligned, inside user
//     space: EINVAL); without it, a hint of 0 or inside the heap's reach is
//     moved above the largest possible heap (vm_daddr + MAXDSIZ);
//   - no room left in the address space is ENOMEM;
//   - munmap of a range that is not entirely mapped is EINVAL; mprotect
//     ignores holes and fails with EACCES only when prot exceeds a
//     mapping's maximum protection.
// Only anonymous mappings exist: a file descriptor that is open gives
// EINVAL (sockets cannot be mapped) or ENODEV (the console), one that is not
// gives EBADF.

import { MAXDSIZ, VM_MAXUSER_ADDRESS } from '../i386/include/vmparam.ts';
import { fget } from '../kern/kern_descrip.ts';
import { EACCES, EBADF, EINVAL, ENODEV, ENOMEM } from '../sys/errno.ts';
import { DTYPE_VNODE } from '../sys/file.ts';
import { MAP_ANON, MAP_FIXED, MAP_INHERIT, MAP_SHARED, MAP_STACK, PROT_READ, PROT_WRITE } from '../sys/mman.ts';
import { PAGE_MASK, PAGE_SIZE, round_page } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import { syscall_fail } from '../sys/syscall_error.ts';
import { VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_NONE, type vm_prot_t } from './vm.ts';
import {
  vm_map_check_protection, vm_map_find, vm_map_inherit, vm_map_insert, vm_map_protect, vm_map_remove, type vm_map,
} from './vm_map.ts';
import { KERN_INVALID_ADDRESS, KERN_NO_SPACE, KERN_PROTECTION_FAILURE, KERN_SUCCESS } from './vm_param.ts';

const U32 = 0x100000000;

function is_word(x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < U32;
}

/** mmap(2). Returns the address of the mapping; throws SyscallError. */
export function mmap(p: Proc, addr: number, len: number, prot: number, flags: number, fd: number, pos: number): number {
  const args = [addr, len, prot, flags, fd, pos];
  const fail = (errno: number): never => syscall_fail(errno, 'mmap', args);
  if (!is_word(addr) || !Number.isInteger(len) || !Number.isInteger(prot) || !Number.isInteger(flags) || !Number.isInteger(pos)) fail(EINVAL);
  // (ssize_t)len < 0: a length of 2 GB or more, or a negative one.
  if (len < 0 || len >= 0x80000000 || ((flags & MAP_ANON) && fd !== -1)) fail(EINVAL);
  if (flags & MAP_STACK) {
    if (fd !== -1 || (prot & (PROT_READ | PROT_WRITE)) !== (PROT_READ | PROT_WRITE)) fail(EINVAL);
    flags |= MAP_ANON;
    pos = 0;
  }
  const pageoff = pos % PAGE_SIZE;
  const size = round_page(len + pageoff);
  const vms = p.p_vmspace;
  if (flags & MAP_FIXED) {
    addr -= pageoff;
    if (addr % PAGE_SIZE !== 0) fail(EINVAL);
    if (addr + size > VM_MAXUSER_ADDRESS) fail(EINVAL);
  } else if (addr === 0 || (addr >= round_page(vms.vm_taddr) && addr < round_page(vms.vm_daddr + MAXDSIZ))) {
    addr = round_page(vms.vm_daddr + MAXDSIZ);
  }
  if ((flags & MAP_ANON) === 0) {
    const fp = fget(p, fd);
    if (fp === null) fail(EBADF);
    else fail(fp.f_type === DTYPE_VNODE ? ENODEV : EINVAL);
  }
  const result = vm_mmap(vms.vm_map, addr, size, prot & VM_PROT_ALL, VM_PROT_ALL, flags);
  if (result < 0) return fail(-result);
  return result + pageoff;
}

/**
 * vm_mmap: maps `size` bytes of anonymous memory at (MAP_FIXED) or above
 * `addr`. Returns the address, or -errno.
 */
export function vm_mmap(map: vm_map, addr: number, size: number, prot: vm_prot_t, maxprot: vm_prot_t, flags: number): number {
  if (size === 0) return addr;
  let rv: number;
  if ((flags & MAP_FIXED) === 0) {
    const r = vm_map_find(map, null, 0, round_page(addr), size, true, prot, maxprot, 0);
    rv = r.rv;
    addr = r.addr;
  } else {
    if (addr % PAGE_SIZE !== 0) return -EINVAL;
    vm_map_remove(map, addr, addr + size);
    rv = vm_map_insert(map, null, 0, addr, addr + size, prot, maxprot, 0);
  }
  if (rv === KERN_SUCCESS && (flags & (MAP_SHARED | MAP_INHERIT))) {
    // Shared memory is also shared with children.
    rv = vm_map_inherit(map, addr, addr + size, VM_INHERIT_SHARE);
  }
  switch (rv) {
    case KERN_SUCCESS:
      return addr;
    case KERN_INVALID_ADDRESS:
    case KERN_NO_SPACE:
      return -ENOMEM;
    case KERN_PROTECTION_FAILURE:
      return -EACCES;
    default:
      return -EINVAL;
  }
}

// Page-aligns [addr, addr + len) outward, as the system calls do; null if it wraps.
function page_range(addr: number, len: number): { start: number; end: number } | null {
  if (!is_word(addr) || !Number.isInteger(len) || len < 0 || len >= U32) return null;
  const pageoff = addr & PAGE_MASK;
  const start = addr - pageoff;
  const end = start + round_page(len + pageoff);
  return end > U32 ? null : { start, end };
}

/** munmap(2). Throws EINVAL if the range is outside user space or not entirely mapped. */
export function munmap(p: Proc, addr: number, len: number): void {
  const r = page_range(addr, len);
  if (r === null) return syscall_fail(EINVAL, 'munmap', [addr, len]);
  if (r.end === r.start) return;
  if (r.end > VM_MAXUSER_ADDRESS) return syscall_fail(EINVAL, 'munmap', [addr, len]);
  const map = p.p_vmspace.vm_map;
  if (!vm_map_check_protection(map, r.start, r.end, VM_PROT_NONE)) return syscall_fail(EINVAL, 'munmap', [addr, len]);
  vm_map_remove(map, r.start, r.end);
}

/** mprotect(2). Throws EACCES if prot exceeds a mapping's maximum protection, EINVAL for a bad range. */
export function mprotect(p: Proc, addr: number, len: number, prot: number): void {
  const r = page_range(addr, len);
  if (r === null || !Number.isInteger(prot)) return syscall_fail(EINVAL, 'mprotect', [addr, len, prot]);
  const rv = vm_map_protect(p.p_vmspace.vm_map, r.start, r.end, prot & VM_PROT_ALL, false);
  if (rv === KERN_SUCCESS) return;
  syscall_fail(rv === KERN_PROTECTION_FAILURE ? EACCES : EINVAL, 'mprotect', [addr, len, prot]);
}

/** minherit(2). Throws EINVAL for a bad range or inheritance value. */
export function minherit(p: Proc, addr: number, len: number, inherit: number): void {
  const r = page_range(addr, len);
  if (r === null) return syscall_fail(EINVAL, 'minherit', [addr, len, inherit]);
  const rv = vm_map_inherit(p.p_vmspace.vm_map, r.start, r.end, inherit);
  if (rv !== KERN_SUCCESS) syscall_fail(EINVAL, 'minherit', [addr, len, inherit]);
}
