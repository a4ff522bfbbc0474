// A picture of one machine at one moment, as plain data: the pages each
// process has, which of them the network has on loan, the mbuf chains in
// every TCP socket's buffers, the NICs' rings, the jumbo(9) pool and the
// mbuf counts. No FreeBSD counterpart as such; its nearest relatives are
// what ps(1), procfs's map, netstat -m and netstat -A read out of a live
// kernel through kvm(3).
//
// How to use (at any moment: from a sample after a run, from a Simulation
// event scheduled at a chosen virtual time, or by the event log of
// kern/kern_eventlog.ts, which also tells it which pages were flipped or
// copied):
//   const snap = kern_snapshot(kernel);
//   snap.procs[0].pages.filter((pg) => pg.state === 'on_loan').length
// The result holds only numbers, strings, booleans, arrays and plain
// objects, so it survives structured cloning (postMessage) and JSON; it
// shares nothing with the kernel, and the kernel is not changed by taking it.

import type { Kernel } from '../kern/init_main.ts';
import { proc_table } from '../kern/kern_proc.ts';
import { mb_inuse, nsfbufs } from '../kern/subr_mbuf.ts';
import { socow_loan_of, socow_pages_on_loan } from '../kern/uipc_cow.ts';
import { so_zero_copy_receive, so_zero_copy_send } from '../kern/uipc_socket.ts';
import { jumbo_stats } from '../kern/uipc_jumbo.ts';
import { pmap_pte } from '../i386/i386/pmap.ts';
import { DTYPE_SOCKET } from '../sys/file.ts';
import {
  EXT_CLUSTER, EXT_DISPOSABLE, EXT_NET_DRV, EXT_SFBUF, M_EOR, M_EXT, M_PKTHDR, M_RDONLY, type mbuf,
} from '../sys/mbuf.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import type { sockbuf, socket } from '../sys/socketvar.ts';
import { VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from '../vm/vm.ts';
import { MAP_ENTRY_GROWS_DOWN, type vm_map_entry } from '../vm/vm_map.ts';
import type { vm_page } from '../vm/vm_page.ts';
import { ifnet_list } from '../net/if.ts';
import type { if_ring, ifnet } from '../net/if_var.ts';
import { inet_ntoa } from '../netinet/in.ts';
import { tcpstates } from '../netinet/tcp_fsm.ts';
import { tcbinfo } from '../netinet/tcp_subr.ts';
import { intotcpcb } from '../netinet/tcp_var.ts';
import { sim_of } from '../kern/kern_machine.ts';

/** What last happened to the data of a user page, as the event log saw it (null: nothing it saw). */
export type PageMarkKind = 'loaned' | 'flipped' | 'copied' | 'cow_copied';

/** A page mark: how data last left or entered this user page, and why if it was copied. */
export interface PageMark {
  readonly kind: PageMarkKind;
  readonly reason: string | null; // a copy's reason in words (zc_reason_text), else null
  readonly event: number; // id of the event that set it (kern_eventlog), 0 if none
}

/**
 * How the picture draws a page, from its live state first and its history
 * second: 'on_loan' (lent to a send in flight: wired and COW-marked),
 * 'flipped' (a kernel page moved into the process by a receive), 'copied'
 * (data copied out of or into it by a send or receive), 'cow_copied' (a
 * copy the process got because it wrote while the page was on loan),
 * 'returned' (lent earlier, the loan has ended), 'resident' (none of these).
 */
export type PageState = 'on_loan' | 'flipped' | 'copied' | 'cow_copied' | 'returned' | 'resident';

export interface PageSnapshot {
  readonly uva: number; // user virtual address of the page
  readonly phys: number; // physical address of the page frame
  readonly state: PageState;
  readonly wire_count: number; // wirings: the network's loans, jumbo(9), mlock
  readonly cow: number; // zero copy loans outstanding (vm_page.cow)
  readonly mappings: number; // pmaps mapping the page (its pv list)
  readonly mapped: boolean; // this process's pmap maps it now (else the next access soft-faults)
  readonly writable: boolean; // ... writable (a loaned page never is)
  readonly shared: boolean; // the object is shared with another process (fork, MAP_SHARED) or the page comes from a backing object
  readonly reason: string | null; // for 'copied': why (zc_reason_text); for 'cow_copied': the COW fault
  readonly event: number; // the event that set the mark (kern_eventlog id), 0 if none
}

export interface RegionSnapshot {
  readonly start: number; // first address
  readonly end: number; // first address past it
  readonly prot: string; // 'r-x', 'rw-' ...
  readonly kind: 'text' | 'data' | 'stack' | 'anon';
  readonly resident_pages: number; // pages with a physical page behind them
}

export interface ProcSnapshot {
  readonly pid: number;
  readonly comm: string;
  readonly status: string; // 'running', 'exit 0', 'signal 11 (SIGSEGV)'
  readonly regions: RegionSnapshot[];
  readonly pages: PageSnapshot[]; // resident pages, by address; at most max_pages_per_proc
  readonly pages_omitted: number; // resident pages left out beyond that
  readonly sockets: number[]; // ids of the sockets it has open (SocketSnapshot.id)
}

/** Where an mbuf keeps its data. */
export type MbufStorage = 'mbuf' | 'cluster' | 'socow' | 'sf_buf' | 'jumbo' | 'driver' | 'other';

export interface MbufSnapshot {
  readonly len_bytes: number; // m_len
  readonly data_off: number; // m_data: offset of the data in its storage (0 on a page boundary for a flippable jumbo page)
  readonly storage: MbufStorage;
  readonly flags: string[]; // 'M_PKTHDR', 'M_EXT', 'M_RDONLY', 'M_EOR'
  readonly refs: number; // references to the external storage (1 for none)
  readonly loan: { readonly pid: number; readonly comm: string; readonly uva: number; readonly call_seq: number } | null; // for 'socow': whose page
}

export interface SockbufSnapshot {
  readonly cc_bytes: number; // sb_cc: data bytes held
  readonly hiwat_bytes: number; // sb_hiwat: the buffer's size
  readonly mbcnt_bytes: number; // sb_mbcnt: storage bytes used
  readonly mbufs: MbufSnapshot[]; // the chain, first max_mbufs_per_sockbuf
  readonly mbufs_total: number; // mbufs in the whole chain
  readonly by_storage: Partial<Record<MbufStorage, { mbufs: number; bytes: number }>>; // the whole chain, summed
}

export interface SocketSnapshot {
  readonly id: number; // stable for the life of the socket
  readonly local: string; // '10.0.0.1:1024'
  readonly foreign: string; // '10.0.0.2:5001', '*:*' when listening
  readonly state: string; // TCP state as netstat prints it
  readonly owners: number[]; // pids with a descriptor for it
  readonly snd: SockbufSnapshot;
  readonly rcv: SockbufSnapshot;
}

/** A ring of a NIC (what the driver's if_rings hook gives). */
export type RingSnapshot = if_ring;

export interface NicSnapshot {
  readonly name: string; // 'ti0'
  readonly driver: string; // 'ti', 'em'
  readonly mtu: number;
  readonly rings: RingSnapshot[];
  readonly jumbo_variant: string | null; // ti(4): 'hdrsplit', 'pages' or 'private'
  readonly jumbo_private_inuse: number; // ti(4) TI_PRIVATE_JUMBOS: private buffers lent out
}

export interface JumboSnapshot {
  readonly kva_pages: number; // slots
  readonly in_use: number; // pages the NIC (or an mbuf) holds
  readonly free: number;
  readonly flipped_away: number; // slots recycled after their page was flipped to a user
  readonly alloc_failures: number;
}

export interface MachineSnapshot {
  readonly host: string; // kern.hostname ('' if none was set)
  readonly zero_copy: { readonly configured: boolean; readonly send: boolean; readonly receive: boolean };
  readonly procs: ProcSnapshot[];
  readonly sockets: SocketSnapshot[];
  readonly nics: NicSnapshot[];
  readonly jumbo: JumboSnapshot | null; // null before jumbo_vm_init (no ti(4) board)
  readonly mbufs: {
    readonly mbufs_in_use: number;
    readonly clusters_in_use: number;
    readonly sf_bufs_in_use: number; // pages on loan to sends
    readonly sf_bufs: number; // kern.ipc.nsfbufs
  };
}

/** Limits that keep a snapshot small whatever the program did. */
export interface SnapshotOptions {
  readonly max_pages_per_proc?: number; // default 512
  readonly max_mbufs_per_sockbuf?: number; // default 64
  /** The page marks of process p (page-aligned uva -> mark); the event log supplies them. */
  readonly marks?: (p: Proc) => ReadonlyMap<number, PageMark> | undefined;
}

export const SNAPSHOT_MAX_PAGES_PER_PROC = 512;
export const SNAPSHOT_MAX_MBUFS_PER_SOCKBUF = 64;

const socket_ids = new WeakMap<socket, number>();
let next_socket_id = 1;

function socket_id(so: socket): number {
  let id = socket_ids.get(so);
  if (id === undefined) {
    id = next_socket_id++;
    socket_ids.set(so, id);
  }
  return id;
}

/** kern_snapshot: the picture of `kernel` now. */
export function kern_snapshot(kernel: Kernel, options: SnapshotOptions = {}): MachineSnapshot {
  const owners = new Map<socket, number[]>();
  const procs = proc_table(kernel).allproc.map((p) => proc_snapshot(p, options, owners));
  const zc = kernel.hasOption('ZERO_COPY_SOCKETS');
  const inuse = mb_inuse(kernel);
  const j = jumbo_stats(kernel);
  return {
    host: String(kernel.sysctl('kern.hostname')),
    zero_copy: { configured: zc, send: zc && so_zero_copy_send(kernel), receive: zc && so_zero_copy_receive(kernel) },
    procs,
    sockets: tcbinfo(kernel).listhead.map((inp) => {
      const so = inp.inp_socket;
      const tp = intotcpcb(inp);
      const any = inp.inp_faddr === 0 && inp.inp_fport === 0;
      return {
        id: socket_id(so),
        local: `${inet_ntoa(inp.inp_laddr)}:${inp.inp_lport}`,
        foreign: any ? '*:*' : `${inet_ntoa(inp.inp_faddr)}:${inp.inp_fport}`,
        state: tp === null ? 'CLOSED' : (tcpstates[tp.t_state] ?? String(tp.t_state)),
        owners: owners.get(so) ?? [],
        snd: sockbuf_snapshot(so.so_snd, options),
        rcv: sockbuf_snapshot(so.so_rcv, options),
      };
    }),
    nics: ifnet_list(kernel).map(nic_snapshot),
    jumbo: j.kva_pages === 0 ? null : {
      kva_pages: j.kva_pages, in_use: j.in_use, free: j.free, flipped_away: j.jumbo_vmuiomove_pgs_freed, alloc_failures: j.alloc_failures,
    },
    mbufs: {
      mbufs_in_use: inuse.mbufs,
      clusters_in_use: inuse.clusters,
      sf_bufs_in_use: socow_pages_on_loan(kernel),
      sf_bufs: nsfbufs(kernel),
    },
  };
}

/** The virtual time of `kernel`'s Simulation, in ns: when a snapshot taken now was taken. */
export function kern_snapshot_time_ns(kernel: Kernel): number {
  return sim_of(kernel).now_ns;
}

function prot_text(prot: number): string {
  return `${prot & VM_PROT_READ ? 'r' : '-'}${prot & VM_PROT_WRITE ? 'w' : '-'}${prot & VM_PROT_EXECUTE ? 'x' : '-'}`;
}

function region_kind(p: Proc, e: vm_map_entry): RegionSnapshot['kind'] {
  const vms = p.p_vmspace;
  if (e.eflags & MAP_ENTRY_GROWS_DOWN) return 'stack';
  if (e.start === vms.vm_taddr) return 'text';
  if (e.start === vms.vm_daddr) return 'data';
  return 'anon';
}

function page_state(m: vm_page, mark: PageMark | undefined): PageState {
  if (m.cow > 0) return 'on_loan';
  if (mark === undefined) return 'resident';
  return mark.kind === 'loaned' ? 'returned' : mark.kind;
}

function proc_snapshot(p: Proc, options: SnapshotOptions, owners: Map<socket, number[]>): ProcSnapshot {
  const sockets: number[] = [];
  for (const fp of p.p_fd.fd_ofiles) {
    if (fp === null || fp.f_type !== DTYPE_SOCKET) continue;
    const so = fp.f_data as socket;
    const list = owners.get(so);
    if (list === undefined) owners.set(so, [p.p_pid]);
    else if (!list.includes(p.p_pid)) list.push(p.p_pid);
    if (!sockets.includes(socket_id(so))) sockets.push(socket_id(so));
  }
  const regions: RegionSnapshot[] = [];
  const pages: PageSnapshot[] = [];
  const marks = options.marks?.(p);
  const max_pages = options.max_pages_per_proc ?? SNAPSHOT_MAX_PAGES_PER_PROC;
  let omitted = 0;
  const alive = p.is_alive();
  const map = p.p_vmspace.vm_map;
  for (const e of alive ? map.entries : []) {
    const npages = Math.floor((e.end - e.start) / PAGE_SIZE);
    const found = new Map<number, { m: vm_page; shared: boolean }>(); // page index in the entry -> page
    // Walk the shadow chain: the first object holding an index wins, as in vm_fault.
    let first = Math.floor(e.offset / PAGE_SIZE);
    let depth = 0;
    for (let obj = e.object; obj !== null; obj = obj.backing_object) {
      const shared = depth > 0 || obj.ref_count > 1 || obj.shadow_count > 0;
      for (const [pindex, m] of obj.memq) {
        const i = pindex - first;
        if (i < 0 || i >= npages || found.has(i)) continue;
        found.set(i, { m, shared });
      }
      first += Math.floor(obj.backing_object_offset / PAGE_SIZE);
      depth++;
    }
    regions.push({ start: e.start, end: e.end, prot: prot_text(e.protection), kind: region_kind(p, e), resident_pages: found.size });
    for (const [i, { m, shared }] of [...found].sort((x, y) => x[0] - y[0])) {
      if (pages.length >= max_pages) {
        omitted++;
        continue;
      }
      const uva = e.start + i * PAGE_SIZE;
      const pte = pmap_pte(map.pmap, uva);
      const mark = marks?.get(uva);
      pages.push({
        uva,
        phys: m.phys_addr,
        state: page_state(m, mark),
        wire_count: m.wire_count,
        cow: m.cow,
        mappings: m.md.pv_list.length,
        mapped: pte !== undefined && pte.m === m,
        writable: pte !== undefined && pte.m === m && pte.rw,
        shared,
        reason: mark?.reason ?? null,
        event: mark?.event ?? 0,
      });
    }
  }
  return { pid: p.p_pid, comm: p.p_comm, status: p.status_text, regions, pages, pages_omitted: omitted, sockets };
}

/** Where mbuf m keeps its data. EXT_SFBUF is both sendfile's and socow's type, told apart by the free routine. */
export function mbuf_storage(m: mbuf): MbufStorage {
  if ((m.m_flags & M_EXT) === 0) return 'mbuf';
  switch (m.m_ext.ext_type) {
    case EXT_CLUSTER: return 'cluster';
    case EXT_SFBUF: return socow_loan_of(m) !== null ? 'socow' : 'sf_buf';
    case EXT_DISPOSABLE: return 'jumbo';
    case EXT_NET_DRV: return 'driver';
    default: return 'other';
  }
}

function mbuf_flags(m: mbuf): string[] {
  const out: string[] = [];
  if (m.m_flags & M_PKTHDR) out.push('M_PKTHDR');
  if (m.m_flags & M_EXT) out.push('M_EXT');
  if (m.m_flags & M_RDONLY) out.push('M_RDONLY');
  if (m.m_flags & M_EOR) out.push('M_EOR');
  return out;
}

function sockbuf_snapshot(sb: sockbuf, options: SnapshotOptions): SockbufSnapshot {
  const max = options.max_mbufs_per_sockbuf ?? SNAPSHOT_MAX_MBUFS_PER_SOCKBUF;
  const mbufs: MbufSnapshot[] = [];
  const by_storage: Partial<Record<MbufStorage, { mbufs: number; bytes: number }>> = {};
  let total = 0;
  // Records (m_nextpkt) of mbufs (m_next); a stream socket has one record.
  for (let rec = sb.sb_mb; rec !== null; rec = rec.m_nextpkt) {
    for (let m: mbuf | null = rec; m !== null; m = m.m_next) {
      total++;
      const storage = mbuf_storage(m);
      const sum = (by_storage[storage] ??= { mbufs: 0, bytes: 0 });
      sum.mbufs++;
      sum.bytes += m.m_len;
      if (mbufs.length >= max) continue;
      const loan = socow_loan_of(m);
      mbufs.push({
        len_bytes: m.m_len,
        data_off: m.m_data,
        storage,
        flags: mbuf_flags(m),
        refs: (m.m_flags & M_EXT) !== 0 ? m.m_ext.ref_cnt.value : 1,
        loan: loan === null ? null : { pid: loan.p.p_pid, comm: loan.p.p_comm, uva: loan.uva, call_seq: loan.seq },
      });
    }
  }
  return { cc_bytes: sb.sb_cc, hiwat_bytes: sb.sb_hiwat, mbcnt_bytes: sb.sb_mbcnt, mbufs, mbufs_total: total, by_storage };
}

function nic_snapshot(ifp: ifnet): NicSnapshot {
  const u = ifp.if_rings?.() ?? { rings: [], jumbo_variant: null, jumbo_private_inuse: 0 };
  return { name: ifp.if_xname, driver: ifp.if_dname, mtu: ifp.if_mtu, rings: [...u.rings], jumbo_variant: u.jumbo_variant, jumbo_private_inuse: u.jumbo_private_inuse };
}
