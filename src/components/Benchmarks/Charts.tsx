// The comparison as plots, from the build's rows and the reader's reruns:
// throughput by configuration against the wire's limit, the reference
// machines against the figures published for them, and throughput against
// CPU cost for every run.
import React from 'react';
import { zero_copy_mode } from '../../bench/zero_copy_mode.ts';
import type { ComparisonResultRow } from '../../bench/comparison.ts';
import BarChart, { type BarDatum, type RefLine } from './BarChart.tsx';
import Legend from './Legend.tsx';
import ScatterChart, { type ScatterDatum } from './ScatterChart.tsx';
import { useBench } from './data.ts';
import { useUserRuns } from './userRuns.ts';
import styles from './styles.module.css';

// The wire limits of a set of rows, once each.
function wireLines(rows: readonly ComparisonResultRow[]): RefLine[] {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.result.wire_limit_mbps.toFixed(1), r.result.wire_limit_mbps);
  return [...seen.entries()].map(([text, value]) => ({ value, label: `wire limit ${text}` }));
}

/** Throughput of every row in `groups`, and of the reader's reruns, with the wire's limits. */
export function ThroughputChart({ groups, title }: { groups: readonly string[]; title: string }): React.ReactElement {
  const bench = useBench();
  const user = useUserRuns();
  const rows = bench.comparison.rows.filter((r) => groups.includes(r.group));
  const data: BarDatum[] = [
    ...rows.map((r) => ({ id: r.id, label: `${r.scenario.mtu}: ${r.label}`, value: r.result.throughput_mbps, kind: zero_copy_mode(r.scenario) })),
    ...user.map((u) => ({ id: `user/${u.n}`, label: `#${u.n}: ${u.label}`, value: u.result.throughput_mbps, kind: 'user' as const })),
  ];
  return (
    <figure className={styles.figure}>
      <BarChart data={data} title={title} xLabel="throughput, Mbps (10^6 bits/s)" refLines={wireLines(rows)} digits={1} />
      <Legend shown={data.map((d) => d.kind)} />
    </figure>
  );
}

/** The reference machines with zero copy off and on, each with the published figures set against it. */
export function MachinesChart(): React.ReactElement {
  const bench = useBench();
  const rows = bench.comparison.rows.filter((r) => r.group === 'machines');
  const data: BarDatum[] = rows.map((r) => ({
    id: r.id,
    label: r.label,
    value: r.result.throughput_mbps,
    kind: zero_copy_mode(r.scenario),
    marks: bench.published_marks.filter((m) => m.row_id === r.id).map((m) => ({ value: m.value, label: m.label })),
  }));
  return (
    <figure className={styles.figure}>
      <BarChart data={data} title="Reference machines: model and published figures" xLabel="throughput, Mbps (10^6 bits/s)" refLines={wireLines(rows)} digits={1} />
      <Legend shown={[...data.map((d) => d.kind), ...(data.some((d) => (d.marks ?? []).length > 0) ? (['published'] as const) : [])]} />
    </figure>
  );
}

/** Every run as a point: throughput against the CPU both sides spend per KB. */
export function CostChart(): React.ReactElement {
  const bench = useBench();
  const user = useUserRuns();
  const seen = new Set<string>();
  const data: ScatterDatum[] = [];
  for (const r of bench.comparison.rows) {
    const key = JSON.stringify(r.scenario);
    if (seen.has(key)) continue; // a scenario shown in several groups is one point
    seen.add(key);
    data.push({ id: r.id, label: r.label, x: r.result.throughput_mbps, y: r.result.sender_sd_us_per_kb + r.result.receiver_sd_us_per_kb, kind: zero_copy_mode(r.scenario) });
  }
  for (const u of user) {
    data.push({ id: `user/${u.n}`, label: `#${u.n}: ${u.label}`, x: u.result.throughput_mbps, y: u.result.sender_sd_us_per_kb + u.result.receiver_sd_us_per_kb, kind: 'user' });
  }
  const wire = Math.max(...bench.comparison.rows.map((r) => r.result.wire_limit_mbps));
  return (
    <figure className={styles.figure}>
      <ScatterChart
        data={data}
        title="Throughput against CPU per KB, sender and receiver together"
        xLabel="throughput, Mbps"
        yLabel="service demand, us/KB (send + receive)"
        xRef={{ value: wire, label: `wire limit ${wire.toFixed(1)}` }}
      />
      <Legend shown={data.map((d) => d.kind)} />
    </figure>
  );
}
