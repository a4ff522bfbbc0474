// Runs one benchmark scenario off the page's thread and reports how far it
// got in virtual time. One worker per run: the page cancels a run by
// terminating its worker, which the simulation (never yielding to the event
// loop) could not otherwise notice.
import * as scenario_module from '../../bench/scenario.ts';
import type { BenchMessage, BenchRequest } from './protocol.ts';

// Used as an object on purpose. With only named imports webpack concatenates
// the whole worker into one scope without its module runtime, yet Docusaurus
// adds a runtime function (__webpack_require__.gca) to every entry chunk, and
// the worker would fail with "__webpack_require__ is not defined". Keeping
// the namespace object makes webpack emit the runtime, as run.worker.ts's
// `import * as zcsim` does.
const bench: typeof scenario_module = scenario_module;

const scope = self as unknown as {
  postMessage(message: BenchMessage): void;
  onmessage: ((event: MessageEvent<BenchRequest>) => void) | null;
};

async function run(request: BenchRequest): Promise<void> {
  try {
    const result = await bench.run_scenario(request.scenario, {
      on_progress: ({ done_ns, total_ns }) => scope.postMessage({ type: 'progress', done_ns, total_ns }),
    });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  void run(event.data);
};
