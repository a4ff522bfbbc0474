// The event log: what the kernels of a program did, in virtual time, with
// pictures (kern/kern_snapshot.ts) of the machines at the moments that
// matter. zcsim's own; its nearest FreeBSD relative is KTR (kern/kern_ktr.c),
// a bounded in-kernel trace of timestamped events that costs one test of a
// mask when it is off.
//
// How to use (a host: the site's sample worker, a test, the CLI):
//   const log = kev_record_start();           // off by default; one log at a time
//   ... boot kernels and run them: every kernel booted meanwhile is watched ...
//   const picture = kev_record_stop(log);     // plain data (postMessage- and JSON-safe)
//   picture.events[3].text  // "t=0.412 ms a: sender send #2: 6144 bytes copied: buffer not page aligned (off by 100 bytes)"
//   picture.snapshots[picture.events[3].snapshot]   // the machines right after that event
//
// What is logged, and where the kernel fires it (the SDT probes of
// kern/kern_sdt.ts: each probe site tests its kernel's `sdt.on` first, so a
// kernel nobody logs pays one property load per site; the log listens only
// to the kernels booted while it records):
//   loan, copy, flip   zc_note (kern/zc_trace.ts): each chunk sosend lends or
//                      copies, each piece soreceive flips or copies, with the
//                      reason of a copy; chunks of one call with the same
//                      outcome and reason are one event, as in zc_trace
//   cow_fault          zc_note_cow_fault: a page written while on loan
//   loan_return        socow_iodone (kern/uipc_cow.ts): the loan ends
//   jumbo_alloc/free   jumbo_pg_alloc / jumbo_pg_free (kern/uipc_jumbo.ts)
//   nic_intr           ti_intr (dev/ti/if_ti.ts): the rings after an interrupt,
//                      as the driver's if_rings hook gives them
//   frame_tx/frame_rx  ether_output_frame / ether_input (net/if_ethersubr.ts)
//   run_end            not a hook: a Simulation is finished with (a kernel was
//                      booted on another one, or the log stopped)
//
// Bounded whatever the program does: the first max_detailed_per_run events
// of each run (a Simulation) are kept whole, up to max_detailed_events in
// all, and every run_end; after that one in `stride` is kept (the stride
// doubles whenever max_sampled_events is reached, so the sample stays even
// over the whole program); every event, kept or not, is counted per kind in
// per-run time buckets whose width doubles as the run grows. Snapshots are
// taken after kept zero copy events (and, fewer, NIC events) until
// max_snapshots_per_run or max_snapshots; an event that grows by coalescing
// retakes its snapshot once the next event comes, up to max_snapshot_takes
// snapshots in all. A sample that runs the same transfer twice, copying
// then zero copy, thus gets pictures of both.
//
// Page marks: the log remembers, per process and user page, what last
// happened to the page's data (loaned, flipped in, copied, copied by a COW
// fault, with the reason), which is how a snapshot tells a flipped page
// from a copied one: the VM keeps no such history.

import type { Kernel } from '../kern/init_main.ts';
import { kern_snapshot, type MachineSnapshot, type PageMark, type PageMarkKind, type SnapshotOptions } from './snapshot.ts';
import { eventhandler_deregister, eventhandler_register, type eventhandler_tag } from '../kern/subr_eventhandler.ts';
import { sdt_listen, type SdtListener } from '../kern/kern_sdt.ts';
import { m_copydata } from '../kern/uipc_mbuf.ts';
import { zc_reason_text, type ZcAction, type ZcEntry, type ZcReason } from '../kern/zc_trace.ts';
import { type Simulation } from '../engine/simulation.ts';
import type { mbuf } from '../sys/mbuf.ts';
import { PAGE_MASK, PAGE_SIZE } from '../sys/param.ts';
import type { Proc } from '../sys/proc.ts';
import type { ifnet } from '../net/if_var.ts';
import { jumbo_stats } from '../kern/uipc_jumbo.ts';
import { sim_of } from '../kern/kern_machine.ts';

/** Kinds of event, in the order the counts are reported. */
export const KEV_KINDS = [
  'loan', 'copy', 'flip', 'cow_fault', 'loan_return', 'jumbo_alloc', 'jumbo_free', 'nic_intr', 'frame_tx', 'frame_rx', 'run_end',
] as const;
export type KevKind = (typeof KEV_KINDS)[number];

/** The kinds about zero copy itself (the rest is the machinery around it). */
export const KEV_ZC_KINDS: readonly KevKind[] = ['loan', 'copy', 'flip', 'cow_fault', 'loan_return'];

