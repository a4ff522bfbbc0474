// A horizontal bar chart: one bar per row, optional tick marks for
// published figures on the same row, and vertical reference lines (the
// wire's limit). Plain SVG from visx primitives, so the server renders it
// and it needs no measuring: the viewBox scales it to the column.
import React from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line } from '@visx/shape';
import { AXIS_STYLE, BOTTOM_TICK_LABELS, KIND_COLORS, type PointKind } from './palette.ts';
import { fitLabels, LABEL_FONT_PX, LABEL_GAP_PX } from './labels.ts';

export interface BarDatum {
  readonly id: string; // row id, for data-row
  readonly label: string;
  readonly value: number;
  readonly kind: PointKind;
  readonly marks?: readonly { value: number; label: string }[]; // published figures for this row
}

export interface RefLine {
  readonly value: number;
  readonly label: string;
}

interface Props {
  readonly data: readonly BarDatum[];
  readonly title: string; // for screen readers and the test
  readonly xLabel: string;
  readonly xMax?: number; // default: the largest value or mark, plus a margin
  readonly refLines?: readonly RefLine[];
  readonly digits?: number; // decimals of the value printed at the bar's end
}

const WIDTH = 760;
const ROW = 24;
const MARGIN = { top: 6, right: 56, bottom: 44 };
const REF_LABEL = 12; // vertical room for each reference line's label, above the bars
export default function BarChart({ data, title, xLabel, xMax, refLines = [], digits = 0 }: Props): React.ReactElement {
  const fitted = fitLabels(data.map((d) => d.label));
  const left = fitted.width;
  const innerW = WIDTH - left - MARGIN.right;
  const innerH = Math.max(ROW, data.length * ROW);
  const top_margin = MARGIN.top + REF_LABEL * refLines.length;
  const height = innerH + top_margin + MARGIN.bottom;
  const top = Math.max(1, ...data.map((d) => d.value), ...data.flatMap((d) => (d.marks ?? []).map((m) => m.value)), ...refLines.map((r) => r.value));
  const x = scaleLinear<number>({ domain: [0, xMax ?? top * 1.05], range: [0, innerW], nice: true });
  const y = scaleBand<string>({ domain: data.map((d) => d.id), range: [0, innerH], padding: 0.2 });
  const band = y.bandwidth();
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} data-chart={title} style={{ maxWidth: WIDTH, color: 'var(--ifm-font-color-base)' }}>
      <title>{title}</title>
      <Group left={left} top={top_margin}>
        {data.map((d, i) => {
          const y0 = y(d.id) ?? 0;
          return (
            <g key={d.id} data-row={d.id}>
              <text x={-LABEL_GAP_PX / 2 - 4} y={y0 + band / 2} dy="0.33em" fontSize={LABEL_FONT_PX} textAnchor="end" fill="currentColor" data-row-label>
                <title>{d.label}</title>
                {fitted.shown[i]}
              </text>
              <Bar x={0} y={y0} width={Math.max(0, x(d.value))} height={band} fill={KIND_COLORS[d.kind]} data-kind={d.kind} />
              <text x={x(d.value) + 4} y={y0 + band / 2} dy="0.35em" fontSize={11} fill="currentColor">
                {d.value.toFixed(digits)}
              </text>
              {(d.marks ?? []).map((m) => (
                <g key={m.label}>
                  <title>{m.label}</title>
                  <Line from={{ x: x(m.value), y: y0 - 2 }} to={{ x: x(m.value), y: y0 + band + 2 }} stroke={KIND_COLORS.published} strokeWidth={3} />
                </g>
              ))}
            </g>
          );
        })}
        {refLines.map((r, i) => (
          // Labels stacked above the plot, each at its line's end, so close limits do not overlap.
          <g key={r.label}>
            <Line from={{ x: x(r.value), y: -REF_LABEL * (refLines.length - i) + 4 }} to={{ x: x(r.value), y: innerH }} stroke="currentColor" strokeDasharray="4 3" />
            <text x={x(r.value) - 3} y={-REF_LABEL * (refLines.length - i) + 10} fontSize={10} textAnchor="end" fill="currentColor">
              {r.label}
            </text>
          </g>
        ))}
        <AxisLeft {...AXIS_STYLE} scale={y} tickFormat={() => ''} />
        <AxisBottom {...AXIS_STYLE} top={innerH} scale={x} numTicks={6} label={xLabel} tickLabelProps={BOTTOM_TICK_LABELS} />
      </Group>
    </svg>
  );
}
