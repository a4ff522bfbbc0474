// TCP_STREAM over BSD sockets: netperf's sending side and netserver's
// receiving side. Mirrors send_tcp_stream, recv_tcp_stream and
// create_data_socket of nettest_bsd.c (netperf 2.2).
//
//   netperf:   control connection to netserver:12865 (netperf.ts), then
//              send_tcp_stream: request -> response (data port), connect,
//              cpu_start, send -m bytes at a time for -l seconds, shutdown,
//              recv until netserver's FIN, cpu_stop, results, print.
//   netserver: recv_tcp_stream: data socket with the requested buffer sizes,
//              response, accept, cpu_start, recv until EOF, cpu_stop,
//              shutdown, results.
//
// What the simulation changes, and why:
//   - Time is virtual and the test length is checked between sends (there
//     is no SIGALRM to interrupt a send): the last send completes, and the
//     elapsed time runs to netserver's FIN, so throughput stays exact.
//   - CPU utilisation is read from the machine's CPU accounting
//     (sim/cpu.ts), the simulated kern.cp_time, instead of a looper or
//     pstat: it costs nothing, so it never disturbs the run, and it is
//     always measured (the table shows it only with -c/-C, as netperf does).
//   - The send ring: netperf 2.2 mallocs each buffer and aligns it to 8 bytes;
//     here each buffer comes from malloc(3) when it is larger than half a
//     page, where FreeBSD's phkmalloc returns whole, page-aligned pages,
//     and from valloc(3) otherwise, so every send starts on a page boundary
//     as zero copy send needs. An offset (-o, -O) or an alignment above a
//     page (-a, -A) is applied as netperf does: malloc size + align +
//     offset, round up to the alignment, add the offset.
//   - -k (netperf 2.4's DIRTY counts): access_buffer writes the first
//     `dirty` bytes of a send buffer, then reads `clean` more, before the
//     buffer is sent. A page still on loan to the network takes a COW fault.

import { getsockname, getsockopt, listen, accept, bind, close, connect, recv, send, setsockopt, shutdown, socket } from '../../kern/uipc_syscalls.ts';
import { proc_kernel } from '../../kern/kern_synch.ts';
import { uptime_ns } from '../../kern/kern_tc.ts';
import { IPPROTO_TCP, sockaddr_in } from '../../netinet/in.ts';
import { in_ifaddr_for_dst } from '../../netinet/in_var.ts';
import { TCP_MAXSEG, TCP_NODELAY } from '../../netinet/tcp.ts';
import { tcp_state } from '../../netinet/tcp_var.ts';
import { CPU_CATEGORIES, cpu_usage, type CpuCategory, type CpuSnapshot, type CpuTimes } from '../../engine/cpu.ts';
import { strerror } from '../../sys/errno.ts';
import { PAGE_SIZE } from '../../sys/param.ts';
import type { Proc } from '../../sys/proc.ts';
import { AF_INET, SHUT_WR, SO_RCVBUF, SO_SNDBUF, SOCK_STREAM, SOL_SOCKET } from '../../sys/socket.ts';
import { SyscallError } from '../../sys/syscall_error.ts';
import type { NetperfArgs } from './netsh.ts';
import {
  calc_service_demand_us_per_kb, calc_thruput_units, DO_TCP_STREAM, fmt_d, fmt_f, format_units, NETPERF_CPU_METHOD, netperf_msg, recv_message,
  send_message, TCP_STREAM_RESPONSE, TCP_STREAM_RESULTS,
} from './netlib.ts';
import { cpu_snapshot } from '../../kern/kern_machine.ts';