/** One event as the log hands it out. */
export interface KevEvent {
  readonly id: number; // 1, 2, ... in the order events happened (ids of events not kept are skipped)
  readonly run: number; // which Simulation (0, 1, ...: the order their first kernel booted)
  readonly host: string; // kern.hostname of the machine
  readonly kind: KevKind;
  readonly t_ns: number; // virtual time of the event (of its first chunk, if coalesced)
  readonly t_end_ns: number; // virtual time of its last chunk
  readonly pid: number; // the process it concerns, 0 if none
  readonly comm: string; // its command name, '' if none
  readonly call: 'send' | 'receive' | ''; // the system call (loan, copy, flip, cow_fault, loan_return)
  readonly call_seq: number; // its number in the process's zc_trace (send #2)
  readonly uva: number; // first user address concerned, 0 if none
  readonly bytes: number; // data bytes concerned (a frame: its length)
  readonly pages: number; // pages concerned (loaned, flipped, returned, jumbo pages)
  readonly reason: ZcReason | null; // for a copy: why
  readonly detail: string; // for NIC and frame events: what the event says beyond the above
  readonly snapshot: number; // index in KernelPicture.snapshots of the machines right after it, -1 if none
  readonly sampled: boolean; // kept as one of `stride` events after the detailed ones
  readonly text: string; // the event in words, e.g. "t=0.412 ms a: sender send #2: 6144 bytes copied: ..."
}

/** The machines of one run at one moment. */
export interface RunSnapshot {
  readonly run: number;
  readonly event: number; // id of the event it follows
  readonly t_ns: number;
  readonly machines: MachineSnapshot[];
}

/** Events of one kind per time bucket of one run. */
export interface KevBuckets {
  readonly kind: KevKind;
  readonly counts: number[];
  readonly bytes: number[];
}

export interface KevRun {
  readonly run: number;
  readonly hosts: string[]; // in boot order
  readonly end_ns: number; // virtual time of its last event
  readonly bucket_ns: number; // width of a bucket
  readonly buckets: KevBuckets[]; // kinds with at least one event
}

/** Everything the log recorded, as plain data. */
export interface KernelPicture {
  readonly runs: KevRun[];
  readonly events: KevEvent[]; // kept events, by id
  readonly snapshots: RunSnapshot[];
  readonly totals: Partial<Record<KevKind, { events: number; bytes: number }>>;
  readonly events_seen: number; // every event, kept or not
  readonly events_detailed: number; // kept whole (the first of each run)
  readonly events_sampled: number; // kept beyond those, one in sample_stride
  readonly sample_stride: number;
  readonly snapshots_skipped: number; // kept events that got no snapshot (over budget)
  readonly snapshot_errors: number; // snapshots that failed (the log never stops the kernel)
}

export interface EventLogOptions {
  readonly max_detailed_events?: number; // default 4000
  readonly max_detailed_per_run?: number; // default 1500
  readonly max_sampled_events?: number; // default 600
  readonly max_snapshots?: number; // default 200
  readonly max_snapshots_per_run?: number; // default 60
  readonly max_snapshot_takes?: number; // default 1500
  readonly buckets?: number; // time buckets per run, default 100
  readonly snapshot?: Omit<SnapshotOptions, 'marks'>; // limits inside one snapshot
}

interface RunState {
  readonly index: number;
  readonly sim: Simulation;
  readonly kernels: Kernel[];
  readonly hosts: string[];
  bucket_ns: number;
  readonly counts: number[][]; // [kind][bucket]
  readonly bytes: number[][];
  end_ns: number;
  ended: boolean;
  snapshots_other: number; // snapshots of its NIC and jumbo events
  snapshots: number; // snapshots of its events (not the run_end's)
  detailed: number; // events kept whole
}

interface KernelInfo {
  readonly kernel: Kernel;
  readonly run: RunState;
  readonly host: string;
}

/** An event being kept (mutable while it coalesces). */
interface Rec {
  id: number;
  run: number;
  host: string;
  kind: KevKind;
  t_ns: number;
  t_end_ns: number;
  pid: number;
  comm: string;
  call: 'send' | 'receive' | '';
  call_seq: number;
  uva: number;
  bytes: number;
  pages: number;
  reason: ZcReason | null;
  detail: string;
  snapshot: number;
  sampled: boolean;
  ord: number; // position among events after the detailed ones (sampling)
}

