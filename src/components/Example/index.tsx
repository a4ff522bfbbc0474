// <Example slug code? />: a sample that the reader can edit and run. Man pages
// pass the code of their literal block; MDX pages write just
// <Example slug="fork-cow" /> and the code comes from examples/fork-cow.ts.
// The code is rendered as a static block on the server and before the editor
// has loaded, so it reads the same with JavaScript off; after hydration the
// Sandpack editor replaces it. The documented output and its "verified"
// mark follow either. A "Link to this version" URL (shareLink.ts) opens the
// editor with the reader's code instead, and scrolls to it.
import React, { Suspense, lazy, useEffect, useRef, useState } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimContent } from '../../plugins/zcsim-content.ts';
import DocumentedOutput from './DocumentedOutput.tsx';
import { useSharedCode } from './useSharedCode.ts';
import styles from './styles.module.css';
import SampleIndex from '../SampleIndex/index.tsx';

export interface ExampleProps {
  slug: string;
  code?: string;
}

const LiveEditor = lazy(() => import('./LiveEditor.tsx'));

function StaticCode({ code }: { code: string }): React.ReactElement {
  return (
    <CodeBlock language="ts" className={styles.static ?? ""}>
      {code}
    </CodeBlock>
  );
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
  // The editor waits for the link to be read, so it opens once, with the right code.
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
      {live ? (
        <Suspense fallback={<StaticCode code={code} />}>
          <LiveEditor
            key={shared.status === 'ok' ? shared.serial : 0}
            slug={slug}
            code={code}
            expected={expected}
            {...(shared.status === 'ok' ? { initialCode: shared.code } : {})}
          />
        </Suspense>
      ) : (
        <StaticCode code={code} />
      )}
      <DocumentedOutput slug={slug} expected={expected} verification={content.verification[slug]} />
    </div>
  );
}
