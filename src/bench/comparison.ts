// The comparison the 2002 announcement lacked: the same netperf run with
// zero copy off, on for sending, for receiving, and both, at MTU 9000 and
// 1500, with each jumbo receive buffer variant of ti(4), for several send
// sizes, aligned and not, with buffers reused too early and as advised, and
// on each reference machine. No FreeBSD counterpart.
//
//   const c = await run_comparison({ run_length_s: 0.05 });
//   for (const row of c.rows) console.log(row.id, row.result.throughput_mbps);
//
// The rows are data (COMPARISON_ROWS); the site's build runs them and the
// page shows what came out, so the page's numbers are this code's numbers.
// Identical scenarios in several groups are run once.

import { DEFAULT_SCENARIO, ScenarioRuns, scenario, scenario_key, type Scenario, type ScenarioResult } from './scenario.ts';

export { scenario_key } from './scenario.ts';
import { ZERO_COPY_MODES, ZERO_COPY_SETTINGS } from './zero_copy_mode.ts';

/** A group of rows that answer one question. */
export interface ComparisonGroup {
  readonly id: string;
  readonly title: string; // the question, as the page's table heading
}

/** One row of the comparison: a scenario and how the page names it. */
export interface ComparisonRow {
  readonly id: string; // stable key: the page, the tests and the charts refer to rows by it
  readonly group: string; // ComparisonGroup id
  readonly label: string; // what differs from the rest of the group
  readonly scenario: Scenario; // its run_length_s is replaced by run_comparison's
}

/** A row with what it measured. */
export interface ComparisonResultRow extends ComparisonRow {
  readonly result: ScenarioResult;
}

/** Everything run_comparison measured. */
export interface ComparisonResult {
  readonly run_length_s: number; // netperf -l of every row
  readonly rows: readonly ComparisonResultRow[];
}

export const COMPARISON_GROUPS: readonly ComparisonGroup[] = [
  { id: 'modes-9000', title: 'Zero copy off, send only, receive only, both: MTU 9000' },
  { id: 'modes-1500', title: 'The same at MTU 1500' },
  { id: 'cksum', title: "Checksums on the board (ti(4)'s default in 2002) or in software (ifconfig ti0 -rxcsum -txcsum), MTU 9000" },
  { id: 'jumbo', title: 'ti(4) jumbo receive buffers, zero copy both ways, MTU 9000' },
  { id: 'sizes', title: 'Send size (netperf -m), MTU 9000' },
  { id: 'alignment', title: 'Buffers off a page boundary (netperf -o, -O), zero copy both ways' },
  { id: 'reuse', title: 'Writing a buffer before the network is done with it (netperf -k, -W)' },
  { id: 'machines', title: 'Reference machines of the era, MTU 9000' },
  { id: 'em', title: 'A copying NIC without jumbo pages: em(4) at MTU 1500' },
];

const ZC = ZERO_COPY_SETTINGS;
const MODES = ZERO_COPY_MODES;
const SIZES_BYTES = [1024, 4096, 6000, 16384, 65536]; // below a page, one page, not a page multiple, larger
const UNALIGNED_BYTES = 100; // any offset that is not a multiple of the page breaks both page loans and flips

