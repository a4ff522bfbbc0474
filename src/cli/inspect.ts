// zcsim ifconfig and zcsim netstat: the simulated machine as a FreeBSD user
// inspects one, with the kernel's own ifconfig(8) and netstat(1) code
// (src/kernel/sbin/ifconfig, src/kernel/usr.bin/netstat). The machine is a,
// the local side of the pair `zcsim netperf` runs on: booted from the
// kernel file, its NIC at 10.0.0.1/24, up and wired to b. With
// --after-netperf, netperf first runs between them with those arguments, so
// the counters show what the run did.
//
//   zcsim ifconfig ti0 --kernel examples/kernels/ZEROCOPY
//   zcsim netstat -i --kernel examples/kernels/ZEROCOPY --after-netperf '-l 0.01'
//   zcsim netstat -s -p tcp --after-netperf '-l 0.01'
import {
  ifconfig, machine_pair, netperf_pair, netstat_i, netstat_m, netstat_s_ip, netstat_s_tcp, SyscallError, strerror, type Kernel, type MachinePairOptions,
} from '../kernel/index.ts';
import { UsageError } from './options.ts';
import type { CliIo } from './zcsim.ts';

/** Virtual time the pair runs before a plain look: as a user reaches the prompt, the NICs have negotiated their link. */
export const SETTLE_NS = 1_000_000_000;

/** Machine a, as netperf's pair has it: a second after boot, or after netperf's run when `after` is given. */
export async function local_machine(pair: MachinePairOptions, after: readonly string[] | undefined, io: CliIo): Promise<Kernel> {
  if (after === undefined) {
    const machines = machine_pair(pair);
    machines.sim.runUntil(machines.sim.now_ns + SETTLE_NS);
    return machines.a;
  }
  const run = await netperf_pair({ ...pair, argv: after });
  for (const l of run.stderr) io.err(`${l}\n`);
  if (run.status !== 0) throw new UsageError(`--after-netperf: netperf exited with status ${run.status}`);
  return run.a;
}

/** ifconfig [-a | IFACE]: the status lines, as ifconfig(8) prints them. */
export function ifconfig_main(kernel: Kernel, args: readonly string[], io: CliIo): number {
  if (args.length > 1) throw new UsageError('ifconfig: give -a or one interface (settings do not outlive one command here)');
  try {
    for (const line of ifconfig(kernel, args.length === 0 ? ['-a'] : args)) io.out(`${line}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    // ifconfig(8): "ifconfig: ioctl (SIOCGIFFLAGS): Device not configured"
    io.err(`ifconfig: ${e.code === 'ENXIO' ? `interface ${args[0] ?? ''} does not exist` : strerror(e.errno)}\n`);
    return 1;
  }
}

/** netstat -m | -i [-b] [-d] | -s [-p tcp|ip]. */
export function netstat_main(kernel: Kernel, args: readonly string[], io: CliIo): number {
  const letters = new Set<string>();
  let protocol: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-p') {
      protocol = args[++i];
      if (protocol === undefined) throw new UsageError('netstat: -p needs a protocol');
      continue;
    }
    if (!/^-[a-z]+$/.test(arg)) throw new UsageError(`netstat: unexpected ${arg}`);
    for (const c of arg.slice(1)) letters.add(c);
  }
  const only = (...allowed: string[]) => [...letters].every((c) => allowed.includes(c));
  let lines: string[];
  if (letters.has('m') && only('m')) lines = netstat_m(kernel);
  else if (letters.has('i') && only('i', 'b', 'd')) lines = netstat_i(kernel, { bflag: letters.has('b'), dflag: letters.has('d') });
  else if (letters.has('s') && only('s')) {
    if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'ip') throw new UsageError(`netstat: ${protocol}: unknown or uninstrumented protocol`);
    // netstat(1) prints the protocols in its table's order: tcp before ip.
    lines = [...(protocol !== 'ip' ? netstat_s_tcp(kernel) : []), ...(protocol !== 'tcp' ? netstat_s_ip(kernel) : [])];
  } else throw new UsageError('netstat: give -m, -i [-b] [-d] or -s [-p tcp|ip]');
  if (protocol !== undefined && !letters.has('s')) throw new UsageError('netstat: -p goes with -s');
  for (const l of lines) io.out(`${l}\n`);
  return 0;
}
