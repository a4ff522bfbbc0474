// How the key rows move when each group of cost parameters is halved and
// doubled (src/bench/sensitivity.ts): the throughput's change in percent and
// the busier side's CPU in points. A row whose throughput no group moves is
// marked: it reproduces a figure without testing the model.
import React from 'react';
import { useBench } from './data.ts';
import styles from './styles.module.css';

function signed(v: number, digits: number): string {
  const t = v.toFixed(digits);
  return v > 0 && Number(t) !== 0 ? `+${t}` : Number(t) === 0 ? '0' : t;
}

export default function SensitivityTable(): React.ReactElement {
  const { sensitivity, cost_groups, sensitivity_factors } = useBench();
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-sensitivity>
        <thead>
          <tr>
            <th>Cost of</th>
            <th>×</th>
            {sensitivity.rows.map((r) => (
              <th key={r.id} className={styles.num} title={`${r.base_mbps.toFixed(1)} Mbps, busier CPU ${r.base_cpu_pct.toFixed(1)} %`}>
                {r.label}
                <br />
                <small>
                  {r.base_mbps.toFixed(1)} Mbps, CPU {r.base_cpu_pct.toFixed(0)} %
                </small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cost_groups.flatMap((g) =>
            sensitivity_factors.map((factor) => (
              <tr key={`${g.id}-${factor}`} data-group={g.id} data-factor={factor}>
                {factor === sensitivity_factors[0] ? (
                  <td className={styles.label} rowSpan={sensitivity_factors.length}>
                    {g.label}
                  </td>
                ) : null}
                <td>{factor}</td>
                {sensitivity.rows.map((r) => {
                  const c = r.cells.find((x) => x.group === g.id && x.factor === factor);
                  return (
                    <td key={r.id} className={styles.num}>
                      {c === undefined ? '' : `${signed(c.mbps_change_pct, 1)} % · ${signed(c.cpu_change_points, 1)} pts`}
                    </td>
                  );
                })}
              </tr>
            )),
          )}
          <tr data-tests-nothing>
            <td className={styles.label} colSpan={2}>
              Does the throughput test the model?
            </td>
            {sensitivity.rows.map((r) => (
              <td key={r.id} className={styles.num} data-row={r.id}>
                {r.tests_nothing ? 'no: no parameter moves it (the wire sets it)' : 'yes'}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
