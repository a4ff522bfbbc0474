// zc_trace: why was my data copied? A ktrace-like record, per process, of
// every decision the zero copy socket code takes, and the counters that sum
// them up. zcsim's own; FreeBSD 5.0 kept only the global so_zerocp_stats and
// socow_stats (kern/uipc_cow.ts), which say how often, never for whom or why.
//
// How to use (from a sample, after the processes have run):
//   for (const line of zc_trace(p)) console.log(line);
//   const c = zc_counters(p);   // pages_loaned, pages_flipped, bytes_copied_*, cow_faults
// The kernel side: sosend and soreceive open one record per call
// (zc_call_begin), note each chunk they loan, flip or copy with the reason
// (zc_note), and socow's fault hook adds a line when a loaned page is
// written (zc_note_cow_fault). Chunks of one call with the same outcome and
// reason are summed, so a 64 KB write that goes out as 16 loaned pages is one
// line, not sixteen.

import type { Proc } from '../sys/proc.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { SDT_PROBE } from './kern_sdt.ts';

/** Why a chunk was copied instead of loaned (send) or flipped (receive). */
export type ZcReason =
  | { readonly code: 'not_configured' } // kernel built without options ZERO_COPY_SOCKETS
  | { readonly code: 'sysctl_off'; readonly name: string } // kern.ipc.zero_copy.send or .receive is 0
  | { readonly code: 'short'; readonly bytes: number } // less than a page left in the request (bytes left)
  | { readonly code: 'sbspace'; readonly bytes: number } // less than a page free in so_snd (bytes free)
  | { readonly code: 'buf_unaligned'; readonly off_bytes: number } // iov_base is this many bytes past a page boundary
  | { readonly code: 'offset_unaligned'; readonly off_bytes: number } // uio_offset not page aligned
  | { readonly code: 'not_resident' } // socow_setup: pmap_extract found no page (fail_not_mapped)
  | { readonly code: 'not_disposable'; readonly ext: string } // payload not in EXT_DISPOSABLE storage
  | { readonly code: 'payload_unaligned'; readonly off_bytes: number } // payload starts this far into its page
  | { readonly code: 'payload_short'; readonly bytes: number } // the mbuf holds less than a page
  | { readonly code: 'peek' } // MSG_PEEK: the data must stay in the socket buffer
  | { readonly code: 'dest_wired' } // the reader's page is wired (mlock): it cannot be replaced
  | { readonly code: 'no_dest_page' }; // vm_pgmoveco found no object behind the reader's address

/** What happened to one chunk of a send or receive. */
export type ZcAction = 'loan' | 'flip' | 'copy';

/** A run of chunks of one call with the same outcome. */
export interface ZcChunk {
  readonly action: ZcAction;
  bytes: number; // bytes in the run
  readonly reason: ZcReason | null; // null for a loan or a flip
}

/** One sosend or soreceive call, or one COW fault on a page this process lent. */
export interface ZcEntry {
  readonly seq: number; // per-process number of the call (1, 2, ...), or of the call that lent the page
  readonly kind: 'send' | 'receive' | 'cow_fault';
  readonly uva: number; // user address: buffer start, or the faulting page
  readonly len_bytes: number; // bytes asked for (0 for a fault)
  readonly chunks: ZcChunk[]; // what happened, in order
}

/** Per-process totals. */
export interface ZcCounters {
  pages_loaned: number; // pages socow_setup lent to the network
  pages_flipped: number; // pages vm_pgmoveco moved into the process
  bytes_copied_send: number; // bytes sosend copied (uiomove)
  bytes_copied_receive: number; // bytes soreceive copied out
  cow_faults: number; // pages of this process written while still on loan, and so copied
}

/** How many entries a process keeps; older ones are dropped (and counted), like a ktrace file that wraps. */
export const ZC_TRACE_MAX_ENTRIES = 4096;

interface ZcState {
  seq: number; // calls so far
  dropped: number; // entries dropped beyond ZC_TRACE_MAX_ENTRIES
  readonly entries: ZcEntry[];
  readonly counters: ZcCounters;
}

const states = new WeakMap<Proc, ZcState>();

function state(p: Proc): ZcState {
  let s = states.get(p);
  if (s === undefined) {
    s = {
      seq: 0,
      dropped: 0,
      entries: [],
      counters: { pages_loaned: 0, pages_flipped: 0, bytes_copied_send: 0, bytes_copied_receive: 0, cow_faults: 0 },
    };
    states.set(p, s);
  }
  return s;
}

// Entries beyond the limit are cut off in batches (shifting one off per
// call would move 4096 entries on every send of a long run); readers see
// only the newest ZC_TRACE_MAX_ENTRIES through kept().
function push(s: ZcState, e: ZcEntry): void {
  s.entries.push(e);
  if (s.entries.length >= 2 * ZC_TRACE_MAX_ENTRIES) {
    const excess = s.entries.length - ZC_TRACE_MAX_ENTRIES;
    s.entries.splice(0, excess);
    s.dropped += excess;
  }
}

// The newest ZC_TRACE_MAX_ENTRIES entries, and how many older ones are gone.
function kept(s: ZcState): { entries: ZcEntry[]; dropped: number } {
  const excess = Math.max(0, s.entries.length - ZC_TRACE_MAX_ENTRIES);
  return { entries: excess === 0 ? s.entries : s.entries.slice(excess), dropped: s.dropped + excess };
}

