// mb_alloc: the mbuf and cluster allocator, and its boot-time set-up.
// Mirrors sys/kern/subr_mbuf.c (Bosko Milekic's mb_alloc, FreeBSD 5.0).
//
// How to use:
//   const m = m_gethdr(kernel, M_DONTWAIT, MT_DATA);   // null: no mbuf
//   m_clget(m, M_DONTWAIT);                            // M_EXT set on success
//   if ((m.m_flags & M_EXT) === 0) { m_free(m); return ENOBUFS; }
//   ... fill mtod(m, n), set m.m_len and m.m_pkthdr.len ...
//   m_freem(m);                                        // whole chain, storage too
// Allocating from nothing takes the kernel (C reaches it through globals);
// everything that starts from an mbuf finds it in m.m_kernel. Never touch an
// mbuf after m_free: its object goes back to the pool and is handed out again.
// MGET, MGETHDR, MCLGET, MEXTADD and MCHTYPE are the same functions under
// their macro names; where the C macro assigns to its first argument
// (MGET(m, how, type)), ours returns the mbuf.
//
// Exhaustion: there are at most nmbufs mbufs and nmbclusters clusters. When
// they are gone an allocation returns null and counts a "request for memory
// denied" (mbstat.m_drops); the system call that needed it fails with
// ENOBUFS. M_TRYWAIT first runs the protocol drain routines (m_drain), then,
// where 5.0 would sleep up to kern.ipc.mbuf_wait ticks, gives up at once: the
// simulation never sleeps, so "requests for memory delayed" (m_wait) only
// counts objects the drain made available.
//
// Layout, as in the mb_alloc whose `netstat -m` says "GEN cache" and "Mbuf
// cache high watermark": objects come in buckets, MBUF_BUCK_SZ (2 pages) of
// mbufs or CLUST_BUCK_SZ (4 pages) of clusters, carved from a map sized once
// at boot (nmbufs * MSIZE, nmbclusters * MCLBYTES, rounded down to whole
// buckets). Buckets live on the CPU #0 cache or on the general (GEN) cache; a
// free that pushes the CPU cache above its high watermark moves a bucket to
// GEN. Buckets are never given back to the map, so the wired memory only
// grows. (Earlier 2002 revisions used one page per bucket and printed "GEN
// list"; which of the two shipped in 5.0-RELEASE we could not pin down.)
// The buckets' bytes are plain ArrayBuffers: the VM's free page count does
// not see them.

import { TUNABLE_INT_FETCH } from './kern_machine.ts';
import { SI_ORDER_FIRST, SI_SUB_MBUF, type SysInit } from '../sys/kernel.ts';
import {
  EXT_CLUSTER,
  M_EXT,
  M_PKTDAT_OFFSET,
  M_PKTHDR,
  M_TRYWAIT,
  MT_NOTMBUF,
  MT_NTYPES,
  mbuf,
  type m_ext_refcnt,
} from '../sys/mbuf.ts';
import { PAGE_SIZE } from '../sys/param.ts';
import { CTLFLAG_RD, CTLFLAG_RW, KIPC_NMBCLUSTERS, OID_AUTO } from '../sys/sysctl.ts';
import { NCPU } from '../i386/i386/pc.ts';
import type { Kernel } from './init_main.ts';
import type { IntCell } from './kern_sysctl.ts';
import { panic } from './kern_shutdown.ts';

/** Bytes of mbufs per bucket (MBUF_BUCK_SZ): two pages. */
export const MBUF_BUCK_SZ = PAGE_SIZE * 2;
/** Bytes of clusters per bucket (CLUST_BUCK_SZ): four pages. */
export const CLUST_BUCK_SZ = PAGE_SIZE * 4;
// Buckets put in the CPU cache at boot (NMB_MBUF_INIT, NMB_CLUST_INIT).
const NMB_MBUF_INIT = 2;
const NMB_CLUST_INIT = 8;
// Owner number of the general cache: the CPU caches are 0..NCPU-1.
const MB_GENLIST_OWNER = NCPU;

