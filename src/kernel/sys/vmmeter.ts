// struct vmmeter: the VM system's event and page counters ("cnt").
// Mirrors sys/sys/vmmeter.h (FreeBSD 5.0).
//
// One vmmeter per simulated machine lives in its VmSystem (vm/vm_init.ts);
// the VM code increments the fields directly, as FreeBSD does with `cnt`, and
// vm/vm_meter.ts exports them read-only as vm.stats.sys.* and vm.stats.vm.*.
// Fields are counts of events unless the name says pages.

export class vmmeter {
  // The system as a whole (vm.stats.sys).
  v_swtch = 0; // switches from one process to another
  v_trap = 0; // traps taken (here: page faults)
  v_syscall = 0; // system calls made
  v_intr = 0; // hardware interrupts
  v_soft = 0; // software interrupts (netisr)
  // The VM system (vm.stats.vm).
  v_vm_faults = 0; // vm_fault() calls
  v_cow_faults = 0; // copy-on-write faults that copied
  v_cow_optim = 0; // copy-on-write faults that moved the page instead
  v_zfod = 0; // pages zeroed for a first touch
  v_ozfod = 0; // of those, pages zeroed ahead of time (never in the simulation)
  v_swapin = 0; // reads from swap
  v_swapout = 0; // writes to swap
  v_swappgsin = 0; // pages read from swap
  v_swappgsout = 0; // pages written to swap
  v_vnodein = 0; // reads from files
  v_vnodeout = 0; // writes to files
  v_vnodepgsin = 0; // pages read from files
  v_vnodepgsout = 0; // pages written to files
  v_intrans = 0; // faults that waited for a page being read
  v_reactivated = 0; // pages taken back from the free or cache queue
  v_pdwakeups = 0; // times the pageout daemon woke
  v_pdpages = 0; // pages the pageout daemon examined
  v_dfree = 0; // pages the pageout daemon freed
  v_pfree = 0; // pages freed when processes exited
  v_tfree = 0; // pages freed, all causes
  // Where the pages are.
  v_page_size = 0; // page size, bytes
  v_page_count = 0; // pages the VM manages
  v_free_reserved = 0; // pages kept back so the pageout daemon can run
  v_free_target = 0; // free pages the daemon aims for
  v_free_min = 0; // the pageout daemon's lower bound on free pages
  v_free_count = 0; // free pages
  v_wire_count = 0; // pages that cannot be paged out
  v_active_count = 0; // pages in recent use
  v_inactive_target = 0; // inactive pages the daemon aims for
  v_inactive_count = 0; // pages not in recent use
  v_cache_count = 0; // clean pages ready to be reused
  v_cache_min = 0; // fewest cached pages wanted
  v_cache_max = 0; // most cached pages wanted
  v_pageout_free_min = 0; // free pages the pageout daemon keeps for itself
  v_interrupt_free_min = 0; // free pages only interrupt-time allocations may take
  v_free_severe = 0; // below this, memory is critically short
  // Process creation.
  v_forks = 0; // fork() calls
  v_vforks = 0; // vfork() calls
  v_rforks = 0; // rfork() calls
  v_kthreads = 0; // kernel threads started
  v_forkpages = 0; // pages of the address spaces fork() copied
  v_vforkpages = 0; // pages of the address spaces vfork() lent
  v_rforkpages = 0; // pages of the address spaces rfork() handled
  v_kthreadpages = 0; // pages of kernel threads' address spaces
}

/** The field names of vm.stats.sys, in vm_meter.c's order. */
export const VMMETER_SYS_FIELDS = ['v_swtch', 'v_trap', 'v_syscall', 'v_intr', 'v_soft'] as const;

/** The field names of vm.stats.vm, in vm_meter.c's order. */
export const VMMETER_VM_FIELDS = [
  'v_vm_faults', 'v_cow_faults', 'v_cow_optim', 'v_zfod', 'v_ozfod', 'v_swapin', 'v_swapout',
  'v_swappgsin', 'v_swappgsout', 'v_vnodein', 'v_vnodeout', 'v_vnodepgsin', 'v_vnodepgsout',
  'v_intrans', 'v_reactivated', 'v_pdwakeups', 'v_pdpages', 'v_dfree', 'v_pfree', 'v_tfree',
  'v_page_size', 'v_page_count', 'v_free_reserved', 'v_free_target', 'v_free_min', 'v_free_count',
  'v_wire_count', 'v_active_count', 'v_inactive_target', 'v_inactive_count', 'v_cache_count',
  'v_cache_min', 'v_cache_max', 'v_pageout_free_min', 'v_interrupt_free_min', 'v_free_severe',
  'v_forks', 'v_vforks', 'v_rforks', 'v_kthreads', 'v_forkpages', 'v_vforkpages', 'v_rforkpages',
  'v_kthreadpages',
] as const;

export type VmmeterField = (typeof VMMETER_SYS_FIELDS)[number] | (typeof VMMETER_VM_FIELDS)[number];