/** The last event seen of a coalescing class, kept or not. A chunk joins it if kind, machine and a, b, c match. */
interface Open {
  readonly kind: KevKind;
  readonly ki: KernelInfo | null; // null: nothing may join it
  readonly a: unknown; // the process (zero copy events), or whether a jumbo page was flipped
  readonly b: unknown; // the call (ZcEntry) or its number
  readonly c: unknown; // a copy's reason code
  readonly rec: Rec | null; // null: counted, not kept
  readonly why?: string | null; // a copy's reason in words, as its first chunk gave it
}

function joins(o: Open | null, kind: KevKind, ki: KernelInfo, a: unknown, b: unknown, c: unknown): o is Open {
  return o !== null && o.kind === kind && o.ki === ki && o.a === a && o.b === b && o.c === c;
}

function closed(kind: KevKind, rec: Rec | null): Open {
  return { kind, ki: null, a: null, b: null, c: null, rec };
}

const KIND_INDEX = new Map<KevKind, number>(KEV_KINDS.map((k, i) => [k, i]));

/** A log being recorded. Use kev_record_start / kev_record_stop. */
export class EventLog {
  readonly max_detailed: number;
  readonly max_detailed_per_run: number;
  readonly max_sampled: number;
  readonly max_snapshots: number;
  readonly max_snapshots_per_run: number;
  readonly max_takes: number;
  readonly nbuckets: number;
  readonly snap_options: Omit<SnapshotOptions, 'marks'>;
  readonly runs: RunState[] = [];
  readonly run_of = new Map<Simulation, RunState>();
  readonly kernels = new WeakMap<Kernel, KernelInfo>();
  readonly detailed: Rec[] = [];
  sampled: Rec[] = [];
  stride = 8;
  since_detailed = 0; // events seen after the detailed ones
  seq = 0;
  readonly totals = new Map<KevKind, { events: number; bytes: number }>();
  readonly snapshots: RunSnapshot[] = [];
  snapshots_other = 0; // snapshots of non zero copy events (capped at a quarter)
  snapshots_reserved = 0; // snapshots at the end of runs and for kev_capture (capped at MAX_RESERVED_SNAPSHOTS)
  takes = 0; // snapshots computed, retakes included
  snapshots_skipped = 0;
  snapshot_errors = 0;
  last_zc: Open | null = null; // last zero copy event, for coalescing chunks of one call
  last_any: Open | null = null; // last event of any kind, for coalescing bursts (jumbo pages)
  pending: { readonly rec: Rec; readonly ki: KernelInfo } | null = null; // a coalesced event whose snapshot is out of date
  readonly marks = new WeakMap<Proc, Map<number, PageMark>>();
  readonly cursor = new WeakMap<ZcEntry, number>(); // bytes of a call noted so far: where the next chunk starts
  tag: eventhandler_tag | null = null;
  readonly detach: (() => void)[] = []; // stops each kernel's probes, at kev_record_stop
  stopped = false;

  constructor(o: EventLogOptions) {
    this.max_detailed = o.max_detailed_events ?? 4000;
    this.max_detailed_per_run = o.max_detailed_per_run ?? 1500;
    this.max_sampled = o.max_sampled_events ?? 600;
    this.max_snapshots = o.max_snapshots ?? 200;
    this.max_snapshots_per_run = o.max_snapshots_per_run ?? 60;
    this.max_takes = o.max_snapshot_takes ?? 1500;
    this.nbuckets = o.buckets ?? 100;
    this.snap_options = o.snapshot ?? {};
    for (const [name, v] of Object.entries({
      max_detailed_events: this.max_detailed, max_detailed_per_run: this.max_detailed_per_run, max_sampled_events: this.max_sampled,
      max_snapshots: this.max_snapshots, max_snapshots_per_run: this.max_snapshots_per_run,
      max_snapshot_takes: this.max_takes, buckets: this.nbuckets,
    })) {
      if (!Number.isInteger(v) || v < (name === 'buckets' || name === 'max_sampled_events' ? 2 : 0)) {
        throw new RangeError(`kev_record_start: ${name} must be a whole number${name === 'buckets' || name === 'max_sampled_events' ? ' of at least 2' : ''}, not ${v}`);
      }
    }
  }
}

// The logs recording now, oldest first (any number may record at once, each
// watching the kernels booted while it records).
const recording: EventLog[] = [];

/** Snapshots at the end of runs and for kev_capture, beyond max_snapshots. */
export const MAX_RESERVED_SNAPSHOTS = 64;

