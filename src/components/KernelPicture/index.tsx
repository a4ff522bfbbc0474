// <KernelPicture picture />: what happened inside the kernel during a
// sample's run, inside the collapsible section under its output
// (Example/PictureOffer.tsx): a line of summary, the timeline
// (Timeline.tsx), a key to the drawing (Legend.tsx), and the machines as
// they were right after the selected event
// (MachineView.tsx), with the pages the event is about outlined. The
// picture is the plain data the sample's worker got from the kernel's
// event log (src/kernel/kern/kern_eventlog.ts); nothing here runs the kernel.
import React, { useEffect, useMemo, useState } from 'react';
import type { KernelPicture, KevEvent } from '../../kernel/index.ts';
import Legend from './Legend.tsx';
import MachineView, { type Focus } from './MachineView.tsx';
import Timeline from './Timeline.tsx';
import { defaultFilter, filterEvents, KIND_LABELS, snapshotFor, summaryLine, totalsRows, type EventFilter } from './pictureModel.ts';
import styles from './styles.module.css';

function focusOf(e: KevEvent | undefined): Focus | null {
  if (e === undefined || e.pid === 0 || e.uva === 0) return null;
  const span = e.kind === 'copy' ? e.bytes : Math.max(1, e.pages) * 4096;
  return { host: e.host, pid: e.pid, from: e.uva, to: e.uva + span };
}

export default function KernelPicturePanel({ picture }: { picture: KernelPicture }): React.ReactElement | null {
  const [filter, setFilter] = useState<EventFilter>(() => defaultFilter(picture));
  const events = useMemo(() => filterEvents(picture, filter), [picture, filter]);
  const [index, setIndex] = useState(0);
  // A new run brings a new picture: start again at its first event.
  useEffect(() => {
    setFilter(defaultFilter(picture));
    setIndex(0);
  }, [picture]);
  const selected = events[Math.min(index, events.length - 1)];
  const shown = selected === undefined ? null : snapshotFor(picture, selected);
  const run = picture.runs.find((r) => r.run === (selected?.run ?? 0));

  // A sample that booted no kernel (a configuration error, say) has nothing to draw.
  if (picture.runs.length === 0) return <p className={styles.intro} data-picture-empty>This run booted no kernel: there is nothing to draw.</p>;

  const changeFilter = (f: EventFilter) => {
    // Keep the reader where they were: the first event of the new list at or after the selected one.
    const next = filterEvents(picture, f);
    const at = selected === undefined ? 0 : next.findIndex((e) => e.id >= selected.id);
    setFilter(f);
    setIndex(at < 0 ? Math.max(0, next.length - 1) : at);
  };

  return (
    <div className={styles.body}>
        <p className={styles.intro} data-picture-summary>
          {summaryLine(picture)} Step through the events to see the machines right after each one.
        </p>
        <Timeline
          events={events}
          index={Math.min(index, Math.max(0, events.length - 1))}
          onIndex={setIndex}
          filter={filter}
          onFilter={changeFilter}
          run={run}
          stride={picture.sample_stride}
        />
        <Legend />
        {shown === null ? (
          <p className={styles.note}>No picture of the machines at this moment (the log keeps pictures of the first events only).</p>
        ) : (
          <>
            <p className={styles.note} data-picture-when>
              {`The machines at t=${(shown.snapshot.t_ns / 1e6).toFixed(3)} ms${shown.own ? '' : `, as of an earlier event (this one has no picture of its own)`}:`}
            </p>
            {shown.snapshot.machines.map((m) => (
              <MachineView key={m.host} machine={m} focus={focusOf(selected)} />
            ))}
          </>
        )}
        <details className={styles.totals}>
          <summary>Totals over the whole run</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">what</th>
                <th scope="col">events</th>
                <th scope="col">bytes</th>
              </tr>
            </thead>
            <tbody>
              {totalsRows(picture).map((r) => (
                <tr key={r.kind}>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{r.events}</td>
                  <td>{r.bytes > 0 ? r.bytes : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
    </div>
  );
}
