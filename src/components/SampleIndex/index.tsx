// <SampleIndex slug />: the cross-index on a sample. Gives the sample its
// anchor (#sample-<slug>, where the man pages' "Live samples" lines point)
// and names the man page definitions it demonstrates, each a link to the
// definition. Rendered by <Example>; the data is the site plugin's
// (src/plugins/cross-index.ts).
import React from 'react';
import Link from '@docusaurus/Link';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimGlobalData } from '../../plugins/zcsim-content.ts';
import { sampleAnchor, type TermRef } from '../../plugins/cross-index.ts';
import styles from './styles.module.css';

/** Terms grouped by the page that defines them, in first-seen order. */
function byPage(terms: readonly TermRef[]): [string, TermRef[]][] {
  const groups = new Map<string, TermRef[]>();
  for (const t of terms) groups.set(t.label, [...(groups.get(t.label) ?? []), t]);
  return [...groups];
}

export default function SampleIndex({ slug }: { slug: string }): React.ReactElement {
  const content = usePluginData('zcsim-content') as ZcsimGlobalData;
  const id = sampleAnchor(slug);
  useBrokenLinks().collectAnchor(id);
  const entry = content.crossIndex.samples[slug];
  const groups = byPage(entry?.demonstrates ?? []);
  return (
    <div id={id} className={styles.index} data-sample-index={slug}>
      {groups.length > 0 ? (
        <>
          <span className={styles.label}>Demonstrates</span>{' '}
          {groups.map(([label, terms], i) => (
            <React.Fragment key={label}>
              {i > 0 ? ' · ' : null}
              {label}{' '}
              {terms.map((t, j) => (
                <React.Fragment key={t.key}>
                  {j > 0 ? ', ' : null}
                  <Link to={t.href} className={styles.term ?? ""}>{t.key}</Link>
                </React.Fragment>
              ))}
            </React.Fragment>
          ))}
        </>
      ) : null}
    </div>
  );
}
