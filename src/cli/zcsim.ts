// The zcsim command line: netperf between two simulated machines, and the
// tools a FreeBSD user inspects a machine with (sysctl, ifconfig, netstat),
// each against a kernel configuration file. Run with `npx zcsim ...`
// (bin/zcsim.js) or `node --import tsx src/cli/zcsim.ts ...`; options.ts
// has the usage.
//
//   zcsim netperf --kernel examples/kernels/ZEROCOPY --mtu 9000 -l 0.05 -c -C -- -m 32K
//   zcsim sysctl -d kern.ipc.zero_copy.send --kernel examples/kernels/ZEROCOPY
//   zcsim ifconfig ti0 --kernel examples/kernels/ZEROCOPY
//   zcsim netstat -s -p tcp --kernel examples/kernels/ZEROCOPY --after-netperf '-l 0.01'
//
// The NIC is the one the kernel file has (ti(4) for a file with `device ti`
// and no `device em`), or --nic. Exit status: netperf's own (0, or 1 after
// its message), sysctl's (1 after its message), 1 for a configuration
// config(8) rejects (the message names file and line) or an unreadable
// file, 2 for a zcsim usage error.
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { boot, ConfigError, GENERIC, netperf_pair, type MachinePairOptions, type NetperfPairOptions } from '../kernel/index.ts';
import { FileError, USAGE, UsageError, nic_of, parse_cli, read_config, type CliOptions } from './options.ts';
import { sysctl_main } from './sysctl.ts';
import { ifconfig_main, local_machine, netstat_main } from './inspect.ts';

/** Where the CLI writes; the tests and bin/zcsim.js pass process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The two machines' configurations, the NIC (the local file's, unless --nic), MTU and machine class. */
function pair_options(o: CliOptions): MachinePairOptions {
  const local = o.kernel_local ?? o.kernel;
  const remote = o.kernel_remote ?? o.kernel;
  const configA = local === undefined ? GENERIC : read_config(local);
  const configB = remote === undefined ? GENERIC : read_config(remote);
  return {
    configA,
    configB,
    ...(local === undefined ? {} : { fileA: local }),
    ...(remote === undefined ? {} : { fileB: remote }),
    nic: o.nic ?? nic_of(configA, local),
    ...(o.mtu === undefined ? {} : { mtu: o.mtu }),
    ...(o.machine === undefined ? {} : { machineClass: o.machine }),
  };
}

async function cmd_netperf(o: CliOptions, io: CliIo): Promise<number> {
  if (o.after_netperf !== undefined) throw new UsageError('--after-netperf is for ifconfig and netstat');
  const opts: NetperfPairOptions = { ...pair_options(o), argv: o.rest };
  const r = await netperf_pair(opts);
  if (o.json) {
    if (r.result !== null) io.out(`${JSON.stringify(r.result, null, 2)}\n`);
    for (const l of r.stderr) io.err(`${l}\n`);
    if (r.result === null) for (const l of r.lines) io.err(`${l}\n`);
    return r.status;
  }
  for (const l of r.lines) io.out(`${l}\n`);
  for (const l of r.stderr) io.err(`${l}\n`);
  return r.status;
}

function cmd_sysctl(o: CliOptions, io: CliIo): number {
  if (o.kernel_local !== undefined || o.kernel_remote !== undefined) throw new UsageError('--kernel-local/--kernel-remote are for netperf; use --kernel');
  if (o.nic !== undefined || o.mtu !== undefined || o.machine !== undefined || o.after_netperf !== undefined) {
    throw new UsageError('sysctl takes only --kernel');
  }
  const kernel = o.kernel === undefined ? boot(GENERIC) : boot(read_config(o.kernel), { file: o.kernel });
  return sysctl_main(kernel, o.rest, io);
}

async function cmd_inspect(cmd: 'ifconfig' | 'netstat', o: CliOptions, io: CliIo): Promise<number> {
  if (o.kernel_local !== undefined || o.kernel_remote !== undefined) throw new UsageError('--kernel-local/--kernel-remote are for netperf; use --kernel');
  const kernel = await local_machine(pair_options(o), o.after_netperf, io);
  return cmd === 'ifconfig' ? ifconfig_main(kernel, o.rest, io) : netstat_main(kernel, o.rest, io);
}

/** Runs the CLI on `argv` (without node and the script); returns the exit status. */
export async function zcsim_main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') {
      (cmd === undefined ? io.err : io.out)(USAGE);
      return cmd === undefined ? 2 : 0;
    }
    const o = parse_cli(rest);
    if (o.json && cmd !== 'netperf') throw new UsageError('--json is for netperf');
    if (cmd === 'netperf') return await cmd_netperf(o, io);
    if (cmd === 'sysctl') return cmd_sysctl(o, io);
    if (cmd === 'ifconfig' || cmd === 'netstat') {
      if (o.machine !== undefined) throw new UsageError('--machine is for netperf');
      return await cmd_inspect(cmd, o, io);
    }
    throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`zcsim: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof FileError) {
      io.err(`zcsim: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && e.message.startsWith('machine_pair:')) {
      io.err(`zcsim: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

// Run when executed directly or through bin/zcsim.js (which imports this file as its main program).
const entry = process.argv[1];
const is_main = entry !== undefined && (import.meta.url === pathToFileURL(entry).href || /[\\/]zcsim(\.js)?$/.test(entry));
if (is_main) {
  // A reader that goes away (zcsim ... | head) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const status = await zcsim_main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  });
  process.exitCode = status;
}