/** What one TCP_STREAM run measured: the table's numbers and more, for programs. */
export interface NetperfResult {
  readonly test: 'TCP_STREAM';
  readonly host: string; // -H as given
  readonly throughput_mbps: number; // 10^6 bits/s, whatever -f says
  readonly throughput: number; // in the units of -f, as printed
  readonly throughput_units: string; // "10^6bits" (format_units)
  readonly elapsed_s: number; // netperf's elapsed time: connect done .. netserver's FIN seen
  readonly bytes: number; // bytes netserver received (what throughput is computed from)
  readonly sends: number; // send() calls
  readonly recv_calls: number; // netserver's recv() calls that returned data
  readonly send_size_bytes: number; // -m
  readonly recv_size_bytes: number; // -M (netserver's recv size)
  readonly local_send_socket_bytes: number; // SO_SNDBUF of netperf's data socket
  readonly local_recv_socket_bytes: number; // SO_RCVBUF of netperf's data socket
  readonly remote_send_socket_bytes: number; // SO_SNDBUF of netserver's data socket
  readonly remote_recv_socket_bytes: number; // SO_RCVBUF of netserver's data socket
  readonly send_buffer_alloc: 'malloc' | 'valloc'; // how the send ring was allocated (both page aligned)
  readonly mss: number; // TCP_MAXSEG of the data connection
  readonly mtu: number; // MTU of the interface towards the host
  readonly local_cpu_pct: number; // netperf's machine, busy % over the elapsed time
  readonly remote_cpu_pct: number; // netserver's machine, busy % over its receive interval
  readonly local_sd_us_per_kb: number; // service demand: us of local CPU per KB received
  readonly remote_sd_us_per_kb: number; // ... of remote CPU per KB
  readonly local_cpu_by_category_pct: Readonly<CpuTimes>; // local busy %, by what it was spent on
  readonly remote_cpu_by_category_pct: Readonly<CpuTimes>; // remote busy %, by category
  readonly retransmissions: number; // data segments the sender retransmitted during the test
  readonly rexmt_timeouts: number; // retransmission timer expiries on the sender during the test
}

/** The data-socket sizes a side asked for (0: the system's default), and whether to set TCP_NODELAY. */
interface SocketRequest {
  lss: number;
  lsr: number;
  nodelay: boolean;
}

/**
 * create_data_socket: a TCP socket with the requested buffer sizes and
 * TCP_NODELAY. Returns the descriptor and the sizes it really got (as
 * getsockopt reports them). Throws SyscallError from setsockopt (ENOBUFS
 * above kern.ipc.maxsockbuf), closing the socket first.
 */
export function create_data_socket(p: Proc, req: SocketRequest): { s: number; lss: number; lsr: number } {
  const s = socket(p, AF_INET, SOCK_STREAM, 0);
  try {
    if (req.lss > 0) setsockopt(p, s, SOL_SOCKET, SO_SNDBUF, req.lss);
    if (req.lsr > 0) setsockopt(p, s, SOL_SOCKET, SO_RCVBUF, req.lsr);
    if (req.nodelay) setsockopt(p, s, IPPROTO_TCP, TCP_NODELAY, 1);
  } catch (e) {
    close(p, s);
    throw e;
  }
  return { s, lss: getsockopt(p, s, SOL_SOCKET, SO_SNDBUF), lsr: getsockopt(p, s, SOL_SOCKET, SO_RCVBUF) };
}

/**
 * allocate_buffer_ring: `width` buffers of `size` bytes, each starting
 * `offset` bytes past an `align`-byte boundary (power of two). Returns []
 * if memory ran out.
 */
function allocate_buffer_ring(p: Proc, width: number, size: number, align = 8, offset = 0): { ring: number[]; how: 'malloc' | 'valloc' } {
  // phkmalloc gives requests over half a page whole pages, page aligned; smaller ones need valloc.
  // A page-aligned base meets any alignment up to a page, so only an offset
  // or a larger alignment needs netperf's extra align + offset bytes.
  const extra = offset > 0 || align > PAGE_SIZE ? align + offset : 0;
  const bytes = Math.max(1, size + extra);
  const how = bytes > PAGE_SIZE / 2 ? 'malloc' : 'valloc';
  const ring: number[] = [];
  for (let i = 0; i < width; i++) {
    const base = how === 'malloc' ? p.malloc(bytes) : p.valloc(bytes);
    if (base === 0) return { ring: [], how };
    ring.push(extra === 0 ? base : round_up(base, align) + offset);
  }
  return { ring, how };
}

function round_up(addr: number, align: number): number {
  return Math.ceil(addr / align) * align;
}

/** access_buffer (netlib.c, DIRTY): writes the first `dirty` bytes of the buffer (each += its index), then reads `clean` more. */
function access_buffer(p: Proc, buf: number, length: number, dirty: number, clean: number): void {
  const nd = Math.min(dirty, length);
  if (nd > 0) {
    const b = p.peek(buf, nd);
    for (let i = 0; i < nd; i++) b[i] = ((b[i] as number) + i) & 0xff;
    p.poke(buf, b);
  }
  const nc = Math.min(clean, length - nd);
  if (nc > 0) p.peek(buf + nd, nc);
}

// What cpu_start/cpu_stop record: the clock and the machine's CPU counters.
interface CpuMark {
  readonly ns: number;
  readonly cpu: CpuSnapshot;
}
function cpu_mark(p: Proc): CpuMark {
  const k = proc_kernel(p);
  return { ns: uptime_ns(k), cpu: cpu_snapshot(k) };
}

