// Jumbo receive buffers in the three 2002 builds: header splitting
// (TI_JUMBO_HDRSPLIT), the default 66-byte header buffer, and the private
// contiguous pool (TI_PRIVATE_JUMBOS); and the Tigon 1, which cannot split.

import test from 'ava';
import {
  boot, ConfigError, GENERIC, jumbo_buf_to_page, jumbo_basekva,
  EXT_CLUSTER, EXT_DISPOSABLE, EXT_NET_DRV, jumbo_is_pool_page, M_EXT, m_freem, netisr_register, NETISR_IP, PAGE_SIZE, ti_fw_hdr_len, ti_jpool_inuse,
  type mbuf,
} from 'zcsim';
import { send, tcp_packet, tipair, type TiPair } from './helpers.ts';

interface Seg {
  readonly len: number; // m_len
  readonly ext: number; // ext_type, 0 for internal storage
  readonly data_off: number; // m_data within the storage
  readonly pool_page: boolean; // storage is a jumbo(9) page
}

interface Got {
  readonly segs: Seg[];
  readonly bytes: Uint8Array; // the packet (IP header on)
}

function capture(pair: TiPair): Got[] {
  const got: Got[] = [];
  netisr_register(pair.b, NETISR_IP, (m) => {
    const segs: Seg[] = [];
    const bytes = new Uint8Array(m.m_pkthdr.len);
    let off = 0;
    for (let p: mbuf | null = m; p !== null; p = p.m_next) {
      const ext = (p.m_flags & M_EXT) !== 0;
      const store = ext ? p.m_ext.ext_buf : p.m_dat;
      segs.push({ len: p.m_len, ext: ext ? p.m_ext.ext_type : 0, data_off: p.m_data, pool_page: ext && jumbo_is_pool_page(p.m_ext.ext_buf) });
      bytes.set(store.subarray(p.m_data, p.m_data + p.m_len), off);
      off += p.m_len;
    }
    got.push({ segs, bytes });
    m_freem(m);
  });
  return got;
}

// Page-aligned payload pages: EXT_DISPOSABLE, a whole pool page from its first byte.
function flippable(s: Seg): boolean {
  return s.ext === EXT_DISPOSABLE && s.pool_page && s.data_off === 0 && s.len === PAGE_SIZE;
}

test('TI_JUMBO_HDRSPLIT on a Tigon 2: 66 bytes of headers and 8192 bytes of TCP payload arrive as a header mbuf and two page-aligned EXT_DISPOSABLE pages', (t) => {
  const pair = tipair({ options: ['TI_JUMBO_HDRSPLIT'], mtu: 9000 });
  t.is(pair.sb.ti_hdrsplit, 1);
  t.is(pair.sb.ti_jumbo_variant, 'hdrsplit');
  const got = capture(pair);
  const pkt = tcp_packet(32, 8192, 3);
  send(pair.ia, pkt);
  pair.sim.runUntilIdle();
  t.is(got.length, 1);
  const g = got[0]!;
  t.deepEqual(g.bytes, pkt);
  t.is(g.segs.length, 3, 'the unused cluster was freed by ti_hdr_split');
  t.is(g.segs[0]!.len, 52, 'IP + TCP headers (Ethernet stripped)');
  t.true(flippable(g.segs[1]!));
  t.true(flippable(g.segs[2]!));
});

test('a received jumbo page is a page of jumbo_vm_object, unwired as 5.0 allocated it, not busy, found from the mbuf with jumbo_buf_to_page', (t) => {
  const pair = tipair({ options: ['TI_JUMBO_HDRSPLIT'], mtu: 9000 });
  let seen: { object_type: number; wired: number; busy: number; hold: number; pindex_ok: boolean } | null = null;
  netisr_register(pair.b, NETISR_IP, (m) => {
    const page_m = m.m_next;
    const pg = page_m === null ? null : jumbo_buf_to_page(page_m.m_ext.ext_buf);
    if (pg !== null && pg.object !== null) {
      seen = { object_type: pg.object.type, wired: pg.wire_count, busy: pg.flags & 1, hold: pg.hold_count, pindex_ok: jumbo_basekva + pg.pindex * PAGE_SIZE >= jumbo_basekva };
    }
    m_freem(m);
  });
  send(pair.ia, tcp_packet(32, 8192));
  pair.sim.runUntilIdle();
  t.deepEqual(seen, { object_type: 0, wired: 0, busy: 0, hold: 0, pindex_ok: true });
});

test('options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS together are a config error', (t) => {
  const e = t.throws(() => boot(GENERIC + 'options TI_PRIVATE_JUMBOS\noptions TI_JUMBO_HDRSPLIT\n', { nics: ['ti'] }), { instanceOf: ConfigError });
  t.regex(e?.message ?? '', /options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive/);
});

