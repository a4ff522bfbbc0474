// The zcsim command line: netperf between two simulated machines, and
// sysctl/netstat views of a booted kernel. Run with `npx zcsim ...`
// (bin/zcsim.js) or `node --import tsx src/cli/zcsim.ts ...`.
//
//   zcsim netperf [netperf options] [--kernel FILE | --kernel-local FILE --kernel-remote FILE]
//                 [--mtu N] [--machine CLASS] [--json]
//   zcsim sysctl -a | NAME... [--kernel FILE]
//   zcsim netstat -m [--kernel FILE]
//
// Options of zcsim itself are long (--kernel...); everything else is given
// to netperf unchanged, so netperf's own `--` still separates its test
// options. Exit status: netperf's own (0, or 1 after its message), 1 for a
// configuration config(8) rejects (the message names file and line) or an
// unreadable file, 2 for a zcsim usage error.

import fs from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import {
  boot, ConfigError, GENERIC, MACHINE_CLASSES, netperf_pair, netstat_m, SyscallError, type MachineClassName, type NetperfPairOptions,
} from '../kernel/index.ts';

/** Where the CLI writes; the tests and bin/zcsim.js pass process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = `usage: zcsim netperf [netperf options] [--kernel FILE | --kernel-local FILE --kernel-remote FILE]
                     [--mtu N] [--machine CLASS] [--json]
       zcsim sysctl -a | NAME ... [--kernel FILE]
       zcsim netstat -m [--kernel FILE]
netperf's -l is in virtual seconds; its default, 10, takes minutes of real time: try -l 0.1.
`;

/** A usage error: exit 2 with the message and the usage. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** zcsim's own long options, pulled out of argv; the rest is left in order. */
interface CliOptions {
  kernel?: string;
  kernel_local?: string;
  kernel_remote?: string;
  mtu?: number;
  machine?: MachineClassName;
  json: boolean;
  rest: string[];
}

const VALUED = ['--kernel', '--kernel-local', '--kernel-remote', '--mtu', '--machine'];

function parse_cli(argv: readonly string[]): CliOptions {
  const o: CliOptions = { json: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') {
      o.json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.includes(name)) {
      if (arg.startsWith('--') && arg !== '--') throw new UsageError(`unknown option ${arg}`);
      o.rest.push(arg);
      continue;
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    switch (name) {
      case '--kernel':
        o.kernel = value;
        break;
      case '--kernel-local':
        o.kernel_local = value;
        break;
      case '--kernel-remote':
        o.kernel_remote = value;
        break;
      case '--mtu': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 72 || n > 9000) throw new UsageError(`--mtu ${value}: not an MTU from 72 to 9000`);
        o.mtu = n;
        break;
      }
      case '--machine': {
        if (!Object.hasOwn(MACHINE_CLASSES, value)) throw new UsageError(`--machine ${value}: unknown (known: ${Object.keys(MACHINE_CLASSES).join(', ')})`);
        o.machine = value as MachineClassName;
        break;
      }
    }
  }
  if (o.kernel !== undefined && (o.kernel_local !== undefined || o.kernel_remote !== undefined)) {
    throw new UsageError('--kernel and --kernel-local/--kernel-remote exclude each other');
  }
  return o;
}

// Reads a configuration file; a missing one is a runtime error (exit 1), reported like cat(1).
function read_config(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(`${file}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : String(e)}`);
  }
}

class FileError extends Error {
  override readonly name = 'FileError';
}

async function cmd_netperf(o: CliOptions, io: CliIo): Promise<number> {
  const local = o.kernel_local ?? o.kernel;
  const remote = o.kernel_remote ?? o.kernel;
  const opts: NetperfPairOptions = {
    argv: o.rest,
    ...(local === undefined ? {} : { configA: read_config(local), fileA: local }),
    ...(remote === undefined ? {} : { configB: read_config(remote), fileB: remote }),
    ...(o.mtu === undefined ? {} : { mtu: o.mtu }),
    ...(o.machine === undefined ? {} : { machineClass: o.machine }),
  };
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

function boot_cli(o: CliOptions): ReturnType<typeof boot> {
  if (o.kernel_local !== undefined || o.kernel_remote !== undefined) throw new UsageError('--kernel-local/--kernel-remote are for netperf; use --kernel');
  return o.kernel === undefined ? boot(GENERIC) : boot(read_config(o.kernel), { file: o.kernel });
}

function cmd_sysctl(o: CliOptions, io: CliIo): number {
  if (o.rest.length === 0) throw new UsageError('sysctl: give -a or a name');
  const kernel = boot_cli(o);
  if (o.rest.length === 1 && o.rest[0] === '-a') {
    for (const l of kernel.sysctlList()) io.out(`${l}\n`);
    return 0;
  }
  let status = 0;
  for (const name of o.rest) {
    if (name.startsWith('-')) throw new UsageError(`sysctl: unknown flag ${name}`);
    try {
      for (const l of kernel.sysctlList(name)) io.out(`${l}\n`);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      io.err(`sysctl: unknown oid '${name}'\n`);
      status = 1;
    }
  }
  return status;
}

function cmd_netstat(o: CliOptions, io: CliIo): number {
  if (o.rest.length !== 1 || o.rest[0] !== '-m') throw new UsageError('netstat: only -m is supported');
  for (const l of netstat_m(boot_cli(o))) io.out(`${l}\n`);
  return 0;
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
    if (o.mtu !== undefined || o.machine !== undefined) throw new UsageError(`--mtu and --machine are for netperf`);
    if (cmd === 'sysctl') return cmd_sysctl(o, io);
    if (cmd === 'netstat') return cmd_netstat(o, io);
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
