// netperf's command line: the global options, then after `--` the test's.
// Mirrors netsh.c (scan_cmd_line, break_args, set_defaults), netlib.c
// (convert) and nettest_bsd.c (scan_sockets_args) of netperf 2.2.
//
//   const a = netperf_args(['-H', '10.0.0.2', '-l', '0.05', '-c', '-C', '--', '-m', '32K']);
//   if (!a.ok) { a.stderr ... exit(a.status) }      // what netperf would print, and exit 1
//   a.args.send_size_bytes === 32768
//
// Sizes take netperf's forms: a leading integer, times 1024 for K, 1024^2
// for M, 1024^3 for G, 1000 for k, 10^6 for m, 10^9 for g (convert()).
// The deviations: -l takes a fraction ("-l 0.05"), because simulated
// seconds cost real ones; the real tool truncates to whole seconds. And
// -k dirty[,clean] is accepted: 2.2's nettest_bsd.c has the DIRTY code
// (access_buffer) but its getopt string has no letter to set the counts;
// netperf 2.4 added -k, which the benchmarks use to write each buffer just
// before it is sent, as an application that fills its buffers would.
// A negative -l is a byte count, as in the real tool.
// Buffer alignment and offsets (-a, -A, -o, -O) are netperf's: each buffer
// starts `offset` bytes past an `align`-byte boundary, so "-o 100" gives
// send buffers that are not page aligned. Options netperf 2.2 accepts but
// this simulation does not model (confidence intervals, burst and rate
// control...) are refused with a message saying so, rather than silently
// ignored.

/** What a netperf command line asks for (names of netsh.c's globals, with units). */
export interface NetperfArgs {
  readonly host_name: string; // -H: the remote host (default "localhost")
  readonly test_name: string; // -t: TCP_STREAM (upper-cased)
  readonly test_port: number; // -p: netserver's control port (12865)
  readonly test_time_s: number; // -l > 0: seconds (virtual); 0 when the test is a byte count
  readonly test_bytes: number; // -l < 0: bytes to send; 0 when timed
  readonly local_cpu_usage: boolean; // -c
  readonly remote_cpu_usage: boolean; // -C
  readonly print_headers: boolean; // -P 0|1
  readonly verbosity: number; // -v: 0 just the result, 1 the table (default)
  readonly libfmt: string; // -f: output units, 'm' (10^6 bits) by default here
  readonly shell_num_cpus: number; // -n: CPUs for service demand (1)
  readonly send_width: number; // -W: send buffers in the ring (0: sized from the socket buffer)
  readonly send_size_bytes: number; // -m: bytes per send (0: the send socket buffer size)
  readonly recv_size_bytes: number; // -M: bytes per receive at netserver (0: its receive buffer size)
  readonly lss_size_bytes: number; // -s send,: local SO_SNDBUF (0: system default)
  readonly lsr_size_bytes: number; // -s ,recv: local SO_RCVBUF
  readonly rss_size_bytes: number; // -S send,: remote SO_SNDBUF
  readonly rsr_size_bytes: number; // -S ,recv: remote SO_RCVBUF
  readonly nodelay: boolean; // -D: TCP_NODELAY on both ends
  readonly local_send_align: number; // -a send,: bytes each send buffer is aligned to (8)
  readonly local_recv_align: number; // -a ,recv (TCP_STREAM's netperf receives only the FIN)
  readonly remote_send_align: number; // -A send,: netserver's send buffers (unused by TCP_STREAM)
  readonly remote_recv_align: number; // -A ,recv: netserver's receive buffers (8)
  readonly local_send_offset: number; // -o send,: bytes past the alignment boundary (0)
  readonly local_recv_offset: number; // -o ,recv
  readonly remote_send_offset: number; // -O send,
  readonly remote_recv_offset: number; // -O ,recv: netserver's receive buffers
  readonly loc_dirty_count: number; // -k dirty,: bytes netperf writes at the start of a buffer before sending it (0)
  readonly loc_clean_count: number; // -k ,clean: bytes it then reads (0)
}

/** The result of parsing: the arguments, or what netperf prints before exiting. */
export type NetperfArgsResult =
  | { readonly ok: true; readonly args: NetperfArgs }
  | { readonly ok: false; readonly status: number; readonly stdout: string; readonly stderr: string };

/** netserver's well-known control port (netperf 2.x). */
export const NETPERF_PORT = 12865;

const GLOBAL_CMD_LINE_ARGS = 'A:a:b:CcdDf:F:H:hi:I:k:l:n:O:o:P:p:t:v:W:w:46';
const SOCKETS_ARGS = 'b:CDhm:M:p:r:s:S:Vw:W:z';

