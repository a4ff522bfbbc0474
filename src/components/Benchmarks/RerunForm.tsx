// Rerun a scenario in the browser: change the machines, the kernel, the
// sysctls or netperf's options, press Run, watch virtual time advance, and
// the result joins the table and the plots as "your run". The simulation
// runs in a Web Worker (runBench.ts), so the page never freezes; Cancel
// terminates it.
import React, { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../bench/scenario.ts';
import { scenario_command } from '../../bench/scenario_text.ts';
import { zero_copy_mode } from '../../bench/zero_copy_mode.ts';
import { useBench } from './data.ts';
import { runBench, type BenchHandle } from './runBench.ts';
import { addUserRun } from './userRuns.ts';
import styles from './styles.module.css';

type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

// Number fields are kept as typed; the worker's scenario_problems judges them.
const NUMBER_FIELDS = [
  ['mtu', 'MTU (bytes)'],
  ['send_size_bytes', 'send size, netperf -m (bytes)'],
  ['send_socket_bytes', 'sender SO_SNDBUF, -s (bytes)'],
  ['recv_socket_bytes', 'receiver SO_RCVBUF, -S (bytes)'],
  ['send_offset_bytes', 'send buffer offset from a page, -o'],
  ['recv_offset_bytes', 'receive buffer offset, -O ,x'],
  ['send_buffers', 'send buffers, -W (0: netperf decides)'],
  ['dirty_bytes', 'bytes written before each send, -k'],
  ['run_length_s', 'run length, -l (virtual seconds)'],
] as const satisfies readonly (readonly [keyof Scenario, string])[];

const CHECK_FIELDS = [
  ['zero_copy_sockets', 'options ZERO_COPY_SOCKETS'],
  ['ti_jumbo_hdrsplit', 'options TI_JUMBO_HDRSPLIT'],
  ['ti_private_jumbos', 'options TI_PRIVATE_JUMBOS'],
  ['zero_copy_send', 'kern.ipc.zero_copy.send=1'],
  ['zero_copy_receive', 'kern.ipc.zero_copy.receive=1'],
] as const satisfies readonly (readonly [keyof Scenario, string])[];

type NumberField = (typeof NUMBER_FIELDS)[number][0];
type Texts = Record<NumberField, string>;

function textsOf(s: Scenario): Texts {
  return Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, String(s[k])])) as Texts;
}

function labelOf(s: Scenario): string {
  const extra = [
    s.send_offset_bytes > 0 ? `-o ${s.send_offset_bytes}` : '',
    s.recv_offset_bytes > 0 ? `-O ,${s.recv_offset_bytes}` : '',
    s.send_buffers > 0 ? `-W ${s.send_buffers}` : '',
    s.dirty_bytes > 0 ? `-k ${s.dirty_bytes}` : '',
  ].filter((x) => x !== '');
  return `${s.machine_class} ${s.nic} MTU ${s.mtu}, zero copy ${zero_copy_mode(s)}, -m ${s.send_size_bytes}${extra.length > 0 ? `, ${extra.join(' ')}` : ''}`;
}

function fmtS(ns: number): string {
  return (ns / 1e9).toFixed(4);
}