/** struct mbstat: general allocator statistics (kern.ipc.mbstat). Counts and bytes. */
export interface mbstat {
  m_drops: number; // allocations that failed ("requests for memory denied")
  m_wait: number; // M_TRYWAIT allocations that got an object after all ("delayed")
  m_drain: number; // calls of the protocols' drain routines
  m_mcfail: number; // m_copym calls that failed
  m_mpfail: number; // m_pullup calls that failed
  m_msize: number; // MSIZE
  m_mclbytes: number; // MCLBYTES
  m_minclsize: number; // MINCLSIZE: from this many bytes on, use a cluster
  m_mlen: number; // MLEN
  m_mhlen: number; // MHLEN
  m_numtypes: number; // how many entries mb_mbtypes has
  m_mbperbuck: number; // mbufs in a bucket
  m_clperbuck: number; // clusters in a bucket
}

/** struct mbpstat: one cache's statistics (kern.ipc.mb_statpcpu); the last entry is the GEN cache. */
export interface mbpstat {
  readonly mb_mbfree: number; // free mbufs in this cache
  readonly mb_mbbucks: number; // mbuf buckets owned by this cache
  readonly mb_clfree: number; // free clusters in this cache
  readonly mb_clbucks: number; // cluster buckets owned by this cache
  readonly mb_mbtypes: readonly number[]; // mbufs allocated per type, as counted by this cache (may be < 0)
  readonly mb_active: number; // 1 if the CPU exists (always 1 for GEN)
}

// struct mb_bucket: a run of objects carved from the map in one piece.
interface mb_bucket<T> {
  mb_owner: number; // CPU number or MB_GENLIST_OWNER
  mb_onlist: boolean; // false when emptied and unlinked (C's MB_BUCKET_FREE bit)
  readonly mb_free: T[]; // the free objects; mb_numfree is its length
}

// struct mb_container: a cache (per-CPU or general) of buckets with free objects.
interface mb_container<T> {
  readonly mc_bhead: mb_bucket<T>[]; // SLIST of buckets; the head is the last element
  readonly mc_numowner: number; // owner number buckets get when they join
  mc_starved: number; // times found empty by a waiting allocation
  mc_objcount: number; // free objects in this cache's buckets
  mc_numbucks: number; // buckets owned by this cache
  readonly mc_types: number[] | null; // per-type allocation counts (mbufs only)
}

// struct mb_lstmngr: everything about one kind of object.
interface mb_lstmngr<T> {
  readonly ml_genlist: mb_container<T>;
  readonly ml_cntlst: mb_container<T>[]; // one per CPU
  readonly ml_btable: Map<T, mb_bucket<T>>; // object -> bucket (C: address arithmetic)
  readonly ml_objsize: number; // MSIZE or MCLBYTES
  readonly ml_objbucks: number; // objects per bucket
  readonly ml_maxbucks: number; // buckets the map can hold
  ml_nbucks: number; // buckets carved so far
  ml_mapfull: boolean; // a M_TRYWAIT carve failed: the map is exhausted
  readonly ml_wmhigh: IntCell; // kern.ipc.mbuf_hiwm or clust_hiwm
  readonly ml_carve: (mem: Uint8Array) => T[]; // turns a bucket's bytes into objects
}

// The allocator state of one kernel.
export interface MbAlloc {
  readonly mb_list_mbuf: mb_lstmngr<mbuf>;
  readonly mb_list_clust: mb_lstmngr<Uint8Array>;
  readonly cl_refcntmap: Map<Uint8Array, m_ext_refcnt>; // each cluster's reference count
  readonly mbstat: mbstat;
  readonly tunables: MbTunables;
  exhausted_reported: boolean; // printed the "exhausted" console message
}

interface MbTunables {
  readonly nmbclusters: IntCell; // kern.ipc.nmbclusters
  readonly nmbufs: IntCell; // kern.ipc.nmbufs
  readonly nmbcnt: IntCell; // kern.ipc.nmbcnt
  readonly nsfbufs: IntCell; // kern.ipc.nsfbufs
  readonly mbuf_wait: IntCell; // kern.ipc.mbuf_wait, ticks (unused: we never sleep)
  readonly mbuf_hiwm: IntCell; // kern.ipc.mbuf_hiwm
  readonly mbuf_lowm: IntCell; // kern.ipc.mbuf_lowm (unused in 5.0 too)
  readonly clust_hiwm: IntCell; // kern.ipc.clust_hiwm
  readonly clust_lowm: IntCell; // kern.ipc.clust_lowm (unused in 5.0 too)
}


function mb_state(kernel: Kernel): MbAlloc {
  const st = kernel.mb;
  if (st === undefined) return panic('mb_alloc: mbuf subsystem not initialized');
  return st;
}

