// The model beside the figures of the era: the published number, the
// model's row, the difference, and, where they part, why we think they do.
import React from 'react';
import type { Verdict } from '../../bench/published.ts';
import { useBench } from './data.ts';
import styles from './styles.module.css';

const VERDICT_TEXT: Record<Verdict, string> = {
  agrees: 'agrees',
  beyond_wire: 'beyond gigabit Ethernet',
  model_higher: 'model higher',
  model_lower: 'model lower',
};

export default function VsPublished({ show = 'all' }: { show?: 'all' | 'disagree' }): React.ReactElement {
  const lines = useBench().vs_published.filter((l) => show === 'all' || l.verdict !== 'agrees');
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-vs-published>
        <thead>
          <tr>
            <th>Published figure</th>
            <th className={styles.num}>Mbps</th>
            <th className={styles.num}>Model</th>
            <th className={styles.num}>Difference</th>
            <th>Verdict, and why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.figure.id} data-figure={l.figure.id} data-verdict={l.verdict}>
              <td className={styles.label}>
                {l.figure.machine}, {l.figure.network}: {l.figure.what} ({l.figure.source})
              </td>
              <td className={styles.num}>{l.figure.throughput_mbps}</td>
              <td className={styles.num} title={l.row_id}>
                {l.simulated_mbps.toFixed(1)}
                <br />
                <code>{l.row_id}</code>
              </td>
              <td className={styles.num}>
                {l.diff_pct > 0 ? '+' : ''}
                {l.diff_pct.toFixed(1)} %
              </td>
              <td className={styles.why}>
                <strong>{VERDICT_TEXT[l.verdict]}</strong>
                {l.cpu_verdict !== null && (
                  <>
                    {', '}
                    <strong>CPU {VERDICT_TEXT[l.cpu_verdict]}</strong> (published {l.figure.cpu_pct} %, the model's busier side {l.simulated_cpu_pct.toFixed(1)} %)
                  </>
                )}
                {l.verdict === 'agrees' && (l.cpu_verdict ?? 'agrees') === 'agrees' ? null : <>: {l.figure.gap_reason}</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