export default function RerunForm(): React.ReactElement {
  const bench = useBench();
  const [base, setBase] = useState<Scenario>(bench.default_scenario);
  const [texts, setTexts] = useState<Texts>(() => textsOf(bench.default_scenario));
  const [status, setStatus] = useState<Status>('idle');
  const [progress, setProgress] = useState<{ done_ns: number; total_ns: number | null }>({ done_ns: 0, total_ns: null });
  const [message, setMessage] = useState('');
  const handle = useRef<BenchHandle | null>(null);
  const [ready, setReady] = useState(false); // hydrated: before that, Run would submit the form as a page load
  useEffect(() => {
    setReady(true);
    return () => handle.current?.cancel();
  }, []);

  const current = (): Scenario => ({ ...base, ...Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, Number(texts[k])])) });

  const start = (event: React.FormEvent): void => {
    event.preventDefault();
    if (status === 'running') return;
    const s = current();
    setStatus('running');
    setMessage(`Running ${scenario_command(s)} …`);
    setProgress({ done_ns: 0, total_ns: Math.round(s.run_length_s * 1e9) });
    const h = runBench(s, (done_ns, total_ns) => setProgress({ done_ns, total_ns }));
    handle.current = h;
    void h.outcome.then((o) => {
      if (handle.current === h) handle.current = null;
      if (o.status === 'done') {
        addUserRun({ label: labelOf(s), scenario: s, result: o.result, wall_ms: o.wall_ms });
        setStatus('done');
        setMessage(`Done: ${o.result.throughput_mbps.toFixed(1)} Mbps, in ${(o.wall_ms / 1000).toFixed(1)} s of wall time. The row is at the end of the table, and the point is on the plots.`);
      } else if (o.status === 'cancelled') {
        setStatus('cancelled');
        setMessage('Cancelled: the worker was stopped; nothing was added.');
      } else {
        setStatus('error');
        setMessage(o.message);
      }
    });
  };

  const cancel = (): void => handle.current?.cancel();

  const fromRow = (id: string): void => {
    const row = bench.comparison.rows.find((r) => r.id === id);
    if (row === undefined) return;
    const s = { ...row.scenario, run_length_s: base.run_length_s };
    setBase(s);
    setTexts({ ...textsOf(s), run_length_s: texts.run_length_s });
  };

  const pct = progress.total_ns ? Math.min(100, (100 * progress.done_ns) / progress.total_ns) : 0;
  const running = status === 'running';
  return (
    <form className={styles.form} onSubmit={start} data-bench-form data-status={status} data-ready={ready ? 'true' : 'false'}>
      <div className={styles.fields}>
        <label>
          start from a row of the table
          <select defaultValue="" onChange={(e) => fromRow(e.target.value)} disabled={running} data-field="preset">
            <option value="">(the defaults)</option>
            {bench.comparison.rows.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          machine class (both machines)
          <select value={base.machine_class} disabled={running} data-field="machine_class" onChange={(e) => setBase({ ...base, machine_class: e.target.value as Scenario['machine_class'] })}>
            {bench.machine_classes.map((m) => (
              <option key={m.name} value={m.name} title={m.description}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          network board
          <select value={base.nic} disabled={running} data-field="nic" onChange={(e) => setBase({ ...base, nic: e.target.value as Scenario['nic'] })}>
            {bench.boards.map((b) => (
              <option key={b.name} value={b.name} title={b.description}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        {NUMBER_FIELDS.map(([k, label]) => (
          <label key={k}>
            {label}
            <input
              type="number"
              step="any"
              value={texts[k]}
              disabled={running}
              data-field={k}
              onChange={(e) => setTexts({ ...texts, [k]: e.target.value })}
            />
          </label>
        ))}
        {CHECK_FIELDS.map(([k, label]) => (
          <label key={k} className={styles.check}>
            <input type="checkbox" checked={base[k]} disabled={running} data-field={k} onChange={(e) => setBase({ ...base, [k]: e.target.checked })} />
            <code>{label}</code>
          </label>
        ))}
      </div>
      <div className={styles.actions}>
        <button type="submit" className="button button--primary button--sm" disabled={running || !ready} data-action="bench-run">
          Run
        </button>
        <button type="button" className="button button--secondary button--sm" disabled={!running} onClick={cancel} data-action="bench-cancel">
          Cancel
        </button>
        <progress className={styles.progress} max={100} value={pct} data-bench-progress={pct.toFixed(1)} aria-label="virtual time done" />
        <span data-bench-time>
          {fmtS(progress.done_ns)} / {progress.total_ns === null ? '?' : fmtS(progress.total_ns)} s
        </span>
        <div className={status === 'error' ? styles.error : styles.status} data-bench-message aria-live="polite">
          {message || 'The run goes to the end of the table and onto the plots. Long runs take real seconds: each virtual second costs a few.'}
        </div>
      </div>
    </form>
  );
}