/** 5.0's NMBUFS default (nmbclusters * 2); also the floor tunable_mbinit() enforces. */
export function nmbufs_default(nmbclusters: number): number {
  return nmbclusters * 2;
}

/** 5.0's NSFBUFS default: 512 + maxusers * 16 sendfile(2) buffers. */
export function nsfbufs_default(maxusers: number): number {
  return 512 + maxusers * 16;
}

/** kern.ipc.nsfbufs of `kernel`: how many sf_bufs the sendfile/COW allocator may hand out. */
export function nsfbufs(kernel: Kernel): number {
  return mb_state(kernel).tunables.nsfbufs.value;
}

/** A copy of `kernel`'s struct mbstat (what sysctl kern.ipc.mbstat returns). */
export function mbstat_get(kernel: Kernel): mbstat {
  return { ...mb_state(kernel).mbstat };
}

/** The caches' statistics, CPU #0 .. CPU #NCPU-1, then GEN (what sysctl kern.ipc.mb_statpcpu returns). */
export function mb_statpcpu(kernel: Kernel): mbpstat[] {
  const { mb_list_mbuf: ml, mb_list_clust: cl } = mb_state(kernel);
  const stat = (m: mb_container<mbuf>, c: mb_container<Uint8Array>): mbpstat => ({
    mb_mbfree: m.mc_objcount,
    mb_mbbucks: m.mc_numbucks,
    mb_clfree: c.mc_objcount,
    mb_clbucks: c.mc_numbucks,
    mb_mbtypes: [...(m.mc_types ?? [])],
    mb_active: 1,
  });
  const out = ml.ml_cntlst.map((m, i) => stat(m, cl.ml_cntlst[i] ?? panic('mb_statpcpu: missing cluster cache')));
  out.push(stat(ml.ml_genlist, cl.ml_genlist));
  return out;
}

/** mbufs and clusters currently handed out (not free in any cache). */
export function mb_inuse(kernel: Kernel): { mbufs: number; clusters: number } {
  const { mb_list_mbuf: ml, mb_list_clust: cl } = mb_state(kernel);
  const inuse = <T>(l: mb_lstmngr<T>): number =>
    l.ml_nbucks * l.ml_objbucks - [l.ml_genlist, ...l.ml_cntlst].reduce((n, c) => n + c.mc_objcount, 0);
  return { mbufs: inuse(ml), clusters: inuse(cl) };
}

function container<T>(owner: number, typed: boolean): mb_container<T> {
  return {
    mc_bhead: [],
    mc_numowner: owner,
    mc_starved: 0,
    mc_objcount: 0,
    mc_numbucks: 0,
    mc_types: typed ? new Array<number>(MT_NTYPES).fill(0) : null,
  };
}

function lstmngr<T>(
  map_bytes: number,
  objsize: number,
  buck_sz: number,
  wmhigh: IntCell,
  typed: boolean,
  carve: (mem: Uint8Array) => T[],
): mb_lstmngr<T> {
  return {
    ml_genlist: container<T>(MB_GENLIST_OWNER, typed),
    ml_cntlst: Array.from({ length: NCPU }, (_, i) => container<T>(i, typed)),
    ml_btable: new Map(),
    ml_objsize: objsize,
    ml_objbucks: buck_sz / objsize,
    ml_maxbucks: Math.floor(map_bytes / buck_sz), // rounddown(map size, bucket size)
    ml_nbucks: 0,
    ml_mapfull: false,
    ml_wmhigh: wmhigh,
    ml_carve: carve,
  };
}

// mb_pop_cont(): carves a fresh bucket from the map into `cnt`; null when
// the map is exhausted (and, for M_TRYWAIT, remembers that it is).
function mb_pop_cont<T>(ml: mb_lstmngr<T>, how: number, cnt: mb_container<T>): mb_bucket<T> | null {
  if (ml.ml_mapfull) return null;
  if (ml.ml_nbucks >= ml.ml_maxbucks) {
    if (how === M_TRYWAIT) ml.ml_mapfull = true;
    return null;
  }
  const objects = ml.ml_carve(new Uint8Array(ml.ml_objsize * ml.ml_objbucks));
  const bucket: mb_bucket<T> = { mb_owner: cnt.mc_numowner, mb_onlist: true, mb_free: objects };
  for (const obj of objects) ml.ml_btable.set(obj, bucket);
  ml.ml_nbucks++;
  cnt.mc_bhead.push(bucket);
  cnt.mc_numbucks++;
  cnt.mc_objcount += objects.length;
  return bucket;
}

