// What boot() is told about the machine it runs on: which Simulation (clock
// and wires), which reference CPU (cost model), which network boards sit in
// its PCI slots, and its host name. No FreeBSD counterpart: a real kernel
// finds its hardware; the simulator is told it.
//
// How to use (through boot's options):
//   boot(GENERIC, { sim, hostname: 'a', machineClass: 'PII_450', nics: ['em', 'em'] });
//   boot(GENERIC, { sim, nics: ['ti', 'ti-tigon1', 'ti-copper'] });   // ti0, ti1, ti2
// Boards are attached by their drivers at SI_SUB_CONFIGURE (kern/subr_bus.ts)
// if the configuration has the driver's `device` line; each board model
// numbers its units from 0 in slot order (em0, em1, ...). No `nics`, no
// network boards: a kernel booted as before has no interfaces and allocates
// nothing for them.

import type { Kernel } from '../kern/init_main.ts';
import { sim_attach, Simulation } from './clock.ts';
import { MACHINE_CLASSES, DEFAULT_MACHINE_CLASS, cost_model_with, is_machine_class, type CostOverrides, type MachineClassName } from './cost_model.ts';
import { cpu_attach } from './cpu.ts';
import { PciBus, pci_attach, type PciBusSpec } from './pci.ts';
import { SI_ORDER_ANY, SI_SUB_CONFIGURE, type SysInit } from '../sys/kernel.ts';

/** The network boards the simulator can put in a PCI slot, with what pciconf would say of them. */
// The three ti(4) boards are the Tigon models the driver treats differently:
// chip revision (Tigon 1 or 2: mini ring, header splitting, TX flow control)
// and transceiver (fiber 1000baseSX, or copper 10/100/1000 detected by PCI ID).
export const PCI_BOARDS = {
  em: 'Intel PRO/1000 gigabit Ethernet (82543/82544), copper',
  ti: 'Alteon Networks Tigon II gigabit Ethernet, 1000baseSX (3Com 3c985B-SX)',
  'ti-tigon1': 'Alteon Networks Tigon I gigabit Ethernet, 1000baseSX (3Com 3c985-SX)',
  'ti-copper': 'Alteon Networks Tigon II gigabit Ethernet, 1000baseT (Netgear GA620T)',
} as const;

/** A board model name (the name of the driver that would attach to it). */
export type PciBoard = keyof typeof PCI_BOARDS;

/**
 * A defect a board can be given, to see what its driver does about it:
 *   'rom_selftest': the board's ROM self-test fails at power on (TI_CPUSTATE_ROMFAIL);
 *   'chip_rev5':    a Tigon 2 prototype, chip revision 5, which no firmware supports.
 */
export type BoardFault = 'rom_selftest' | 'chip_rev5';

/** The slots' bus, when the machine's own is not wanted (see MachineOptions.pci). */
export interface PciOptions extends Partial<PciBusSpec> {
  /**
   * The BIOS programs a board in a 32-bit slot as if the slot were 64 bits
   * wide, the bug ti(4)'s ti_64bitslot_war detects (default false).
   */
  readonly bios_64bit_bug?: boolean;
}

/** The machine part of boot's options. */
export interface MachineOptions {
  /** The Simulation to boot on; default: a new one for this kernel alone. */
  readonly sim?: Simulation;
  /** The reference CPU of the cost model; default DEFAULT_MACHINE_CLASS. */
  readonly machineClass?: MachineClassName;
  /**
   * Cost parameters to use instead of the machine class's (sim/cost_model.ts),
   * e.g. { tcp_input_ns: 8000 }: what the benchmarks page's sensitivity
   * table varies. Durations and rates must be positive, pci_dma_efficiency
   * in (0, 1].
   */
  readonly costOverrides?: CostOverrides;
  /** Network boards in PCI slot order, e.g. ['em']; default none. */
  readonly nics?: readonly PciBoard[];
  /** kern.hostname once booted; default '' as on a fresh 5.0 kernel. */
  readonly hostname?: string;
  /** The PCI slots: width and clock (default: the machine class's bus), and the BIOS bug. */
  readonly pci?: PciOptions;
  /** Defects of the boards, by slot (0 is the first of `nics`). */
  readonly board_faults?: Readonly<Record<number, BoardFault>>;
  /**
   * What /boot/loader.conf sets before the kernel starts: values the kernel
   * reads at boot with TUNABLE_INT_FETCH, by name. Known: LOADER_TUNABLES.
   */
  readonly loader?: Readonly<Record<string, number>>;
}

/** The loader tunables the simulated kernel reads, with what each sets. */
export const LOADER_TUNABLES: Readonly<Record<string, string>> = {
  'kern.ipc.nsfbufs': 'sf_bufs for sendfile(2) and zero copy send (default 512 + 16 * maxusers)',
};