/** netperf_usage of netsh.c (2.2). */
export const NETPERF_USAGE = `
Usage: netperf [global options] -- [test options] 

Global options:
    -a send,recv      Set the local send,recv buffer alignment
    -A send,recv      Set the remote send,recv buffer alignment
    -c [cpu_rate]     Report local CPU usage
    -C [cpu_rate]     Report remote CPU usage
    -d                Increase debugging output
    -f G|M|K|g|m|k    Set the output units
    -F fill_file      Pre-fill buffers with data from fill_file
    -h                Display this text
    -H name|ip        Specify the target machine
    -i max,min        Specify the max and min number of iterations (15,1)
    -I lvl[,intvl]    Specify confidence level (95 or 99) (99) 
                      and confidence interval in percentage (10)
    -k dirty,clean    Write dirty, then read clean bytes of each send buffer
    -l testlen        Specify test duration (>0 secs) (<0 bytes|trans)
    -o send,recv      Set the local send,recv buffer offsets
    -O send,recv      Set the remote send,recv buffer offset
    -n numcpu         Set the number of processors for CPU util
    -p port           Specify netserver port number
    -P 0|1            Don't/Do display test headers
    -t testname       Specify test to perform
    -v verbosity      Specify the verbosity level
    -W send,recv      Set the number of send,recv buffers

For those options taking two parms, at least one must be specified;
specifying one value without a comma will set both parms to that
value, specifying a value with a leading comma will set just the second
parm, a value with a trailing comma will set just the first. To set
each parm to unique values, specify both and separate them with a
comma.
`;

/** sockets_usage of nettest_bsd.c (2.2), printed on stdout for a bad test option. */
export const SOCKETS_USAGE = `
Usage: netperf [global options] -- [test options] 

TCP/UDP BSD Sockets Test Options:
    -C                Set TCP_CORK when available
    -D [L][,R]        Set TCP_NODELAY locally and/or remotely (TCP_*)
    -h                Display this text
    -m bytes          Set the send size (TCP_STREAM, UDP_STREAM)
    -M bytes          Set the recv size (TCP_STREAM, UDP_STREAM)
    -p min[,max]      Set the min/max port numbers for TCP_CRR, TCP_TRR
    -r req,[rsp]      Set request/response sizes (TCP_RR, UDP_RR)
    -s send[,recv]    Set local socket send/recv buffer sizes
    -S send[,recv]    Set remote socket send/recv buffer sizes

For those options taking two parms, at least one must be specified;
specifying one value without a comma will set both parms to that
value, specifying a value with a leading comma will set just the second
parm, a value with a trailing comma will set just the first. To set
each parm to unique values, specify both and separate them with a
comma.
`;

// Tests netperf 2.2 knows but the simulation does not run.
const OTHER_TESTS = ['TCP_MAERTS', 'TCP_RR', 'TCP_CRR', 'TCP_CC', 'UDP_STREAM', 'UDP_RR'];

/** The multiplier convert() applies for a suffix letter found anywhere in the string. */
function suffix_factor(s: string): number {
  let f = 1;
  if (s.includes('K')) f *= 1024;
  if (s.includes('M')) f *= 1024 * 1024;
  if (s.includes('G')) f *= 1024 * 1024 * 1024;
  if (s.includes('k')) f *= 1000;
  if (s.includes('m')) f *= 1000 * 1000;
  if (s.includes('g')) f *= 1000 * 1000 * 1000;
  return f;
}

/** convert() of netlib.c: atoi of the string times its size suffix ("64K" = 65536, "abc" = 0). */
export function convert(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return (m === null ? 0 : Number.parseInt(m[0], 10)) * suffix_factor(s);
}

// convert() for -l, allowing a fraction of a second.
function convert_time(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)/.exec(s);
  return (m === null ? 0 : Number.parseFloat(m[0])) * suffix_factor(s);
}

/** break_args(): "a,b" -> [a, b]; "a" -> [a, a]; ",b" -> ['', b]; "a," -> [a, '']. */
export function break_args(s: string): [string, string] {
  const i = s.indexOf(',');
  return i < 0 ? [s, s] : [s.slice(0, i), s.slice(i + 1)];
}

interface GetoptState {
  optind: number; // next argv element
  sub: number; // position inside a cluster of flags ("-cC"), 0 when between elements
}

type GetoptResult = { c: string; optarg: string | null } | { error: string } | null;

