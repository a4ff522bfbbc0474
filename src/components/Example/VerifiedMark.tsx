// The "verified" mark under a sample's documented output: which tests check
// that this output is what the code prints, in Node and in Chromium, and
// what their last run on this exact code found (src/plugins/verification.ts).
// It claims a result only for a run of the same code and output; otherwise
// it names the tests and says no result was at hand when the page was built.
import React from 'react';
import type { RunnerVerdict, SampleVerification } from '../../plugins/verification.ts';
import styles from './styles.module.css';

function verdictText(where: string, v: RunnerVerdict): string {
  switch (v.status) {
    case 'passed':
      return `verified in ${where} on ${v.date ?? '?'}`;
    case 'failed':
      return `FAILED in ${where} on ${v.date ?? '?'} (the code printed something else)`;
    case 'unknown':
      return `${where}: no result for this version when the page was built`;
  }
}

function summaryText(v: SampleVerification): string {
  if (v.node.status === 'unknown' && v.chromium.status === 'unknown') {
    return 'Tested in Node and Chromium; no result for this version when the page was built';
  }
  const text = `${verdictText('Node', v.node)}; ${verdictText('Chromium', v.chromium)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 'verified': some runner passed and none failed; 'failed': some runner failed; 'unverified': no current result. */
export function markState(v: SampleVerification): 'verified' | 'failed' | 'unverified' {
  const all = [v.node.status, v.chromium.status];
  if (all.includes('failed')) return 'failed';
  return all.includes('passed') ? 'verified' : 'unverified';
}

export default function VerifiedMark({ verification }: { verification: SampleVerification | undefined }): React.ReactElement | null {
  if (!verification) return null;
  const state = markState(verification);
  const symbol = state === 'verified' ? '✓' : state === 'failed' ? '✗' : '○';
  return (
    <details className={styles.verified} data-verified={state}>
      <summary>
        <span aria-hidden="true">{symbol} </span>
        {summaryText(verification)}
      </summary>
      <ul>
        <li>
          Node: <code>{verification.node.test}</code> (the site build runs the same check for any sample without a current result)
        </li>
        <li>
          Chromium: <code>{verification.chromium.test}</code> (runs against the built site, so its result reaches the next build)
        </li>
      </ul>
    </details>
  );
}
