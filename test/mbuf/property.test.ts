// A random walk through the mbuf API checked against a reference model: each
// live chain is a plain byte array. After every step the chain holds exactly
// its model's bytes, packet headers agree with their chains, and every
// reference count equals the number of live mbufs that share the storage.
// At the end, after m_freem of every chain, all mbufs and clusters are back
// in their pools and every external free routine ran exactly once. Random
// cache watermarks make buckets travel between the CPU and GEN caches.

import test from 'ava';
import fc from 'fast-check';
import {
  M_COPYALL,
  M_DONTWAIT,
  M_EXT,
  M_PKTHDR,
  M_PREPEND,
  M_RDONLY,
  EXT_DISPOSABLE,
  MT_DATA,
  m_adj,
  m_cat,
  m_clget,
  m_copym,
  m_dup,
  m_extadd,
  m_freem,
  m_get,
  m_gethdr,
  m_length,
  m_pullup,
  m_split,
  mb_inuse,
  mb_statpcpu,
  mbstat_get,
  mtod,
  type Kernel,
  type m_ext_refcnt,
  type mbuf,
} from 'zcsim';
import { chain_bytes, kernel_with, pattern } from './helpers.ts';

type Op =
  | { op: 'get'; len: number; seed: number }
  | { op: 'gethdr'; len: number; seed: number }
  | { op: 'clget'; len: number; seed: number }
  | { op: 'extadd'; len: number; seed: number; rdonly: boolean }
  | { op: 'copym'; i: number; off: number; len: number; all: boolean }
  | { op: 'adj'; i: number; n: number }
  | { op: 'pullup'; i: number; len: number }
  | { op: 'prepend'; i: number; len: number; seed: number }
  | { op: 'cat'; i: number; j: number }
  | { op: 'split'; i: number; at: number }
  | { op: 'dup'; i: number }
  | { op: 'freem'; i: number };

const idx = fc.nat(1000);
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const seed = fc.nat(255);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('get' as const), len: fc.nat(236), seed }),
  fc.record({ op: fc.constant('gethdr' as const), len: fc.nat(192), seed }),
  fc.record({ op: fc.constant('clget' as const), len: fc.nat(2048), seed }),
  fc.record({ op: fc.constant('extadd' as const), len: fc.nat(4096), seed, rdonly: fc.boolean() }),
  fc.record({ op: fc.constant('copym' as const), i: idx, off: frac, len: frac, all: fc.boolean() }),
  fc.record({ op: fc.constant('adj' as const), i: idx, n: fc.integer({ min: -3000, max: 3000 }) }),
  fc.record({ op: fc.constant('pullup' as const), i: idx, len: fc.integer({ min: 1, max: 260 }) }),
  fc.record({ op: fc.constant('prepend' as const), i: idx, len: fc.integer({ min: 1, max: 192 }), seed }),
  fc.record({ op: fc.constant('cat' as const), i: idx, j: idx }),
  fc.record({ op: fc.constant('split' as const), i: idx, at: frac }),
  fc.record({ op: fc.constant('dup' as const), i: idx }),
  fc.record({ op: fc.constant('freem' as const), i: idx }),
);

interface Chain {
  m: mbuf;
  model: Uint8Array;
}

class World {
  readonly chains: Chain[] = [];
  readonly frees = new Map<number, number>(); // ext storage id -> times its free routine ran
  private next_id = 0;
  constructor(readonly kernel: Kernel) {}

  add(m: mbuf | null, model: Uint8Array): void {
    if (m !== null) this.chains.push({ m, model });
  }

  pick(i: number): Chain | undefined {
    return this.chains.length === 0 ? undefined : this.chains[i % this.chains.length];
  }

  remove(c: Chain): void {
    this.chains.splice(this.chains.indexOf(c), 1);
  }