/** Starts recording every kernel booted from now on: the log listens to each one's probes. */
export function kev_record_start(options: EventLogOptions = {}): EventLog {
  const log = new EventLog(options);
  log.tag = eventhandler_register('kernel_booted', (kernel) => {
    adopt(log, kernel);
    log.detach.push(sdt_listen(kernel, listener(log)));
  });
  recording.push(log);
  return log;
}

/** The log that started recording last and is still recording, or null. */
export function kev_active(): EventLog | null {
  return recording[recording.length - 1] ?? null;
}

// What `log` does on each probe.
function listener(log: EventLog): SdtListener {
  return {
    zc_begin: () => flush_snapshot(log),
    zc_note: (p, e, action, bytes, reason) => on_zc_note(log, p, e, action, bytes, reason),
    cow_fault: (p, seq, uva) => on_cow_fault(log, p, seq, uva),
    loan_return_begin: () => {
      if (log.pending?.rec.kind !== 'loan_return') flush_snapshot(log);
    },
    loan_return: (kernel, p, seq, uva) => on_loan_return(log, kernel, p, seq, uva),
    jumbo: (kernel, kind, flipped) => on_jumbo(log, kernel, kind, flipped),
    nic_intr: (ifp) => on_nic_intr(log, ifp),
    frame: (ifp, m, dir) => on_frame(log, ifp, m, dir),
  };
}

/** Stops `log` (ending its runs, with a last snapshot each) and returns what it recorded. */
export function kev_record_stop(log: EventLog): KernelPicture {
  if (!log.stopped) {
    for (const r of log.runs) end_run(log, r);
    if (log.tag !== null) eventhandler_deregister(log.tag);
    for (const d of log.detach) d();
    log.stopped = true;
    const i = recording.indexOf(log);
    if (i >= 0) recording.splice(i, 1);
  }
  return kev_picture(log);
}

/** What `log` has recorded so far, as plain data (a copy: the log goes on). */
export function kev_picture(log: EventLog): KernelPicture {
  const kept = [...log.detailed, ...log.sampled].sort((x, y) => x.id - y.id);
  const totals: Partial<Record<KevKind, { events: number; bytes: number }>> = {};
  for (const [k, v] of log.totals) totals[k] = { ...v };
  return {
    runs: log.runs.map((r) => ({
      run: r.index,
      hosts: [...r.hosts],
      end_ns: r.end_ns,
      bucket_ns: r.bucket_ns,
      buckets: KEV_KINDS.flatMap((kind, i) => {
        const counts = r.counts[i] ?? [];
        return counts.some((c) => c > 0) ? [{ kind, counts: [...counts], bytes: [...(r.bytes[i] ?? [])] }] : [];
      }),
    })),
    events: kept.map(({ ord: _ord, ...r }) => ({ ...r, reason: r.reason === null ? null : { ...r.reason }, text: kev_text(r) })),
    // Snapshots are plain and never changed once taken (a retake replaces
    // the object), so sharing them with the picture is safe.
    snapshots: [...log.snapshots],
    totals,
    events_seen: log.seq,
    events_detailed: log.detailed.length,
    events_sampled: log.sampled.length,
    sample_stride: log.stride,
    snapshots_skipped: log.snapshots_skipped,
    snapshot_errors: log.snapshot_errors,
  };
}

/**
 * kev_capture: a snapshot, now, of every machine of the run `kernel`
 * belongs to, for a host that wants the picture at a moment of its choosing
 * (call it from a Simulation event scheduled at that virtual time). It
 * follows the last event so far. Returns the snapshot's index in
 * KernelPicture.snapshots, or -1 if no log is recording `kernel` or
 * MAX_RESERVED_SNAPSHOTS are taken.
 */
export function kev_capture(kernel: Kernel): number {
  const log = recording.find((l) => l.kernels.has(kernel));
  if (log === undefined) return -1;
  const ki = info(log, kernel);
  flush_snapshot(log);
  return take_snapshot(log, ki.run, log.seq, true);
}

// ---- bookkeeping ----

function adopt(log: EventLog, kernel: Kernel): KernelInfo {
  const sim = sim_of(kernel);
  let run = log.run_of.get(sim);
  if (run === undefined) {
    // A new Simulation: the program is done with the earlier ones.
    for (const r of log.runs) end_run(log, r);
    run = {
      index: log.runs.length, sim, kernels: [], hosts: [], bucket_ns: 1000, ended: false, end_ns: sim.now_ns, snapshots_other: 0, snapshots: 0, detailed: 0,
      counts: KEV_KINDS.map(() => new Array<number>(log.nbuckets).fill(0)),
      bytes: KEV_KINDS.map(() => new Array<number>(log.nbuckets).fill(0)),
    };
    log.runs.push(run);
    log.run_of.set(sim, run);
  }
  run.ended = false;
  let host = String(kernel.sysctl('kern.hostname'));
  if (host === '') host = `machine ${run.kernels.length + 1}`;
  run.kernels.push(kernel);
  run.hosts.push(host);
  const ki: KernelInfo = { kernel, run, host };
  log.kernels.set(kernel, ki);
  return ki;
}

