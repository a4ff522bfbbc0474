// The COW send path: sosend's checks, socow_setup's loan, socow_iodone's
// release, and the COW fault that keeps the wire's bytes those of write(2).

import test from 'ava';
import {
  cpu_snapshot, setsockopt, sleeping, SO_SNDBUF, SO_SNDLOWAT, SOL_SOCKET, MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE, socow_pages_on_loan, socow_stats, so_zerocp_stats, vm_sys, write, zc_counters, zc_entries,
  zc_trace, type Proc,
} from 'zcsim';
import { pattern, pools, stray_pages, transfer, zcnet, type ZcConfig } from './helpers.ts';

const EM: ZcConfig = { name: 'em', nic: 'em', mtu: 1500, option: true, send: true, receive: true };

function codes(p: Proc): string[] {
  return zc_entries(p).filter((e) => e.kind === 'send').flatMap((e) => e.chunks.map((c) => c.reason?.code ?? c.action));
}

test('sosend lends page-aligned pages: socow_setup wires and COW-marks them until TCP has the ACK, then socow_iodone gives them back', async (t) => {
  const n = zcnet(EM);
  const data = pattern(16384, 1);
  let during = { on_loan: 0, wired: 0 };
  const r = await transfer(n, async (p, s) => {
    const buf = p.valloc(16384);
    p.poke(buf, data);
    await write(p, s, buf, 16384);
    during = { on_loan: socow_pages_on_loan(n.a), wired: vm_sys(n.a).cnt.v_wire_count };
  });
  t.deepEqual(r.received, data);
  t.deepEqual(during, { on_loan: 4, wired: 4 });
  t.deepEqual(socow_stats(n.a), {
    attempted: 4, fail_not_mapped: 0, fail_wired: 0, fail_not_anon: 0, fail_pmap_cow: 0, fail_pg_error: 0, fail_kva: 0, free_post_exit: 0,
    success: 4, iodone: 4, freed: 0,
  });
  t.deepEqual(so_zerocp_stats(n.a), { size_ok: 4, align_ok: 4, found_ifp: 0 });
  t.deepEqual(codes(r.writer), ['loan']);
  t.deepEqual(pools(n.a), n.base.a);
  t.deepEqual(stray_pages(n.a), []);
});

test('socow_setup falls back to a copy when iov_base is not page aligned, deciding again for every cluster', async (t) => {
  const n = zcnet(EM);
  const r = await transfer(n, async (p, s) => {
    const buf = p.valloc(16384 + 4096);
    p.memset(buf, 1, 16384 + 4096);
    await write(p, s, buf + 2048, 16384); // 2048 copied, then aligned: 3 pages lent, 2048 copied
  });
  const e = zc_entries(r.writer).find((x) => x.kind === 'send');
  t.deepEqual(e?.chunks, [
    { action: 'copy', bytes: 2048, reason: { code: 'buf_unaligned', off_bytes: 2048 } },
    { action: 'loan', bytes: 12288, reason: null },
    { action: 'copy', bytes: 2048, reason: { code: 'short', bytes: 2048 } },
  ]);
  t.is(r.received.length, 16384);
});

test('a page never touched is copied (fail_not_mapped); a kernel without the option or with the sysctl off copies everything', async (t) => {
  const n = zcnet(EM);
  const r = await transfer(n, async (p, s) => {
    const buf = p.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE);
    await write(p, s, buf, 4096);
  });
  t.deepEqual(codes(r.writer), ['not_resident', 'short']); // 2048 bytes copy the page in; the rest is under a page
  t.is(socow_stats(n.a).fail_not_mapped, 1);

  const off = zcnet({ ...EM, option: false, send: false, receive: false });
  const r2 = await transfer(off, async (p, s) => {
    const buf = p.valloc(8192);
    p.memset(buf, 2, 8192);
    await write(p, s, buf, 8192);
  });
  t.deepEqual(codes(r2.writer), ['not_configured']);

  const sysoff = zcnet({ ...EM, send: false });
  const r3 = await transfer(sysoff, async (p, s) => {
    const buf = p.valloc(8192);
    p.memset(buf, 3, 8192);
    await write(p, s, buf, 8192);
  });
  t.deepEqual(codes(r3.writer), ['sysctl_off']);
  t.is(zc_counters(r3.writer).bytes_copied_send, 8192);
});

