// Starts a benchmark run in a fresh Web Worker. The page stays responsive
// because the simulation runs off its thread; cancel() terminates the worker
// at once, wherever the run is.
import type { Scenario, ScenarioResult } from '../../bench/scenario.ts';
import type { BenchMessage } from './protocol.ts';

export type BenchOutcome =
  | { readonly status: 'done'; readonly result: ScenarioResult; readonly wall_ms: number }
  | { readonly status: 'error'; readonly message: string; readonly wall_ms: number }
  | { readonly status: 'cancelled'; readonly wall_ms: number };

export interface BenchHandle {
  readonly outcome: Promise<BenchOutcome>;
  cancel(): void;
}

export function runBench(scenario: Scenario, onProgress: (done_ns: number, total_ns: number | null) => void): BenchHandle {
  const started = performance.now();
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  let settle: (o: BenchOutcome) => void = () => undefined;
  let finished = false;
  const outcome = new Promise<BenchOutcome>((resolve) => {
    settle = resolve;
  });
  const wall_ms = () => performance.now() - started;
  const finish = (o: BenchOutcome): void => {
    if (finished) return;
    finished = true;
    worker.terminate();
    settle(o);
  };
  worker.onmessage = (event: MessageEvent<BenchMessage>) => {
    const m = event.data;
    if (m.type === 'progress') onProgress(m.done_ns, m.total_ns);
    else if (m.type === 'done') finish({ status: 'done', result: m.result, wall_ms: wall_ms() });
    else finish({ status: 'error', message: m.message, wall_ms: wall_ms() });
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish({ status: 'error', message: event.message || 'the benchmark worker failed', wall_ms: wall_ms() });
  };
  worker.postMessage({ scenario });
  return { outcome, cancel: () => finish({ status: 'cancelled', wall_ms: wall_ms() }) };
}
