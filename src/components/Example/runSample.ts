// Runs a sample in a fresh Web Worker and reports its output as it comes.
// The worker is terminated when the run ends, when it exceeds
// RUN_TIMEOUT_MS, or when the caller cancels (a new Run, or unmount).
//
// Each worker is started from a blob: URL that loads the bundled runner
// (src/plugins/workers.ts), so it inherits the page's Content-Security-Policy,
// and the run's messages arrive on a MessageChannel made for that run
// (protocol.ts): whatever the sample posts on the worker itself is never read.
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

/** Starts a worker running the bundle at `url` (a path on this site). */
export function startWorker(url: string): Worker {
  const absolute = new URL(url, window.location.href).href;
  const blob = new Blob([`importScripts(${JSON.stringify(absolute)});\n`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(blob);
  try {
    return new Worker(blobUrl, { name: 'zcsim sample' });
  } finally {
    // The worker has fetched its blob once it runs; revoking now only stops later use of the URL.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
  }
}

// Every run gets a worker no sample has used. Starting one means loading and
// compiling the kernel and sucrase, which is most of a run's latency, so one
// unused worker is kept ready: started when a sample comes into view or the
// reader points at Run, and replaced only after the run that took it has
// finished, so the two never compete for the CPU during a run.
let spare: Worker | null = null;
let running = 0;

/** Starts the spare worker if there is none (a sample came into view, Run was hovered or focused). */
export function prepareWorker(url: string): void {
  if (spare === null && running === 0) spare = startWorker(url);
}

function takeWorker(url: string): Worker {
  const worker = spare ?? startWorker(url);
  spare = null;
  return worker;
}

/** Runs `code`; with `onPicture`, records the kernel's event log and hands over the picture. */
export function runSample(
  url: string,
  code: string,
  onOutput: (lines: readonly string[]) => void,
  overrides?: KernelOverrides,
  onPicture?: (picture: KernelPicture) => void,
): RunHandle {
  const started = performance.now();
  const worker = takeWorker(url);
  const channel = new MessageChannel();
  running++;
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
    channel.port1.close();
    running--;
    settle(outcome);
    // The next run's worker starts once this one has been painted.
    setTimeout(() => prepareWorker(url), 50);
  };
  const elapsedMs = () => performance.now() - started;
  const timer = setTimeout(() => finish({ status: 'timeout', elapsedMs: elapsedMs() }), RUN_TIMEOUT_MS);
  channel.port1.onmessage = (event: MessageEvent<RunMessage>) => {
    const message = event.data;
    if (finished) return;
    if (message.type === 'output') onOutput(message.lines);
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
  const request: RunRequest = {
    type: 'run',
    code,
    ...(isEmptyOverrides(overrides) || overrides === undefined ? {} : { overrides }),
    ...(onPicture === undefined ? {} : { picture: true }),
  };
  worker.postMessage(request, [channel.port2]);
  return { result, cancel: () => finish({ status: 'cancelled', elapsedMs: elapsedMs() }) };
}