function pct_by_category(busy_ns: Readonly<CpuTimes>, interval_ns: number): CpuTimes {
  const out = { ...busy_ns };
  for (const c of CPU_CATEGORIES) out[c] = interval_ns > 0 ? (100 * busy_ns[c]) / interval_ns : 0;
  return out;
}

// Writes what netperf prints to its stdout or stderr.
function out(p: Proc, fd: 1 | 2, text: string): void {
  p.p_table.write(p, fd, text);
}

// perror(3): "what: strerror" on stderr, for a failed system call.
function perror(p: Proc, what: string, e: unknown): void {
  if (!(e instanceof SyscallError)) throw e;
  out(p, 2, `${what}: ${strerror(e.errno)}\n`);
}

// Results words (our layout of tcp_stream_results_struct; words 8.. are this simulation's addition).
const R_BYTES = 0; // double
const R_RECV_CALLS = 2;
const R_ELAPSED = 3; // float
const R_CPU_UTIL = 4; // float
const R_NUM_CPUS = 5;
const R_CPU_METHOD = 6;
const R_BUSY_NS = 8; // one double per CPU category
const R_INTERVAL_NS = R_BUSY_NS + 2 * CPU_CATEGORIES.length; // double

/**
 * recv_tcp_stream: netserver's half of TCP_STREAM, run for `req` read from
 * control socket `control`. Returns once the results are sent (or the
 * error reported to netperf).
 */
export async function recv_tcp_stream(p: Proc, control: number, req: netperf_msg, msgbuf: number): Promise<void> {
  const rsp = new netperf_msg(TCP_STREAM_RESPONSE);
  let data: { s: number; lss: number; lsr: number };
  let listen_s = -1;
  try {
    data = create_data_socket(p, { lss: req.int(0), lsr: req.int(1), nodelay: req.int(3) !== 0 });
    listen_s = data.s;
    bind(p, listen_s, sockaddr_in('0.0.0.0', 0));
    listen(p, listen_s, 5);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    if (listen_s >= 0) close(p, listen_s);
    rsp.serv_errno = e.errno;
    await send_message(p, control, rsp, msgbuf);
    return;
  }
  const recv_size = req.int(2) > 0 ? req.int(2) : data.lsr > 0 ? data.lsr : 4096;
  const width = Math.max(2, Math.floor(data.lsr / recv_size) + 1);
  const { ring } = allocate_buffer_ring(p, width, recv_size, req.int(6) > 0 ? req.int(6) : 8, req.int(7));
  rsp.int(0, data.lsr);
  rsp.int(1, recv_size);
  rsp.int(2, req.int(3));
  rsp.int(3, req.int(5));
  rsp.int(4, data.lss);
  rsp.int(5, getsockname(p, listen_s).sin_port);
  await send_message(p, control, rsp, msgbuf);

  const s = await accept(p, listen_s);
  const t0 = cpu_mark(p);
  let bytes = 0;
  let calls = 0;
  for (let i = 0; ; i = (i + 1) % ring.length) {
    const n = await recv(p, s, ring[i] as number, recv_size, 0);
    if (n === 0) break;
    bytes += n;
    calls++;
  }
  const t1 = cpu_mark(p);
  shutdown(p, s, SHUT_WR);
  const use = cpu_usage(t0.cpu, t1.cpu);
  const res = new netperf_msg(TCP_STREAM_RESULTS);
  res.double(R_BYTES, bytes);
  res.int(R_RECV_CALLS, calls);
  res.float(R_ELAPSED, (t1.ns - t0.ns) / 1e9);
  res.float(R_CPU_UTIL, use.busy_pct);
  res.int(R_NUM_CPUS, 1);
  res.int(R_CPU_METHOD, NETPERF_CPU_METHOD.charCodeAt(0));
  CPU_CATEGORIES.forEach((c, i) => res.double(R_BUSY_NS + 2 * i, use.busy_ns[c]));
  res.double(R_INTERVAL_NS, use.interval_ns);
  await send_message(p, control, res, msgbuf);
  close(p, s);
  close(p, listen_s);
}

/**
 * send_tcp_stream: netperf's half of TCP_STREAM over the open control
 * socket `control` to `server_addr`. Prints the test's header and result
 * table; returns the exit status and, on success, the result.
 */
