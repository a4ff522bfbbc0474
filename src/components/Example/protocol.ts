// Messages between the page and the Web Worker that runs one sample.
import type { KernelOverrides } from './kernelOverrides.ts';
import type { KernelPicture } from '../../kernel/index.ts';

export interface RunRequest {
  code: string;
  /** The reader's Kernel options controls; absent: the sample as written. */
  overrides?: KernelOverrides;
}

export type RunMessage =
  | { type: 'output'; text: string }
  | { type: 'done' }
  /** What the kernel's event log recorded (src/components/KernelPicture draws it); sent just before 'done' or 'error'. */
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
