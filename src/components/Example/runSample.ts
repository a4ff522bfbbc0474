// Runs a sample in a fresh Web Worker and reports its output as it comes.
// The worker is terminated when the run ends, when it exceeds
// RUN_TIMEOUT_MS, or when the caller cancels (a new Run, or unmount).
import { RUN_TIMEOUT_MS, type RunMessage, type RunRequest } from './protocol.ts';
import { isEmptyOverrides, type KernelOverrides } from './kernelOverrides.ts';
import type { KernelPicture } from '../../kernel/index.ts';

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

// Every run gets a worker no sample has used. Starting one means loading and
// compiling the kernel and sucrase, which is most of a run's latency, so one
// unused worker is kept ready and replaced as soon as it is taken.
let spare: Worker | null = null;

function newWorker(): Worker {
  return new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts the spare worker early, e.g. when an editor appears on the page. */
export function prepareWorker(): void {
  spare ??= newWorker();
}

function takeWorker(): Worker {
  const worker = spare ?? newWorker();
  spare = null;
  setTimeout(prepareWorker, 0);
  return worker;
}

export function runSample(
  code: string,
  onOutput: (line: string) => void,
  overrides?: KernelOverrides,
  onPicture?: (picture: KernelPicture) => void,
): RunHandle {
  const started = performance.now();
  const worker = takeWorker();
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
    else if (message.type === 'picture') onPicture?.(message.picture);
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
  const request: RunRequest = isEmptyOverrides(overrides) || overrides === undefined ? { code } : { code, overrides };
  worker.postMessage(request);
  return { result, cancel: () => finish({ status: 'cancelled', elapsedMs: elapsedMs() }) };
}