// MB_GET_OBJECT: takes one object from `bucket`, the head of `cnt`.
function mb_get_object<T>(bucket: mb_bucket<T>, cnt: mb_container<T>): T {
  const obj = bucket.mb_free.pop() ?? panic('mb_alloc: empty bucket on a cache list');
  cnt.mc_objcount--;
  if (bucket.mb_free.length === 0) {
    cnt.mc_bhead.pop();
    bucket.mb_onlist = false;
  }
  return obj;
}

function mb_types_add<T>(cnt: mb_container<T>, type: number, n: number): void {
  if (cnt.mc_types !== null && type !== MT_NOTMBUF) cnt.mc_types[type] = (cnt.mc_types[type] ?? 0) + n;
}

function last<T>(a: readonly T[]): T | undefined {
  return a[a.length - 1];
}

// mb_alloc(): one object from the CPU cache, else a bucket from GEN, else a
// fresh bucket from the map, else (M_TRYWAIT) mb_alloc_wait, else null.
function mb_alloc<T>(st: MbAlloc, kernel: Kernel, ml: mb_lstmngr<T>, how: number, type: number): T | null {
  const cnt = ml.ml_cntlst[0] ?? panic('mb_alloc: no CPU cache'); // uniprocessor: curcpu is 0
  let bucket = last(cnt.mc_bhead);
  if (bucket !== undefined) {
    mb_types_add(cnt, type, 1);
    return mb_get_object(bucket, cnt);
  }
  const gen = ml.ml_genlist;
  bucket = gen.mc_bhead.pop();
  if (bucket !== undefined) {
    // The whole bucket moves to our CPU; it joins our list unless the
    // object we take empties it.
    bucket.mb_owner = cnt.mc_numowner;
    gen.mc_numbucks--;
    cnt.mc_numbucks++;
    gen.mc_objcount -= bucket.mb_free.length;
    const obj = bucket.mb_free.pop() ?? panic('mb_alloc: empty bucket on the general list');
    if (bucket.mb_free.length === 0) bucket.mb_onlist = false;
    else {
      cnt.mc_bhead.push(bucket);
      cnt.mc_objcount += bucket.mb_free.length;
    }
    mb_types_add(cnt, type, 1);
    return obj;
  }
  bucket = mb_pop_cont(ml, how, cnt) ?? undefined;
  if (bucket !== undefined) {
    mb_types_add(cnt, type, 1);
    return mb_get_object(bucket, cnt);
  }
  if (how === M_TRYWAIT) return mb_alloc_wait(st, ml, type);
  mb_denied(st, kernel);
  return null;
}

function mb_denied(st: MbAlloc, kernel: Kernel): void {
  st.mbstat.m_drops++;
  // 5.0 prints this at most once a second; with no clock, once per boot.
  if (!st.exhausted_reported) {
    st.exhausted_reported = true;
    kernel.printf('All mbufs or mbuf clusters exhausted, please see tuning(7).');
  }
}

// mb_alloc_wait(): the M_TRYWAIT worst case. Drain the protocols, look in
// every cache once more, and where 5.0 sleeps on the starved condition
// variable, time out at once.
function mb_alloc_wait<T>(st: MbAlloc, ml: mb_lstmngr<T>, type: number): T | null {
  mb_reclaim(st);
  for (const cnt of ml.ml_cntlst) {
    const bucket = last(cnt.mc_bhead);
    if (bucket !== undefined) {
      mb_types_add(cnt, type, 1);
      st.mbstat.m_wait++;
      return mb_get_object(bucket, cnt);
    }
    cnt.mc_starved++;
  }
  const gen = ml.ml_genlist;
  const bucket = last(gen.mc_bhead);
  if (bucket !== undefined) {
    mb_types_add(gen, type, 1);
    st.mbstat.m_wait++;
    return mb_get_object(bucket, gen);
  }
  st.mbstat.m_drops++; // 5.0 prints nothing on this path
  return null;
}

// mb_reclaim(): calls every protocol's pr_drain. No protocol registers one
// yet; the count still shows that the allocator asked.
function mb_reclaim(st: MbAlloc): void {
  st.mbstat.m_drain++;
}