// getopt(3) of FreeBSD 5.0 over argv[state.optind..]; null at the end or at "--" (consumed).
function getopt(argv: readonly string[], optstring: string, st: GetoptState): GetoptResult {
  if (st.sub === 0) {
    const a = argv[st.optind];
    if (a === undefined || a === '-' || !a.startsWith('-')) return null;
    if (a === '--') {
      st.optind++;
      return null;
    }
    st.sub = 1;
  }
  const a = argv[st.optind] ?? '';
  const c = a.charAt(st.sub);
  st.sub++;
  const at = c === ':' ? -1 : optstring.indexOf(c);
  const done_with_element = st.sub >= a.length;
  if (at < 0) {
    if (done_with_element) {
      st.optind++;
      st.sub = 0;
    }
    return { error: `netperf: illegal option -- ${c}\n` };
  }
  if (optstring.charAt(at + 1) !== ':') {
    if (done_with_element) {
      st.optind++;
      st.sub = 0;
    }
    return { c, optarg: null };
  }
  // An option with an argument: the rest of this element, or the next one.
  st.sub = 0;
  if (!done_with_element) {
    st.optind++;
    return { c, optarg: a.slice(a.indexOf(c, 1) + 1) };
  }
  const next = argv[st.optind + 1];
  st.optind += 2;
  if (next === undefined) return { error: `netperf: option requires an argument -- ${c}\n` };
  return { c, optarg: next };
}

const unsupported = (what: string): NetperfArgsResult => ({
  ok: false,
  status: 1,
  stdout: '',
  stderr: `netperf: ${what} is not modelled by this simulation\n`,
});

// "x,y" options (netsh.c's break_args): each half given sets its value, an
// empty half leaves the default.
function set_pair(arg: string, first: (v: number) => void, second: (v: number) => void): void {
  const [x, y] = break_args(arg);
  if (x !== '') first(convert(x));
  if (y !== '') second(convert(y));
}