  ext_storage(size: number): [Uint8Array, (buf: Uint8Array, id: number) => void, number] {
    const id = this.next_id++;
    this.frees.set(id, 0);
    return [new Uint8Array(size), (_buf, n) => this.frees.set(n, (this.frees.get(n) ?? 0) + 1), id];
  }
}

function one(w: World, o: Op): void {
  const k = w.kernel;
  switch (o.op) {
    case 'get':
    case 'gethdr': {
      const m = o.op === 'get' ? m_get(k, M_DONTWAIT, MT_DATA) : m_gethdr(k, M_DONTWAIT, MT_DATA);
      if (m === null) return;
      m.m_len = o.len;
      mtod(m).set(pattern(o.len, o.seed));
      if (o.op === 'gethdr') m.m_pkthdr.len = o.len;
      w.add(m, pattern(o.len, o.seed));
      return;
    }
    case 'clget':
    case 'extadd': {
      const m = m_gethdr(k, M_DONTWAIT, MT_DATA);
      if (m === null) return;
      if (o.op === 'clget') m_clget(m, M_DONTWAIT);
      else {
        const [buf, freef, id] = w.ext_storage(4096);
        m_extadd(m, buf, buf.length, freef, id, o.rdonly ? M_RDONLY : 0, EXT_DISPOSABLE);
      }
      if ((m.m_flags & M_EXT) === 0) return void m_freem(m);
      m.m_len = m.m_pkthdr.len = o.len;
      mtod(m).set(pattern(o.len, o.seed));
      w.add(m, pattern(o.len, o.seed));
      return;
    }
    default:
      return chain_op(w, o);
  }
}

function chain_op(w: World, o: Exclude<Op, { op: 'get' | 'gethdr' | 'clget' | 'extadd' }>): void {
  const c = w.pick(o.i);
  if (c === undefined) return;
  const total = c.model.length;
  switch (o.op) {
    case 'copym': {
      const off = Math.floor(o.off * total);
      const len = o.all ? M_COPYALL : Math.floor(o.len * (total - off));
      const n = m_copym(c.m, off, len, M_DONTWAIT);
      w.add(n, c.model.slice(off, o.all ? total : off + len));
      return;
    }
    case 'adj':
      m_adj(c.m, o.n);
      c.model = o.n >= 0 ? c.model.slice(Math.min(o.n, total)) : c.model.slice(0, Math.max(0, total + o.n));
      return;
    case 'pullup': {
      const m = m_pullup(c.m, o.len);
      if (m === null) return w.remove(c); // the chain was freed with the failure
      c.m = m;
      if (m.m_len < o.len || (m.m_flags & M_EXT) !== 0) throw new Error('m_pullup: data not contiguous');
      return;
    }
    case 'prepend': {
      const m = M_PREPEND(c.m, o.len, M_DONTWAIT);
      if (m === null) return w.remove(c);
      mtod(m).set(pattern(o.len, o.seed));
      c.m = m;
      c.model = Uint8Array.from([...pattern(o.len, o.seed), ...c.model]);
      return;
    }
    case 'cat': {
      const d = w.pick(o.j);
      if (d === undefined || d === c) return;
      m_cat(c.m, d.m);
      // m_cat leaves the header length to the caller, as sbappend() and tcp_reass() fix it.
      if ((c.m.m_flags & M_PKTHDR) !== 0) c.m.m_pkthdr.len += d.model.length;
      c.model = Uint8Array.from([...c.model, ...d.model]);
      return w.remove(d);
    }
    case 'split': {
      const at = Math.floor(o.at * total);
      const n = m_split(c.m, at, M_DONTWAIT);
      if (n === null) {
        if ((c.m.m_flags & M_PKTHDR) !== 0 || at !== total) throw new Error('m_split failed with mbufs to spare');
        return;
      }
      w.add(n, c.model.slice(at));
      c.model = c.model.slice(0, at);
      return;
    }
    case 'dup':
      if ((c.m.m_flags & M_PKTHDR) !== 0) w.add(m_dup(c.m, M_DONTWAIT), c.model.slice());
      return;
    case 'freem':
      m_freem(c.m);
      return w.remove(c);
  }
}