// Moves `bucket` (owned by `cnt`, on its list or not) to the general cache.
function mb_to_gen<T>(ml: mb_lstmngr<T>, cnt: mb_container<T>, bucket: mb_bucket<T>): void {
  const gen = ml.ml_genlist;
  if (bucket.mb_onlist) cnt.mc_bhead.splice(cnt.mc_bhead.indexOf(bucket), 1);
  gen.mc_bhead.push(bucket);
  bucket.mb_onlist = true;
  bucket.mb_owner = MB_GENLIST_OWNER;
  cnt.mc_objcount -= bucket.mb_free.length;
  gen.mc_objcount += bucket.mb_free.length;
  cnt.mc_numbucks--;
  gen.mc_numbucks++;
}

// mb_free(): returns `obj` to its bucket, in whichever cache owns the bucket.
function mb_free<T>(ml: mb_lstmngr<T>, obj: T, type: number): void {
  const bucket = ml.ml_btable.get(obj) ?? panic('mb_free: object not from this allocator');
  if (bucket.mb_owner === MB_GENLIST_OWNER) {
    const gen = ml.ml_genlist;
    bucket.mb_free.push(obj);
    gen.mc_objcount++;
    mb_types_add(gen, type, -1);
    // 5.0 leaves a bucket that mb_alloc_wait() emptied off the general list
    // here, stranding its objects; we relink it so they can be found again.
    if (!bucket.mb_onlist) {
      gen.mc_bhead.push(bucket);
      bucket.mb_onlist = true;
    }
    return;
  }
  const cnt = ml.ml_cntlst[bucket.mb_owner] ?? panic('mb_free: bucket owned by no cache');
  bucket.mb_free.push(obj);
  cnt.mc_objcount++;
  mb_types_add(cnt, type, -1);
  if (cnt.mc_starved > 0) {
    // Someone found this cache empty: hand the bucket to GEN, where a
    // waiter on another CPU could find it.
    mb_to_gen(ml, cnt, bucket);
    if (ml.ml_genlist.mc_starved > 0) cnt.mc_starved--;
    else cnt.mc_starved = 0;
    return;
  }
  if (cnt.mc_objcount > ml.ml_wmhigh.value) {
    // Above the high watermark: move a bucket, and the type counts of the
    // objects still out of it, to the general cache.
    const moved = bucket.mb_onlist ? (last(cnt.mc_bhead) ?? bucket) : bucket;
    mb_to_gen(ml, cnt, moved);
    const out = ml.ml_objbucks - moved.mb_free.length;
    mb_types_add(cnt, type, -out);
    mb_types_add(ml.ml_genlist, type, out);
    return;
  }
  if (!bucket.mb_onlist) {
    cnt.mc_bhead.push(bucket);
    bucket.mb_onlist = true;
  }
}

// _mb_setup / _mbhdr_setup: a freshly allocated mbuf's header.
function mb_setup(m: mbuf, type: number, flags: number): mbuf {
  m.m_isfree = false;
  m.m_type = type;
  m.m_next = null;
  m.m_nextpkt = null;
  m.m_len = 0;
  m.m_flags = flags;
  m.m_data = (flags & M_PKTHDR) !== 0 ? M_PKTDAT_OFFSET : 0;
  if ((flags & M_PKTHDR) !== 0) {
    m.m_pkthdr.rcvif = null;
    m.m_pkthdr.len = 0;
    m.m_pkthdr.header = null;
    m.m_pkthdr.csum_flags = 0;
    m.m_pkthdr.csum_data = 0;
  }
  return m;
}

// _mcl_setup + _mext_init_ref: attach cluster `cl` to `m`.
function mcl_setup(st: MbAlloc, m: mbuf, cl: Uint8Array): void {
  const ref_cnt = st.cl_refcntmap.get(cl) ?? panic('mcl_setup: cluster has no reference count');
  ref_cnt.value = 1;
  m.m_ext.ext_buf = cl;
  m.m_ext.ext_free = null;
  m.m_ext.ext_args = null;
  m.m_ext.ext_size = cl.length;
  m.m_ext.ref_cnt = ref_cnt;
  m.m_ext.ext_type = EXT_CLUSTER;
  m.m_data = 0;
  m.m_flags |= M_EXT;
}

