// Stepping through a run's events: Previous and Next buttons, a range
// input to scrub, the arrow keys, Home and End; a choice between the zero
// copy events and all of them; and, for the run of the selected event, a
// chart of how many events of each sort happened in each stretch of virtual
// time (the summary a long run is reduced to). Clicking a stretch jumps to
// its first kept event.
import React from 'react';
import type { KevEvent, KevRun } from '../../kernel/index.ts';
import type { EventFilter } from './pictureModel.ts';
import styles from './styles.module.css';

interface Props {
  events: KevEvent[];
  index: number;
  onIndex: (i: number) => void;
  filter: EventFilter;
  onFilter: (f: EventFilter) => void;
  run: KevRun | undefined;
  stride: number; // 1 in `stride` events is kept after the detailed ones
}

const CHART_W = 600;
const CHART_H = 64;

// Rows of the chart: the zero copy kinds stacked, the frames below.
const ZC_SERIES = [
  { kind: 'loan', cls: 'series_loan', label: 'loaned' },
  { kind: 'flip', cls: 'series_flip', label: 'flipped' },
  { kind: 'copy', cls: 'series_copy', label: 'copies' },
  { kind: 'cow_fault', cls: 'series_cow', label: 'COW faults' },
  { kind: 'loan_return', cls: 'series_return', label: 'loans returned' },
] as const;

function ms(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}

function ActivityChart({ run, selected, onPick }: { run: KevRun; selected: KevEvent | undefined; onPick: (t_ns: number) => void }): React.ReactElement {
  const n = run.buckets[0]?.counts.length ?? 0;
  const used = Math.max(1, Math.min(n, Math.ceil((run.end_ns + 1) / run.bucket_ns)));
  const bw = CHART_W / used;
  const rows = new Map(run.buckets.map((b) => [b.kind, b.counts]));
  const frames = Array.from({ length: used }, (_, i) => (rows.get('frame_tx')?.[i] ?? 0) + (rows.get('frame_rx')?.[i] ?? 0));
  const zc = Array.from({ length: used }, (_, i) => ZC_SERIES.reduce((k, s) => k + (rows.get(s.kind)?.[i] ?? 0), 0));
  const maxZc = Math.max(1, ...zc);
  const maxFrames = Math.max(1, ...frames);
  const top = CHART_H * 0.62;
  const bars: React.ReactNode[] = [];
  for (let i = 0; i < used; i++) {
    let y = top;
    const parts = ZC_SERIES.map((s) => ({ s, c: rows.get(s.kind)?.[i] ?? 0 }));
    for (const { s, c } of parts) {
      if (c === 0) continue;
      const h = (c / maxZc) * (top - 2);
      y -= h;
      bars.push(<rect key={`${s.kind}${i}`} x={i * bw} y={y} width={Math.max(1, bw - 0.5)} height={h} className={styles[s.cls]} />);
    }
    const fh = (frames[i]! / maxFrames) * (CHART_H - top - 4);
    if (fh > 0) bars.push(<rect key={`f${i}`} x={i * bw} y={top + 2} width={Math.max(1, bw - 0.5)} height={fh} className={styles.series_frames} />);
    const what = parts.filter((p) => p.c > 0).map((p) => `${p.c} ${p.s.label}`);
    if (frames[i]! > 0) what.push(`${frames[i]} frames`);
    bars.push(
      <rect key={`hit${i}`} x={i * bw} y={0} width={bw} height={CHART_H} className={styles.hit} onClick={() => onPick(i * run.bucket_ns)}>
        <title>{`${ms(i * run.bucket_ns)} to ${ms((i + 1) * run.bucket_ns)}: ${what.join(', ') || 'nothing'}`}</title>
      </rect>,
    );
  }
  const x = selected !== undefined && selected.run === run.run ? Math.min(CHART_W - 1, (selected.t_ns / (used * run.bucket_ns)) * CHART_W) : null;
  const totalZc = zc.reduce((a, b) => a + b, 0);
  const totalFrames = frames.reduce((a, b) => a + b, 0);
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${CHART_W} ${CHART_H}`}
      width="100%"
      role="img"
      aria-label={`Run ${run.run + 1} (${run.hosts.join(', ')}) over ${ms(used * run.bucket_ns)} of virtual time: ${totalZc} zero copy events and ${totalFrames} frames, in ${used} stretches of ${ms(run.bucket_ns)}.`}
      data-picture-chart
    >
      <line x1={0} x2={CHART_W} y1={top + 1} y2={top + 1} className={styles.axis} />
      {bars}
      {x !== null && <line x1={x} x2={x} y1={0} y2={CHART_H} className={styles.cursor} />}
    </svg>
  );
}

export default function Timeline({ events, index, onIndex, filter, onFilter, run, stride }: Props): React.ReactElement {
  const last = events.length - 1;
  const selected = events[index];
  const go = (i: number) => onIndex(Math.max(0, Math.min(last, i)));
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT') return; // the range input has its own keys
    if (e.key === 'ArrowRight') go(index + 1);
    else if (e.key === 'ArrowLeft') go(index - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(last);
    else return;
    e.preventDefault();
  };
  const pick = (t_ns: number) => {
    if (run === undefined) return;
    const i = events.findIndex((e) => e.run === run.run && e.t_ns >= t_ns);
    if (i >= 0) go(i);
  };
  return (
    <div className={styles.timeline} onKeyDown={onKeyDown} role="group" aria-label="Events of the run">
      <div className={styles.controls}>
        <button type="button" className="button button--secondary button--sm" data-picture-step="prev" onClick={() => go(index - 1)} disabled={index <= 0}>
          ◀ Previous
        </button>
        <button type="button" className="button button--secondary button--sm" data-picture-step="next" onClick={() => go(index + 1)} disabled={index >= last}>
          Next ▶
        </button>
        <input
          type="range"
          min={0}
          max={Math.max(0, last)}
          value={index}
          onChange={(e) => go(Number(e.target.value))}
          aria-label="Scrub through the events"
          aria-valuetext={selected?.text ?? 'no event'}
          data-picture-scrub
          className={styles.scrub}
        />
        <span className={styles.position} data-picture-position>
          {events.length === 0 ? 'no events' : `event ${index + 1} of ${events.length}`}
        </span>
        <label className={styles.filter}>
          Show{' '}
          <select value={filter} onChange={(e) => onFilter(e.target.value as EventFilter)} data-picture-filter>
            <option value="zero-copy">zero copy events</option>
            <option value="all">all events (frames, NIC, jumbo pages too)</option>
          </select>
        </label>
      </div>
      <p className={styles.eventText} aria-live="polite" data-picture-event>
        {selected?.text ?? 'No events were recorded.'}
        {selected?.sampled ? <span className={styles.sampled}> (sampled: from here on the log kept one event in {stride})</span> : null}
      </p>
      {run !== undefined && <ActivityChart run={run} selected={selected} onPick={pick} />}
    </div>
  );
}
