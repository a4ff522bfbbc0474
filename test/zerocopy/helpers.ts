// Shared helpers for the zero copy tests: two machines under one of the
// kernel configurations the conformance suite runs under, a TCP transfer
// driven by a writer body and a reader, and the "everything was given back"
// check (no page wired or COW-marked beyond the NIC's, every pool whole).

import { contig_pages } from '../../src/kernel/vm/vm_contig.ts';
import {
  boot, GENERIC, ifconfig, ifunit, jumbo_stats, mb_inuse, proc_table, sched_run, Simulation, so_count, socow_pages_on_loan, vm_sys,
  accept, AF_INET, bind, close, connect, listen, read, setsockopt, SO_RCVBUF, SO_SNDBUF, SOCK_STREAM, sockaddr_in, socket, SOL_SOCKET,
  type Kernel, type Proc, type WireOptions, wire_connect,
} from 'zcsim';

/** One kernel configuration of the suite. */
export interface ZcConfig {
  readonly name: string;
  readonly nic: 'em' | 'ti';
  readonly mtu: number;
  readonly option: boolean; // options ZERO_COPY_SOCKETS compiled in
  readonly send: boolean; // kern.ipc.zero_copy.send
  readonly receive: boolean; // kern.ipc.zero_copy.receive
}

const modes = [
  { mode: 'off', option: false, send: false, receive: false },
  { mode: 'send only', option: true, send: true, receive: false },
  { mode: 'receive only', option: true, send: false, receive: true },
  { mode: 'both', option: true, send: true, receive: true },
] as const;

/** Every mode on ti(4) with header splitting at MTU 1500 and 9000, and both halves on em(4) at 1500. */
export const CONFIGS: readonly ZcConfig[] = [
  ...[1500, 9000].flatMap((mtu) => modes.map((m) => ({ name: `ti mtu ${mtu} ${m.mode}`, nic: 'ti' as const, mtu, ...m }))),
  { name: 'em mtu 1500 both', nic: 'em', mtu: 1500, option: true, send: true, receive: true },
];

export interface ZcNet {
  readonly sim: Simulation;
  readonly a: Kernel; // 10.0.0.1, the writer
  readonly b: Kernel; // 10.0.0.2, the reader
  readonly base: { a: Pools; b: Pools }; // what the idle machines hold (the NIC rings)
}

/** Two machines of configuration `c` on one wire, interfaces up. */
export function zcnet(c: ZcConfig, wire: WireOptions = {}, loader: Readonly<Record<string, number>> = {}): ZcNet {
  const sim = new Simulation();
  const conf = GENERIC + (c.option ? 'options ZERO_COPY_SOCKETS\n' : '') + (c.nic === 'ti' ? 'options TI_JUMBO_HDRSPLIT\n' : '');
  const a = boot(conf, { sim, hostname: 'a', nics: [c.nic], loader });
  const b = boot(conf, { sim, hostname: 'b', nics: [c.nic], loader });
  const ia = ifunit(a, `${c.nic}0`);
  const ib = ifunit(b, `${c.nic}0`);
  if (ia === null || ib === null) throw new Error('no interface');
  wire_connect(ia, ib, { delay_ns: 1000, ...wire });
  for (const [k, addr] of [[a, '10.0.0.1'], [b, '10.0.0.2']] as const) {
    ifconfig(k, [`${c.nic}0`, 'inet', `${addr}/24`, 'mtu', String(c.mtu), 'up']);
    if (c.option) {
      k.sysctl('kern.ipc.zero_copy.send', c.send ? 1 : 0);
      k.sysctl('kern.ipc.zero_copy.receive', c.receive ? 1 : 0);
    }
  }
  return { sim, a, b, base: { a: pools(a), b: pools(b) } };
}

/** What a machine holds: mbufs, clusters, jumbo pages, free VM pages, sockets, pages on loan. */
export interface Pools {
  mbufs: number;
  clusters: number;
  jumbo_in_use: number;
  free_pages: number;
  sockets: number;
  on_loan: number;
}

export function pools(k: Kernel): Pools {
  const u = mb_inuse(k);
  return {
    mbufs: u.mbufs, clusters: u.clusters, jumbo_in_use: jumbo_stats(k).in_use, free_pages: vm_sys(k).cnt.v_free_count,
    sockets: so_count(k), on_loan: socow_pages_on_loan(k),
  };
}

/** Pages still COW-marked, and wired pages that belong to no kernel pool: both must be empty. */
export function stray_pages(k: Kernel): string[] {
  const vm = vm_sys(k);
  const bad: string[] = [];
  for (const m of vm.vm_page_array) {
    if (m === undefined) continue;
    if (m.cow !== 0) bad.push(`page 0x${m.phys_addr.toString(16)} cow ${m.cow}`);
    // An allocated page in no object is a leak (an orphan nobody will free).
    if (m.object === null && m.queue !== 1) bad.push(`orphan page 0x${m.phys_addr.toString(16)} wired ${m.wire_count}`);
  }
  // A quiet machine keeps no page wired but a driver's contigmalloc pool (TI_PRIVATE_JUMBOS):
  // loans are over, and 5.0 never wired the NIC's jumbo(9) pages.
  if (vm.cnt.v_wire_count !== contig_pages(k)) bad.push(`v_wire_count ${vm.cnt.v_wire_count} with no loan or I/O in progress`);
  return bad;
}

/** The writer's side of a transfer: gets the connected socket, returns nothing. */
export type WriterBody = (p: Proc, s: number) => Promise<void>;

export interface Transfer {
  readonly n: ZcNet;
  readonly received: Uint8Array;
  readonly writer: Proc;
  readonly reader: Proc;
}

/**
 * A TCP connection from a to b; `writer` writes on it (then it is closed);
 * the reader reads into a buffer at `roff` bytes past a page boundary, in
 * reads of `rsize`, until end of file.
 */
export async function transfer(n: ZcNet, writer: WriterBody, opts: { rsize?: number; roff?: number; sndbuf?: number; rcvbuf?: number } = {}): Promise<Transfer> {
  const rsize = opts.rsize ?? 65536;
  const roff = opts.roff ?? 0;
  const chunks: Uint8Array[] = [];
  const reader = proc_table(n.b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    if (opts.rcvbuf !== undefined) setsockopt(p, s, SOL_SOCKET, SO_RCVBUF, opts.rcvbuf);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.valloc(rsize + roff + 4096) + roff;
    for (;;) {
      const k = await read(p, c, buf, rsize);
      if (k === 0) break;
      chunks.push(p.peek(buf, k).slice());
    }
    close(p, c);
    close(p, s);
  }, { comm: 'reader' });
  const w = proc_table(n.a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    if (opts.sndbuf !== undefined) setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, opts.sndbuf);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    await writer(p, s);
    close(p, s);
  }, { comm: 'writer' });
  await sched_run(n.sim, { limit_ns: 600e9 });
  await sched_run(n.sim, { until_idle: true });
  const total = chunks.reduce((x, c) => x + c.length, 0);
  const received = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    received.set(c, at);
    at += c.length;
  }
  return { n, received, writer: w, reader };
}

export { pattern } from '../lib/pattern.ts';

/** Concatenation. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