/** m_get / MGET: one mbuf of `type`, data area MLEN bytes; null if none (counted as denied). */
export function m_get(kernel: Kernel, how: number, type: number): mbuf | null {
  const st = mb_state(kernel);
  const m = mb_alloc(st, kernel, st.mb_list_mbuf, how, type);
  return m === null ? null : mb_setup(m, type, 0);
}

/** m_gethdr / MGETHDR: one packet-header mbuf (M_PKTHDR), data area MHLEN bytes; null if none. */
export function m_gethdr(kernel: Kernel, how: number, type: number): mbuf | null {
  const st = mb_state(kernel);
  const m = mb_alloc(st, kernel, st.mb_list_mbuf, how, type);
  return m === null ? null : mb_setup(m, type, M_PKTHDR);
}

/** m_get_clrd (m_getclr): m_get with the MLEN data bytes zeroed. */
export function m_get_clrd(kernel: Kernel, how: number, type: number): mbuf | null {
  const m = m_get(kernel, how, type);
  m?.m_dat.fill(0);
  return m;
}

/** m_gethdr_clrd: m_gethdr with the MHLEN data bytes zeroed. */
export function m_gethdr_clrd(kernel: Kernel, how: number, type: number): mbuf | null {
  const m = m_gethdr(kernel, how, type);
  m?.m_dat.fill(0, M_PKTDAT_OFFSET);
  return m;
}

/** m_getcl: an mbuf with a cluster attached (M_PKTHDR if `flags` has it); null unless both exist. */
export function m_getcl(kernel: Kernel, how: number, type: number, flags: number): mbuf | null {
  const st = mb_state(kernel);
  const m = mb_alloc(st, kernel, st.mb_list_mbuf, how, type);
  if (m === null) return null;
  mb_setup(m, type, flags);
  const cl = mb_alloc(st, kernel, st.mb_list_clust, how, MT_NOTMBUF);
  if (cl === null) {
    m_free(m);
    return null;
  }
  mcl_setup(st, m, cl);
  return m;
}

/**
 * m_clget / MCLGET: attaches a fresh cluster (MCLBYTES) to `m`. On success
 * M_EXT is set and m_data points at the cluster; on failure (counted as
 * denied) `m` is unchanged. Callers test M_EXT, as in C.
 */
export function m_clget(m: mbuf, how: number): void {
  const st = mb_state(m.m_kernel);
  const cl = mb_alloc(st, m.m_kernel, st.mb_list_clust, how, MT_NOTMBUF);
  if (cl !== null) mcl_setup(st, m, cl);
}

/**
 * m_extadd / MEXTADD: makes `buf` (its first `size` bytes) the external
 * storage of `m`, with a new reference count of 1. `freef(buf, args)` runs
 * once, when the last mbuf referencing the storage is freed. `flags` are
 * or-ed into m_flags (M_RDONLY for loaned pages). EXT_CLUSTER re-attaches one
 * of this kernel's clusters and takes no free routine; it adds a reference
 * where 5.0 reset the count to 1 (right only for a cluster nobody holds).
 */
export function m_extadd<A>(
  m: mbuf,
  buf: Uint8Array,
  size: number,
  freef: ((buf: Uint8Array, args: A) => void) | null,
  args: A,
  flags: number,
  type: number,
): void {
  if (size < 0 || size > buf.length) return panic(`m_extadd: size ${size} outside a ${buf.length}-byte buffer`);
  if ((m.m_flags & M_EXT) !== 0) return panic('m_extadd: mbuf already has external storage');
  let ref_cnt: m_ext_refcnt;
  if (type === EXT_CLUSTER) {
    ref_cnt = mb_state(m.m_kernel).cl_refcntmap.get(buf) ?? panic('m_extadd: EXT_CLUSTER buffer is not a cluster');
    ref_cnt.value++;
  } else {
    if (freef === null) return panic('m_extadd: external storage needs a free routine');
    ref_cnt = { value: 1 }; // _mext_init_ref(): malloc'ed u_int
  }
  m.m_flags |= M_EXT | flags;
  m.m_ext.ext_buf = buf;
  m.m_data = 0;
  m.m_ext.ext_size = size;
  // A routine typed for its own args is stored as C stores it: void (*)(void *, void *).
  m.m_ext.ext_free = freef as ((buf: Uint8Array, args: unknown) => void) | null;
  m.m_ext.ext_args = args;
  m.m_ext.ref_cnt = ref_cnt;
  m.m_ext.ext_type = type;
}