// Every invariant that must hold between steps.
function check(w: World): void {
  const refs = new Map<m_ext_refcnt, number>();
  for (const c of w.chains) {
    if (m_length(c.m) !== c.model.length) throw new Error(`length ${m_length(c.m)} != model ${c.model.length}`);
    if (!Buffer.from(chain_bytes(c.m)).equals(Buffer.from(c.model))) throw new Error('chain bytes differ from the model');
    if ((c.m.m_flags & M_PKTHDR) !== 0 && c.m.m_pkthdr.len !== c.model.length) throw new Error('m_pkthdr.len out of date');
    for (let m: mbuf | null = c.m; m !== null; m = m.m_next) {
      if (m.m_isfree) throw new Error('a live chain holds a freed mbuf');
      if (m.m_len < 0) throw new Error('negative m_len');
      if ((m.m_flags & M_EXT) !== 0) refs.set(m.m_ext.ref_cnt, (refs.get(m.m_ext.ref_cnt) ?? 0) + 1);
    }
  }
  for (const [cell, n] of refs) if (cell.value !== n) throw new Error(`ref_cnt ${cell.value}, ${n} live references`);
  for (const [id, n] of w.frees) if (n > 1) throw new Error(`free routine of storage ${id} ran ${n} times`);
  const inuse = mb_inuse(w.kernel);
  if (inuse.mbufs < 0 || inuse.clusters < 0) throw new Error('negative in-use count');
  const pcpu = mb_statpcpu(w.kernel);
  for (const p of pcpu) if (p.mb_mbfree < 0 || p.mb_clfree < 0 || p.mb_mbbucks < 0 || p.mb_clbucks < 0) throw new Error('negative cache count');
  // The caches' view (what netstat -m prints) agrees with the allocator's.
  const { m_mbperbuck, m_clperbuck } = mbstat_get(w.kernel);
  const sum = (f: (p: (typeof pcpu)[number]) => number): number => pcpu.reduce((n, p) => n + f(p), 0);
  if (sum((p) => p.mb_mbbucks) * m_mbperbuck - sum((p) => p.mb_mbfree) !== inuse.mbufs) throw new Error('mbuf caches disagree');
  if (sum((p) => p.mb_clbucks) * m_clperbuck - sum((p) => p.mb_clfree) !== inuse.clusters) throw new Error('cluster caches disagree');
}

test('random mbuf operations keep every chain equal to its byte-array model and leak nothing', (t) => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), fc.nat(80), (ops, big, hiwm) => {
      const w = new World(kernel_with(big ? 'options MSIZE=512\noptions MCLSHIFT=12\n' : ''));
      // Low watermarks push buckets to the GEN cache and back.
      w.kernel.sysctl('kern.ipc.mbuf_hiwm', hiwm);
      w.kernel.sysctl('kern.ipc.clust_hiwm', hiwm);
      for (const o of ops) {
        one(w, o);
        check(w);
      }
      for (const c of [...w.chains]) {
        m_freem(c.m);
        w.remove(c);
      }
      const inuse = mb_inuse(w.kernel);
      if (inuse.mbufs !== 0 || inuse.clusters !== 0) throw new Error(`leaked ${inuse.mbufs} mbufs, ${inuse.clusters} clusters`);
      for (const [id, n] of w.frees) if (n !== 1) throw new Error(`free routine of storage ${id} ran ${n} times`);
      const types = mb_statpcpu(w.kernel).reduce((n, p) => n + p.mb_mbtypes.reduce((a, b) => a + b, 0), 0);
      if (types !== 0) throw new Error(`mbtypes sum to ${types} with nothing allocated`);
    }),
    { numRuns: 300 },
  );
  t.pass();
});
