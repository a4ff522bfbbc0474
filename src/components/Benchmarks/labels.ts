// The bar chart's row labels (BarChart.tsx), pure so the tests run it.
// Row labels: 11 px text, about 6.2 px a character; the label column is as
// wide as the longest label needs, within these bounds, and a label longer
// than it is cut with an ellipsis (its whole text is its <title>).
export const LABEL_FONT_PX = 11;
const LABEL_CHAR_PX = 6.2;
export const LABEL_GAP_PX = 8;
const LABEL_COLUMN_PX = { min: 120, max: 380 } as const;

/** The label column's width for `labels`, and each label as it fits there. */
export function fitLabels(labels: readonly string[]): { width: number; shown: string[] } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const width = Math.min(LABEL_COLUMN_PX.max, Math.max(LABEL_COLUMN_PX.min, Math.ceil(longest * LABEL_CHAR_PX) + LABEL_GAP_PX));
  const fits = Math.floor((width - LABEL_GAP_PX) / LABEL_CHAR_PX);
  return { width, shown: labels.map((l) => (l.length <= fits ? l : `${l.slice(0, fits - 1)}…`)) };
}