function info(log: EventLog, kernel: Kernel): KernelInfo {
  return log.kernels.get(kernel) ?? adopt(log, kernel);
}

function end_run(log: EventLog, r: RunState): void {
  if (r.ended || r.kernels.length === 0) return;
  r.ended = true;
  flush_snapshot(log);
  const ki = log.kernels.get(r.kernels[0] as Kernel);
  if (ki === undefined) return;
  const rec = admit(log, ki, 'run_end', 0);
  if (rec === null) return;
  rec.detail = r.hosts.join(', ');
  rec.snapshot = take_snapshot(log, r, rec.id, true);
}

function bucket_add(log: EventLog, r: RunState, kind: KevKind, t_ns: number, count: number, bytes: number): void {
  const n = log.nbuckets;
  while (t_ns >= r.bucket_ns * n) {
    for (const rows of [r.counts, r.bytes]) {
      for (const row of rows) {
        for (let i = 0; i < n; i++) row[i] = i < n / 2 ? (row[2 * i] ?? 0) + (row[2 * i + 1] ?? 0) : 0;
      }
    }
    r.bucket_ns *= 2;
  }
  const k = KIND_INDEX.get(kind) ?? 0;
  const b = Math.floor(t_ns / r.bucket_ns);
  const cr = r.counts[k] as number[];
  const br = r.bytes[k] as number[];
  cr[b] = (cr[b] ?? 0) + count;
  br[b] = (br[b] ?? 0) + bytes;
}

/** Counts an event; returns a record to fill in if the event is to be kept, else null. */
function admit(log: EventLog, ki: KernelInfo, kind: KevKind, bytes: number): Rec | null {
  const t_ns = ki.run.sim.now_ns;
  const id = ++log.seq;
  const tot = log.totals.get(kind);
  if (tot === undefined) log.totals.set(kind, { events: 1, bytes });
  else {
    tot.events++;
    tot.bytes += bytes;
  }
  // The end of a run is often long after its last event (TCP's 2MSL timer): leave it out of the time scale.
  if (kind !== 'run_end') {
    if (t_ns > ki.run.end_ns) ki.run.end_ns = t_ns;
    bucket_add(log, ki.run, kind, t_ns, 1, bytes);
  }
  let sampled = false;
  let ord = 0;
  const detailed = kind === 'run_end' || (log.detailed.length < log.max_detailed && ki.run.detailed < log.max_detailed_per_run);
  if (!detailed) {
    ord = ++log.since_detailed;
    if (ord % log.stride !== 0) return null;
    sampled = true;
  }
  const rec: Rec = {
    id, run: ki.run.index, host: ki.host, kind, t_ns, t_end_ns: t_ns, pid: 0, comm: '', call: '', call_seq: 0, uva: 0,
    bytes, pages: 0, reason: null, detail: '', snapshot: -1, sampled, ord,
  };
  if (!sampled) {
    log.detailed.push(rec);
    if (kind !== 'run_end') ki.run.detailed++;
  } else {
    log.sampled.push(rec);
    if (log.sampled.length >= log.max_sampled) {
      log.stride *= 2;
      log.sampled = log.sampled.filter((r) => r.ord % log.stride === 0);
    }
  }
  return rec;
}

/** Adds a chunk to an event already counted (coalescing). */
function grow(log: EventLog, ki: KernelInfo, open: Open, bytes: number, pages: number): void {
  const t_ns = ki.run.sim.now_ns;
  const tot = log.totals.get(open.kind);
  if (tot !== undefined) tot.bytes += bytes;
  bucket_add(log, ki.run, open.kind, t_ns, 0, bytes);
  if (t_ns > ki.run.end_ns) ki.run.end_ns = t_ns;
  const rec = open.rec;
  if (rec === null) return;
  rec.bytes += bytes;
  rec.pages += pages;
  rec.t_end_ns = t_ns;
}

