// zc_trace keeps the newest ZC_TRACE_MAX_ENTRIES entries of a process and
// counts the ones it dropped, however many calls a long run makes.
import test from 'ava';
import { boot, GENERIC, proc_table } from '../../src/kernel/index.ts';
import { ZC_TRACE_MAX_ENTRIES, zc_call_begin, zc_entries, zc_trace } from '../../src/kernel/kern/zc_trace.ts';

test('a process keeps its newest entries and counts the dropped ones', (t) => {
  const kernel = boot(GENERIC);
  const p = proc_table(kernel).spawn(async () => 0, { comm: 'writer' });
  const calls = 2 * ZC_TRACE_MAX_ENTRIES + 123;
  for (let i = 0; i < calls; i++) zc_call_begin(p, 'send', 0x0804b000, 4096);
  const entries = zc_entries(p);
  t.is(entries.length, ZC_TRACE_MAX_ENTRIES);
  t.is(entries[0]?.seq, calls - ZC_TRACE_MAX_ENTRIES + 1);
  t.is(entries[entries.length - 1]?.seq, calls);
  const lines = zc_trace(p);
  t.is(lines.length, ZC_TRACE_MAX_ENTRIES + 1);
  t.regex(lines[0] ?? '', new RegExp(`\\(${calls - ZC_TRACE_MAX_ENTRIES} older entries dropped\\)`));
});

test('below the limit nothing is dropped', (t) => {
  const kernel = boot(GENERIC);
  const p = proc_table(kernel).spawn(async () => 0, { comm: 'writer' });
  for (let i = 0; i < 10; i++) zc_call_begin(p, 'receive', 0x0804b000, 100);
  t.is(zc_entries(p).length, 10);
  t.false(zc_trace(p).some((l) => l.includes('dropped')));
});
