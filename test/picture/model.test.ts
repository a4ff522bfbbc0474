// The panel's model: which events the timeline steps through and which
// snapshot it draws for each, on a real picture of a small run.
import test from 'ava';
import { kev_record_start, kev_record_stop, write, type KernelPicture } from 'zcsim';
import { defaultFilter, filterEvents, pageCounts, snapshotFor, summaryLine, totalsRows } from '../../src/components/KernelPicture/pictureModel.ts';
import { net, run_transfer } from './helpers.ts';

async function picture(): Promise<KernelPicture> {
  const log = kev_record_start();
  await run_transfer(net('em'), 16384, async (p, s, reply) => {
    const buf = p.valloc(16384);
    p.memset(buf, 1, 16384);
    await write(p, s, buf, 16384);
    await write(p, s, buf + 100, 4000);
    await reply();
  });
  return kev_record_stop(log);
}

test.serial('the timeline steps through zero copy events by default, every event on request', async (t) => {
  const pic = await picture();
  t.is(defaultFilter(pic), 'zero-copy');
  const zc = filterEvents(pic, 'zero-copy');
  const all = filterEvents(pic, 'all');
  t.true(zc.length < all.length);
  t.true(zc.every((e) => ['loan', 'copy', 'flip', 'cow_fault', 'loan_return', 'run_end'].includes(e.kind)));
  t.true(all.some((e) => e.kind === 'frame_tx'));
  t.deepEqual(all.map((e) => e.id), [...all.map((e) => e.id)].sort((a, b) => a - b));

  // A frame has no snapshot of its own: it shows the latest earlier one of its run.
  const frame = all.find((e) => e.kind === 'frame_rx' && e.id > (zc[0]?.id ?? 0));
  if (frame === undefined) return t.fail('no frame after the first zero copy event');
  const shown = snapshotFor(pic, frame);
  t.truthy(shown);
  t.false(shown?.own);
  t.true((shown?.snapshot.event ?? Infinity) <= frame.id);
  const better = pic.snapshots.filter((s) => s.run === frame.run && s.event <= frame.id && s.event > (shown?.snapshot.event ?? 0));
  t.deepEqual(better, [], 'no later snapshot before the frame was passed over');

  const loan = zc.find((e) => e.kind === 'loan');
  if (loan === undefined) return t.fail('no loan');
  const own = snapshotFor(pic, loan);
  t.true(own?.own);
  t.is(pageCounts(own!.snapshot, 'a').on_loan, 4);
  t.is(pageCounts(own!.snapshot, 'b').on_loan, 0);
  t.regex(summaryLine(pic), /^\d+ events in 1 run, every one kept; \d+ pictures of the machines\.$/);
  t.deepEqual(totalsRows(pic).map((r) => r.kind).slice(0, 2), ['loan', 'copy']);
});