function rows(): ComparisonRow[] {
  const r: ComparisonRow[] = [];
  const add = (group: string, id: string, label: string, changes: Partial<Scenario>): void => {
    r.push({ id: `${group}/${id}`, group, label, scenario: scenario(changes) });
  };
  for (const m of MODES) add('modes-9000', m, `zero copy ${m}`, ZC[m]);
  for (const m of MODES) add('modes-1500', m, `zero copy ${m}`, { ...ZC[m], mtu: 1500 });
  for (const m of ['off', 'both'] as const) {
    add('cksum', `${m}-hw`, `zero copy ${m}, checksums on the board`, ZC[m]);
    add('cksum', `${m}-sw`, `zero copy ${m}, checksums in software`, { ...ZC[m], hw_cksum: false });
  }
  add('jumbo', 'hdrsplit', 'TI_JUMBO_HDRSPLIT (jumbo(9) pages, headers split off)', ZC.both);
  add('jumbo', 'private', 'TI_PRIVATE_JUMBOS (the driver\'s own 9 KB buffers)', { ...ZC.both, ti_jumbo_hdrsplit: false, ti_private_jumbos: true });
  add('jumbo', 'pages', 'neither option (jumbo(9) pages, headers inline)', { ...ZC.both, ti_jumbo_hdrsplit: false });
  for (const size of SIZES_BYTES) {
    for (const m of ['off', 'both'] as const) add('sizes', `${size}-${m}`, `-m ${size}, zero copy ${m}`, { ...ZC[m], send_size_bytes: size });
  }
  add('alignment', 'aligned', 'page-aligned buffers', ZC.both);
  add('alignment', 'send-offset', `send buffers ${UNALIGNED_BYTES} bytes past a page (-o ${UNALIGNED_BYTES})`, { ...ZC.both, send_offset_bytes: UNALIGNED_BYTES });
  add('alignment', 'recv-offset', `receive buffers ${UNALIGNED_BYTES} bytes past a page (-O ,${UNALIGNED_BYTES})`, { ...ZC.both, recv_offset_bytes: UNALIGNED_BYTES });
  add('alignment', 'both-offset', 'both off a page', { ...ZC.both, send_offset_bytes: UNALIGNED_BYTES, recv_offset_bytes: UNALIGNED_BYTES });
  // netperf's default ring is SO_SNDBUF / -m + 1 buffers; zero_copy(9) advises
  // not touching a buffer until twice SO_SNDBUF has been sent after it.
  const m = DEFAULT_SCENARIO.send_size_bytes;
  const advised = (2 * DEFAULT_SCENARIO.send_socket_bytes) / m;
  add('reuse', 'one-buffer', `one buffer, rewritten before each send (-W 1 -k ${m})`, { ...ZC.both, send_buffers: 1, dirty_bytes: m });
  add('reuse', 'advised', `${advised} buffers: 2 x SO_SNDBUF between rewrites (-W ${advised} -k ${m})`, { ...ZC.both, send_buffers: advised, dirty_bytes: m });
  add('reuse', 'copy', `one buffer rewritten, zero copy off (-W 1 -k ${m})`, { ...ZC.off, send_buffers: 1, dirty_bytes: m });
  for (const mc of ['PII_450', 'PIII_733', 'ALPHA_500'] as const) {
    for (const z of ['off', 'both'] as const) add('machines', `${mc}-${z}`, `${mc}, zero copy ${z}`, { ...ZC[z], machine_class: mc });
  }
  for (const z of ['off', 'send', 'both'] as const) {
    add('em', z, `zero copy ${z}`, { ...ZC[z], nic: 'em', mtu: 1500, ti_jumbo_hdrsplit: false });
  }
  return r;
}

/** Every row of the comparison, in the page's order. */
export const COMPARISON_ROWS: readonly ComparisonRow[] = rows();

/** The row with this id; throws RangeError naming the id if there is none. */
export function comparison_row(id: string): ComparisonRow {
  const row = COMPARISON_ROWS.find((r) => r.id === id);
  if (row === undefined) throw new RangeError(`comparison: no row "${id}"`);
  return row;
}

/** Options of run_comparison. */
export interface RunComparisonOptions {
  readonly run_length_s: number; // netperf -l for every row
  readonly only?: readonly string[]; // row ids to run (default: all)
  readonly on_row?: (row: ComparisonRow, done: number, total: number) => void; // before each distinct run
  readonly runs?: ScenarioRuns; // shared with other tables, so that a scenario they have in common runs once
}

/** Runs the rows (each distinct scenario once) at one run length. Throws what run_scenario throws. */
export async function run_comparison(o: RunComparisonOptions): Promise<ComparisonResult> {
  const wanted = o.only === undefined ? COMPARISON_ROWS : o.only.map(comparison_row);
  const runs = o.runs ?? new ScenarioRuns();
  const distinct = new Set(wanted.map((r) => scenario_key({ ...r.scenario, run_length_s: o.run_length_s }))).size;
  const seen = new Set<string>();
  const out: ComparisonResultRow[] = [];
  for (const row of wanted) {
    const s = { ...row.scenario, run_length_s: o.run_length_s };
    const key = scenario_key(s);
    if (!seen.has(key)) {
      o.on_row?.(row, seen.size, distinct);
      seen.add(key);
    }
    out.push({ ...row, scenario: s, result: await runs.run(s) });
  }
  return { run_length_s: o.run_length_s, rows: out };
}
