// What the panel needs from a KernelPicture, computed once per run: which
// events the timeline steps through, which snapshot shows the machines at
// each of them, and the sums the summary prints. Pure functions of plain
// data, so they are tested under Node (test/picture/model.test.ts).
import type { KernelPicture, KevEvent, KevKind, PageState, RunSnapshot } from '../../kernel/index.ts';

/** Which events the timeline steps through. */
export type EventFilter = 'zero-copy' | 'all';

const ZC_KINDS: ReadonlySet<KevKind> = new Set<KevKind>(['loan', 'copy', 'flip', 'cow_fault', 'loan_return', 'run_end']);

/** The events of the filter, in the order they happened. run_end stays in both: it closes each run. */
export function filterEvents(picture: KernelPicture, filter: EventFilter): KevEvent[] {
  return filter === 'all' ? picture.events : picture.events.filter((e) => ZC_KINDS.has(e.kind));
}

/** The filter to start with: zero copy events when there are any besides the ends of runs. */
export function defaultFilter(picture: KernelPicture): EventFilter {
  return picture.events.some((e) => ZC_KINDS.has(e.kind) && e.kind !== 'run_end') ? 'zero-copy' : 'all';
}

/**
 * The snapshot that shows the machines right after event `e`: its own, or
 * else the latest one of the same run taken at or before it (an event
 * without a snapshot of its own changed nothing the picture draws, or came
 * after the budget was spent). Null if the run has none that early.
 */
export function snapshotFor(picture: KernelPicture, e: KevEvent): { snapshot: RunSnapshot; index: number; own: boolean } | null {
  const own = picture.snapshots[e.snapshot];
  if (own !== undefined) return { snapshot: own, index: e.snapshot, own: true };
  let best = -1;
  picture.snapshots.forEach((s, i) => {
    if (s.run !== e.run || s.event > e.id) return;
    const b = picture.snapshots[best];
    if (b === undefined || s.event >= b.event) best = i;
  });
  const s = picture.snapshots[best];
  return s === undefined ? null : { snapshot: s, index: best, own: false };
}

/** Pages per state over every process of a snapshot's machine. */
export function pageCounts(s: RunSnapshot, host: string): Record<PageState, number> {
  const counts: Record<PageState, number> = { on_loan: 0, flipped: 0, copied: 0, cow_copied: 0, returned: 0, resident: 0 };
  for (const m of s.machines) {
    if (m.host !== host) continue;
    for (const p of m.procs) for (const pg of p.pages) counts[pg.state]++;
  }
  return counts;
}

/** One line saying what the log holds, e.g. "5045 events in 2 runs; the first 2000 in detail, then 1 in 8." */
export function summaryLine(picture: KernelPicture): string {
  const runs = picture.runs.length;
  const head = `${picture.events_seen} events in ${runs} ${runs === 1 ? 'run' : 'runs'}`;
  if (picture.events_sampled === 0) return `${head}, every one kept; ${picture.snapshots.length} pictures of the machines.`;
  return `${head}; the first ${picture.events_detailed} kept in detail, then 1 in ${picture.sample_stride} (${picture.events_sampled} kept); ${picture.snapshots.length} pictures of the machines.`;
}

/** Events and bytes per kind over the whole log, in a fixed order, kinds that happened only. */
export function totalsRows(picture: KernelPicture): { kind: KevKind; events: number; bytes: number }[] {
  const order: KevKind[] = ['loan', 'flip', 'copy', 'cow_fault', 'loan_return', 'jumbo_alloc', 'jumbo_free', 'nic_intr', 'frame_tx', 'frame_rx'];
  return order.flatMap((kind) => {
    const t = picture.totals[kind];
    return t === undefined ? [] : [{ kind, events: t.events, bytes: t.bytes }];
  });
}

/** What each kind is called in the panel. */
export const KIND_LABELS: Record<KevKind, string> = {
  loan: 'loans (pages lent to a send)',
  flip: 'flips (pages moved into a reader)',
  copy: 'copies',
  cow_fault: 'COW faults',
  loan_return: 'loans returned',
  jumbo_alloc: 'jumbo(9) page allocations',
  jumbo_free: 'jumbo(9) page frees',
  nic_intr: 'NIC interrupts',
  frame_tx: 'frames sent',
  frame_rx: 'frames received',
  run_end: 'ends of runs',
};

/** Hex address as the kernel prints it. */
export function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
