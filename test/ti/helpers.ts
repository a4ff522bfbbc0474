// Shared helpers for the ti(4) tests: two machines with Tigon boards on
// one wire, a process that opens /dev/ti0 and issues ioctls, raw frames.

import {
  boot, GENERIC, ifconfig, ifunit, ioctl, open, O_RDWR,
  proc_table, sched_run, Simulation, ti_softc_of,
  type ifnet, type Kernel, type PciBoard, type Proc, type ti_softc, type Wire, type WireOptions, wire_connect,
} from 'zcsim';
export { errno_of } from '../lib/errno.ts';

export interface TiPair {
  readonly sim: Simulation;
  readonly a: Kernel;
  readonly b: Kernel;
  readonly ia: ifnet; // a's ti0
  readonly ib: ifnet; // b's ti0
  readonly sa: ti_softc;
  readonly sb: ti_softc;
  readonly wire: Wire;
}

export interface TiPairOptions {
  readonly options?: readonly string[]; // kernel options, e.g. ['TI_JUMBO_HDRSPLIT']
  readonly boards?: readonly [PciBoard, PciBoard]; // default ['ti', 'ti']
  readonly mtu?: number; // default 1500
  readonly wire?: WireOptions;
}

/** Two GENERIC machines, each with one Tigon board, wired together and up. */
export function tipair(o: TiPairOptions = {}): TiPair {
  const sim = new Simulation();
  const conf = GENERIC + (o.options ?? []).map((x) => `options ${x}\n`).join('');
  const [ba, bb] = o.boards ?? ['ti', 'ti'];
  const a = boot(conf, { sim, hostname: 'a', nics: [ba] });
  const b = boot(conf, { sim, hostname: 'b', nics: [bb] });
  const ia = ifunit(a, 'ti0');
  const ib = ifunit(b, 'ti0');
  if (ia === null || ib === null) throw new Error('no ti0');
  const wire = wire_connect(ia, ib, o.wire ?? {});
  const mtu = o.mtu === undefined ? [] : ['mtu', String(o.mtu)];
  ifconfig(a, ['ti0', ...mtu, 'up']);
  ifconfig(b, ['ti0', ...mtu, 'up']);
  return { sim, a, b, ia, ib, sa: ti_softc_of(ia), sb: ti_softc_of(ib), wire };
}

// Raw IP frames from one interface to its wire peer: the interface tests' sender.
export { send } from '../net/helpers.ts';

/** An IPv4 packet carrying TCP (header `tcp_hdr_len` bytes: 20, or 32 with timestamps) and `payload_len` bytes of pattern. */
export function tcp_packet(tcp_hdr_len: number, payload_len: number, seed = 0): Uint8Array {
  const p = new Uint8Array(20 + tcp_hdr_len + payload_len);
  const dv = new DataView(p.buffer);
  p[0] = 0x45;
  dv.setUint16(2, p.length);
  p[8] = 64;
  p[9] = 6;
  p[20 + 12] = (tcp_hdr_len / 4) << 4;
  for (let i = 0; i < payload_len; i++) p[20 + tcp_hdr_len + i] = (i * 7 + seed) & 0xff;
  return p;
}

/** Runs `body` as a process on `k` (uid 0 unless given) to completion; returns what it returned. */
export async function as_proc<T>(sim: Simulation, k: Kernel, body: (p: Proc) => T, uid = 0): Promise<T> {
  let out: { v: T } | null = null;
  let err: unknown = null;
  proc_table(k).spawn(
    (p) => {
      try {
        out = { v: body(p) };
      } catch (e) {
        err = e;
      }
      return 0;
    },
    { uid, comm: 'tictl' },
  );
  await sched_run(sim);
  if (err !== null) throw err;
  if (out === null) throw new Error('process did not run');
  return (out as { v: T }).v;
}

/** open("/dev/ti0") + ioctl(cmd) with `arg` placed in the process's memory; returns the bytes after the call. */
export function ioctl_bytes(p: Proc, fd: number, cmd: number, arg: Uint8Array): Uint8Array {
  const buf = p.malloc(Math.max(arg.length, 4));
  p.poke(buf, arg);
  ioctl(p, fd, cmd, buf);
  return p.peek(buf, arg.length);
}

export { open, O_RDWR };
