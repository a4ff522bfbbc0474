// The live editor: Sandpack's provider and code editor only. No preview,
// console or "open in CodeSandbox" button, since those load a hosted bundler;
// the sample runs in our own worker instead (runSample).
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { SandpackCodeEditor, SandpackProvider, useActiveCode, useSandpack } from '@codesandbox/sandpack-react';
import { useColorMode } from '@docusaurus/theme-common';
import OutputPanel, { type PanelState } from './OutputPanel.tsx';
import KernelPicturePanel from '../KernelPicture/index.tsx';
import type { KernelPicture } from '../../kernel/index.ts';
import { prepareWorker, runSample, type RunHandle } from './runSample.ts';
import CodeActions from './CodeActions.tsx';
import KernelOptions from './KernelOptions.tsx';
import { describeOverrides, type KernelOverrides } from './kernelOverrides.ts';
import styles from './styles.module.css';

const SAMPLE_FILE = '/sample.ts';

interface Props {
  slug: string;
  code: string;
  expected: string | undefined;
  /** Code from a "Link to this version" URL, shown instead of `code` until Reset. */
  initialCode?: string;
}

function EditorWithControls({ slug, expected, initialCode }: Omit<Props, 'code'>): React.ReactElement {
  const { code } = useActiveCode();
  const { sandpack } = useSandpack();
  const [panel, setPanel] = useState<PanelState>({ status: 'idle', lines: [] });
  const [overrides, setOverrides] = useState<KernelOverrides>({});
  const [ranWith, setRanWith] = useState<string[]>([]); // the overrides of the run shown
  const [picture, setPicture] = useState<KernelPicture | null>(null);
  const handle = useRef<RunHandle | null>(null);

  useEffect(() => {
    if (initialCode !== undefined) sandpack.updateFile(SAMPLE_FILE, initialCode);
    // Once, when the editor opens: later edits are the reader's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const run = useCallback(() => {
    handle.current?.cancel();
    setPanel({ status: 'running', lines: [] });
    setRanWith(describeOverrides(overrides));
    setPicture(null);
    const lines: string[] = [];
    const current = runSample(
      code,
      (line) => {
        lines.push(line);
        setPanel({ status: 'running', lines: [...lines] });
      },
      overrides,
      (p) => setPicture(p),
    );
    handle.current = current;
    void current.result.then((outcome) => {
      if (handle.current !== current || outcome.status === 'cancelled') return;
      setPanel({ lines: [...lines], ...outcome });
    });
  }, [code, overrides]);

  useEffect(() => {
    prepareWorker();
    return () => handle.current?.cancel();
  }, []);

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
    sandpack.resetAllFiles();
    setOverrides({});
    setRanWith([]);
    setPanel({ status: 'idle', lines: [] });
    setPicture(null);
  };

  return (
    <div onKeyDownCapture={onKeyDownCapture}>
      <div className={styles.screenOnly}>
        <SandpackCodeEditor showTabs={false} showLineNumbers showRunButton={false} wrapContent={false} />
      </div>
      {/* Print shows the code as it is now, whole: the editor draws only the lines in view. */}
      <pre className={styles.printOnly} data-print-code>
        {code}
      </pre>
      <div className={styles.toolbar}>
        <button type="button" className="button button--primary button--sm" data-action="run" onClick={run}>
          ▶ Run
        </button>
        <button type="button" className="button button--secondary button--sm" data-action="reset" onClick={reset}>
          Reset
        </button>
        <CodeActions slug={slug} code={code} />
        <span className={styles.hint}>Ctrl+Enter (⌘+Enter) runs · sample: {slug}</span>
      </div>
      <KernelOptions value={overrides} onChange={setOverrides} />
      {ranWith.length > 0 && (
        <p className={styles.ranWith} data-ran-with>
          This run's kernels: {ranWith.join(', ')} (set in Kernel options)
        </p>
      )}
      <OutputPanel state={panel} expected={expected} />
      {picture !== null && <KernelPicturePanel picture={picture} />}
    </div>
  );
}

export default function LiveEditor({ slug, code, expected, initialCode }: Props): React.ReactElement {
  const { colorMode } = useColorMode();
  return (
    <SandpackProvider
      files={{ [SAMPLE_FILE]: { code, active: true } }}
      customSetup={{ entry: SAMPLE_FILE }}
      options={{ activeFile: SAMPLE_FILE, visibleFiles: [SAMPLE_FILE], autorun: false }}
      theme={colorMode === 'dark' ? 'dark' : 'light'}
    >
      <EditorWithControls slug={slug} expected={expected} {...(initialCode === undefined ? {} : { initialCode })} />
    </SandpackProvider>
  );
}
