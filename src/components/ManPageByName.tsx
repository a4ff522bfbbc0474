// Renders one of our man pages, by file name ("zero_copy.9"), from the AST the
// zcsim-content plugin parsed out of man/ at build time.
import React from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import ManPage from './ManPage/index.tsx';
import type { ZcsimContent } from '../plugins/zcsim-content.ts';

export default function ManPageByName({ name }: { name: string }): React.ReactElement {
  const content = usePluginData('zcsim-content') as ZcsimContent;
  const doc = content.manPages[name];
  if (!doc) throw new Error(`no man page ${name} in man/`);
  return <ManPage doc={doc} xrefs={content.xrefs} />;
}