// Drops m's reference to its external storage; frees the storage with the
// last reference (_mext_free).
function mext_rem_ref(st: MbAlloc, m: mbuf): void {
  const ext = m.m_ext;
  if (ext.ref_cnt.value <= 0) return panic('m_free: m_ext refcnt < 0');
  ext.ref_cnt.value--;
  if (ext.ref_cnt.value !== 0) return;
  if (ext.ext_type === EXT_CLUSTER) mb_free(st.mb_list_clust, ext.ext_buf, MT_NOTMBUF);
  else (ext.ext_free ?? panic('m_free: external storage without a free routine'))(ext.ext_buf, ext.ext_args);
}

/** MEXTFREE(m): drops m's external storage (freeing it with the last reference) and clears M_EXT. */
export function MEXTFREE(m: mbuf): void {
  mext_rem_ref(mb_state(m.m_kernel), m);
  m.m_flags &= ~M_EXT;
}

/** m_free: frees one mbuf (and its storage, with the last reference); returns m_next. */
export function m_free(m: mbuf): mbuf | null {
  if (m.m_isfree) return panic('m_free: mbuf already free');
  const st = mb_state(m.m_kernel);
  const next = m.m_next;
  if ((m.m_flags & M_EXT) !== 0) mext_rem_ref(st, m);
  m.m_isfree = true;
  m.m_next = null;
  m.m_nextpkt = null;
  mb_free(st.mb_list_mbuf, m, m.m_type);
  return next;
}

/** m_freem: frees a whole chain (following m_next, not m_nextpkt). Accepts null, as C callers rely on. */
export function m_freem(m: mbuf | null): void {
  while (m !== null) m = m_free(m);
}

/** m_chtype / MCHTYPE: changes m's type, moving its count in mbtypes. */
export function m_chtype(m: mbuf, type: number): void {
  const gen = mb_state(m.m_kernel).mb_list_mbuf.ml_genlist;
  mb_types_add(gen, m.m_type, -1);
  mb_types_add(gen, type, 1);
  m.m_type = type;
}

/** Counts a failed m_copym (mbstat.m_mcfail); for uipc_mbuf.ts. */
export function mbstat_mcfail(kernel: Kernel): void {
  mb_state(kernel).mbstat.m_mcfail++;
}

/** Counts a failed m_pullup (mbstat.m_mpfail); for uipc_mbuf.ts. */
export function mbstat_mpfail(kernel: Kernel): void {
  mb_state(kernel).mbstat.m_mpfail++;
}

export { m_get as MGET, m_gethdr as MGETHDR, m_clget as MCLGET, m_extadd as MEXTADD, m_chtype as MCHTYPE, m_get_clrd as m_getclr };

// tunable_mbinit() + mbuf_init(): sizes the maps, registers the sysctls and
// fills the CPU cache with its first buckets.
function mbinit(kernel: Kernel): void {
  const p = kernel.param;
  const nmbclusters = p.nmbclusters;
  const nsf = TUNABLE_INT_FETCH(kernel, 'kern.ipc.nsfbufs') ?? nsfbufs_default(p.maxusers);
  const t: MbTunables = {
    nmbclusters: { value: nmbclusters },
    nmbufs: { value: nmbufs_default(nmbclusters) },
    nmbcnt: { value: nmbclusters + nsf },
    nsfbufs: { value: nsf },
    mbuf_wait: { value: 64 },
    mbuf_hiwm: { value: 512 },
    mbuf_lowm: { value: 128 },
    clust_hiwm: { value: 128 },
    clust_lowm: { value: 16 },
  };
  register_sysctls(kernel, t);
  const st: MbAlloc = {
    mb_list_mbuf: lstmngr(t.nmbufs.value * p.MSIZE, p.MSIZE, MBUF_BUCK_SZ, t.mbuf_hiwm, true, (mem) => carve_mbufs(kernel, mem, p.MSIZE)),
    mb_list_clust: lstmngr(nmbclusters * p.MCLBYTES, p.MCLBYTES, CLUST_BUCK_SZ, t.clust_hiwm, false, (mem) => carve_clusters(st, mem, p.MCLBYTES)),
    cl_refcntmap: new Map(),
    mbstat: {
      m_drops: 0,
      m_wait: 0,
      m_drain: 0,
      m_mcfail: 0,
      m_mpfail: 0,
      m_msize: p.MSIZE,
      m_mclbytes: p.MCLBYTES,
      m_minclsize: p.MINCLSIZE,
      m_mlen: p.MLEN,
      m_mhlen: p.MHLEN,
      m_numtypes: MT_NTYPES,
      m_mbperbuck: MBUF_BUCK_SZ / p.MSIZE,
      m_clperbuck: CLUST_BUCK_SZ / p.MCLBYTES,
    },
    tunables: t,
    exhausted_reported: false,
  };
  kernel.mb = st;
  prefill(st.mb_list_mbuf, NMB_MBUF_INIT);
  prefill(st.mb_list_clust, NMB_CLUST_INIT);
}

