// Messages between the page and the Web Worker that runs one sample.
//
// The page starts the run with one message to the worker, which carries the
// sample and a MessagePort (the other end of a MessageChannel the page made
// for this run). Everything the runner reports comes back on that port,
// never through the worker's own postMessage: the sample's code runs in the
// worker's global scope and can call self.postMessage, but it cannot reach
// the port (it lives in the runner's closure), so it cannot forge a 'done'.
import type { KernelOverrides } from './kernelOverrides.ts';
import type { KernelPicture } from '../../kernel/index.ts';

export interface RunRequest {
  type: 'run';
  code: string;
  /** The reader's Kernel options controls; absent: the sample as written. */
  overrides?: KernelOverrides;
  /**
   * Record the kernel's event log for the kernel picture. Off for a plain
   * Run: recording can double a netperf sample's time, so the picture is
   * recorded by running the sample again when the reader opens it.
   */
  picture?: boolean;
}

export type RunMessage =
  /** Lines the sample printed since the last message, in order (batched: a sample may print 100,000). */
  | { type: 'output'; lines: string[] }
  | { type: 'done' }
  /** What the kernel's event log recorded (src/components/KernelPicture draws it), when asked for; sent just before 'done' or 'error'. */
  | { type: 'picture'; picture: KernelPicture }
  | {
      type: 'error';
      /** 'compile': sucrase rejected the code; 'runtime': it threw while running. */
      kind: 'compile' | 'runtime';
      message: string;
      line?: number;
      column?: number;
      /** The JavaScript stack of a runtime error, for the reader who wants it. */
      stack?: string;
    };

/** A run that has not finished after this long is stopped (the worker is terminated). */
export const RUN_TIMEOUT_MS = 5000;

/** The worker sends printed lines in batches of at most this many. */
export const OUTPUT_BATCH_LINES = 500;
