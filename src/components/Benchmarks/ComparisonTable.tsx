// The comparison as a table: one row per configuration, grouped by the
// question it answers, then the reader's own reruns. Each row carries its
// raw numbers in data-values, which is what the browser tests compare with
// a fresh run in Node.
import React from 'react';
import type { Scenario, ScenarioResult } from '../../bench/scenario.ts';
import { scenario_command, scenario_summary } from '../../bench/scenario_text.ts';
import { COLUMNS, formatCell, resultCells } from './columns.ts';
import { useBench } from './data.ts';
import { useUserRuns } from './userRuns.ts';
import styles from './styles.module.css';

function Row({ id, label, scenario, result, user }: { id: string; label: string; scenario: Scenario; result: ScenarioResult; user?: number }): React.ReactElement {
  const values = Object.fromEntries(COLUMNS.map((c) => [c.key, result[c.key]]));
  return (
    <tr
      data-row={id}
      data-values={JSON.stringify(values)}
      {...(user === undefined ? {} : { 'data-user-run': user })}
      className={user === undefined ? undefined : styles.userRow}
      title={`${scenario_summary(scenario)}\n${scenario_command(scenario)}`}
    >
      <td className={styles.label}>{label}</td>
      {resultCells(result).map((text, i) => (
        <td key={COLUMNS[i]?.key} className={styles.num}>
          {text}
        </td>
      ))}
      <td className={styles.num}>{formatCell((100 * result.throughput_mbps) / result.wire_limit_mbps, 1)}</td>
    </tr>
  );
}

export default function ComparisonTable(): React.ReactElement {
  const bench = useBench();
  const userRuns = useUserRuns();
  const width = COLUMNS.length + 2;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-bench-table data-run-length-s={bench.comparison.run_length_s}>
        <thead>
          <tr>
            <th>Configuration</th>
            {COLUMNS.map((c) => (
              <th key={c.key} title={c.title} className={styles.num}>
                {c.header}
              </th>
            ))}
            <th title="throughput as a share of what the wire can carry at this MSS" className={styles.num}>
              % wire
            </th>
          </tr>
        </thead>
        <tbody>
          {bench.groups.map((g) => (
            <React.Fragment key={g.id}>
              <tr className={styles.groupRow}>
                <th colSpan={width} id={`bench-${g.id}`}>
                  {g.title}
                </th>
              </tr>
              {bench.comparison.rows
                .filter((r) => r.group === g.id)
                .map((r) => (
                  <Row key={r.id} id={r.id} label={r.label} scenario={r.scenario} result={r.result} />
                ))}
            </React.Fragment>
          ))}
          {userRuns.length > 0 && (
            <tr className={styles.groupRow}>
              <th colSpan={width}>Your runs, in this browser</th>
            </tr>
          )}
          {userRuns.map((u) => (
            <Row key={`user-${u.n}`} id={`user/${u.n}`} label={`#${u.n}: ${u.label}`} scenario={u.scenario} result={u.result} user={u.n} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