// Puts `nbuckets` fresh buckets in every CPU cache, as mbuf_init() does.
function prefill<T>(ml: mb_lstmngr<T>, nbuckets: number): void {
  for (const cnt of ml.ml_cntlst) {
    for (let j = 0; j < nbuckets; j++) {
      if (mb_pop_cont(ml, M_TRYWAIT, cnt) === null) panic('mbuf_init(): failed to initialize mbuf subsystem!');
    }
  }
}

// Each mbuf's MSIZE bytes: a 20-byte m_hdr (kept as object fields) and MLEN data bytes.
function carve_mbufs(kernel: Kernel, mem: Uint8Array, msize: number): mbuf[] {
  const hdr = msize - kernel.param.MLEN;
  const out: mbuf[] = [];
  for (let off = 0; off < mem.length; off += msize) out.push(new mbuf(kernel, mem.subarray(off + hdr, off + msize)));
  return out;
}

function carve_clusters(st: MbAlloc, mem: Uint8Array, mclbytes: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < mem.length; off += mclbytes) {
    const cl = mem.subarray(off, off + mclbytes);
    st.cl_refcntmap.set(cl, { value: 0 });
    out.push(cl);
  }
  return out;
}

// The kern.ipc knobs of subr_mbuf.c, in its order. kern.ipc.mbstat and
// kern.ipc.mb_statpcpu are opaque structs in 5.0 (sysctl(8) cannot print
// them); here they are mbstat_get() and mb_statpcpu().
function register_sysctls(kernel: Kernel, t: MbTunables): void {
  const s = kernel.sysctls;
  s.int('kern.ipc', KIPC_NMBCLUSTERS, 'nmbclusters', CTLFLAG_RD, t.nmbclusters, 'Maximum number of mbuf clusters available');
  s.int('kern.ipc', OID_AUTO, 'nmbufs', CTLFLAG_RD, t.nmbufs, 'Maximum number of mbufs available');
  s.int('kern.ipc', OID_AUTO, 'nmbcnt', CTLFLAG_RD, t.nmbcnt, 'Number used to scale kmem_map to ensure sufficient space for counters');
  s.int('kern.ipc', OID_AUTO, 'nsfbufs', CTLFLAG_RD, t.nsfbufs, 'Maximum number of sendfile(2) sf_bufs available');
  s.int('kern.ipc', OID_AUTO, 'mbuf_wait', CTLFLAG_RW, t.mbuf_wait, 'Sleep time of mbuf subsystem wait allocations during exhaustion');
  // SYSCTL_UINT: u_int is 32 bits on i386, the range of the tree's ulong.
  s.ulong('kern.ipc', OID_AUTO, 'mbuf_hiwm', CTLFLAG_RW, t.mbuf_hiwm, 'Upper limit of number of mbufs allowed in each cache');
  s.ulong('kern.ipc', OID_AUTO, 'mbuf_lowm', CTLFLAG_RW, t.mbuf_lowm, 'Lower limit of number of mbufs allowed in each cache');
  s.ulong('kern.ipc', OID_AUTO, 'clust_hiwm', CTLFLAG_RW, t.clust_hiwm, 'Upper limit of number of mbuf clusters allowed in each cache');
  s.ulong('kern.ipc', OID_AUTO, 'clust_lowm', CTLFLAG_RW, t.clust_lowm, 'Lower limit of number of mbuf clusters allowed in each cache');
}

export const mbinit_sysinit: SysInit = { name: 'mbuf_init', subsystem: SI_SUB_MBUF, order: SI_ORDER_FIRST, func: mbinit };
