// The key below a plot: a swatch and a name for each kind the plot shows,
// in the palette's order, and none for a kind that has no point or bar.
import React from 'react';
import { KIND_COLORS, KIND_LABELS, legendKinds, type PointKind } from './palette.ts';
import styles from './styles.module.css';

export default function Legend({ shown }: { shown: Iterable<PointKind> }): React.ReactElement {
  return (
    <ul className={styles.legend} data-legend-kinds={legendKinds(shown).join(' ')}>
      {legendKinds(shown).map((k) => (
        <li key={k}>
          <span className={styles.swatch} style={{ background: KIND_COLORS[k] }} />
          {KIND_LABELS[k]}
        </li>
      ))}
    </ul>
  );
}
