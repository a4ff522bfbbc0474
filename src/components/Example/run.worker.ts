// Runs one sample: strips its types with sucrase, then executes it against the
// kernel bundled from src/kernel, with top-level await. One worker per run,
// so a sample can never see state left by another; the page terminates the
// worker after RUN_TIMEOUT_MS. The sample gets no network: fetch,
// XMLHttpRequest, importScripts, WebSocket and EventSource are removed.
import { transform } from 'sucrase';
import * as zcsim from 'zcsim';
import { formatArgs } from './formatOutput.ts';
import { withKernelOverrides, type ZcsimModule } from './kernelWrapper.ts';
import type { RunMessage, RunRequest } from './protocol.ts';

const scope = self as unknown as Record<string, unknown> & {
  postMessage(message: RunMessage): void;
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
};

const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'importScripts', 'WebSocket', 'EventSource'] as const;
for (const name of NETWORK_GLOBALS) {
  const unavailable = () => {
    throw new Error(`${name} is not available to samples: they run offline against the simulated kernel`);
  };
  try {
    Object.defineProperty(scope, name, { value: unavailable, configurable: false, writable: false });
  } catch {
    scope[name] = unavailable;
  }
}

// V8 places the body of `new AsyncFunction(params, body)` two lines below the
// function's first line; sucrase keeps the sample's own line numbers.
const FUNCTION_HEADER_LINES = 2;

// zcsim itself, or zcsim with the reader's Kernel options controls applied.
let sampleModule: ZcsimModule = zcsim;

function sampleRequire(name: string): unknown {
  if (name === 'zcsim') return sampleModule;
  throw new Error(`Cannot find module '${name}': samples can import only from 'zcsim'`);
}

function post(message: RunMessage): void {
  scope.postMessage(message);
}

function runtimePosition(error: unknown): { line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const match = /<anonymous>:(\d+):(\d+)/.exec(stack);
  if (!match) return {};
  const line = Number(match[1]) - FUNCTION_HEADER_LINES;
  return line >= 1 ? { line, column: Number(match[2]) } : {};
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Uncaught ${String(error)}`;
}

async function run(code: string): Promise<void> {
  let js: string;
  try {
    js = transform(code, { transforms: ['typescript', 'imports'], filePath: 'sample.ts' }).code;
  } catch (error) {
    // sucrase's message already names the line and column: "Unexpected token (3:7)".
    const message = error instanceof Error ? error.message : String(error);
    const pos = /\((\d+):(\d+)\)/.exec(message);
    post({
      type: 'error',
      kind: 'compile',
      message,
      ...(pos ? { line: Number(pos[1]), column: Number(pos[2]) + 1 } : {}),
    });
    return;
  }
  const sampleConsole = {
    log: (...args: unknown[]) => post({ type: 'output', text: formatArgs(args) }),
    info: (...args: unknown[]) => post({ type: 'output', text: formatArgs(args) }),
    error: (...args: unknown[]) => post({ type: 'output', text: formatArgs(args) }),
    warn: (...args: unknown[]) => post({ type: 'output', text: formatArgs(args) }),
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<unknown>;
  // The event log watches every kernel the sample boots, for the kernel picture.
  const log = startPicture();
  try {
    const body = new AsyncFunction('require', 'console', 'exports', 'module', js);
    const exportsObject = {};
    await body(sampleRequire, sampleConsole, exportsObject, { exports: exportsObject });
    postPicture(log);
    post({ type: 'done' });
  } catch (error) {
    postPicture(log);
    const stack = error instanceof Error ? error.stack : undefined;
    post({
      type: 'error',
      kind: 'runtime',
      message: errorText(error),
      ...runtimePosition(error),
      ...(stack ? { stack } : {}),
    });
  }
}

// The picture is extra: if the log cannot start or its data cannot be
// sent, the sample's own output must still arrive.
function startPicture(): zcsim.EventLog | null {
  try {
    return zcsim.kev_record_start();
  } catch {
    return null;
  }
}

function postPicture(log: zcsim.EventLog | null): void {
  if (log === null) return;
  try {
    post({ type: 'picture', picture: zcsim.kev_record_stop(log) });
  } catch {
    // nothing to draw
  }
}

scope.onmessage = (event) => {
  sampleModule = withKernelOverrides(zcsim, event.data.overrides);
  void run(event.data.code);
};
