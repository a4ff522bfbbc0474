// Throughput against CPU cost: each run a point, x the throughput, y the
// service demand of both sides together. Better configurations sit lower
// and further right. The reader's reruns are drawn larger, on top.
import React from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { Line } from '@visx/shape';
import { AXIS_STYLE, BOTTOM_TICK_LABELS, KIND_COLORS, leftTickLabels, type PointKind } from './palette.ts';

export interface ScatterDatum {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly kind: PointKind;
}

interface Props {
  readonly data: readonly ScatterDatum[];
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xRef?: { value: number; label: string }; // a vertical line: the wire's limit
}

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { top: 16, right: 24, bottom: 48, left: 64 };

export default function ScatterChart({ data, title, xLabel, yLabel, xRef }: Props): React.ReactElement {
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xTop = Math.max(1, ...data.map((d) => d.x), xRef?.value ?? 0);
  const yTop = Math.max(1, ...data.map((d) => d.y));
  const x = scaleLinear<number>({ domain: [0, xTop * 1.05], range: [0, innerW], nice: true });
  const y = scaleLinear<number>({ domain: [0, yTop * 1.1], range: [innerH, 0], nice: true });
  // Reader's points last, so they are drawn over the build's.
  const ordered = [...data.filter((d) => d.kind !== 'user'), ...data.filter((d) => d.kind === 'user')];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={title} data-chart={title} style={{ maxWidth: WIDTH, color: 'var(--ifm-font-color-base)' }}>
      <title>{title}</title>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {xRef && (
          <g>
            <Line from={{ x: x(xRef.value), y: 0 }} to={{ x: x(xRef.value), y: innerH }} stroke="currentColor" strokeDasharray="4 3" />
            <text x={x(xRef.value) - 4} y={10} fontSize={10} textAnchor="end" fill="currentColor">
              {xRef.label}
            </text>
          </g>
        )}
        {ordered.map((d) => (
          <circle
            key={d.id}
            data-point={d.id}
            data-kind={d.kind}
            cx={x(d.x)}
            cy={y(d.y)}
            r={d.kind === 'user' ? 7 : 4.5}
            fill={KIND_COLORS[d.kind]}
            fillOpacity={0.85}
            stroke={d.kind === 'user' ? 'currentColor' : 'none'}
          >
            <title>{`${d.label}: ${d.x.toFixed(1)} Mbps, ${d.y.toFixed(2)} us/KB`}</title>
          </circle>
        ))}
        <AxisLeft {...AXIS_STYLE} scale={y} numTicks={6} label={yLabel} tickLabelProps={leftTickLabels(10)} />
        <AxisBottom {...AXIS_STYLE} top={innerH} scale={x} numTicks={8} label={xLabel} tickLabelProps={BOTTOM_TICK_LABELS} />
      </Group>
    </svg>
  );
}
