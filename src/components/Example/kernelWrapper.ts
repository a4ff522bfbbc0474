// The `zcsim` module a sample sees when the reader has set Kernel options
// controls: the same module, with the entry points through which samples
// build machines wrapped so every kernel the sample boots gets the overrides.
//
//   boot(config, options)      the configuration edited (kernelOverrides.ts), then the sysctls set
//   machine_pair(o)            both configurations edited, the MTU replaced, the sysctls set on a and b
//   netperf_pair(o)            the same machines, then netperf as the real netperf_pair runs it
//   ifconfig(kernel, args)     the MTU replaced or added (editIfconfigArgs)
//
// Everything else is the module itself, so what the sample does after boot
// (its own sysctl calls, say) still happens, after the overrides.
// A configuration config(8) rejects throws its ConfigError as boot() does;
// when the offending line is one the controls added, the message says so.
import type * as Zcsim from 'zcsim';
import type { Kernel, MachinePairOptions } from 'zcsim';
import { editConfig, editIfconfigArgs, isEmptyOverrides, sysctlEntries, type EditedConfig, type KernelOverrides } from './kernelOverrides.ts';

export type ZcsimModule = typeof Zcsim;

/** `mod` with the overrides applied; `mod` itself when there are none. */
export function withKernelOverrides(mod: ZcsimModule, o: KernelOverrides | undefined): ZcsimModule {
  if (o === undefined || isEmptyOverrides(o)) return mod;
  const overrides = o;

  // The edited text, checked by config(8) first so its error can name the controls' line.
  const configure = (text: string, file: string | undefined): string => {
    const edited = editConfig(text, overrides);
    try {
      mod.parseConfig(edited.text, file);
    } catch (error) {
      throw explainConfigError(mod, error, edited);
    }
    return edited.text;
  };

  const setSysctls = (kernel: Kernel): void => {
    for (const [name, value] of sysctlEntries(overrides)) {
      try {
        kernel.sysctl(name, value);
      } catch (error) {
        // A kernel without ZERO_COPY_SOCKETS has no kern.ipc.zero_copy: nothing to set, as sysctl.conf skips an unknown name.
        if (error instanceof mod.SyscallError && error.code === 'ENOENT') continue;
        throw error;
      }
    }
  };

  const boot: ZcsimModule['boot'] = (configText = mod.GENERIC, options = {}) => {
    const kernel = mod.boot(configure(configText, options.file), options);
    setSysctls(kernel);
    return kernel;
  };

  const pairOptions = <T extends MachinePairOptions>(p: T): T => ({
    ...p,
    configA: configure(p.configA ?? mod.GENERIC, p.fileA),
    configB: configure(p.configB ?? mod.GENERIC, p.fileB),
    ...(overrides.mtu_bytes === undefined ? {} : { mtu: overrides.mtu_bytes }),
  });

  const machine_pair: ZcsimModule['machine_pair'] = (p = {}) => {
    const pair = mod.machine_pair(pairOptions(p));
    setSysctls(pair.a);
    setSysctls(pair.b);
    return pair;
  };

  // The real netperf_pair on the edited machines; on_boot sets the sysctls
  // before netserver starts (and still calls the sample's own on_boot).
  const netperf_pair: ZcsimModule['netperf_pair'] = (p = {}) =>
    mod.netperf_pair({
      ...pairOptions(p),
      on_boot: (pair) => {
        setSysctls(pair.a);
        setSysctls(pair.b);
        p.on_boot?.(pair);
      },
    });

  const ifconfig: ZcsimModule['ifconfig'] = (kernel, args) => mod.ifconfig(kernel, editIfconfigArgs(args, overrides));

  return { ...mod, boot, machine_pair, netperf_pair, ifconfig };
}

// A ConfigError at a line the controls added or changed gets that fact appended.
function explainConfigError(mod: ZcsimModule, error: unknown, edited: EditedConfig): unknown {
  if (!(error instanceof mod.ConfigError)) return error;
  const added = edited.added.get(error.line);
  const removed = edited.removed.get(error.line);
  const why =
    added !== undefined
      ? ` (line ${error.line} is "options ${added}", added by the Kernel options controls)`
      : removed !== undefined
        ? ` (the Kernel options controls removed "options ${removed}" from line ${error.line})`
        : '';
  return why === '' ? error : new mod.ConfigError(error.line, error.reason + why, error.file);
}
