// Renders one of our man pages from the data the zcsim-content plugin wrote
// for it at build time (src/plugins/man-page-data.ts), which the page's MDX
// file imports:
//
//   import page from '@generated/zcsim-content/default/man-zero_copy.9.json';
//   export const toc = page.toc;
//   <ManPageByName page={page} />
import React from 'react';
import { usePluginData } from '@docusaurus/useGlobalData';
import ManPage from './ManPage/index.tsx';
import type { ZcsimGlobalData } from '../plugins/zcsim-content.ts';
import type { ManPageData } from '../plugins/man-page-data.ts';

export default function ManPageByName({ page }: { page: ManPageData }): React.ReactElement {
  const content = usePluginData('zcsim-content') as ZcsimGlobalData;
  return <ManPage doc={page.doc} xrefs={content.xrefs} anchors={page.anchors} />;
}
