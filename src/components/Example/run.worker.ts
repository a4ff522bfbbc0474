// Runs one sample: strips its types with sucrase, then executes it against the
// kernel bundled from src/kernel, with top-level await. One worker per run,
// so a sample can never see state left by another; the page terminates the
// worker after RUN_TIMEOUT_MS.
//
// What the sample cannot do is enforced by the browser, not by this file:
// the site's Content-Security-Policy (inherited by this worker, which the
// page starts from a blob: URL) allows no request to any other origin,
// whatever global the sample finds; and the runner reports on a private
// MessagePort (protocol.ts) through methods captured before the sample's
// code exists, so patching MessagePort.prototype or calling self.postMessage
// neither reaches the page's listener nor hands the sample the port.
// Bundled by esbuild (src/plugins/workers.ts) as strict code, so a sample
// that walks the stack (Function.caller, Error.prepareStackTrace) finds no
// runner function or receiver.
import { transform } from 'sucrase';
import * as zcsim from 'zcsim';
import { compileError } from './compileError.ts';
import { formatArgs } from './formatOutput.ts';
import { withKernelOverrides, type ZcsimModule } from './kernelWrapper.ts';
import { OUTPUT_BATCH_LINES, type RunMessage, type RunRequest } from './protocol.ts';

// Captured now, before any sample runs: the sample may replace any of these afterwards.
const apply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage;
const arrayPush = Array.prototype.push;
const scope = self as unknown as { onmessage: ((event: MessageEvent<RunRequest>) => void) | null };

// V8 places the body of `new AsyncFunction(params, body)` two lines below the
// function's first line; sucrase keeps the sample's own line numbers.
const FUNCTION_HEADER_LINES = 2;

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

async function run(request: RunRequest, port: MessagePort): Promise<void> {
  const post = (message: RunMessage): void => void apply(portPost, port, [message]);
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    post({ type: 'output', lines: pending });
    pending = [];
  };
  const print = (...args: unknown[]): void => {
    apply(arrayPush, pending, [formatArgs(args)]);
    if (pending.length >= OUTPUT_BATCH_LINES) flush();
  };
  const sampleModule: ZcsimModule = withKernelOverrides(zcsim, request.overrides);
  const sampleRequire = (name: string): unknown => {
    if (name === 'zcsim') return sampleModule;
    throw new Error(`Cannot find module '${name}': samples can import only from 'zcsim'`);
  };

  let js: string;
  try {
    js = transform(request.code, { transforms: ['typescript', 'imports'], filePath: 'sample.ts' }).code;
  } catch (error) {
    post({ type: 'error', kind: 'compile', ...compileError(error instanceof Error ? error.message : String(error)) });
    return;
  }
  const sampleConsole = { log: print, info: print, error: print, warn: print };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<unknown>;
  // When asked, the event log watches every kernel the sample boots, for the kernel picture.
  const log = request.picture === true ? startPicture() : null;
  try {
    const body = new AsyncFunction('require', 'console', 'exports', 'module', js);
    const exportsObject = {};
    // Output printed after the sample's promise settles (a timer it left) is not part of the run.
    await body(sampleRequire, sampleConsole, exportsObject, { exports: exportsObject });
    flush();
    postPicture(log, post);
    post({ type: 'done' });
  } catch (error) {
    flush();
    postPicture(log, post);
    const stack = error instanceof Error ? error.stack : undefined;
    post({ type: 'error', kind: 'runtime', message: errorText(error), ...runtimePosition(error), ...(stack ? { stack } : {}) });
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

function postPicture(log: zcsim.EventLog | null, post: (message: RunMessage) => void): void {
  if (log === null) return;
  try {
    post({ type: 'picture', picture: zcsim.kev_record_stop(log) });
  } catch {
    // nothing to draw
  }
}

// A spare worker waits here until the reader presses Run, and warms up
// meanwhile: a fresh worker runs every function of the kernel cold (parsed
// on first call, interpreted until V8 tiers it up), which makes a sample
// two or three times slower than the same sample run a second time. So the
// spare transforms a line with sucrase and runs a few milliseconds of
// netperf over ti(4) with zero copy and over em(4), on machines of its own
// that the sample never sees. Nothing it leaves behind shows in a sample's
// output: kernels are separate objects, and the kernel's few module-level
// counters number only the picture's sockets, which warm-up never records.
// A run that arrives during the warm-up starts when it ends.
const WARM_UP_CONFIG = `machine i386
cpu I686_CPU
ident WARMUP
options INET
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
device pci
device ti
device em
`;

async function warmUp(): Promise<void> {
  try {
    transform('const warm: number = 1;', { transforms: ['typescript', 'imports'] });
    await zcsim.netperf_pair({ configA: WARM_UP_CONFIG, configB: WARM_UP_CONFIG, nic: 'ti', mtu: 9000, argv: ['-l', '0.002'] });
    await zcsim.netperf_pair({ argv: ['-l', '0.002'] });
  } catch {
    // A warm-up that fails only leaves the run cold.
  }
}

const warmed = warmUp();

scope.onmessage = (event) => {
  // One run per worker; nothing later that reaches the worker's own onmessage is read.
  scope.onmessage = null;
  const port = event.ports[0];
  if (event.data?.type !== 'run' || port === undefined) return;
  const request = event.data;
  void warmed.then(() => run(request, port));
};
