// Two machines on one wire, addressed and up: the smallest network.
// No FreeBSD counterpart (it is the lab bench: two PCs and a cable).
//
//   const { sim, a, b, wire } = machine_pair({ mtu: 9000, link: { loss: 0.01, seed: 7 } });
//   // a is 10.0.0.1 ("a"), b is 10.0.0.2 ("b"), both on 10.0.0.0/24
//
// Each machine boots its own configuration (GENERIC unless told), with one
// network board of the given model in its first slot; the wire joins their
// first interfaces and ifconfig sets the addresses and the MTU. A
// configuration config(8) rejects throws its ConfigError, naming the file.

import { boot, type Kernel } from '../kern/init_main.ts';
import { GENERIC } from '../i386/conf/GENERIC.ts';
import { ifunit } from '../net/if.ts';
import { wire_connect } from '../net/if_wire.ts';
import { ifconfig } from '../sbin/ifconfig/ifconfig.ts';
import { Simulation } from '../engine/simulation.ts';
import type { CostOverrides, MachineClassName } from '../engine/cost_model.ts';
import type { PciBoard, PciOptions } from '../kern/kern_machine.ts';
import type { Wire, WireOptions } from '../hardware/wire.ts';

/** Options of machine_pair. */
export interface MachinePairOptions {
  readonly configA?: string; // kernel configuration of a (default GENERIC)
  readonly configB?: string; // ... of b
  readonly fileA?: string; // file name of configA, for ConfigError messages
  readonly fileB?: string; // ... of configB
  readonly machineClass?: MachineClassName; // both machines' CPU (default DEFAULT_MACHINE_CLASS)
  readonly nic?: PciBoard; // the board in each machine (default 'em')
  readonly mtu?: number; // both interfaces' MTU (default: the driver's, 1500)
  readonly link?: WireOptions; // the wire: rate, delay (default 1000 ns), loss, corruption, seed
  readonly pci?: PciOptions; // both machines' PCI slots (default: the machine class's bus)
  readonly loader?: Readonly<Record<string, number>>; // both machines' loader tunables (sim/hardware.ts LOADER_TUNABLES)
  readonly costOverrides?: CostOverrides; // both machines' cost parameters that differ from the class's
}

/** What machine_pair built. */
export interface MachinePair {
  readonly sim: Simulation; // their shared clock
  readonly a: Kernel; // 10.0.0.1, hostname "a"
  readonly b: Kernel; // 10.0.0.2, hostname "b"
  readonly wire: Wire; // a's end is wire.a
  readonly ifname: string; // the interface on each, e.g. "em0"
}

/** The addresses machine_pair gives a and b. */
export const PAIR_ADDR_A = '10.0.0.1';
export const PAIR_ADDR_B = '10.0.0.2';

/**
 * Boots a and b on a new Simulation and wires them. Throws ConfigError for
 * a bad configuration, Error if a configuration lacks the board's driver,
 * SyscallError if ifconfig refuses the MTU.
 */
export function machine_pair(o: MachinePairOptions = {}): MachinePair {
  const sim = new Simulation();
  const nic = o.nic ?? 'em';
  const mc = {
    ...(o.machineClass === undefined ? {} : { machineClass: o.machineClass }),
    ...(o.pci === undefined ? {} : { pci: o.pci }),
    ...(o.loader === undefined ? {} : { loader: o.loader }),
    ...(o.costOverrides === undefined ? {} : { costOverrides: o.costOverrides }),
  };
  const a = boot(o.configA ?? GENERIC, { sim, hostname: 'a', nics: [nic], ...mc, ...(o.fileA === undefined ? {} : { file: o.fileA }) });
  const b = boot(o.configB ?? GENERIC, { sim, hostname: 'b', nics: [nic], ...mc, ...(o.fileB === undefined ? {} : { file: o.fileB }) });
  const ifname = `${nic.split('-')[0] ?? nic}0`;
  const ia = ifunit(a, ifname);
  const ib = ifunit(b, ifname);
  if (ia === null || ib === null) {
    throw new Error(`machine_pair: ${ia === null ? 'a' : 'b'} has no ${ifname} (its configuration needs "device ${ifname.slice(0, -1)}")`);
  }
  const wire = wire_connect(ia, ib, { delay_ns: 1000, ...o.link });
  const mtu = o.mtu === undefined ? [] : ['mtu', String(o.mtu)];
  ifconfig(a, [ifname, 'inet', `${PAIR_ADDR_A}/24`, ...mtu, 'up']);
  ifconfig(b, [ifname, 'inet', `${PAIR_ADDR_B}/24`, ...mtu, 'up']);
  return { sim, a, b, wire, ifname };
}
