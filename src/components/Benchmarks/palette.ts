// Colours of the plots, one per kind of point, chosen to read on the light
// and the dark theme alike; text and axes use currentColor.
export const KIND_COLORS = {
  off: '#8a8f98',
  send: '#3f7cc0',
  receive: '#e08a2c',
  both: '#3f9b4a',
  user: '#d6336c',
  published: '#7b4fc9',
} as const;

export type PointKind = keyof typeof KIND_COLORS;

export const KIND_LABELS: Record<PointKind, string> = {
  off: 'zero copy off',
  send: 'send only',
  receive: 'receive only',
  both: 'send and receive',
  user: 'your run',
  published: 'published figure',
};

// Both plots' axes: lines and labels in the text colour, so they follow the theme.
export const AXIS_STYLE = {
  stroke: 'currentColor',
  tickStroke: 'currentColor',
  labelProps: { fill: 'currentColor', fontSize: 11, textAnchor: 'middle' },
} as const;

/** Tick labels of a bottom axis (centred under the tick). */
export const BOTTOM_TICK_LABELS = { fill: 'currentColor', fontSize: 10, textAnchor: 'middle' } as const;

/** Tick labels of a left axis (right-aligned against it), at `fontSize`. */
export function leftTickLabels(fontSize: number) {
  return { fill: 'currentColor', fontSize, textAnchor: 'end', dx: -4, dy: '0.33em' } as const;
}

/** The kinds present in `shown`, in the palette's order. */
export function legendKinds(shown: Iterable<PointKind>): PointKind[] {
  const present = new Set(shown);
  return (Object.keys(KIND_COLORS) as PointKind[]).filter((k) => present.has(k));
}
