// The key to the picture's page cells and mbuf boxes, as a list a screen
// reader reads as text, each item with a swatch drawn like the real thing.
import React from 'react';
import type { MbufStorage, PageState } from '../../kernel/index.ts';
import { PAGE_STATE_LETTER, PAGE_STATE_TEXT, STORAGE_TEXT } from './MachineView.tsx';
import styles from './styles.module.css';

const PAGE_STATES: PageState[] = ['resident', 'on_loan', 'returned', 'flipped', 'copied', 'cow_copied'];
const STORAGES: MbufStorage[] = ['mbuf', 'cluster', 'socow', 'jumbo', 'driver', 'sf_buf'];

function Swatch({ className, letter, name }: { className: string; letter?: string; name: string }): React.ReactElement {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className={styles.swatch}>
      <rect x="1" y="1" width="14" height="14" className={className} data-legend={name} />
      {letter ? <text x="8" y="12" className={styles.cellLetter}>{letter}</text> : null}
    </svg>
  );
}

export default function Legend(): React.ReactElement {
  return (
    <div className={styles.legend}>
      <span className={styles.legendTitle}>Pages:</span>
      <ul>
        {PAGE_STATES.map((s) => (
          <li key={s}>
            <Swatch className={styles[`page_${s}`] ?? ''} letter={PAGE_STATE_LETTER[s]} name={`page ${s}`} /> {PAGE_STATE_TEXT[s]}
          </li>
        ))}
      </ul>
      <span className={styles.legendTitle}>mbufs:</span>
      <ul>
        {STORAGES.map((s) => (
          <li key={s}>
            <Swatch className={styles[`mbuf_${s}`] ?? ''} name={`mbuf ${s}`} /> {STORAGE_TEXT[s]}
          </li>
        ))}
      </ul>
    </div>
  );
}