/** Opens the record of a send or receive of `len_bytes` at `uva`; returns it for zc_note. */
export function zc_call_begin(p: Proc, kind: 'send' | 'receive', uva: number, len_bytes: number): ZcEntry {
  const kernel = p.p_table.kernel;
  if (kernel !== null && kernel.sdt.on) SDT_PROBE(kernel, 'zc_begin', p);
  const s = state(p);
  const e: ZcEntry = { seq: ++s.seq, kind, uva, len_bytes, chunks: [] };
  push(s, e);
  return e;
}

/** Notes that `bytes` of call `e` of process `p` were loaned, flipped or copied (with the reason). */
export function zc_note(p: Proc, e: ZcEntry, action: ZcAction, bytes: number, reason: ZcReason | null): void {
  if (bytes <= 0) return;
  const kernel = p.p_table.kernel;
  if (kernel !== null && kernel.sdt.on) SDT_PROBE(kernel, 'zc_note', p, e, action, bytes, reason);
  const c = state(p).counters;
  if (action === 'loan') c.pages_loaned += Math.ceil(bytes / PAGE_SIZE);
  else if (action === 'flip') c.pages_flipped += Math.ceil(bytes / PAGE_SIZE);
  else if (e.kind === 'send') c.bytes_copied_send += bytes;
  else c.bytes_copied_receive += bytes;
  // One chunk per outcome and reason code: the first occurrence keeps its
  // detail (the offset of a misaligned buffer is the one the caller chose).
  const same = e.chunks.find((c) => c.action === action && c.reason?.code === reason?.code);
  if (same !== undefined) same.bytes += bytes;
  else e.chunks.push({ action, bytes, reason });
}

/** A page that `p` lent in call `seq` at `uva` was written while on loan: vm_page_cowfault copied it. */
export function zc_note_cow_fault(p: Proc, seq: number, uva: number): void {
  const s = state(p);
  s.counters.cow_faults++;
  push(s, { seq, kind: 'cow_fault', uva, len_bytes: 0, chunks: [] });
  const kernel = p.p_table.kernel;
  if (kernel !== null && kernel.sdt.on) SDT_PROBE(kernel, 'cow_fault', p, seq, uva);
}

/** A copy of the counters of `p` (all zero if it never used a socket). */
export function zc_counters(p: Proc): ZcCounters {
  return { ...state(p).counters };
}

/** The entries of `p`, oldest first (each a copy). */
export function zc_entries(p: Proc): ZcEntry[] {
  return kept(state(p)).entries.map((e) => ({ ...e, chunks: e.chunks.map((c) => ({ ...c })) }));
}

/** The reason in words, as a line of zc_trace shows it. */
export function zc_reason_text(r: ZcReason): string {
  switch (r.code) {
    case 'not_configured': return 'kernel without options ZERO_COPY_SOCKETS';
    case 'sysctl_off': return `${r.name} is 0`;
    case 'short': return `less than a page left (${r.bytes} bytes)`;
    case 'sbspace': return `less than a page free in the send buffer (${r.bytes} bytes)`;
    case 'buf_unaligned': return `buffer not page aligned (off by ${r.off_bytes} bytes)`;
    case 'offset_unaligned': return `read offset not page aligned (off by ${r.off_bytes} bytes)`;
    case 'not_resident': return 'page not resident (never touched)';
    case 'not_disposable': return `payload not in disposable storage (${r.ext})`;
    case 'payload_unaligned': return `payload not page aligned (starts ${r.off_bytes} bytes into its page)`;
    case 'payload_short': return `payload less than a page (${r.bytes} bytes in this mbuf)`;
    case 'peek': return 'MSG_PEEK leaves the data in the socket buffer';
    case 'dest_wired': return 'destination page is wired';
    case 'no_dest_page': return 'destination not mapped';
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function chunk_text(c: ZcChunk): string {
  const pages = Math.ceil(c.bytes / PAGE_SIZE);
  const unit = pages === 1 ? 'page' : 'pages';
  if (c.action === 'loan') return `${pages} ${unit} loaned`;
  if (c.action === 'flip') return `${pages} ${unit} flipped`;
  return `${c.bytes} bytes copied: ${c.reason === null ? '?' : zc_reason_text(c.reason)}`;
}

/** One entry as a line of zc_trace (without the pid and command name). */
export function zc_entry_text(e: ZcEntry): string {
  if (e.kind === 'cow_fault') return `COW fault at ${hex(e.uva)}: page of send #${e.seq} written while on loan, copied`;
  const call = e.kind === 'send' ? 'send' : 'recv';
  const head = `${call} #${e.seq} ${e.len_bytes} bytes at ${hex(e.uva)}`;
  if (e.chunks.length === 0) return `${head}: nothing moved`;
  return `${head}: ${e.chunks.map(chunk_text).join(', ')}`;
}

/**
 * zc_trace: the record of `p`, one line per call or COW fault, kdump style:
 * "  42 netperf  send #3 16384 bytes at 0x08058000: 4 pages loaned".
 */
export function zc_trace(p: Proc): string[] {
  const s = kept(state(p));
  const pre = `${String(p.p_pid).padStart(5)} ${p.p_comm.padEnd(8)} `;
  const lines = s.entries.map((e) => pre + zc_entry_text(e));
  if (s.dropped > 0) lines.unshift(`${pre}(${s.dropped} older entries dropped)`);
  return lines;
}
