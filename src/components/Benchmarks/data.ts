// The build's benchmark results, as the page's components read them.
// Only types come from src/bench here: the numbers arrive as global data,
// so the kernel stays out of the page's bundle.
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimBench } from '../../plugins/zcsim-bench.ts';
import type { ComparisonResultRow } from '../../bench/comparison.ts';

export function useBench(): ZcsimBench {
  return usePluginData('zcsim-bench') as ZcsimBench;
}

/** The row with this id; throws, naming it, if the build has none (a typo in the page). */
export function findRow(bench: ZcsimBench, id: string): ComparisonResultRow {
  const row = bench.comparison.rows.find((r) => r.id === id);
  if (row === undefined) throw new Error(`benchmarks: no comparison row "${id}" (known: ${bench.comparison.rows.map((r) => r.id).join(', ')})`);
  return row;
}

