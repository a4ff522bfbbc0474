// <ManPage doc xrefs />: a parsed mdoc page rendered like man.freebsd.org,
// with .Xr as Docusaurus links and samples as live editors.
import React from 'react';
import Link from '@docusaurus/Link';
// Same module as @site/src/components/Example; relative because tsconfig's
// inherited baseUrl points @site/* into node_modules for tsc.
import Example from '../Example/index.tsx';
import type { MdocDocument } from '../../mdoc/index.ts';
import ManPageView from './ManPageView.tsx';
import styles from './styles.module.css';

export interface ManPageProps {
  doc: MdocDocument;
  /** "zero_copy(9)" -> "/man/zero_copy.9", only for pages the site has. */
  xrefs: Readonly<Record<string, string>>;
}

export default function ManPage({ doc, xrefs }: ManPageProps): React.ReactElement {
  return <ManPageView doc={doc} xrefs={xrefs} Link={Link} Example={Example} className={styles.manpage ?? ''} />;
}