export async function send_tcp_stream(p: Proc, a: NetperfArgs, control: number, server_addr: number, msgbuf: number): Promise<{ status: number; result: NetperfResult | null }> {
  const fail = { status: 1, result: null };
  if (a.print_headers) out(p, 1, `TCP STREAM TEST to ${a.host_name}${a.nodelay ? ' : nodelay' : ''}\n`);
  let data: { s: number; lss: number; lsr: number };
  try {
    data = create_data_socket(p, { lss: a.lss_size_bytes, lsr: a.lsr_size_bytes, nodelay: a.nodelay });
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    const opt = e.args[2] === SO_SNDBUF ? 'SO_SNDBUF' : e.args[2] === SO_RCVBUF ? 'SO_RCVBUF' : 'nodelay';
    out(p, 2, `netperf: create_data_socket: ${opt} option: errno ${e.errno}\n`);
    return fail;
  }
  const send_size = a.send_size_bytes > 0 ? a.send_size_bytes : data.lss > 0 ? data.lss : 4096;
  const width = a.send_width > 0 ? a.send_width : Math.max(2, Math.floor(data.lss / send_size) + 1);
  const { ring, how } = allocate_buffer_ring(p, width, send_size, a.local_send_align, a.local_send_offset);
  if (ring.length === 0) {
    out(p, 2, 'netperf: allocate_buffer_ring: malloc failed\n');
    return fail;
  }

  const req = new netperf_msg(DO_TCP_STREAM);
  req.int(0, a.rss_size_bytes);
  req.int(1, a.rsr_size_bytes);
  req.int(2, a.recv_size_bytes);
  req.int(3, a.nodelay ? 1 : 0);
  req.int(5, a.remote_cpu_usage ? 1 : 0);
  req.int(6, a.remote_recv_align);
  req.int(7, a.remote_recv_offset);
  await send_message(p, control, req, msgbuf);
  const rsp = await recv_message(p, control, msgbuf);
  if (rsp === null) {
    out(p, 2, 'netperf: recv_response: the control connection was closed\n');
    return fail;
  }
  if (rsp.serv_errno !== 0) {
    // perror("") after the message: the text follows the number directly, as in 2.2.
    out(p, 2, `netperf: remote error ${rsp.serv_errno}${strerror(rsp.serv_errno)}\n`);
    return fail;
  }
  const rsr = rsp.int(0);
  const recv_size = rsp.int(1);
  const rss = rsp.int(4);
  const port = rsp.int(5);

  try {
    await connect(p, data.s, sockaddr_in(server_addr, port));
  } catch (e) {
    perror(p, 'netperf: send_tcp_stream: data socket connect failed', e);
    out(p, 1, ` port: ${port}\n`);
    return fail;
  }
  const k = proc_kernel(p);
  const st0 = { ...tcp_state(k).tcpstat };
  const t0 = cpu_mark(p);
  const end_ns = t0.ns + Math.round(a.test_time_s * 1e9);
  let remaining = a.test_bytes;
  let sends = 0;
  try {
    while (a.test_bytes > 0 ? remaining > 0 : uptime_ns(k) < end_ns) {
      const buf = ring[sends % ring.length] as number;
      if (a.loc_dirty_count > 0 || a.loc_clean_count > 0) access_buffer(p, buf, send_size, a.loc_dirty_count, a.loc_clean_count);
      await send(p, data.s, buf, send_size, 0);
      sends++;
      remaining -= send_size;
    }
  } catch (e) {
    perror(p, 'netperf: data send error', e);
    return fail;
  }
  const mss = getsockopt(p, data.s, IPPROTO_TCP, TCP_MAXSEG);
  shutdown(p, data.s, SHUT_WR);
  // Block until netserver has read everything and sent its FIN.
  await recv(p, data.s, ring[0] as number, send_size, 0);
  const t1 = cpu_mark(p);
  close(p, data.s);
  const st1 = tcp_state(k).tcpstat;

  const res = await recv_message(p, control, msgbuf);
  if (res === null || res.serv_errno !== 0) {
    out(p, 2, `netperf: remote error ${res?.serv_errno ?? 0}${strerror(res?.serv_errno ?? 0)}\n`);
    return fail;
  }
  const bytes = res.double(R_BYTES);
  const elapsed_s = (t1.ns - t0.ns) / 1e9;
  const local = cpu_usage(t0.cpu, t1.cpu);
  const remote_interval_ns = res.double(R_INTERVAL_NS);
  const remote_busy = {} as CpuTimes;
  CPU_CATEGORIES.forEach((c: CpuCategory, i) => (remote_busy[c] = res.double(R_BUSY_NS + 2 * i)));
  const remote_pct = res.float(R_CPU_UTIL);
  const ncpu = a.shell_num_cpus;
  const result: NetperfResult = {
    test: 'TCP_STREAM',
    host: a.host_name,
    throughput_mbps: calc_thruput_units(bytes, elapsed_s, 'm'),
    throughput: calc_thruput_units(bytes, elapsed_s, a.libfmt),
    throughput_units: format_units(a.libfmt),
    elapsed_s,
    bytes,
    sends,
    recv_calls: res.int(R_RECV_CALLS),
    send_size_bytes: send_size,
    recv_size_bytes: recv_size,
    local_send_socket_bytes: data.lss,
    local_recv_socket_bytes: data.lsr,
    remote_send_socket_bytes: rss,
    remote_recv_socket_bytes: rsr,
    send_buffer_alloc: how,
    mss,
    mtu: in_ifaddr_for_dst(k, server_addr)?.ia_ifp.if_mtu ?? 0,
    local_cpu_pct: local.busy_pct,
    remote_cpu_pct: remote_pct,
    local_sd_us_per_kb: calc_service_demand_us_per_kb(bytes, elapsed_s, local.busy_pct, ncpu),
    remote_sd_us_per_kb: calc_service_demand_us_per_kb(bytes, elapsed_s, remote_pct, ncpu),
    local_cpu_by_category_pct: pct_by_category(local.busy_ns, local.interval_ns),
    remote_cpu_by_category_pct: pct_by_category(remote_busy, remote_interval_ns),
    retransmissions: st1.tcps_sndrexmitpack - st0.tcps_sndrexmitpack,
    rexmt_timeouts: st1.tcps_rexmttimeo - st0.tcps_rexmttimeo,
  };
  out(p, 1, tcp_stream_table(a, result));
  return { status: 0, result };
}

