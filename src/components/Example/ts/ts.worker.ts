// The editor's TypeScript language service, in a worker of its own, started
// only when the reader first edits a sample (client.ts). It compiles the
// sample as the test suite's tsc does (strict, ES2022) against the zcsim
// declarations generated from src/kernel at build time, and answers the
// editor's questions (service.ts): diagnostics, completions and hover, to
// which hover adds the manual's entry for a documented name
// (src/plugins/man-hover.ts). Everything it needs is bundled into it (the
// virtual module 'zcsim:ts-env', made by src/plugins/workers.ts): it
// fetches nothing.
import { files, manHover } from 'zcsim:ts-env';
import { createSampleService } from './service.ts';
import type { TsRequest, TsResponse } from './protocol.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<TsRequest>) => void) | null; postMessage(m: TsResponse): void };
const service = createSampleService(files, manHover);

function answer(request: TsRequest): TsResponse {
  switch (request.op) {
    case 'diagnostics':
      return { id: request.id, op: 'diagnostics', diagnostics: service.diagnostics(request.code) };
    case 'completions':
      return { id: request.id, op: 'completions', ...service.completions(request.code, request.pos) };
    case 'hover':
      return { id: request.id, op: 'hover', hover: service.hover(request.code, request.pos) };
  }
}

scope.onmessage = (event) => {
  try {
    scope.postMessage(answer(event.data));
  } catch (error) {
    scope.postMessage({ id: event.data.id, op: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
