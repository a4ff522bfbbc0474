// Zero copy send: lending a user page to the network copy-on-write.
// Mirrors sys/kern/uipc_cow.c (FreeBSD 5.0: socow_setup, socow_iodone,
// socow_stats) and the so_zerocp_stats counters of uipc_socket.c.
//
// How it is used (sosend does this for every mbuf of a write, see
// kern/uipc_socket.ts):
//   const why = sosend_cow(p, so, m, uio, resid, space, e);   // null: page loaned
//   if (why === null) len = PAGE_SIZE;          // m now points at the user's page
//   else { MCLGET; len = min(MCLBYTES, resid, space); uiomove(...) }   // copy, because `why`
// When the last mbuf referring to the page is freed (for TCP: once the data
// is acknowledged) socow_iodone gives the page back.
//
// The loan: socow_setup wires the page (so it cannot be paged out or freed
// under the NIC) and marks it copy-on-write (vm_page_cowsetup write-protects
// it in every pmap). Nothing is copied. Should anyone write to the page while
// it is on loan, the fault copies it (vm_page_cowfault): the writer's object
// gets the copy, the kernel keeps the original, so the bytes sent are the
// bytes the buffer held at the time of write(2). That copy is the price of
// reusing a buffer too early; socow_cowfault charges it to the lender's
// record (kern/zc_trace.ts).
//
// The 5.0 socow_setup maps the page into kernel space with an sf_buf; the
// simulation keeps only the count (kern.ipc.nsfbufs of them), and charges
// one page map on loan and one page unmap on release instead of the per-byte
// copy uiomove would have charged. When every sf_buf is in use, 5.0's
// sf_buf_alloc sleeps ("sfbufa") until socow_iodone or sendfile frees one:
// the write waits, it is not copied instead. sosend does that sleep here
// (sf_buf_wait) before trying again; 5.0 slept with the page already
// marked copy-on-write, a difference no program can see.

import type { Kernel } from './init_main.ts';
import { panic } from './kern_shutdown.ts';
import type { uio } from './kern_subr.ts';
import { nsfbufs } from './subr_mbuf.ts';
import { m_extadd } from './subr_mbuf.ts';
import { so_zero_copy_send } from '../sys/socketvar.ts';
import { zc_note_cow_fault, type ZcEntry, type ZcReason } from './zc_trace.ts';
import { tsleep, wakeup } from './kern_synch.ts';
import { SDT_PROBE } from './kern_sdt.ts';
import { pmap_extract } from '../i386/i386/pmap.ts';
import { EXT_SFBUF, M_EXT, type mbuf } from '../sys/mbuf.ts';
import { PAGE_MASK, PAGE_SIZE } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import type { socket } from '../sys/socketvar.ts';
import { vm_sys } from '../vm/vm_init.ts';
import {
  PHYS_TO_VM_PAGE, vm_page_cowclear, vm_page_cowsetup, vm_page_free, vm_page_unwire, vm_page_wire, type vm_page,
} from '../vm/vm_page.ts';

/** struct so_zerocopy_stats (uipc_socket.c): how far sosend's checks got. */
export interface so_zerocopy_stats {
  size_ok: number; // resid, socket buffer space and iov_len were each at least a page
  align_ok: number; // ... and iov_base was page aligned, so socow_setup was tried
  found_ifp: number; // declared in 5.0, never incremented
}

/**
 * struct netsend_cow_stats, the type of uipc_cow.c's socow_stats in 5.0.
 * 5.0's socow_setup counts only attempted, fail_not_mapped and success, and
 * socow_iodone iodone; the other fields were declared for checks the code
 * no longer made, and stay 0, as they did.
 */
export interface netsend_cow_stats {
  attempted: number; // socow_setup calls
  fail_not_mapped: number; // no resident page behind iov_base (pmap_extract returned 0)
  fail_wired: number; // never counted in 5.0
  fail_not_anon: number; // never counted in 5.0
  fail_pmap_cow: number; // never counted in 5.0
  fail_pg_error: number; // never counted in 5.0
  fail_kva: number; // never counted in 5.0
  free_post_exit: number; // never counted in 5.0
  success: number; // pages lent
  iodone: number; // pages given back by socow_iodone
  freed: number; // never counted in 5.0
}

export interface CowState {
  readonly zerocp: so_zerocopy_stats;
  readonly cow: netsend_cow_stats;
  sf_bufs_inuse: number; // sf_bufs mapping loaned pages now
  sf_buf_alloc_want: number; // processes asleep in sf_buf_wait
  readonly sf_freelist: object; // the channel they sleep on (5.0's &sf_freelist)
}


