// Shared helpers for the network tests: two booted machines joined by a
// wire, a raw sender on top of ether_output and a listener where IP will be.

import {
  boot,
  ether_link_peer,
  ETHERTYPE_IP,
  GENERIC,
  ifconfig,
  ifunit,
  m_copydata,
  m_freem,
  m_getcl,
  M_DONTWAIT,
  M_PKTHDR,
  MT_DATA,
  mtod,
  netisr_register,
  NETISR_IP,
  Simulation,
  type ifnet,
  type Kernel,
  type MachineClassName,
  type WireOptions,
  type Wire, wire_connect,
} from 'zcsim';

export interface Pair {
  readonly sim: Simulation;
  readonly a: Kernel;
  readonly b: Kernel;
  readonly ia: ifnet; // a's em0
  readonly ib: ifnet; // b's em0
  readonly wire: Wire;
}

/** Two GENERIC machines with one em each, wired together and up. */
export function pair(wire: WireOptions = {}, opts: { mtu?: number; machineClass?: MachineClassName } = {}): Pair {
  const sim = new Simulation();
  const mc = opts.machineClass === undefined ? {} : { machineClass: opts.machineClass };
  const a = boot(GENERIC, { sim, hostname: 'a', nics: ['em'], ...mc });
  const b = boot(GENERIC, { sim, hostname: 'b', nics: ['em'], ...mc });
  const ia = ifunit(a, 'em0');
  const ib = ifunit(b, 'em0');
  if (ia === null || ib === null) throw new Error('no em0');
  const w = wire_connect(ia, ib, wire);
  const mtu = opts.mtu === undefined ? [] : ['mtu', String(opts.mtu)];
  ifconfig(a, ['em0', ...mtu, 'up']);
  ifconfig(b, ['em0', ...mtu, 'up']);
  return { sim, a, b, ia, ib, wire: w };
}

/** Payload bytes for packet `seq`: its number in the first four bytes, then a pattern. */
export function payload(seq: number, len: number): Uint8Array {
  const p = Uint8Array.from({ length: len }, (_, i) => (i * 31 + seq) & 0xff);
  new DataView(p.buffer).setUint32(0, seq);
  return p;
}

/** Sends `data` from `ifp` to its wire peer as an ETHERTYPE_IP frame; returns ether_output's errno. */
export function send(ifp: ifnet, data: Uint8Array): number {
  const m = m_getcl(ifp.if_kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
  if (m === null) throw new Error('no cluster');
  // Leave room for the Ethernet header so it goes in front, in the cluster.
  m.m_data = 16;
  let head = m;
  let off = 0;
  let tail = m;
  while (off < data.length) {
    const room = 2048 - tail.m_data;
    const n = Math.min(room, data.length - off);
    mtod(tail, n).set(data.subarray(off, off + n));
    tail.m_len = n;
    off += n;
    if (off < data.length) {
      const next = m_getcl(ifp.if_kernel, M_DONTWAIT, MT_DATA, 0);
      if (next === null) throw new Error('no cluster');
      tail.m_next = next;
      tail = next;
    }
  }
  head.m_pkthdr.len = data.length;
  const dst = ether_link_peer(ifp);
  if (dst === null) throw new Error('not wired');
  return ifp.if_output(ifp, head, { ether_dhost: dst, ether_type: ETHERTYPE_IP });
}

/** Records every packet `kernel` receives for IP (header stripped), with its arrival time, and frees it. */
export function listen(kernel: Kernel, sim: Simulation): { at: number; data: Uint8Array }[] {
  const got: { at: number; data: Uint8Array }[] = [];
  netisr_register(kernel, NETISR_IP, (m) => {
    const data = new Uint8Array(m.m_pkthdr.len);
    m_copydata(m, 0, data.length, data);
    got.push({ at: sim.now_ns, data });
    m_freem(m);
  });
  return got;
}
