// What a run printed, how it ended, and whether it matches the output
// documented in examples/<slug>.out. A very long output (outputBuffer.ts)
// shows its first and last lines and says how many were left out between.
import React from 'react';
import type { RunOutcome } from './runSample.ts';
import { RUN_TIMEOUT_MS } from './protocol.ts';
import styles from './styles.module.css';
import OutputDiff from './OutputDiff.tsx';

/** The output kept: its first lines, its last lines, and how many lines were left out between them. */
interface Printed {
  head: string;
  tail: string;
  omitted: number;
}

export type PanelState =
  | ({ status: 'idle' } & Printed)
  | ({ status: 'running' } & Printed)
  | (Exclude<RunOutcome, { status: 'cancelled' }> & Printed);

function statusLine(state: PanelState): string {
  switch (state.status) {
    case 'idle':
      return 'Press Run to execute this sample against the simulated kernel.';
    case 'running':
      return 'Running…';
    case 'done':
      return `Finished in ${Math.round(state.elapsedMs)} ms.`;
    case 'timeout':
      return `Stopped: the sample did not finish within ${RUN_TIMEOUT_MS / 1000} s (an endless loop?). Edit it and run again.`;
    case 'error': {
      const where = state.line !== undefined ? ` at line ${state.line}${state.column !== undefined ? `, column ${state.column}` : ''}` : '';
      const what = state.kind === 'compile' ? 'Cannot compile' : 'Error';
      return `${what}${where}: ${state.message}`;
    }
  }
}

export default function OutputPanel({ state, expected }: { state: PanelState; expected: string | undefined }): React.ReactElement {
  const text = state.head + state.tail;
  const whole = state.omitted === 0;
  const matches = state.status === 'done' && expected !== undefined ? whole && text === expected : undefined;
  return (
    <div className={styles.output} data-output data-status={state.status} aria-live="polite">
      <pre className={styles.outputText} data-output-text>
        {state.head}
        {!whole && (
          <span className={styles.omitted} data-output-omitted={state.omitted}>
            {`… ${state.omitted.toLocaleString('en-US')} lines left out (only the first and last lines of a long output are kept) …\n`}
          </span>
        )}
        {state.tail}
      </pre>
      <div
        className={state.status === 'error' || state.status === 'timeout' ? styles.statusError : styles.status}
        data-output-status
      >
        {statusLine(state)}
        {matches === true && <span className={styles.match}> Output matches the documented output.</span>}
        {matches === false && <span className={styles.differ}> Output differs from the documented output.</span>}
      </div>
      {state.status !== 'idle' && state.status !== 'running' && expected !== undefined && whole && <OutputDiff expected={expected} actual={text} />}
      {state.status === 'error' && state.stack && (
        <details className={styles.stack}>
          <summary>JavaScript stack</summary>
          <pre data-output-stack>{state.stack}</pre>
        </details>
      )}
    </div>
  );
}
