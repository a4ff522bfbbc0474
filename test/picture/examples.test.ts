// A sample prints exactly its documented output with the event log on (the
// log only watches), and its picture has a snapshot for each zero copy event.
import test from 'ava';
import fs from 'node:fs';
import path from 'node:path';
import { kev_record_start, kev_record_stop, KEV_ZC_KINDS } from 'zcsim';

const root = path.resolve(import.meta.dirname, '../..');

for (const slug of ['zc-receive-rules', 'zc-cow-reuse']) {
  test.serial(`example ${slug} prints its documented output with the log on`, async (t) => {
    const expected = fs.readFileSync(path.join(root, 'examples', `${slug}.out`), 'utf8');
    const lines: string[] = [];
    const log = kev_record_start();
    const saved = console.log;
    console.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    try {
      await import(path.join(root, 'examples', `${slug}.ts`));
    } finally {
      console.log = saved;
    }
    const pic = kev_record_stop(log);
    t.is(lines.map((l) => `${l}\n`).join(''), expected);
    const zc = pic.events.filter((e) => KEV_ZC_KINDS.includes(e.kind));
    t.true(zc.length > 0);
    // The first zero copy events of each run have their snapshots; a longer run
    // runs out of its budget (60 a run, 200 in all) later.
    for (const r of pic.runs) {
      t.true(zc.filter((e) => e.run === r.run).slice(0, 40).every((e) => e.snapshot >= 0), `run ${r.run}`);
      t.true(pic.snapshots.filter((s) => s.run === r.run).length <= 60 + 1);
    }
    t.true(pic.snapshots.length <= 200 + pic.runs.length);
    t.true(pic.runs.length >= 2);
    t.true(pic.runs.every((r) => pic.events.some((e) => e.kind === 'run_end' && e.run === r.run && e.snapshot >= 0)));
  });
}
