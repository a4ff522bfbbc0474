// The "Kernel picture" section under a run's output. Recording the kernel's
// event log can double a netperf sample's run time, so a plain Run does not
// record it: opening this section runs the sample again, in a fresh worker
// with the same code and Kernel options and the log on (the simulation is
// deterministic, so it is the same run), and draws what it recorded
// (../KernelPicture, loaded then).
import React, { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { KernelPicture } from '../../kernel/index.ts';
import type { KernelOverrides } from './kernelOverrides.ts';
import { runSample, type RunHandle } from './runSample.ts';
import pictureStyles from '../KernelPicture/styles.module.css';
import styles from './styles.module.css';

const KernelPicturePanel = lazy(() => import('../KernelPicture/index.tsx'));

/** The run the picture is of. */
export interface PictureRun {
  readonly code: string;
  readonly overrides: KernelOverrides;
  /** Which run of the sample this is. */
  readonly serial: number;
}

type State = { kind: 'closed' } | { kind: 'recording' } | { kind: 'ready'; picture: KernelPicture } | { kind: 'failed'; message: string };

export default function PictureOffer({ run, workerUrl }: { run: PictureRun; workerUrl: string }): React.ReactElement {
  const [state, setState] = useState<State>({ kind: 'closed' });
  const handle = useRef<RunHandle | null>(null);
  useEffect(() => () => handle.current?.cancel(), []);

  const record = () => {
    if (state.kind !== 'closed') return;
    setState({ kind: 'recording' });
    let picture: KernelPicture | null = null;
    const current = runSample(workerUrl, run.code, () => undefined, run.overrides, (p) => {
      picture = p;
    });
    handle.current = current;
    void current.result.then((outcome) => {
      if (handle.current !== current || outcome.status === 'cancelled') return;
      if (picture !== null) setState({ kind: 'ready', picture });
      else setState({ kind: 'failed', message: outcome.status === 'timeout' ? 'the run did not finish in time' : 'the run recorded nothing' });
    });
  };

  return (
    <details
      className={`${pictureStyles.panel ?? ''} ${styles.picture ?? ''}`}
      data-kernel-picture
      data-picture-state={state.kind}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) record();
      }}
    >
      <summary className={pictureStyles.summary}>Kernel picture</summary>
      {state.kind === 'recording' && (
        <p className={styles.hint} role="status" data-picture-recording>
          Recording: the sample runs again with the kernel's event log on…
        </p>
      )}
      {state.kind === 'failed' && (
        <p className={styles.hint} role="status">
          No picture: {state.message}.
        </p>
      )}
      {state.kind === 'ready' && (
        <Suspense fallback={null}>
          <KernelPicturePanel picture={state.picture} />
        </Suspense>
      )}
    </details>
  );
}
