// struct vmmeter: the VM system's event and page counters ("cnt").
// Mirrors sys/sys/vmmeter.h (FreeBSD 5.0).
//
// One vmmeter per simulated machine lives in its VmSystem (vm/vm_init.ts);
// the VM code increments the fields directly, as FreeBSD does with `cnt`, and
// vm/vm_meter.ts exports them read-only as vm.stats.sys.* and vm.stats.vm.*.
// Fields are counts of events unless the name says pages.

export class vmmeter {
  // General system activity (vm.stats.sys).
  v_swtch = 0; // context switches
  v_trap = 0; // calls to trap() (page faults taken by the CPU)
  v_syscall = 0; // calls to syscall()
  v_intr = 0; // device interrupts
  v_soft = 0; // software interrupts
  // Virtual memory activity (vm.stats.vm).
  v_vm_faults = 0; // address memory faults (every vm_fault() call)
  v_cow_faults = 0; // copy-on-write faults that copied a page
  v_cow_optim = 0; // COW faults satisfied by moving the page instead of copying it
  v_zfod = 0; // pages zero filled on demand
  v_ozfod = 0; // optimized zero fill pages (pre-zeroed; never in the simulation)
  v_swapin = 0; // swap pager pageins
  v_swapout = 0; // swap pager pageouts
  v_swappgsin = 0; // swap pager pages paged in
  v_swappgsout = 0; // swap pager pages paged out
  v_vnodein = 0; // vnode pager pageins
  v_vnodeout = 0; // vnode pager pageouts
  v_vnodepgsin = 0; // vnode pager pages paged in
  v_vnodepgsout = 0; // vnode pager pages paged out
  v_intrans = 0; // intransit blocking page faults
  v_reactivated = 0; // pages reactivated from free list
  v_pdwakeups = 0; // pageout daemon wakeups
  v_pdpages = 0; // pages analyzed by the pageout daemon
  v_dfree = 0; // pages freed by the pageout daemon
  v_pfree = 0; // pages freed by exiting processes
  v_tfree = 0; // total pages freed
  // Distribution of page usages.
  v_page_size = 0; // bytes per page
  v_page_count = 0; // pages of physical memory the VM manages
  v_free_reserved = 0; // pages reserved for deadlock avoidance
  v_free_target = 0; // pages desired free
  v_free_min = 0; // minimum free pages
  v_free_count = 0; // pages on the free queue
  v_wire_count = 0; // pages wired down
  v_active_count = 0; // pages on the active queue
  v_inactive_target = 0; // pages desired inactive
  v_inactive_count = 0; // pages on the inactive queue
  v_cache_count = 0; // pages on the cache queue
  v_cache_min = 0; // minimum cache pages desired
  v_cache_max = 0; // maximum cache pages desired
  v_pageout_free_min = 0; // minimum free pages the pageout daemon needs
  v_interrupt_free_min = 0; // reserved pages for interrupt code
  v_free_severe = 0; // severe free page depletion threshold
  // Fork statistics.
  v_forks = 0; // fork() calls
  v_vforks = 0; // vfork() calls
  v_rforks = 0; // rfork() calls
  v_kthreads = 0; // kernel threads created with fork1()
  v_forkpages = 0; // pages (data + stack) of forked processes' address spaces
  v_vforkpages = 0; // pages affected by vfork()
  v_rforkpages = 0; // pages affected by rfork()
  v_kthreadpages = 0; // pages affected by kernel thread creation
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