test('a write to a page still on loan takes a COW fault: the wire carries the bytes of the write, the trace says so', async (t) => {
  const n = zcnet(EM);
  const r = await transfer(n, async (p, s) => {
    const buf = p.valloc(8192);
    p.memset(buf, 0x41, 8192);
    await write(p, s, buf, 8192);
    p.memset(buf, 0x42, 8192); // both pages still unacknowledged
    await write(p, s, buf, 8192);
  });
  t.deepEqual(r.received.subarray(0, 8192), new Uint8Array(8192).fill(0x41));
  t.deepEqual(r.received.subarray(8192), new Uint8Array(8192).fill(0x42));
  t.is(zc_counters(r.writer).cow_faults, 2);
  t.is(zc_trace(r.writer).filter((l) => l.includes('COW fault')).length, 2);
  t.deepEqual(stray_pages(n.a), []);
  t.deepEqual(pools(n.a), n.base.a);
});

test('a process that exits while its pages are on loan leaves them to the kernel, which frees them at socow_iodone', async (t) => {
  const n = zcnet(EM);
  const r = await transfer(n, async (p, s) => {
    const buf = p.valloc(16384);
    p.memset(buf, 0x55, 16384);
    await write(p, s, buf, 16384);
    p.exit(0); // the socket closes with the data still in so_snd
  });
  t.deepEqual(r.received, new Uint8Array(16384).fill(0x55));
  t.deepEqual(stray_pages(n.a), []);
  t.deepEqual(pools(n.a), n.base.a);
});

test('the CPU pays page maps instead of byte copies: lending 256 KB costs the sender far less copy time, a little VM time', async (t) => {
  const data = pattern(256 * 1024, 9);
  const cpu = async (c: ZcConfig) => {
    const n = zcnet(c);
    const r = await transfer(n, async (p, s) => {
      // Wait for room for a whole write, so that no write is split at a non-page boundary.
      setsockopt(p, s, SOL_SOCKET, SO_SNDLOWAT, 65536);
      const buf = p.valloc(data.length);
      p.poke(buf, data);
      for (let off = 0; off < data.length; off += 65536) await write(p, s, buf + off, 65536);
    }, { sndbuf: 131072 });
    t.deepEqual(r.received, data);
    return cpu_snapshot(n.a).busy_ns;
  };
  const zc = await cpu(EM);
  const copy = await cpu({ ...EM, send: false });
  t.true(zc.copy < copy.copy / 10, `copy: ${zc.copy} ns lending vs ${copy.copy} ns copying`);
  t.true(zc.vm > copy.vm, `vm: ${zc.vm} ns lending vs ${copy.vm} ns copying`);
});

test('with every sf_buf lent, sosend sleeps in sf_buf_alloc ("sfbufa") until one comes back: the write waits, nothing is copied', async (t) => {
  const nsfbufs = 8;
  const n = zcnet(EM, {}, { 'kern.ipc.nsfbufs': nsfbufs });
  t.is(n.a.sysctl('kern.ipc.nsfbufs'), nsfbufs);
  const data = pattern(4 * 65536, 5);
  let most_on_loan = 0;
  let slept = false;
  const watch = (): void => {
    most_on_loan = Math.max(most_on_loan, socow_pages_on_loan(n.a));
    slept ||= sleeping(n.sim).some((s) => s.wmesg === 'sfbufa');
    if (n.sim.pending > 0) n.sim.schedule_after(20_000, watch);
  };
  n.sim.schedule_after(0, watch);
  const r = await transfer(n, async (p, s) => {
    setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, 131072);
    const buf = p.valloc(data.length);
    p.poke(buf, data);
    for (let off = 0; off < data.length; off += 65536) await write(p, s, buf + off, 65536);
  });
  t.deepEqual(r.received, data);
  t.true(slept, 'the writer slept on "sfbufa"');
  t.true(most_on_loan <= nsfbufs, `${most_on_loan} pages on loan at once`);
  t.is(zc_counters(r.writer).bytes_copied_send, 0);
  t.is(zc_counters(r.writer).pages_loaned, data.length / 4096);
  t.deepEqual(pools(n.a), n.base.a);
});

test('boot refuses a loader tunable it does not know and a value that is not a positive integer', (t) => {
  t.throws(() => zcnet(EM, {}, { 'kern.ipc.nsfbuf': 8 }), { instanceOf: RangeError, message: /unknown loader tunable "kern.ipc.nsfbuf"/ });
  t.throws(() => zcnet(EM, {}, { 'kern.ipc.nsfbufs': 0 }), { instanceOf: RangeError, message: /not a positive integer/ });
});