// The machines of run r now, or null if a snapshot failed (the log must
// never stop the kernel it watches).
function machines_now(log: EventLog, r: RunState): RunSnapshot['machines'] | null {
  log.takes++;
  try {
    const options: SnapshotOptions = { ...log.snap_options, marks: (p) => log.marks.get(p) };
    return r.kernels.map((k) => kern_snapshot(k, options));
  } catch {
    log.snapshot_errors++;
    return null;
  }
}

function take_snapshot(log: EventLog, r: RunState, event: number, reserved: boolean): number {
  if (reserved ? log.snapshots_reserved >= MAX_RESERVED_SNAPSHOTS : log.snapshots.length >= log.max_snapshots) return -1;
  const machines = machines_now(log, r);
  if (machines === null) return -1;
  if (reserved) log.snapshots_reserved++;
  log.snapshots.push({ run: r.index, event, t_ns: r.sim.now_ns, machines });
  return log.snapshots.length - 1;
}

// A coalesced event's snapshot is taken again when something else happens
// (the next event's hook, or the end of the run), so a burst of 256 jumbo
// pages costs two snapshots, not 256; while max_snapshot_takes allows, after
// which it shows the event's first chunk.
function defer_snapshot(log: EventLog, rec: Rec, ki: KernelInfo): void {
  if (rec.snapshot < 0) return;
  if (log.pending !== null && log.pending.rec !== rec) flush_snapshot(log);
  log.pending = { rec, ki };
}

function flush_snapshot(log: EventLog): void {
  const p = log.pending;
  if (p === null) return;
  log.pending = null;
  if (log.takes >= log.max_takes) return;
  const machines = machines_now(log, p.ki.run);
  if (machines !== null) log.snapshots[p.rec.snapshot] = { run: p.ki.run.index, event: p.rec.id, t_ns: p.ki.run.sim.now_ns, machines };
}

// A kept, detailed event gets a snapshot while the budgets last. NIC and
// jumbo events get at most a quarter of max_snapshots, and a sixteenth per run, so
// that they cannot starve the zero copy events (or the runs) that come later.
function snapshot_for(log: EventLog, rec: Rec, ki: KernelInfo): void {
  if (rec.sampled) return;
  const zc = KEV_ZC_KINDS.includes(rec.kind);
  if (!zc && (log.snapshots_other >= Math.floor(log.max_snapshots / 4) || ki.run.snapshots_other >= Math.max(2, Math.floor(log.max_snapshots / 16)))) return;
  if (log.snapshots.length >= log.max_snapshots || ki.run.snapshots >= log.max_snapshots_per_run || log.takes >= log.max_takes) {
    log.snapshots_skipped++;
    return;
  }
  rec.snapshot = take_snapshot(log, ki.run, rec.id, false);
  if (rec.snapshot >= 0) ki.run.snapshots++;
  if (!zc && rec.snapshot >= 0) {
    log.snapshots_other++;
    ki.run.snapshots_other++;
  }
}

function mark_pages(log: EventLog, p: Proc, uva: number, bytes: number, mark: PageMark): void {
  let m = log.marks.get(p);
  if (m === undefined) log.marks.set(p, (m = new Map()));
  for (let a = uva - (uva & PAGE_MASK); a < uva + bytes; a += PAGE_SIZE) m.set(a, mark);
}

function kernel_of(p: Proc): Kernel | null {
  return p.p_table.kernel;
}

// ---- what each probe does (listener) ----
// A begin probe (a system call begins, a loan is about to end) retakes a
// coalesced event's snapshot, out of date, before the change, rather than at
// the next event, which comes after its own change.

// zc_note: `bytes` of call `e` of `p` were loaned, flipped or copied.
function on_zc_note(log: EventLog, p: Proc, e: ZcEntry, action: ZcAction, bytes: number, reason: ZcReason | null): void {
  const kernel = kernel_of(p);
  if (kernel === null || e.kind === 'cow_fault') return;
  const ki = info(log, kernel);
  const off = log.cursor.get(e) ?? 0;
  log.cursor.set(e, off + bytes);
  const uva = e.uva + off;
  const kind: KevKind = action === 'loan' ? 'loan' : action === 'flip' ? 'flip' : 'copy';
  const pages = action === 'copy' ? 0 : Math.ceil(bytes / PAGE_SIZE);
  const code = reason?.code ?? null;
  const open = joins(log.last_zc, kind, ki, p, e, code) ? log.last_zc : null;
  let rec: Rec | null;
  if (open !== null) {
    grow(log, ki, open, bytes, pages);
    rec = open.rec;
  } else {
    flush_snapshot(log);
    rec = admit(log, ki, kind, bytes);
    if (rec !== null) Object.assign(rec, { pid: p.p_pid, comm: p.p_comm, call: e.kind, call_seq: e.seq, uva, pages, reason });
  }
  const why = open !== null ? (open.why ?? null) : reason === null ? null : zc_reason_text(reason);
  if (open === null) log.last_zc = { kind, ki, a: p, b: e, c: code, rec, why };
  // A page copied by a later chunk of the same event gets the event's reason,
  // as the event's text gives it (zc_trace keeps the first chunk's detail too).
  const mark_kind: PageMarkKind = action === 'loan' ? 'loaned' : action === 'flip' ? 'flipped' : 'copied';
  mark_pages(log, p, uva, bytes, { kind: mark_kind, reason: why, event: rec?.id ?? 0 });
  if (rec === null) return;
  if (open !== null) defer_snapshot(log, rec, ki);
  else snapshot_for(log, rec, ki);
}