/**
 * The result lines netperf 2.2 prints after a TCP_STREAM test, for its -c,
 * -C, -P and -v settings (the "TCP STREAM TEST to" line comes before the run).
 * Layout and widths are send_tcp_stream's tput_title/tput_fmt_1 and
 * cpu_title/cpu_fmt_1, trailing blanks included; a side whose CPU was not
 * asked for prints -1, as netperf does.
 */
export function tcp_stream_table(a: NetperfArgs, r: NetperfResult): string {
  const cpu = a.local_cpu_usage || a.remote_cpu_usage;
  const lu = a.local_cpu_usage ? r.local_cpu_pct : -1;
  const ru = a.remote_cpu_usage ? r.remote_cpu_pct : -1;
  const lsd = a.local_cpu_usage ? r.local_sd_us_per_kb : -1;
  const rsd = a.remote_cpu_usage ? r.remote_sd_us_per_kb : -1;
  const m = NETPERF_CPU_METHOD;
  if (a.verbosity <= 0) {
    if (!cpu) return `${fmt_f(r.throughput, 7, 2)}\n`;
    return a.local_cpu_usage ? `${fmt_f(lsd, 6, 3)} ${m}\n` : `${fmt_f(rsd, 6, 3)} ${m}\n`;
  }
  let s = '';
  const units = r.throughput_units;
  if (cpu) {
    if (a.print_headers) {
      s += 'Recv   Send    Send                          Utilization       Service Demand\n';
      s += 'Socket Socket  Message  Elapsed              Send     Recv     Send    Recv\n';
      s += 'Size   Size    Size     Time     Throughput  local    remote   local   remote\n';
      s += `bytes  bytes   bytes    secs.    ${units.slice(0, 8).padEnd(8)}/s  % ${m}      % ${m}      us/KB   us/KB\n\n`;
    }
    s += `${fmt_d(r.remote_recv_socket_bytes, 6)} ${fmt_d(r.local_send_socket_bytes, 6)} ${fmt_d(r.send_size_bytes, 6)}    `;
    s += `${fmt_f(r.elapsed_s, -6, 2)}     ${fmt_f(r.throughput, 7, 2)}   ${fmt_f(lu, -6, 2)}   ${fmt_f(ru, -6, 2)}   `;
    s += `${fmt_f(lsd, -6, 3)}  ${fmt_f(rsd, -6, 3)}\n`;
    return s;
  }
  if (a.print_headers) {
    s += 'Recv   Send    Send                          \n';
    s += 'Socket Socket  Message  Elapsed              \n';
    s += 'Size   Size    Size     Time     Throughput  \n';
    s += `bytes  bytes   bytes    secs.    ${units}/sec  \n\n`;
  }
  s += `${fmt_d(r.remote_recv_socket_bytes, 6)} ${fmt_d(r.local_send_socket_bytes, 6)} ${fmt_d(r.send_size_bytes, 6)}    `;
  s += `${fmt_f(r.elapsed_s, -6, 2)}   ${fmt_f(r.throughput, 7, 2)}   \n`;
  return s;
}
