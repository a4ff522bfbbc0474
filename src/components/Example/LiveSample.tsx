// The live part of a sample: its code (static until the reader edits, then
// the editor), Run, Reset, Copy and Link, the Kernel options controls, the
// output panel and the kernel picture. Before hydration (live false) only
// the static code is drawn, as on the server.
import React, { Suspense, lazy, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimGlobalData } from '../../plugins/zcsim-content.ts';
import OutputPanel, { type PanelState } from './OutputPanel.tsx';
import { OutputBuffer } from './outputBuffer.ts';
import { prepareWorker, runSample, type RunHandle } from './runSample.ts';
import CodeActions from './CodeActions.tsx';
import KernelOptions from './KernelOptions.tsx';
import StaticCode, { type Activation } from './StaticCode.tsx';
import { describeOverrides, type KernelOverrides } from './kernelOverrides.ts';
import type { RunMark } from './CodeEditor.tsx';
import PictureOffer, { type PictureRun } from './PictureOffer.tsx';
import styles from './styles.module.css';

const CodeEditor = lazy(() => import('./CodeEditor.tsx'));

interface Props {
  slug: string;
  code: string;
  expected: string | undefined;
  live: boolean;
  box: RefObject<HTMLDivElement | null>;
  /** Code from a "Link to this version" URL, shown instead of `code` until Reset. */
  initialCode?: string;
}

const IDLE: PanelState = { status: 'idle', head: '', tail: '', omitted: 0 };

function snapshot(out: OutputBuffer): Pick<PanelState, 'head' | 'tail' | 'omitted'> {
  return { head: out.headText(), tail: out.tailText(), omitted: out.omitted };
}

export default function LiveSample({ slug, code: original, expected, live, box, initialCode }: Props): React.ReactElement {
  const { workers } = usePluginData('zcsim-content') as ZcsimGlobalData;
  const [code, setCode] = useState(initialCode ?? original);
  const [editing, setEditing] = useState<Activation | null>(initialCode === undefined ? null : {});
  const [panel, setPanel] = useState<PanelState>(IDLE);
  const [overrides, setOverrides] = useState<KernelOverrides>({});
  const [ranWith, setRanWith] = useState<string[]>([]); // the overrides of the run shown
  const [shown, setShown] = useState<PictureRun | null>(null); // the run whose output is shown, for its picture
  const [mark, setMark] = useState<RunMark | null>(null);
  const handle = useRef<RunHandle | null>(null);
  const runs = useRef(0); // completed runs, so each run's picture section starts closed
  const warm = useCallback(() => prepareWorker(workers.run), [workers.run]);

  // The worker starts when the sample comes into view.
  useEffect(() => {
    const el = box.current;
    if (!live || el === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        warm();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [live, box, warm]);

  useEffect(() => () => handle.current?.cancel(), []);

  const run = useCallback(() => {
    handle.current?.cancel();
    setPanel({ ...IDLE, status: 'running' });
    setRanWith(describeOverrides(overrides));
    setShown(null);
    setMark(null);
    const out = new OutputBuffer();
    // Output is drawn at most once a frame, however fast the sample prints.
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (handle.current === current) setPanel({ status: 'running', ...snapshot(out) });
    };
    const current = runSample(
      workers.run,
      code,
      (lines) => {
        out.append(lines);
        if (frame === 0) frame = requestAnimationFrame(draw);
      },
      overrides,
    );
    handle.current = current;
    void current.result.then((outcome) => {
      if (frame !== 0) cancelAnimationFrame(frame);
      if (handle.current !== current || outcome.status === 'cancelled') return;
      setPanel({ ...snapshot(out), ...outcome });
      setShown({ code, overrides, serial: ++runs.current });
      if (outcome.status === 'error' && outcome.line !== undefined) {
        setMark({ line: outcome.line, ...(outcome.column === undefined ? {} : { column: outcome.column }), message: outcome.message, kind: outcome.kind });
      }
    });
  }, [code, overrides, workers.run]);

  const onKeyDownCapture = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      run();
    }
  };

  const reset = () => {
    handle.current?.cancel();
    handle.current = null;
    setCode(original);
    setOverrides({});
    setRanWith([]);
    setPanel(IDLE);
    setShown(null);
    setMark(null);
  };

  const staticCode = <StaticCode code={code} {...(live ? { onActivate: (at: Activation) => setEditing(at) } : {})} />;
  return (
    <div onKeyDownCapture={onKeyDownCapture}>
      <div className={styles.screenOnly} data-code-view={editing === null ? 'static' : 'editor'}>
        {editing === null || !live ? (
          staticCode
        ) : (
          <Suspense fallback={staticCode}>
            <CodeEditor code={code} onChange={setCode} activation={editing} mark={mark} tsWorkerUrl={workers.ts} />
          </Suspense>
        )}
      </div>
      {/* Print shows the code as it is now, whole: the editor draws only the lines in view. */}
      <pre className={styles.printOnly} data-print-code>
        {code}
      </pre>
      {live && (
        <>
          <div className={styles.toolbar}>
            <button
              type="button"
              className="button button--primary button--sm"
              data-action="run"
              onClick={run}
              onPointerEnter={warm}
              onFocus={warm}
            >
              ▶ Run
            </button>
            <button type="button" className="button button--secondary button--sm" data-action="reset" onClick={reset}>
              Reset
            </button>
            <CodeActions slug={slug} code={code} />
            <span className={styles.hint}>Ctrl+Enter (⌘+Enter) runs · Esc then Tab leaves the editor · sample: {slug}</span>
          </div>
          <KernelOptions value={overrides} onChange={setOverrides} />
          {ranWith.length > 0 && (
            <p className={styles.ranWith} data-ran-with>
              This run's kernels: {ranWith.join(', ')} (set in Kernel options)
            </p>
          )}
          <OutputPanel state={panel} expected={expected} />
          {shown !== null && <PictureOffer key={shown.serial} run={shown} workerUrl={workers.run} />}
        </>
      )}
    </div>
  );
}
