// The address space a new program starts with.
// Mirrors exec_new_vmspace() in sys/kern/kern_exec.c and the segment
// layout that imgact_elf.c and exec_map_first_page() produce for a small
// static i386 ELF binary.
//
// A simulated program has no real text, so its image is one page of text
// at 0x08048000 (read/execute), one page of data after it (read/write; the
// heap starts right above, where brk grows it) and a stack below USRSTACK.
// None of them costs a physical page until it is touched.

import { USRSTACK, ELF_TEXT_ADDR, MAXSSIZ, SGROWSIZ, VM_MAXUSER_ADDRESS, VM_MIN_ADDRESS } from '../i386/include/vmparam.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { VM_PROT_ALL, VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from '../vm/vm.ts';
import type { VmSystem } from '../vm/vm_init.ts';
import { atop, vm_map_insert, vmspace_alloc, MAP_ENTRY_GROWS_DOWN, vm_map_entry_at, type vmspace } from '../vm/vm_map.ts';
import { KERN_SUCCESS } from '../vm/vm_param.ts';
import { panic } from './kern_shutdown.ts';

/** Bytes of text and of initialised data in the simulated program image. */
export const IMAGE_TEXT_BYTES = PAGE_SIZE;
export const IMAGE_DATA_BYTES = PAGE_SIZE;

/** exec_new_vmspace: a fresh address space holding the program image and its stack. */
export function exec_new_vmspace(vm: VmSystem): vmspace {
  const vms = vmspace_alloc(vm, VM_MIN_ADDRESS, VM_MAXUSER_ADDRESS);
  const map = vms.vm_map;
  const text = ELF_TEXT_ADDR;
  const data = text + IMAGE_TEXT_BYTES;
  const stack = USRSTACK - SGROWSIZ;
  const rw = VM_PROT_READ | VM_PROT_WRITE;
  if (vm_map_insert(map, null, 0, text, data, VM_PROT_READ | VM_PROT_EXECUTE, VM_PROT_ALL, 0) !== KERN_SUCCESS ||
      vm_map_insert(map, null, 0, data, data + IMAGE_DATA_BYTES, rw, VM_PROT_ALL, 0) !== KERN_SUCCESS ||
      vm_map_insert(map, null, 0, stack, USRSTACK, rw, VM_PROT_ALL, 0) !== KERN_SUCCESS) {
    panic('exec_new_vmspace: cannot map the image');
  }
  const stack_entry = vm_map_entry_at(map, stack);
  if (stack_entry !== undefined) stack_entry.eflags |= MAP_ENTRY_GROWS_DOWN;
  vms.vm_taddr = text;
  vms.vm_tsize = atop(IMAGE_TEXT_BYTES);
  vms.vm_daddr = data;
  vms.vm_dsize = atop(IMAGE_DATA_BYTES);
  vms.vm_ssize = atop(SGROWSIZ);
  vms.vm_maxsaddr = USRSTACK - MAXSSIZ;
  return vms;
}
