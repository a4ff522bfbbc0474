// <Example slug code? />: a sample that the reader can edit and run. Man pages
// pass the code of their literal block; MDX pages write just
// <Example slug="fork-cow" /> and the code comes from examples/fork-cow.ts.
// The code is rendered as a static block on the server and before the editor
// has loaded, so it reads the same with JavaScript off; after hydration the
// Sandpack editor replaces it.
import React, { Suspense, lazy, useEffect, useState } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimContent } from '../../plugins/zcsim-content.ts';
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
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <div className={styles.example} data-example={slug} data-ready={mounted ? 'true' : 'false'}>
      <SampleIndex slug={slug} />
      {mounted ? (
        <Suspense fallback={<StaticCode code={code} />}>
          <LiveEditor slug={slug} code={code} expected={expected} />
        </Suspense>
      ) : (
        <StaticCode code={code} />
      )}
    </div>
  );
}