// cow_fault: `p` wrote page `uva` while call `seq` had it on loan.
function on_cow_fault(log: EventLog, p: Proc, seq: number, uva: number): void {
  const kernel = kernel_of(p);
  if (kernel === null) return;
  const ki = info(log, kernel);
  flush_snapshot(log);
  const rec = admit(log, ki, 'cow_fault', PAGE_SIZE);
  log.last_zc = closed('cow_fault', rec);
  mark_pages(log, p, uva, PAGE_SIZE, { kind: 'cow_copied', reason: `written while send #${seq} had it on loan: COW fault copied it`, event: rec?.id ?? 0 });
  if (rec === null) return;
  Object.assign(rec, { pid: p.p_pid, comm: p.p_comm, call: 'send', call_seq: seq, uva, pages: 1 });
  snapshot_for(log, rec, ki);
  // The hook runs inside the fault, before the copy is mapped: retake once the fault is over.
  defer_snapshot(log, rec, ki);
}

// loan_return: the loan of page `uva` that call `seq` of `p` made has ended (after the work).
function on_loan_return(log: EventLog, kernel: Kernel, p: Proc, seq: number, uva: number): void {
  const ki = info(log, kernel);
  if (joins(log.last_zc, 'loan_return', ki, p, seq, null)) {
    grow(log, ki, log.last_zc, PAGE_SIZE, 1);
    const rec = log.last_zc.rec;
    if (rec !== null) {
      rec.uva = Math.min(rec.uva, uva);
      defer_snapshot(log, rec, ki);
    }
    return;
  }
  flush_snapshot(log);
  const rec = admit(log, ki, 'loan_return', PAGE_SIZE);
  log.last_zc = { kind: 'loan_return', ki, a: p, b: seq, c: null, rec };
  if (rec === null) return;
  Object.assign(rec, { pid: p.p_pid, comm: p.p_comm, call: 'send', call_seq: seq, uva, pages: 1 });
  snapshot_for(log, rec, ki);
}

// jumbo: a page was allocated for a NIC, or freed (`flipped`: its slot only, the page went to a user).
function on_jumbo(log: EventLog, kernel: Kernel, kind: 'jumbo_alloc' | 'jumbo_free', flipped: boolean): void {
  const ki = info(log, kernel);
  const open = joins(log.last_any, kind, ki, flipped, null, null) ? log.last_any : null;
  let rec: Rec | null;
  if (open !== null) {
    grow(log, ki, open, 0, 1);
    rec = open.rec;
  } else {
    flush_snapshot(log);
    rec = admit(log, ki, kind, 0);
    log.last_any = { kind, ki, a: flipped, b: null, c: null, rec };
    if (rec !== null) rec.pages = 1;
  }
  if (rec === null) return;
  const j = jumbo_stats(kernel);
  rec.detail = `${flipped ? 'slot recycled, the page went to a process by a flip; ' : ''}pool: ${j.in_use} of ${j.kva_pages} in use`;
  if (open !== null) defer_snapshot(log, rec, ki);
  else snapshot_for(log, rec, ki);
}

// nic_intr: the rings after the driver has serviced an interrupt.
function on_nic_intr(log: EventLog, ifp: ifnet): void {
  const ki = info(log, ifp.if_kernel);
  flush_snapshot(log);
  const rec = admit(log, ki, 'nic_intr', 0);
  log.last_any = closed('nic_intr', rec);
  if (rec === null) return;
  const rings = ifp.if_rings?.().rings ?? [];
  rec.detail = `${ifp.if_xname} interrupt: ${rings.map((r) => `${r.name} ring ${r.used} of ${r.size} in use`).join(', ')}`;
  snapshot_for(log, rec, ki);
}

