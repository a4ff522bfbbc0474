// The output documented for a sample (examples/<slug>.out), shown before any
// run and in print, with the mark saying which tests check it.
import React from 'react';
import type { SampleVerification } from '../../plugins/verification.ts';
import VerifiedMark from './VerifiedMark.tsx';
import styles from './styles.module.css';

export default function DocumentedOutput({
  slug,
  expected,
  verification,
}: {
  slug: string;
  expected: string | undefined;
  verification: SampleVerification | undefined;
}): React.ReactElement | null {
  if (expected === undefined) return null;
  return (
    <section className={styles.documented} aria-label={`Documented output of sample ${slug}`}>
      <div className={styles.documentedTitle}>
        Documented output <span className={styles.hint}>(examples/{slug}.out)</span>
      </div>
      <pre className={styles.outputText} data-documented-output>
        {expected}
      </pre>
      <VerifiedMark verification={verification} />
    </section>
  );
}
