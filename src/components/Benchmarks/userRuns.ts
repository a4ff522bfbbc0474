// The reader's own reruns, shared by the form, the table and the plots on
// the page (which are separate MDX tags). A tiny external store: nothing is
// kept across page loads, and the server renders none.
import { useSyncExternalStore } from 'react';
import type { Scenario, ScenarioResult } from '../../bench/scenario.ts';

export interface UserRun {
  readonly n: number; // 1, 2, ... in the order they finished
  readonly label: string;
  readonly scenario: Scenario;
  readonly result: ScenarioResult;
  readonly wall_ms: number; // how long the browser took
}

let runs: readonly UserRun[] = [];
const listeners = new Set<() => void>();
const EMPTY: readonly UserRun[] = [];

export function addUserRun(run: Omit<UserRun, 'n'>): void {
  runs = [...runs, { ...run, n: runs.length + 1 }];
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The reruns so far (none on the server). */
export function useUserRuns(): readonly UserRun[] {
  return useSyncExternalStore(subscribe, () => runs, () => EMPTY);
}
