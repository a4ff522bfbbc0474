// Memory mapping constants for mmap(2), mprotect(2), minherit(2).
// Mirrors sys/sys/mman.h (FreeBSD 5.0). The PROT_* values equal the
// VM_PROT_* values of vm/vm.ts, which is why vm_mmap.c can pass them through.

export const PROT_NONE = 0x00; // no permissions
export const PROT_READ = 0x01; // pages can be read
export const PROT_WRITE = 0x02; // pages can be written
export const PROT_EXEC = 0x04; // pages can be executed

export const MAP_SHARED = 0x0001; // share changes
export const MAP_PRIVATE = 0x0002; // changes are private
export const MAP_COPY = MAP_PRIVATE; // obsolete
export const MAP_FIXED = 0x0010; // map addr must be exactly as requested
export const MAP_RENAME = 0x0020; // sun: rename private pages to file
export const MAP_NORESERVE = 0x0040; // sun: don't reserve needed swap area
export const MAP_INHERIT = 0x0080; // region is retained after exec
export const MAP_NOEXTEND = 0x0100; // for MAP_FILE, don't change file size
export const MAP_HASSEMAPHORE = 0x0200; // region may contain semaphores
export const MAP_STACK = 0x0400; // region grows down, like a stack
export const MAP_NOSYNC = 0x0800; // page to but do not sync underlying file
export const MAP_FILE = 0x0000; // map from file (default)
export const MAP_ANON = 0x1000; // allocated from memory, swap space
export const MAP_NOCORE = 0x00020000; // don't include these pages in a coredump

/** The value mmap(2) returns on failure: (void *)-1. */
export const MAP_FAILED = 0xffffffff;

// minherit(2) values (they equal VM_INHERIT_*).
export const INHERIT_SHARE = 0;
export const INHERIT_COPY = 1;
export const INHERIT_NONE = 2;