/** Parses netperf's argv (without the program name), as scan_cmd_line and scan_sockets_args do. */
export function netperf_args(argv: readonly string[]): NetperfArgsResult {
  const a = {
    host_name: 'localhost',
    test_name: 'TCP_STREAM',
    test_port: NETPERF_PORT,
    test_time_s: 10,
    test_bytes: 0,
    local_cpu_usage: false,
    remote_cpu_usage: false,
    print_headers: true,
    verbosity: 1,
    libfmt: 'm',
    shell_num_cpus: 1,
    send_width: 0,
    send_size_bytes: 0,
    recv_size_bytes: 0,
    lss_size_bytes: 0,
    lsr_size_bytes: 0,
    rss_size_bytes: 0,
    rsr_size_bytes: 0,
    nodelay: false,
    local_send_align: 8,
    local_recv_align: 8,
    remote_send_align: 8,
    remote_recv_align: 8,
    local_send_offset: 0,
    local_recv_offset: 0,
    remote_send_offset: 0,
    remote_recv_offset: 0,
    loc_dirty_count: 0,
    loc_clean_count: 0,
  };
  const usage: NetperfArgsResult = { ok: false, status: 1, stdout: '', stderr: NETPERF_USAGE };
  const st: GetoptState = { optind: 0, sub: 0 };
  for (;;) {
    const r = getopt(argv, GLOBAL_CMD_LINE_ARGS, st);
    if (r === null) break;
    if ('error' in r) return { ...usage, stderr: r.error + NETPERF_USAGE };
    const arg = r.optarg ?? '';
    switch (r.c) {
      case 'h':
        return usage;
      case 'H':
        a.host_name = arg;
        break;
      case 't':
        a.test_name = arg;
        break;
      case 'p':
        a.test_port = convert(arg);
        break;
      case 'l': {
        const t = convert_time(arg);
        a.test_time_s = t > 0 ? t : 0;
        a.test_bytes = t < 0 ? Math.trunc(-t) : 0;
        break;
      }
      case 'c':
      case 'C': {
        // An optional CPU rate follows when the next word starts with a digit.
        const next = argv[st.optind];
        if (st.sub === 0 && next !== undefined && /^\d/.test(next)) st.optind++;
        if (r.c === 'c') a.local_cpu_usage = true;
        else a.remote_cpu_usage = true;
        break;
      }
      case 'P':
        a.print_headers = convert(arg) !== 0;
        break;
      case 'v':
        a.verbosity = convert(arg);
        break;
      case 'f':
        if (!'KMGkmg'.includes(arg.charAt(0)) || arg === '') return unsupported(`-f ${arg}`);
        a.libfmt = arg.charAt(0);
        break;
      case 'n':
        a.shell_num_cpus = Math.max(1, convert(arg));
        break;
      case 'W':
        a.send_width = convert(break_args(arg)[0]);
        break;
      case 'a':
        set_pair(arg, (v) => (a.local_send_align = v), (v) => (a.local_recv_align = v));
        break;
      case 'A':
        set_pair(arg, (v) => (a.remote_send_align = v), (v) => (a.remote_recv_align = v));
        break;
      case 'o':
        set_pair(arg, (v) => (a.local_send_offset = v), (v) => (a.local_recv_offset = v));
        break;
      case 'O':
        set_pair(arg, (v) => (a.remote_send_offset = v), (v) => (a.remote_recv_offset = v));
        break;
      case 'k':
        set_pair(arg, (v) => (a.loc_dirty_count = v), (v) => (a.loc_clean_count = v));
        break;
      case 'd':
        break; // debugging output: nothing extra to say in the simulation
      default:
        return unsupported(`-${r.c}`);
    }
  }
  // Anything left that is not an option is an error, as in the real tool's getopt loop.
  if (st.optind < argv.length && argv[st.optind - 1] !== '--') {
    return { ...usage, stderr: `netperf: unexpected argument ${JSON.stringify(argv[st.optind])}\n${NETPERF_USAGE}` };
  }
  const test = a.test_name.toUpperCase();
  if (test !== 'TCP_STREAM') {
    if (OTHER_TESTS.includes(test)) return unsupported(`test ${test}`);
    return {
      ok: false,
      status: 1,
      stdout: 'The test you requested is unknown to this netperf.\nPlease verify that you have the correct test name, \nand that test family has been compiled into this netperf.\n',
      stderr: '',
    };
  }
  a.test_name = test;
  if (st.optind < argv.length) {
    const tst: GetoptState = { optind: st.optind, sub: 0 };
    for (;;) {
      const r = getopt(argv, SOCKETS_ARGS, tst);
      if (r === null) break;
      if ('error' in r) return { ok: false, status: 1, stdout: SOCKETS_USAGE, stderr: r.error };
      const arg = r.optarg ?? '';
      switch (r.c) {
        case 'h':
          return { ok: false, status: 1, stdout: SOCKETS_USAGE, stderr: '' };
        case 'm':
          a.send_size_bytes = convert(arg);
          break;
        case 'M':
          a.recv_size_bytes = convert(arg);
          break;
        case 's': {
          const [x, y] = break_args(arg);
          if (x !== '') a.lss_size_bytes = convert(x);
          if (y !== '') a.lsr_size_bytes = convert(y);
          break;
        }
        case 'S': {
          const [x, y] = break_args(arg);
          if (x !== '') a.rss_size_bytes = convert(x);
          if (y !== '') a.rsr_size_bytes = convert(y);
          break;
        }
        case 'D':
          a.nodelay = true;
          break;
        case 'W':
          a.send_width = convert(arg);
          break;
        default:
          return unsupported(`test option -${r.c}`);
      }
    }
    if (tst.optind < argv.length) {
      return { ok: false, status: 1, stdout: SOCKETS_USAGE, stderr: `netperf: unexpected argument ${JSON.stringify(argv[tst.optind])}\n` };
    }
  }
  for (const [k, v] of [['-m', a.send_size_bytes], ['-M', a.recv_size_bytes], ['-s', a.lss_size_bytes], ['-s', a.lsr_size_bytes], ['-S', a.rss_size_bytes], ['-S', a.rsr_size_bytes]] as const) {
    if (v < 0) return { ok: false, status: 1, stdout: '', stderr: `netperf: ${k}: negative size ${v}\n` };
  }
  // allocate_buffer_ring rounds up with a mask, which only a power of two makes an alignment.
  for (const [k, v] of [['-a', a.local_send_align], ['-a', a.local_recv_align], ['-A', a.remote_send_align], ['-A', a.remote_recv_align]] as const) {
    if (v < 1 || (v & (v - 1)) !== 0) return { ok: false, status: 1, stdout: '', stderr: `netperf: ${k}: alignment ${v} is not a power of two\n` };
  }
  for (const [k, v] of [['-o', a.local_send_offset], ['-o', a.local_recv_offset], ['-O', a.remote_send_offset], ['-O', a.remote_recv_offset], ['-k', a.loc_dirty_count], ['-k', a.loc_clean_count]] as const) {
    if (v < 0) return { ok: false, status: 1, stdout: '', stderr: `netperf: ${k}: negative count ${v}\n` };
  }
  return { ok: true, args: a };
}