// frame: frame `m` leaves (ether_output_frame) or enters (ether_input) `ifp`.
function on_frame(log: EventLog, ifp: ifnet, m: mbuf, dir: 'tx' | 'rx'): void {
  const ki = info(log, ifp.if_kernel);
  const len = m.m_pkthdr.len;
  flush_snapshot(log);
  const kind = dir === 'tx' ? 'frame_tx' : 'frame_rx';
  const rec = admit(log, ki, kind, len);
  log.last_any = closed(kind, rec);
  if (rec === null) return;
  rec.detail = `${ifp.if_xname} ${dir === 'tx' ? 'sends' : 'receives'} ${len} bytes${frame_summary(m, len)}`;
}

// "TCP 10.0.0.1:1024 > 10.0.0.2:5001 [ACK] 1448 data bytes", read from the headers.
function frame_summary(m: mbuf, len: number): string {
  const n = Math.min(len, 14 + 60 + 60);
  const b = new Uint8Array(n);
  try {
    m_copydata(m, 0, n, b);
  } catch {
    return '';
  }
  const u8 = (i: number): number => b[i] ?? 0;
  const u16 = (i: number): number => (u8(i) << 8) | u8(i + 1);
  const type = u16(12);
  if (type !== 0x0800) return `: ethertype 0x${type.toString(16).padStart(4, '0')}`;
  const ip = 14;
  const ihl = (u8(ip) & 15) * 4;
  const ip_len = u16(ip + 2);
  const addr = (i: number): string => `${u8(i)}.${u8(i + 1)}.${u8(i + 2)}.${u8(i + 3)}`;
  if (u8(ip + 9) !== 6) return `: IP proto ${u8(ip + 9)} ${addr(ip + 12)} > ${addr(ip + 16)}`;
  const tcp = ip + ihl;
  const thl = (u8(tcp + 12) >> 4) * 4;
  const f = u8(tcp + 13);
  const flags = [[0x02, 'SYN'], [0x10, 'ACK'], [0x01, 'FIN'], [0x04, 'RST'], [0x08, 'PSH']]
    .filter(([bit]) => (f & (bit as number)) !== 0).map(([, name]) => name).join(',');
  const data = Math.max(0, ip_len - ihl - thl);
  return `: TCP ${addr(ip + 12)}:${u16(tcp)} > ${addr(ip + 16)}:${u16(tcp + 2)} [${flags}]${data > 0 ? ` ${data} data bytes` : ''}`;
}

// ---- words ----

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Virtual time as the picture prints it: "t=1.234 ms". */
export function kev_time_text(t_ns: number): string {
  return `t=${(t_ns / 1e6).toFixed(3)} ms`;
}

/** An event in words, with its time and machine. */
export function kev_text(e: Omit<KevEvent, 'text' | 'sampled' | 'snapshot'>): string {
  const head = `${kev_time_text(e.t_ns)} ${e.host}: `;
  const call = `${e.comm} ${e.call === 'receive' ? 'recv' : e.call} #${e.call_seq}`;
  const pages = (n: number): string => `${n} ${n === 1 ? 'page' : 'pages'}`;
  switch (e.kind) {
    case 'loan':
      return `${head}${call}: ${pages(e.pages)} loaned from ${hex(e.uva)} (wired and COW-marked while the data is in flight)`;
    case 'flip':
      return `${head}${call}: ${pages(e.pages)} flipped into ${hex(e.uva)} (kernel pages became the reader's)`;
    case 'copy':
      return `${head}${call}: ${e.bytes} bytes copied: ${e.reason === null ? '?' : zc_reason_text(e.reason)}`;
    case 'cow_fault':
      return `${head}${e.comm} wrote ${hex(e.uva)} while send #${e.call_seq} still had it on loan: COW fault, the process got a copy`;
    case 'loan_return':
      return `${head}${pages(e.pages)} of ${call} given back (socow_iodone: data acknowledged, page unwired)`;
    case 'jumbo_alloc':
      return `${head}${pages(e.pages)} allocated from jumbo(9) for the NIC's receive ring (${e.detail})`;
    case 'jumbo_free':
      return `${head}${pages(e.pages)} given back to jumbo(9) (${e.detail})`;
    case 'nic_intr':
    case 'frame_tx':
    case 'frame_rx':
      return `${head}${e.detail}`;
    case 'run_end':
      return `${head}end of run ${e.run + 1} (${e.detail})`;
  }
}
