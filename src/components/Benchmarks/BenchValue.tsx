// A number from the build's comparison, inline in the page's prose, so the
// text follows the numbers when the model changes:
//   <BenchValue row="modes-9000/both" field="throughput_mbps" digits={1} /> Mbps
import React from 'react';
import type { ScenarioResult } from '../../bench/scenario.ts';
import { findRow, useBench } from './data.ts';

interface Props {
  readonly row: string;
  readonly field: keyof ScenarioResult;
  readonly digits?: number;
}

export default function BenchValue({ row, field, digits = 1 }: Props): React.ReactElement {
  const r = findRow(useBench(), row).result;
  const v = r[field];
  if (typeof v !== 'number') throw new Error(`<BenchValue field="${field}">: not a number`);
  return <span data-bench-value={`${row}:${field}`}>{v.toFixed(digits)}</span>;
}

/** A ratio of two rows' values, e.g. how many times more CPU copying costs. */
export function BenchRatio({ row, over, field, digits = 1 }: Props & { readonly over: string }): React.ReactElement {
  const bench = useBench();
  const a = findRow(bench, row).result[field];
  const b = findRow(bench, over).result[field];
  if (typeof a !== 'number' || typeof b !== 'number') throw new Error(`<BenchRatio field="${field}">: not a number`);
  return <span data-bench-ratio={`${row}/${over}:${field}`}>{(a / b).toFixed(digits)}</span>;
}

/** The virtual seconds each row of the build ran for. */
export function BenchRunLength(): React.ReactElement {
  return <span data-bench-run-length>{useBench().comparison.run_length_s}</span>;
}
