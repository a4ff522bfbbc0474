// Memory mapping constants for mmap(2), mprotect(2), minherit(2).
// Mirrors sys/sys/mman.h (FreeBSD 5.0). The PROT_* values equal the
// VM_PROT_* values of vm/vm.ts, which is why vm_mmap.c can pass them through.

export const PROT_NONE = 0x00; // no access
export const PROT_READ = 0x01; // readable
export const PROT_WRITE = 0x02; // writable
export const PROT_EXEC = 0x04; // executable

export const MAP_SHARED = 0x0001; // writes are seen by every mapper and reach the object
export const MAP_PRIVATE = 0x0002; // writes stay with this process (copy-on-write)
export const MAP_COPY = MAP_PRIVATE; // old name of MAP_PRIVATE
export const MAP_FIXED = 0x0010; // use addr exactly, replacing what is there
export const MAP_RENAME = 0x0020; // from SunOS: unused
export const MAP_NORESERVE = 0x0040; // from SunOS: unused
export const MAP_INHERIT = 0x0080; // kept across exec
export const MAP_NOEXTEND = 0x0100; // never extend the file
export const MAP_HASSEMAPHORE = 0x0200; // may hold semaphores
export const MAP_STACK = 0x0400; // a stack that grows down on demand
export const MAP_NOSYNC = 0x0800; // do not flush dirty pages to the file periodically
export const MAP_FILE = 0x0000; // a file mapping (the default)
export const MAP_ANON = 0x1000; // anonymous memory, zero filled
export const MAP_NOCORE = 0x00020000; // left out of core dumps

/** The value mmap(2) returns on failure: (void *)-1. */
export const MAP_FAILED = 0xffffffff;

// minherit(2) values (they equal VM_INHERIT_*).
export const INHERIT_SHARE = 0;
export const INHERIT_COPY = 1;
export const INHERIT_NONE = 2;
