// Return codes of the machine-independent VM functions.
// Mirrors the KERN_* values of sys/vm/vm_param.h (they come from Mach).

export const KERN_SUCCESS = 0;
export const KERN_INVALID_ADDRESS = 1; // no map entry covers the address
export const KERN_PROTECTION_FAILURE = 2; // the entry forbids the access
export const KERN_NO_SPACE = 3; // no free range of the requested size
export const KERN_INVALID_ARGUMENT = 4;
export const KERN_FAILURE = 5;
export const KERN_RESOURCE_SHORTAGE = 6; // no free physical page
export const KERN_NOT_RECEIVER = 7;
export const KERN_NO_ACCESS = 8;
