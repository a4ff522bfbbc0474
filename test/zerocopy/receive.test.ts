// The receive page flip, driven directly: uiomoveco/userspaceco/vm_pgmoveco
// with EXT_DISPOSABLE mbufs built on jumbo(9) pages, as ti(4) delivers them.

import test from 'ava';
import {
  boot, GENERIC, EXT_DISPOSABLE, M_DONTWAIT, MT_DATA, PAGE_SIZE, jumbo_freem, jumbo_pg_alloc, jumbo_phys_to_kva, jumbo_stats, jumbo_vm_init,
  m_extadd, m_free, m_getcl, m_get, proc_table, sched_run, sim_of, soreceive_zc_source, uio_thread, uio_user, uiomoveco, UIO_READ, vm_sys,
  zc_counters, zc_entries, type Kernel, type mbuf, type Proc, type ZcReason,
} from 'zcsim';
import { zc_call_begin } from '../../src/kernel/kern/zc_trace.ts';
import { pmap_extract } from '../../src/kernel/i386/i386/pmap.ts';

function kernel(zc = true): Kernel {
  const k = boot(GENERIC + (zc ? 'options ZERO_COPY_SOCKETS\n' : ''));
  if (!jumbo_vm_init(k)) throw new Error('no jumbo pool');
  return k;
}

/** An EXT_DISPOSABLE mbuf holding one jumbo page filled with `fill`, as ti_newbuf_jumbo makes it. */
function jumbo_mbuf(k: Kernel, fill: number): mbuf {
  const pg = jumbo_pg_alloc(k);
  if (pg === null) throw new Error('no jumbo page');
  jumbo_phys_to_kva(k, pg.phys_addr);
  pg.bytes.fill(fill);
  const m = m_get(k, M_DONTWAIT, MT_DATA);
  if (m === null) throw new Error('no mbuf');
  m_extadd(m, pg.bytes, PAGE_SIZE, jumbo_freem, null, 0, EXT_DISPOSABLE);
  m.m_len = PAGE_SIZE;
  return m;
}

/** Moves `len` bytes of m (from `moff`) to user address `uva` of p, as soreceive does; returns the reasons noted. */
function receive(k: Kernel, p: Proc, m: mbuf, moff: number, uva: number, len: number, peek = false): (ZcReason | null)[] {
  const e = zc_call_begin(p, 'receive', uva, len);
  const uio = uio_user(uio_thread(p), [{ iov_base: uva, iov_len: len }], UIO_READ);
  const n = Math.min(len, m.m_len - moff);
  const at = m.m_data + moff;
  const error = uiomoveco(k, p, m.m_ext.ext_buf.subarray(at, at + n), n, uio, soreceive_zc_source(k, m, moff, peek), e);
  if (error !== 0) throw new Error(`uiomoveco: ${error}`);
  return e.chunks.map((c) => c.reason);
}

async function in_process(k: Kernel, body: (p: Proc) => Promise<void> | void): Promise<void> {
  let failure: unknown = null;
  proc_table(k).spawn(async (p) => {
    try {
      await body(p);
    } catch (e) {
      failure = e;
    }
  });
  await sched_run(sim_of(k));
  if (failure !== null) throw failure;
}

test('vm_pgmoveco flips a whole aligned jumbo page into the reader: its old page is freed, the pool recycles the KVA slot', async (t) => {
  const k = kernel();
  const vm = vm_sys(k);
  await in_process(k, (p) => {
    const buf = p.valloc(PAGE_SIZE);
    p.memset(buf, 0x11, PAGE_SIZE);
    const old_pa = pmap_extract(p.p_vmspace.vm_map.pmap, buf);
    const m = jumbo_mbuf(k, 0x22);
    const free_before = vm.cnt.v_free_count;
    t.deepEqual(receive(k, p, m, 0, buf, PAGE_SIZE), [null]);
    t.is(vm.cnt.v_free_count, free_before + 1); // the reader's old page
    m_free(m); // soreceive frees the mbuf: jumbo_freem sees the page is no longer the pool's
    t.is(jumbo_stats(k).in_use, 0);
    t.is(jumbo_stats(k).jumbo_vmuiomove_pgs_freed, 1);
    t.true(p.peek(buf, PAGE_SIZE).every((x) => x === 0x22));
    t.not(pmap_extract(p.p_vmspace.vm_map.pmap, buf), old_pa);
    p.poke(buf, 'mine'); // an ordinary, writable user page now
    t.is(zc_counters(p).pages_flipped, 1);
  });
  t.is(vm.cnt.v_wire_count, 0);
});