function cow_state(kernel: Kernel): CowState {
  let s = kernel.socow;
  if (s === undefined) {
    s = {
      zerocp: { size_ok: 0, align_ok: 0, found_ifp: 0 },
      cow: {
        attempted: 0, fail_not_mapped: 0, fail_wired: 0, fail_not_anon: 0, fail_pmap_cow: 0, fail_pg_error: 0, fail_kva: 0,
        free_post_exit: 0, success: 0, iodone: 0, freed: 0,
      },
      sf_bufs_inuse: 0,
      sf_buf_alloc_want: 0,
      sf_freelist: {},
    };
    kernel.socow = s;
  }
  return s;
}

/** A copy of so_zerocp_stats of `kernel`. */
export function so_zerocp_stats(kernel: Kernel): so_zerocopy_stats {
  return { ...cow_state(kernel).zerocp };
}

/** A copy of socow_stats of `kernel`. */
export function socow_stats(kernel: Kernel): netsend_cow_stats {
  return { ...cow_state(kernel).cow };
}

/** Pages `kernel` has on loan right now (sf_bufs in use by socow). */
export function socow_pages_on_loan(kernel: Kernel): number {
  return cow_state(kernel).sf_bufs_inuse;
}

/** Who lent a page: for the account of a COW fault. */
interface Loan {
  readonly p: Proc; // the process that wrote
  readonly seq: number; // its call number (zc_trace)
  readonly uva: number; // the page's user address
}

/** The ext_args of a loaned page's mbuf (C: the sf_buf). */
interface SocowArgs {
  readonly kernel: Kernel;
  readonly pp: vm_page;
  readonly loan: Loan;
}

// Outstanding loans of each page; a page can be lent several times at once
// (the same buffer written twice), as m.cow counts.
const loans = new WeakMap<vm_page, Loan[]>();

/** What sosend_cow returns when the page could be lent but no sf_buf is free: sleep in sf_buf_wait, then try again. */
export const SOCOW_SF_BUF_WAIT = 'sf_buf_wait';

/**
 * sf_buf_alloc's sleep: waits ("sfbufa") until an sf_buf is freed. Resolves
 * to 0, or to the errno that interrupted the sleep.
 */
export async function sf_buf_wait(p: Proc, kernel: Kernel): Promise<number> {
  const st = cow_state(kernel);
  st.sf_buf_alloc_want++;
  const error = await tsleep(p, st.sf_freelist, 'sfbufa');
  st.sf_buf_alloc_want--;
  return error;
}

/**
 * sosend_cow: the ZERO_COPY_SOCKETS block of sosend for one mbuf. Applies
 * 5.0's checks in its order (configured, sysctl, at least a page of resid,
 * socket buffer space and iovec, page aligned iov_base) and then
 * socow_setup. Returns null if the page was lent (m holds it, m_len is
 * PAGE_SIZE, uio advanced a page), SOCOW_SF_BUF_WAIT if it must wait for an
 * sf_buf (nothing changed), or why the caller must copy.
 */
export function sosend_cow(p: Proc, so: socket, m: mbuf, uio: uio, resid: number, space: number, e: ZcEntry): ZcReason | null | typeof SOCOW_SF_BUF_WAIT {
  const kernel = so.so_kernel;
  if (!kernel.hasOption('ZERO_COPY_SOCKETS')) return { code: 'not_configured' };
  if (!so_zero_copy_send(kernel)) return { code: 'sysctl_off', name: 'kern.ipc.zero_copy.send' };
  const iov = uio.uio_iov.find((v) => v.iov_len > 0);
  if (iov === undefined || typeof iov.iov_base !== 'number') return { code: 'short', bytes: resid };
  if (resid < PAGE_SIZE || iov.iov_len < PAGE_SIZE) return { code: 'short', bytes: Math.min(resid, iov.iov_len) };
  if (space < PAGE_SIZE) return { code: 'sbspace', bytes: space };
  const st = cow_state(kernel);
  st.zerocp.size_ok++;
  if ((iov.iov_base & PAGE_MASK) !== 0) return { code: 'buf_unaligned', off_bytes: iov.iov_base & PAGE_MASK };
  st.zerocp.align_ok++;
  return socow_try(p, m, uio, e);
}

/**
 * socow_setup: lends the page at the current (page aligned) iovec to mbuf
 * `m` as external storage. Returns 1 and advances `uio` by PAGE_SIZE on
 * success; returns 0 (nothing changed) if the page is not resident, and the
 * caller copies instead. With every sf_buf in use it also returns 0 without
 * changing anything: sosend sleeps in sf_buf_wait and calls it again.
 */
export function socow_setup(p: Proc, m: mbuf, uio: uio, e: ZcEntry): number {
  return socow_try(p, m, uio, e) === null ? 1 : 0;
}