test('header splitting also aligns a payload behind 54 bytes of headers (TCP without timestamps)', (t) => {
  const pair = tipair({ options: ['TI_JUMBO_HDRSPLIT'], mtu: 9000 });
  const got = capture(pair);
  const pkt = tcp_packet(20, 8192, 5);
  send(pair.ia, pkt);
  pair.sim.runUntilIdle();
  const g = got[0]!;
  t.deepEqual(g.bytes, pkt);
  t.is(g.segs[0]!.len, 40);
  t.true(flippable(g.segs[1]!) && flippable(g.segs[2]!));
  t.is(ti_fw_hdr_len(new Uint8Array(14 + pkt.length).fill(0)), 0, 'not IP: not split');
});

test('without header splitting (the 2002 default) only exactly 66 bytes of headers leave the payload page aligned', (t) => {
  const pair = tipair({ mtu: 9000 });
  t.is(pair.sb.ti_hdrsplit, 0);
  t.is(pair.sb.ti_jumbo_variant, 'pages');
  const got = capture(pair);
  const with_ts = tcp_packet(32, 8192, 1);
  const without = tcp_packet(20, 8192, 2);
  send(pair.ia, with_ts);
  send(pair.ia, without);
  pair.sim.runUntilIdle();
  t.is(got.length, 2);
  const [a, b] = got as [Got, Got];
  t.deepEqual(a.bytes, with_ts);
  t.deepEqual(b.bytes, without);
  t.is(a.segs[0]!.len, 52);
  t.true(flippable(a.segs[1]!) && flippable(a.segs[2]!));
  t.is(a.segs.reduce((n, s) => n + s.len, 0), with_ts.length);
  // 54 bytes of headers: the 66-byte buffer takes 12 payload bytes, so the first
  // page starts 12 bytes into the payload and the second holds only 4084:
  // no page lines up with a page of the reader's buffer.
  t.is(b.segs[0]!.len, 52);
  t.true(b.segs[1]!.ext === EXT_DISPOSABLE && b.segs[1]!.data_off === 0 && b.segs[1]!.len === PAGE_SIZE);
  t.deepEqual(b.segs[1]!, { ...b.segs[1]!, len: 4096 });
  t.is(b.segs[2]!.len, 4084);
  t.false(flippable(b.segs[2]!));
  t.is(b.segs.at(-1)!.ext, EXT_CLUSTER);
  t.is(b.segs.at(-1)!.len, 0, 'the trailing cluster stays empty (a zero-length mbuf, as m_adj leaves it)');
  t.is(b.segs.reduce((n, s) => n + s.len, 0), without.length);
});

test('TI_PRIVATE_JUMBOS: a jumbo frame arrives in one contiguous EXT_NET_DRV buffer, not disposable, not page aligned', (t) => {
  const pair = tipair({ options: ['TI_PRIVATE_JUMBOS'], mtu: 9000 });
  t.is(pair.sb.ti_jumbo_variant, 'private');
  t.is(ti_jpool_inuse(pair.sb), 256);
  const got = capture(pair);
  const pkt = tcp_packet(32, 8192, 9);
  send(pair.ia, pkt);
  pair.sim.runUntilIdle();
  const g = got[0]!;
  t.deepEqual(g.bytes, pkt);
  t.is(g.segs.length, 1);
  t.is(g.segs[0]!.ext, EXT_NET_DRV);
  t.false(g.segs[0]!.pool_page);
  t.is(g.segs[0]!.len, pkt.length);
  t.is(g.segs[0]!.data_off, 2 + 14, 'ETHER_ALIGN, then the stripped Ethernet header');
});

test('a Tigon 1 with TI_JUMBO_HDRSPLIT says it cannot split headers and builds the 66-byte layout instead', (t) => {
  const pair = tipair({ options: ['TI_JUMBO_HDRSPLIT'], boards: ['ti-tigon1', 'ti-tigon1'], mtu: 9000 });
  t.true(pair.b.dmesg.includes("ti0: can't do header splitting on a Tigon I board"));
  t.is(pair.sb.ti_hdrsplit, 0);
  t.is(pair.sb.ti_jumbo_variant, 'pages');
  t.is(pair.sb.ti_rx_mini_chain.filter((m) => m !== null).length, 0, 'no mini ring on a Tigon 1');
  const got = capture(pair);
  const pkt = tcp_packet(20, 8192, 4);
  send(pair.ia, pkt);
  pair.sim.runUntilIdle();
  const g = got[0]!;
  t.deepEqual(g.bytes, pkt);
  t.is(g.segs[2]!.len, 4084, 'misaligned: 12 payload bytes went to the header buffer');
});

test('small frames use the mini ring on a Tigon 2, standard frames the standard ring', (t) => {
  const pair = tipair({ mtu: 9000 });
  const got = capture(pair);
  send(pair.ia, tcp_packet(20, 100));
  send(pair.ia, tcp_packet(20, 1000));
  pair.sim.runUntilIdle();
  t.is(got[0]!.segs[0]!.ext, 0, 'mini ring: a plain mbuf');
  t.is(got[1]!.segs[0]!.ext, EXT_CLUSTER, 'standard ring: a cluster');
});