interface Machine {
  readonly nics: readonly PciBoard[];
  readonly hostname: string | undefined;
  readonly bios_64bit_bug: boolean;
  readonly board_faults: Readonly<Record<number, BoardFault>>;
  readonly loader: Readonly<Record<string, number>>;
}

const machines = new WeakMap<Kernel, Machine>();

/**
 * Validates `options` and gives `kernel` its simulation and CPU. Called by
 * boot() before the SYSINITs run. Throws RangeError for an unknown machine
 * class or board, before anything is attached.
 */
export function machine_setup(kernel: Kernel, options: MachineOptions): void {
  const cls = options.machineClass ?? DEFAULT_MACHINE_CLASS;
  if (!is_machine_class(cls)) {
    throw new RangeError(`boot: unknown machineClass ${JSON.stringify(cls)} (known: ${Object.keys(MACHINE_CLASSES).join(', ')})`);
  }
  const nics = options.nics ?? [];
  for (const b of nics) {
    if (!Object.hasOwn(PCI_BOARDS, b)) throw new RangeError(`boot: unknown network board ${JSON.stringify(b)} (known: ${Object.keys(PCI_BOARDS).join(', ')})`);
  }
  const costs = cost_model_with(MACHINE_CLASSES[cls], options.costOverrides ?? {});
  const pci = options.pci ?? {};
  const spec: PciBusSpec = { width_bits: pci.width_bits ?? costs.pci_bus.width_bits, clock_mhz: pci.clock_mhz ?? costs.pci_bus.clock_mhz };
  if (spec.width_bits !== 32 && spec.width_bits !== 64) throw new RangeError(`boot: PCI width ${String(spec.width_bits)} is not 32 or 64 bits`);
  if (spec.clock_mhz !== 33 && spec.clock_mhz !== 66) throw new RangeError(`boot: PCI clock ${String(spec.clock_mhz)} is not 33 or 66 MHz`);
  const faults = options.board_faults ?? {};
  for (const [slot, f] of Object.entries(faults)) {
    if (!(Number(slot) >= 0 && Number(slot) < nics.length)) throw new RangeError(`boot: board_faults names slot ${slot}, but the machine has ${nics.length} board(s)`);
    if (f !== 'rom_selftest' && f !== 'chip_rev5') throw new RangeError(`boot: unknown board fault ${JSON.stringify(f)} (known: rom_selftest, chip_rev5)`);
  }
  const loader = options.loader ?? {};
  for (const [name, v] of Object.entries(loader)) {
    if (!Object.hasOwn(LOADER_TUNABLES, name)) throw new RangeError(`boot: unknown loader tunable ${JSON.stringify(name)} (known: ${Object.keys(LOADER_TUNABLES).join(', ')})`);
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`boot: loader tunable ${name}=${String(v)} is not a positive integer`);
  }
  const sim = options.sim ?? new Simulation();
  sim_attach(kernel, sim);
  cpu_attach(kernel, costs);
  pci_attach(kernel, new PciBus(sim, spec, costs.pci_dma_efficiency));
  machines.set(kernel, { nics: [...nics], hostname: options.hostname, bios_64bit_bug: pci.bios_64bit_bug === true, board_faults: { ...faults }, loader: { ...loader } });
}

/** TUNABLE_INT_FETCH: the loader's value for tunable `name`, or undefined when loader.conf does not set it. */
export function TUNABLE_INT_FETCH(kernel: Kernel, name: string): number | undefined {
  return machines.get(kernel)?.loader[name];
}

/** The defect of the board in `slot`, if it was given one. */
export function machine_board_fault(kernel: Kernel, slot: number): BoardFault | undefined {
  return machines.get(kernel)?.board_faults[slot];
}

/** True if `kernel`'s BIOS misprograms boards in 32-bit slots as 64-bit ones. */
export function machine_bios_64bit_bug(kernel: Kernel): boolean {
  return machines.get(kernel)?.bios_64bit_bug === true;
}

/** The boards in `kernel`'s PCI slots, in slot order. */
export function machine_nics(kernel: Kernel): readonly PciBoard[] {
  return machines.get(kernel)?.nics ?? [];
}

/** The host name boot was given, if any. */
export function machine_hostname(kernel: Kernel): string | undefined {
  return machines.get(kernel)?.hostname;
}

// rc.conf's hostname= runs long after boot in a real system; here it is the
// last thing boot does, so a booted kernel already has its name.
function set_hostname(kernel: Kernel): void {
  const name = machines.get(kernel)?.hostname;
  if (name !== undefined) kernel.sysctl('kern.hostname', name);
}

/** Sets kern.hostname from boot's `hostname` option. */
export const hostname_sysinit: SysInit = { name: 'hostname', subsystem: SI_SUB_CONFIGURE, order: SI_ORDER_ANY, func: set_hostname };