test('userspaceco copies, with the reason, whenever one condition fails', async (t) => {
  const k = kernel();
  await in_process(k, (p) => {
    const buf = p.valloc(3 * PAGE_SIZE);
    const cases: [string, () => (ZcReason | null)[], ZcReason['code']][] = [
      ['unaligned buffer', () => receive(k, p, jumbo_mbuf(k, 1), 0, buf + 100, PAGE_SIZE), 'buf_unaligned'],
      ['less than a page asked for', () => receive(k, p, jumbo_mbuf(k, 2), 0, buf, 1000), 'short'],
      ['payload starts inside the page', () => receive(k, p, jumbo_mbuf(k, 3), 64, buf, PAGE_SIZE), 'payload_unaligned'],
      ['MSG_PEEK', () => receive(k, p, jumbo_mbuf(k, 4), 0, buf, PAGE_SIZE, true), 'peek'],
    ];
    for (const [what, run, code] of cases) t.is(run()[0]?.code, code, what);
    const cl = m_getcl(k, M_DONTWAIT, MT_DATA, 0);
    if (cl === null) return t.fail();
    cl.m_len = 2048;
    t.is(receive(k, p, cl, 0, buf, 2048)[0]?.code, 'not_disposable');
    m_free(cl);
    t.is(zc_counters(p).pages_flipped, 0);
    t.true(zc_entries(p).every((e) => e.chunks.every((c) => c.action === 'copy')));
  });
});

test('without ZERO_COPY_SOCKETS, or with kern.ipc.zero_copy.receive=0, a flippable page is copied', async (t) => {
  const off = kernel(false);
  await in_process(off, (p) => {
    const buf = p.valloc(PAGE_SIZE);
    t.is(receive(off, p, jumbo_mbuf(off, 5), 0, buf, PAGE_SIZE)[0]?.code, 'not_configured');
  });
  const k = kernel();
  k.sysctl('kern.ipc.zero_copy.receive', 0);
  await in_process(k, (p) => {
    const buf = p.valloc(PAGE_SIZE);
    const why = receive(k, p, jumbo_mbuf(k, 6), 0, buf, PAGE_SIZE)[0];
    t.is(why?.code, 'sysctl_off');
    t.true(p.peek(buf, PAGE_SIZE).every((x) => x === 6));
  });
});

test('vm_pgmoveco after fork flips into the reader only: the other process keeps its bytes', async (t) => {
  const k = kernel();
  await in_process(k, async (p) => {
    const buf = p.valloc(PAGE_SIZE);
    p.memset(buf, 0x33, PAGE_SIZE);
    let childSaw = -1;
    let go = (): void => {};
    const flipped = new Promise<void>((r) => (go = r));
    const pid = p.fork(async (c) => {
      await flipped;
      childSaw = c.peek(buf, 1)[0] ?? -1;
    });
    const m = jumbo_mbuf(k, 0x44);
    t.deepEqual(receive(k, p, m, 0, buf, PAGE_SIZE), [null]);
    m_free(m);
    go();
    await p.waitpid(pid);
    t.is(p.peek(buf, 1)[0], 0x44);
    t.is(childSaw, 0x33);
  });
  t.is(vm_sys(k).cnt.v_wire_count, 0);
});
