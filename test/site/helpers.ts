// Runs a sample's code in this process the way the site's worker does
// (src/components/Example/run.worker.ts): sucrase strips the types, the code
// runs as an async function whose require('zcsim') returns the module given,
// and console.log lines are formatted as in the worker.
import { transform } from 'sucrase';
import type { ZcsimModule } from '../../src/components/Example/kernelWrapper.ts';
import { formatArgs } from '../../src/components/Example/formatOutput.ts';

export interface SampleRun {
  readonly output: string; // what the sample printed, one line per console call, each ending in \n
  readonly error: unknown; // what it threw, or undefined
}

export async function runSampleInNode(code: string, mod: ZcsimModule): Promise<SampleRun> {
  const js = transform(code, { transforms: ['typescript', 'imports'], filePath: 'sample.ts' }).code;
  let output = '';
  const log = (...args: unknown[]) => {
    output += `${formatArgs(args)}\n`;
  };
  const sampleConsole = { log, info: log, warn: log, error: log };
  const sampleRequire = (name: string) => {
    if (name === 'zcsim') return mod;
    throw new Error(`Cannot find module '${name}'`);
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...args: unknown[]) => Promise<unknown>;
  const exportsObject = {};
  try {
    await new AsyncFunction('require', 'console', 'exports', 'module', js)(sampleRequire, sampleConsole, exportsObject, {
      exports: exportsObject,
    });
    return { output, error: undefined };
  } catch (error) {
    return { output, error };
  }
}
