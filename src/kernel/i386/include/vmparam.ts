// i386 address space layout and process size limits.
// Mirrors sys/i386/include/vmparam.h and the ELF link address of a 2002
// FreeBSD/i386 executable (ld's default text address).
//
// The layout matters to readers because addresses show up in samples:
// malloc'ed memory sits just above the program at 0x0804xxxx (phkmalloc
// grows the heap with brk), and mmap places mappings above the largest
// possible heap, at vm_daddr + MAXDSIZ = 0x28xxxxxx, as on a real 5.0 box.

export const VM_MIN_ADDRESS = 0x00000000; // lowest user address
export const VM_MAXUSER_ADDRESS = 0xbfc00000; // top of user space (UPT_MIN_ADDRESS)
export const USRSTACK = VM_MAXUSER_ADDRESS; // the stack grows down from here

export const MAXTSIZ = 128 * 1024 * 1024; // most program text
export const DFLDSIZ = 128 * 1024 * 1024; // default data size limit (RLIMIT_DATA soft)
export const MAXDSIZ = 512 * 1024 * 1024; // hard data size limit (kern.maxdsiz)
export const DFLSSIZ = 8 * 1024 * 1024; // default stack size limit
export const MAXSSIZ = 64 * 1024 * 1024; // hard stack size limit
export const SGROWSIZ = 128 * 1024; // stack growth step

/** Where ld(1) links an i386 ELF executable's text: the first page of the image. */
export const ELF_TEXT_ADDR = 0x08048000;
