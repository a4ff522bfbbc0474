// The zcsim command's own options, its usage text and its errors. Options
// of zcsim itself are long (--kernel...); everything else is left in order
// for the command (netperf's own options, sysctl's -n, netstat's -i...), so
// netperf's `--` still separates its test options.
import fs from 'node:fs';
import { MACHINE_CLASSES, parseConfig, type MachineClassName } from '../kernel/index.ts';

export const USAGE = `usage: zcsim netperf [netperf options] [--kernel FILE | --kernel-local FILE --kernel-remote FILE]
                     [--nic ti|ti-tigon1|em] [--mtu N] [--machine CLASS] [--json]
       zcsim sysctl [-n] [-d] [-a | NAME[=VALUE] ...] [--kernel FILE]
       zcsim ifconfig [-a | IFACE] [--kernel FILE] [--nic NIC] [--mtu N] [--after-netperf 'ARGS']
       zcsim netstat -m | -i [-b] [-d] | -s [-p tcp|ip] [--kernel FILE] [--nic NIC] [--mtu N] [--after-netperf 'ARGS']
netperf's -l is in virtual seconds; its default, 10, takes minutes of real time: try -l 0.1.
ifconfig and netstat show machine a of the pair netperf runs on (10.0.0.1, wired to b);
with --after-netperf, after netperf has run with those arguments.
`;

/** The NICs the command line offers (the boards of src/kernel/hardware/boards.ts netperf can run on). */
export const CLI_NICS = ['ti', 'ti-tigon1', 'em'] as const;
export type CliNic = (typeof CLI_NICS)[number];

/** A usage error: exit 2 with the message and the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file that cannot be read: exit 1, reported like cat(1). */
export class FileError extends Error {
  override readonly name = 'FileError';
}

export interface CliOptions {
  kernel?: string;
  kernel_local?: string;
  kernel_remote?: string;
  nic?: CliNic;
  mtu?: number;
  machine?: MachineClassName;
  after_netperf?: string[];
  json: boolean;
  rest: string[];
}

const VALUED = ['--kernel', '--kernel-local', '--kernel-remote', '--nic', '--mtu', '--machine', '--after-netperf'];

export function parse_cli(argv: readonly string[]): CliOptions {
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
    if (value === undefined || (value === '' && name !== '--after-netperf')) throw new UsageError(`${name} needs a value`);
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
      case '--nic':
        if (!(CLI_NICS as readonly string[]).includes(value)) throw new UsageError(`--nic ${value}: unknown (known: ${CLI_NICS.join(', ')})`);
        o.nic = value as CliNic;
        break;
      case '--mtu': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 72 || n > 9000) throw new UsageError(`--mtu ${value}: not an MTU from 72 to 9000`);
        o.mtu = n;
        break;
      }
      case '--machine':
        if (!Object.hasOwn(MACHINE_CLASSES, value)) throw new UsageError(`--machine ${value}: unknown (known: ${Object.keys(MACHINE_CLASSES).join(', ')})`);
        o.machine = value as MachineClassName;
        break;
      case '--after-netperf':
        o.after_netperf = value.split(/\s+/).filter((w) => w !== '');
        break;
    }
  }
  if (o.kernel !== undefined && (o.kernel_local !== undefined || o.kernel_remote !== undefined)) {
    throw new UsageError('--kernel and --kernel-local/--kernel-remote exclude each other');
  }
  return o;
}

/** Reads a configuration file; a missing one is a FileError, reported like cat(1). */
export function read_config(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(`${file}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : String(e)}`);
  }
}

/**
 * The NIC a configuration has: ti(4) if it has `device ti` and not
 * `device em`, else em(4) (GENERIC has both, and em was the default).
 * Throws the configuration's ConfigError, naming the file and line.
 */
export function nic_of(config: string, file: string | undefined): CliNic {
  const devices = parseConfig(config, file).devices;
  return devices.has('ti') && !devices.has('em') ? 'ti' : 'em';
}
