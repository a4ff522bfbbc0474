// Renders one of our man pages, by file name ("zero_copy.9"), from the AST the
// zcsim-content plugin parsed out of man/ at build time.
import React from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import ManPage from './ManPage/index.tsx';
import type { ZcsimGlobalData } from '../plugins/zcsim-content.ts';

export default function ManPageByName({ name }: { name: string }): React.ReactElement {
  const content = usePluginData('zcsim-content') as ZcsimGlobalData;
  const doc = content.manPages[name];
  if (!doc) throw new Error(`no man page ${name} in man/`);
  // The samples' one-line summaries become the links' titles.
  const anchors = (content.crossIndex.anchors[name] ?? []).map((a) => ({
    ...a,
    defines: a.defines.map((t) => ({
      ...t,
      samples: t.samples.map((s) => ({ ...s, summary: content.crossIndex.samples[s.slug]?.summary ?? '' })),
    })),
  }));
  return <ManPage doc={doc} xrefs={content.xrefs} anchors={anchors} />;
}
