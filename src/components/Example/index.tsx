// <Example slug code? />: a sample that the reader can edit and run. Man pages
// pass the code of their literal block; MDX pages write just
// <Example slug="fork-cow" /> and the code comes from examples/fork-cow.ts.
//
// What the first load costs is kept small: the code is shown as static
// highlighted text (the same on the server, with JavaScript off and in
// print), with Run and the other controls beside it; the editor
// (CodeEditor.tsx, CodeMirror) is loaded only when the reader focuses or
// clicks into the code, and the worker that runs samples only when a sample
// scrolls into view or the reader points at Run. A "Link to this version"
// URL (shareLink.ts) opens the sample with the reader's code instead, and
// scrolls to it. The documented output and its "verified" mark follow.
import React, { useEffect, useRef, useState } from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimContent } from '../../plugins/zcsim-content.ts';
import DocumentedOutput from './DocumentedOutput.tsx';
import LiveSample from './LiveSample.tsx';
import { useSharedCode } from './useSharedCode.ts';
import styles from './styles.module.css';
import SampleIndex from '../SampleIndex/index.tsx';

export interface ExampleProps {
  slug: string;
  code?: string;
}

export default function Example({ slug, code: given }: ExampleProps): React.ReactElement {
  const content = usePluginData('zcsim-content') as ZcsimContent;
  const sample = content.examples[slug];
  const code = given ?? sample?.code;
  if (code === undefined) throw new Error(`<Example slug="${slug}">: there is no examples/${slug}.ts`);
  const expected = sample?.expected;
  const box = useRef<HTMLDivElement>(null);
  const shared = useSharedCode(slug, box);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  useEffect(() => {
    if (shared.status === 'ok' || shared.status === 'error') box.current?.scrollIntoView({ block: 'start' });
  }, [shared]);
  // The controls wait for the link to be read, so the sample opens once, with the right code.
  const live = mounted && shared.status !== 'pending';
  return (
    <div ref={box} className={styles.example} data-example={slug} data-ready={live ? 'true' : 'false'}>
      {shared.status === 'error' && (
        <p className={styles.shareError} role="alert" data-share-error>
          {shared.message} Showing the sample's own code.
        </p>
      )}
      {shared.status === 'ok' && (
        <p className={styles.shareNotice} role="status" data-share-notice>
          Opened with the code from the link. Reset returns to the sample's own code.
        </p>
      )}
      <SampleIndex slug={slug} />
      <LiveSample
        key={shared.status === 'ok' ? shared.serial : 0}
        slug={slug}
        code={code}
        expected={expected}
        live={live}
        box={box}
        {...(shared.status === 'ok' ? { initialCode: shared.code } : {})}
      />
      <DocumentedOutput slug={slug} expected={expected} verification={content.verification[slug]} />
    </div>
  );
}