function socow_try(p: Proc, m: mbuf, uio: uio, e: ZcEntry): ZcReason | null | typeof SOCOW_SF_BUF_WAIT {
  const kernel = m.m_kernel;
  const st = cow_state(kernel);
  while (uio.uio_iov[0] !== undefined && uio.uio_iov[0].iov_len === 0) {
    uio.uio_iov.shift();
    uio.uio_iovcnt--;
  }
  const iov = uio.uio_iov[0] ?? panic('socow_setup: no iovec');
  const uva = iov.iov_base;
  if (typeof uva !== 'number') return panic('socow_setup: kernel iovec');
  // 5.0 sleeps in sf_buf_alloc after these checks; waiting first, with nothing done yet, counts each page once.
  if (st.sf_bufs_inuse >= nsfbufs(kernel)) return SOCOW_SF_BUF_WAIT;
  st.cow.attempted++;
  const vm = vm_sys(kernel);
  // 5.0 asks the pmap, not the map: a page never touched has no PTE and is
  // copied (uiomove's copyin then faults it in) rather than faulted here.
  const pa = pmap_extract(p.p_vmspace.vm_map.pmap, uva);
  const pp = pa === 0 ? null : PHYS_TO_VM_PAGE(vm, pa - (pa & PAGE_MASK));
  if (pp === null) {
    st.cow.fail_not_mapped++;
    return { code: 'not_resident' };
  }
  // The VM tells us of a COW fault on a loaned page, for the lender's record.
  vm.on_cowfault ??= socow_cowfault;
  vm_page_cowsetup(pp);
  vm_page_wire(pp);
  st.sf_bufs_inuse++;
  vm.charge?.('page_map'); // sf_buf_alloc + pmap_qenter
  const loan: Loan = { p, seq: e.seq, uva };
  const list = loans.get(pp);
  if (list === undefined) loans.set(pp, [loan]);
  else list.push(loan);
  const args: SocowArgs = { kernel, pp, loan };
  // As in 5.0, the loan is not marked M_RDONLY (later FreeBSD's is): the page
  // is always lent whole, so no mbuf code finds room in it to write.
  m_extadd(m, pp.bytes, PAGE_SIZE, socow_iodone, args, 0, EXT_SFBUF);
  m.m_len = PAGE_SIZE;
  st.cow.success++;
  iov.iov_base = uva + PAGE_SIZE;
  iov.iov_len -= PAGE_SIZE;
  uio.uio_resid -= PAGE_SIZE;
  uio.uio_offset += PAGE_SIZE;
  return null;
}

/**
 * socow_iodone: the free routine of a loaned page's mbuf, run when the last
 * reference goes (TCP: the data was acknowledged, or the connection
 * dropped). Ends the loan and unwires the page; a page that a COW fault or
 * the owner's exit orphaned meanwhile belongs to nobody else, so it is freed.
 * Write access comes back lazily, at the owner's next write fault.
 */
export function socow_iodone(_buf: Uint8Array, args: SocowArgs): void {
  const { kernel, pp, loan } = args;
  if (kernel.sdt.on) SDT_PROBE(kernel, 'loan_return_begin', kernel);
  const st = cow_state(kernel);
  const list = loans.get(pp);
  const i = list?.indexOf(loan) ?? -1;
  if (list === undefined || i < 0) return panic('socow_iodone: page not on loan');
  list.splice(i, 1);
  if (list.length === 0) loans.delete(pp);
  vm_page_cowclear(pp);
  vm_page_unwire(pp, false);
  st.sf_bufs_inuse--;
  if (st.sf_buf_alloc_want > 0) wakeup(kernel, st.sf_freelist); // sf_buf_free
  vm_sys(kernel).charge?.('page_unmap'); // pmap_qremove + sf_buf_free
  if (pp.wire_count === 0 && pp.object === null && pp.md.pv_list.length === 0) vm_page_free(pp);
  st.cow.iodone++;
  if (kernel.sdt.on) SDT_PROBE(kernel, 'loan_return', kernel, loan.p, loan.seq, loan.uva);
}

/** Who lent the page behind a loaned page's mbuf `m`, or null if `m` holds no loaned page (for pictures of the socket buffers). */
export function socow_loan_of(m: mbuf): { readonly p: Proc; readonly seq: number; readonly uva: number } | null {
  if ((m.m_flags & M_EXT) === 0 || m.m_ext.ext_free !== (socow_iodone as unknown)) return null;
  return (m.m_ext.ext_args as SocowArgs).loan;
}

/**
 * socow_cowfault: vm_page_cowfault copied page `m` because someone wrote to
 * it while it was on loan. Charges the copy to every lender's record
 * (zc_trace: "COW fault after the write").
 */
export function socow_cowfault(m: vm_page): void {
  const seen = new Set<Proc>();
  for (const l of loans.get(m) ?? []) {
    if (seen.has(l.p)) continue;
    seen.add(l.p);
    zc_note_cow_fault(l.p, l.seq, l.uva);
  }
}
