// The kernel's handle on the machine it runs on: what boot() is told about
// it (which Simulation, which reference CPU, which boards in which PCI slots,
// the host name, loader tunables), and the accessors kernel code uses to
// reach its clock, CPU and bus. No FreeBSD counterpart: a real kernel finds
// its hardware; the simulator is told it.
//
// How to use (through boot's options):
//   boot(GENERIC, { sim, hostname: 'a', machineClass: 'PII_450', nics: ['em', 'em'] });
//   boot(GENERIC, { sim, nics: ['ti', 'ti-tigon1', 'ti-copper'] });   // ti0, ti1, ti2
// and from kernel code:
//   cpu_run(kernel, 'protocol', machine_costs(kernel).tcp_input_ns, () => ...);
//   sim_of(kernel).schedule_after(ns, fn);
// Boards are attached by their drivers at SI_SUB_CONFIGURE (kern/subr_bus.ts)
// if the configuration has the driver's `device` line; each board model
// numbers its units from 0 in slot order (em0, em1, ...). No `nics`, no
// network boards. machine_setup gives the kernel its fields (sim, cpu, pci,
// machine) before any SYSINIT runs, so every subsystem finds them set.

import type { Kernel } from './init_main.ts';
import { SimKey, Simulation, type SimEvent } from '../engine/simulation.ts';
import { MACHINE_CLASSES, DEFAULT_MACHINE_CLASS, cost_model_with, is_machine_class, type CostModel, type CostOverrides, type MachineClassName, type PciBusSpec } from '../engine/cost_model.ts';
import { Cpu, type CpuCategory, type CpuSnapshot } from '../engine/cpu.ts';
import { PciBus } from '../hardware/pci.ts';
import { BOARD_FAULTS, PCI_BOARDS, is_pci_board, type BoardFault, type PciBoard } from '../hardware/boards.ts';
import { SI_ORDER_ANY, SI_SUB_CONFIGURE, type SysInit } from '../sys/kernel.ts';

export { PCI_BOARDS, type BoardFault, type PciBoard } from '../hardware/boards.ts';

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

/** What boot was told about the machine: the kernel's `machine` field. */
export interface MachineDesc {
  readonly nics: readonly PciBoard[]; // boards in PCI slot order
  readonly hostname: string | undefined; // kern.hostname once booted
  readonly bios_64bit_bug: boolean; // the BIOS sets 32-bit slots up as 64-bit ones
  readonly board_faults: Readonly<Record<number, BoardFault>>; // defects by slot
  readonly loader: Readonly<Record<string, number>>; // loader tunables
}

/**
 * Validates `options` and gives `kernel` its machine: simulation, CPU, PCI
 * bus and description. Called by boot() before the SYSINITs run. Throws
 * RangeError for an unknown machine class, board, fault or tunable, before
 * anything is attached.
 */
export function machine_setup(kernel: Kernel, options: MachineOptions): void {
  const cls = options.machineClass ?? DEFAULT_MACHINE_CLASS;
  if (!is_machine_class(cls)) {
    throw new RangeError(`boot: unknown machineClass ${JSON.stringify(cls)} (known: ${Object.keys(MACHINE_CLASSES).join(', ')})`);
  }
  const nics = options.nics ?? [];
  for (const b of nics) {
    if (!is_pci_board(b)) throw new RangeError(`boot: unknown network board ${JSON.stringify(b)} (known: ${Object.keys(PCI_BOARDS).join(', ')})`);
  }
  const costs = cost_model_with(MACHINE_CLASSES[cls], options.costOverrides ?? {});
  const pci = options.pci ?? {};
  const spec: PciBusSpec = { width_bits: pci.width_bits ?? costs.pci_bus.width_bits, clock_mhz: pci.clock_mhz ?? costs.pci_bus.clock_mhz };
  if (spec.width_bits !== 32 && spec.width_bits !== 64) throw new RangeError(`boot: PCI width ${String(spec.width_bits)} is not 32 or 64 bits`);
  if (spec.clock_mhz !== 33 && spec.clock_mhz !== 66) throw new RangeError(`boot: PCI clock ${String(spec.clock_mhz)} is not 33 or 66 MHz`);
  const faults = options.board_faults ?? {};
  for (const [slot, f] of Object.entries(faults)) {
    if (!(Number(slot) >= 0 && Number(slot) < nics.length)) throw new RangeError(`boot: board_faults names slot ${slot}, but the machine has ${nics.length} board(s)`);
    if (!BOARD_FAULTS.includes(f)) throw new RangeError(`boot: unknown board fault ${JSON.stringify(f)} (known: ${BOARD_FAULTS.join(', ')})`);
  }
  const loader = options.loader ?? {};
  for (const [name, v] of Object.entries(loader)) {
    if (!Object.hasOwn(LOADER_TUNABLES, name)) throw new RangeError(`boot: unknown loader tunable ${JSON.stringify(name)} (known: ${Object.keys(LOADER_TUNABLES).join(', ')})`);
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`boot: loader tunable ${name}=${String(v)} is not a positive integer`);
  }
  const sim = options.sim ?? new Simulation();
  sim.slot(HOSTS, () => []).push(kernel);
  kernel.sim = sim;
  kernel.boot_ns = sim.now_ns;
  kernel.host_id = sim.host_attach();
  kernel.cpu = new Cpu(sim, costs);
  kernel.pci = new PciBus(sim, spec, costs.pci_dma_efficiency);
  kernel.machine = { nics: [...nics], hostname: options.hostname, bios_64bit_bug: pci.bios_64bit_bug === true, board_faults: { ...faults }, loader: { ...loader } };
}

