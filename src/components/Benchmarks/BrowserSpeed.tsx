// How fast the reader's own browser simulates: from the reruns the reader
// has made on this page (userRuns.ts), the virtual seconds each ran and the
// wall time it took. A page is read on many computers, so it quotes none
// but the reader's; before a rerun it says how to get the figure.
import React from 'react';
import { useUserRuns } from './userRuns.ts';

/** Virtual seconds per wall-clock second of a run. */
export function virtualPerWall(run_length_s: number, wall_ms: number): number {
  return wall_ms > 0 ? run_length_s / (wall_ms / 1000) : 0;
}

export default function BrowserSpeed(): React.ReactElement {
  const runs = useUserRuns();
  const last = runs[runs.length - 1];
  if (last === undefined) {
    return (
      <p data-browser-speed="none">
        <em>
          Your browser has not run anything yet: rerun any row with the form at the bottom of the page, and this paragraph says
          how fast your browser simulated it.
        </em>
      </p>
    );
  }
  const s = last.scenario.run_length_s;
  const rate = virtualPerWall(s, last.wall_ms);
  return (
    <p data-browser-speed={rate.toFixed(4)}>
      In your browser, run #{last.n} ({last.label}) simulated {s} virtual seconds in {(last.wall_ms / 1000).toFixed(2)} s of wall time:{' '}
      <strong>{rate.toFixed(3)} virtual seconds per second</strong>, so ten virtual seconds of it would take about{' '}
      {rate > 0 ? `${Math.round(10 / rate)} s` : 'forever'} here
      {runs.length > 1 ? ` (your ${runs.length} runs: ${runs.map((r) => virtualPerWall(r.scenario.run_length_s, r.wall_ms).toFixed(3)).join(', ')} virtual s per s)` : ''}.
      A short run spends a larger share of its time starting the worker and booting the machines, so a longer one reads higher.
    </p>
  );
}
