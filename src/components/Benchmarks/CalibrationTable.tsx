// What the model has to reproduce: each published figure it is set against,
// the conditions of the matching run, the model's value, the difference and
// the verdict against the tolerance stated in advance (src/bench/calibration.ts).
// Below, the figures that cannot be compared, and why.
import React from 'react';
import type { CalibrationRow } from '../../bench/calibration.ts';
import { useBench } from './data.ts';
import styles from './styles.module.css';

function value_text(v: number, unit: string): string {
  return unit === 'Mbps' ? `${v.toFixed(1)} Mbps` : `${v.toFixed(1)} %`;
}

function tolerance_text(r: CalibrationRow): string {
  const t = r.target.tolerance;
  return 'pct' in t ? `±${t.pct} %` : `±${t.points} points`;
}

export default function CalibrationTable(): React.ReactElement {
  const { calibration } = useBench();
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-calibration>
          <thead>
            <tr>
              <th>Published figure</th>
              <th>Run with</th>
              <th className={styles.num}>Published</th>
              <th className={styles.num}>Model</th>
              <th className={styles.num}>Difference</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {calibration.rows.map((r) => {
              const f = r.target.figure;
              return (
                <tr key={f.id} data-target={f.id} data-pass={r.pass ? 'yes' : 'no'}>
                  <td className={styles.label}>
                    {f.machine}, {f.network}: {f.what} ({f.source})
                  </td>
                  <td className={styles.why}>{r.target.conditions}</td>
                  <td className={styles.num}>{f.unit === 'Mbps' ? `${f.value} Mbps` : `${f.value} %`}</td>
                  <td className={styles.num}>{value_text(r.model, f.unit)}</td>
                  <td className={styles.num}>
                    {r.diff > 0 ? '+' : ''}
                    {r.diff.toFixed(1)} {r.diff_unit}
                  </td>
                  <td>
                    <strong>{r.pass ? 'reproduced' : 'not reproduced'}</strong> (tolerance {tolerance_text(r)})
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>Figures shown for context, which the model cannot be held to:</p>
      <ul data-calibration-context>
        {calibration.context.map((c) => (
          <li key={c.figure.id} data-figure={c.figure.id}>
            {c.figure.machine}, {c.figure.network}: {c.figure.what}, {c.figure.value} {c.figure.unit === 'Mbps' ? 'Mbps' : '%'} ({c.figure.source}). {c.why_not}
          </li>
        ))}
      </ul>
    </>
  );
}