// The kernels booted on each run, in boot order: the machines of the lab,
// for the scheduler (which runs all their processes) and the host table.
const HOSTS = new SimKey<Kernel[]>('kernels');

/** The kernels booted on `sim`, in boot order. */
export function sim_kernels(sim: Simulation): readonly Kernel[] {
  return sim.peek_slot(HOSTS) ?? [];
}

/** The Simulation `kernel` runs on. */
export function sim_of(kernel: Kernel): Simulation {
  return kernel.sim;
}

/** Virtual time at which `kernel` booted. */
export function sim_boot_ns(kernel: Kernel): number {
  return kernel.boot_ns;
}

/** The CPU of `kernel`. */
export function cpu_of(kernel: Kernel): Cpu {
  return kernel.cpu;
}

/** The cost model of `kernel`'s machine. */
export function machine_costs(kernel: Kernel): CostModel {
  return kernel.cpu.costs;
}

/** Accounts `cost_ns` of `category` work on `kernel`'s CPU; returns its completion time. */
export function cpu_charge(kernel: Kernel, category: CpuCategory, cost_ns: number): number {
  return kernel.cpu.submit(category, cost_ns);
}

/** Accounts the work and runs `fn` when the CPU has done it. */
export function cpu_run(kernel: Kernel, category: CpuCategory, cost_ns: number, fn: () => void): SimEvent {
  return kernel.cpu.run(category, cost_ns, fn);
}

/** Accounts the work; the promise resolves when the CPU has done it. */
export function cpu_wait(kernel: Kernel, category: CpuCategory, cost_ns: number): Promise<void> {
  return new Promise((resolve) => {
    kernel.cpu.run(category, cost_ns, resolve);
  });
}

/** CPU time done by now on `kernel`, by category. */
export function cpu_snapshot(kernel: Kernel): CpuSnapshot {
  return kernel.cpu.snapshot();
}

/** The PCI bus of `kernel`'s machine. */
export function pci_of(kernel: Kernel): PciBus {
  return kernel.pci;
}

/** TUNABLE_INT_FETCH: the loader's value for tunable `name`, or undefined when loader.conf does not set it. */
export function TUNABLE_INT_FETCH(kernel: Kernel, name: string): number | undefined {
  return kernel.machine.loader[name];
}

/** The defect of the board in `slot`, if it was given one. */
export function machine_board_fault(kernel: Kernel, slot: number): BoardFault | undefined {
  return kernel.machine.board_faults[slot];
}

/** True if `kernel`'s BIOS misprograms boards in 32-bit slots as 64-bit ones. */
export function machine_bios_64bit_bug(kernel: Kernel): boolean {
  return kernel.machine.bios_64bit_bug;
}

/** The boards in `kernel`'s PCI slots, in slot order. */
export function machine_nics(kernel: Kernel): readonly PciBoard[] {
  return kernel.machine.nics;
}

/** The host name boot was given, if any. */
export function machine_hostname(kernel: Kernel): string | undefined {
  return kernel.machine.hostname;
}

// rc.conf's hostname= runs long after boot in a real system; here it is the
// last thing boot does, so a booted kernel already has its name.
function set_hostname(kernel: Kernel): void {
  const name = kernel.machine.hostname;
  if (name !== undefined) kernel.sysctl('kern.hostname', name);
}

/** Sets kern.hostname from boot's `hostname` option. */
export const hostname_sysinit: SysInit = { name: 'hostname', subsystem: SI_SUB_CONFIGURE, order: SI_ORDER_ANY, func: set_hostname };
