// Basic VM types: protections and inheritance codes.
// Mirrors sys/vm/vm.h and sys/vm/vm_inherit.h.

/** vm_prot_t: a set of VM_PROT_* bits. */
export type vm_prot_t = number;

export const VM_PROT_NONE = 0x00;
export const VM_PROT_READ = 0x01;
export const VM_PROT_WRITE = 0x02;
export const VM_PROT_EXECUTE = 0x04;
export const VM_PROT_OVERRIDE_WRITE = 0x08; // copy-on-write override (debuggers)
export const VM_PROT_ALL = VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE;
export const VM_PROT_DEFAULT = VM_PROT_ALL;

/** vm_inherit_t: what fork does with a map entry. */
export type vm_inherit_t = number;

export const VM_INHERIT_SHARE = 0; // the child shares the pages
export const VM_INHERIT_COPY = 1; // the child gets a copy-on-write copy
export const VM_INHERIT_NONE = 2; // the child gets nothing
export const VM_INHERIT_DEFAULT = VM_INHERIT_COPY;
