// netperf's library: the control messages between netperf and netserver,
// throughput and service demand, and the number formats of its tables.
// Mirrors netlib.c of netperf 2.2 (send_request, recv_response,
// calc_thruput, calc_service_demand, format_units, format_cpu_method).
//
//   await send_message(p, control, msg);          // 256 bytes, big-endian words
//   const m = await recv_message(p, control);      // null at EOF
//   calc_thruput_units(bytes, elapsed_s, 'm')      // 10^6 bits/s
//   calc_service_demand_us_per_kb(bytes, elapsed_s, util_pct, ncpu)
//
// A message is netperf's struct of 64 ints (request or response type, the
// server's errno, then 62 words of test-specific data) in network order,
// so it crosses the control connection exactly as the real one does.
// Floats travel as IEEE single words, doubles as two words.

import type { Proc } from '../../sys/proc.ts';
import { read, write } from '../../kern/uipc_syscalls.ts';

/** Bytes of every control message: 64 32-bit words (netlib.h: MAXSPECDATA 62 + 2). */
export const NETPERF_MSG_BYTES = 256;

// Request and response types (netlib.h).
export const DO_TCP_STREAM = 10;
export const TCP_STREAM_RESPONSE = 11;
export const TCP_STREAM_RESULTS = 12;

/** One control message: its type, the server's errno, and its data words. */
export class netperf_msg {
  readonly bytes = new Uint8Array(NETPERF_MSG_BYTES); // what goes on the control connection
  private readonly view = new DataView(this.bytes.buffer);

  constructor(type = 0) {
    this.type = type;
  }

  get type(): number {
    return this.view.getInt32(0);
  }
  set type(v: number) {
    this.view.setInt32(0, v);
  }
  /** serv_errno: 0, or the errno netserver met. */
  get serv_errno(): number {
    return this.view.getInt32(4);
  }
  set serv_errno(v: number) {
    this.view.setInt32(4, v);
  }
  /** Test-specific word i (0..61) as an int. */
  int(i: number, v?: number): number {
    if (v !== undefined) this.view.setInt32(8 + 4 * i, v);
    return this.view.getInt32(8 + 4 * i);
  }
  /** Test-specific word i as a float. */
  float(i: number, v?: number): number {
    if (v !== undefined) this.view.setFloat32(8 + 4 * i, v);
    return this.view.getFloat32(8 + 4 * i);
  }
  /** Test-specific words i and i+1 as a double. */
  double(i: number, v?: number): number {
    if (v !== undefined) this.view.setFloat64(8 + 4 * i, v);
    return this.view.getFloat64(8 + 4 * i);
  }
}

/** send_request / send_response: writes the whole message on the control socket. */
export async function send_message(p: Proc, s: number, msg: netperf_msg, buf: number): Promise<void> {
  p.poke(buf, msg.bytes);
  let off = 0;
  while (off < NETPERF_MSG_BYTES) off += await write(p, s, buf + off, NETPERF_MSG_BYTES - off);
}

/** recv_request / recv_response: reads one whole message; null if the peer closed first. */
export async function recv_message(p: Proc, s: number, buf: number): Promise<netperf_msg | null> {
  let off = 0;
  while (off < NETPERF_MSG_BYTES) {
    const n = await read(p, s, buf + off, NETPERF_MSG_BYTES - off);
    if (n === 0) return null;
    off += n;
  }
  const m = new netperf_msg();
  m.bytes.set(p.peek(buf, NETPERF_MSG_BYTES));
  return m;
}

/** calc_thruput: bytes over elapsed seconds in the units of -f ('m': 10^6 bits/s, 'K': KB/s...). */
export function calc_thruput_units(bytes: number, elapsed_s: number, libfmt: string): number {
  const per_s = elapsed_s > 0 ? bytes / elapsed_s : 0;
  switch (libfmt) {
    case 'K':
      return per_s / 1024;
    case 'M':
      return per_s / 1024 / 1024;
    case 'G':
      return per_s / 1024 / 1024 / 1024;
    case 'k':
      return (per_s * 8) / 1000;
    case 'g':
      return (per_s * 8) / 1e9;
    default:
      return (per_s * 8) / 1e6;
  }
}

/**
 * calc_service_demand for a stream test: microseconds of CPU per KB (1024
 * bytes) moved, ((util/100) * 1e6 * ncpu) / (KB per second).
 */
export function calc_service_demand_us_per_kb(bytes: number, elapsed_s: number, util_pct: number, ncpu: number): number {
  const kb_per_s = elapsed_s > 0 ? bytes / 1024 / elapsed_s : 0;
  return kb_per_s > 0 ? ((util_pct / 100) * 1e6 * ncpu) / kb_per_s : 0;
}

/** format_units: the throughput column's unit name for -f. */
export function format_units(libfmt: string): string {
  return { K: 'KBytes', M: 'MBytes', G: 'GBytes', k: '10^3bits', m: '10^6bits', g: '10^9bits' }[libfmt] ?? 'KBytes';
}

/**
 * format_cpu_method: the letter after "%" in the CPU columns. netperf 2.2
 * knows U, I, P, T, R and L; the simulation reads the kernel's own CPU
 * accounting, which is none of those, so it prints 2.2's default, '?'.
 */
export const NETPERF_CPU_METHOD = '?';

/** printf's %d with a width (negative: left-justified). */
export function fmt_d(n: number, width: number): string {
  const s = String(Math.trunc(n));
  return width < 0 ? s.padEnd(-width) : s.padStart(width);
}

/** printf's %W.Pf (negative width: %-W.Pf). */
export function fmt_f(x: number, width: number, prec: number): string {
  const s = x.toFixed(prec);
  return width < 0 ? s.padEnd(-width) : s.padStart(width);
}
