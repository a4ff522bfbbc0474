// Runs a sample in a fresh Web Worker and reports its output as it comes.
// The worker is terminated when the run ends, when it exceeds
// RUN_TIMEOUT_MS, or when the caller cancels (a new Run, or unmount).
import { RUN_TIMEOUT_MS, type RunMessage } from './protocol.ts';

export type RunOutcome =
  | { status: 'done'; elapsedMs: number }
  | {
      status: 'error';
      kind: 'compile' | 'runtime';
      message: string;
      line?: number;
      column?: number;
      stack?: string;
      elapsedMs: number;
    }
  | { status: 'timeout'; elapsedMs: number }
  | { status: 'cancelled'; elapsedMs: number };

export interface RunHandle {
  result: Promise<RunOutcome>;
  cancel(): void;
}

export function runSample(code: string, onOutput: (line: string) => void): RunHandle {
  const started = performance.now();
  const worker = new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module' });
  let settle: (outcome: RunOutcome) => void = () => undefined;
  let finished = false;
  const result = new Promise<RunOutcome>((resolve) => {
    settle = resolve;
  });
  const finish = (outcome: RunOutcome) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    worker.terminate();
    settle(outcome);
  };
  const elapsedMs = () => performance.now() - started;
  const timer = setTimeout(() => finish({ status: 'timeout', elapsedMs: elapsedMs() }), RUN_TIMEOUT_MS);
  worker.onmessage = (event: MessageEvent<RunMessage>) => {
    const message = event.data;
    if (finished) return;
    if (message.type === 'output') onOutput(message.text);
    else if (message.type === 'done') finish({ status: 'done', elapsedMs: elapsedMs() });
    else {
      const { type: _type, ...error } = message;
      finish({ status: 'error', ...error, elapsedMs: elapsedMs() });
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    finish({ status: 'error', kind: 'runtime', message: event.message || 'the sample worker failed', elapsedMs: elapsedMs() });
  };
  worker.postMessage({ code });
  return { result, cancel: () => finish({ status: 'cancelled', elapsedMs: elapsedMs() }) };
}
