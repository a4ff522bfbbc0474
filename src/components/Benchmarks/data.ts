// The build's benchmark results, as the page's components read them.
// Only types come from src/bench here: the numbers arrive as the JSON module
// the zcsim-bench plugin writes, imported here only, so they load with the
// benchmarks page and the kernel stays out of its bundle.
import bench from '@generated/zcsim-bench/default/bench.json';
import type { ZcsimBench } from '../../plugins/zcsim-bench.ts';
import type { ComparisonResultRow } from '../../bench/comparison.ts';

export function useBench(): ZcsimBench {
  return bench as ZcsimBench;
}

/** The row with this id; throws, naming it, if the build has none (a typo in the page). */
export function findRow(bench: ZcsimBench, id: string): ComparisonResultRow {
  const row = bench.comparison.rows.find((r) => r.id === id);
  if (row === undefined) throw new Error(`benchmarks: no comparison row "${id}" (known: ${bench.comparison.rows.map((r) => r.id).join(', ')})`);
  return row;
}

