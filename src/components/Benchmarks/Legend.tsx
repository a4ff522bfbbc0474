// The key below a plot: a swatch and a name for each kind shown.
import React from 'react';
import { KIND_COLORS, KIND_LABELS, type PointKind } from './palette.ts';
import styles from './styles.module.css';

export default function Legend({ kinds }: { kinds: readonly PointKind[] }): React.ReactElement {
  return (
    <ul className={styles.legend}>
      {kinds.map((k) => (
        <li key={k}>
          <span className={styles.swatch} style={{ background: KIND_COLORS[k] }} />
          {KIND_LABELS[k]}
        </li>
      ))}
    </ul>
  );
}
