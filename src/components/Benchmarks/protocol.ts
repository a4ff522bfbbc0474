// Messages between the benchmarks page and the Web Worker that runs one scenario.
import type { Scenario, ScenarioResult } from '../../bench/scenario.ts';

export interface BenchRequest {
  readonly scenario: Scenario;
}

export type BenchMessage =
  | { readonly type: 'progress'; readonly done_ns: number; readonly total_ns: number | null }
  | { readonly type: 'done'; readonly result: ScenarioResult }
  | { readonly type: 'error'; readonly message: string };
