// Device configuration: every network board in the machine is offered to
// the drivers the kernel was configured with; the matching driver attaches
// it as the next unit of its name.
// Mirrors, in miniature, newbus (sys/kern/subr_bus.c: devclass unit
// numbers, DRIVER_MODULE) and the PCI bus's probe of its slots.
//
// How to add a driver: export a `driver_t` from its file (dev/ti/if_ti.ts)
// and list it in `pci_drivers` below. It attaches only if the configuration
// has its `device` line and the machine has its board (boot's `nics`).
// A board nobody claims is reported as 5.0's pci(4) does:
//   pci0: <network, ethernet> at device 10.0 (no driver attached)

import { em_driver } from '../dev/em/if_em.ts';
import { ti_driver } from '../dev/ti/if_ti.ts';
import { machine_nics, type PciBoard } from './kern_machine.ts';
import { SI_ORDER_FIRST, SI_SUB_CONFIGURE, type SysInit } from '../sys/kernel.ts';
import type { Kernel } from './init_main.ts';

/** A PCI driver: what newbus's driver_t and device_attach give it, reduced. */
export interface driver_t {
  readonly name: string; // driver and interface name, e.g. "em"
  /** The board models it probes successfully (its PCI ID table); default: the board named like the driver. */
  readonly boards?: readonly PciBoard[];
  /** Attaches the board in `slot` as unit `unit`. Prints its probe lines. */
  readonly attach: (kernel: Kernel, unit: number, slot: number, board: PciBoard) => void;
}

/** Every PCI driver the simulator has. */
export const pci_drivers: readonly driver_t[] = [em_driver, ti_driver];

import { PCI_FIRST_NIC_SLOT } from '../hardware/pci.ts';

export { PCI_FIRST_NIC_SLOT };

function configure(kernel: Kernel): void {
  const units = new Map<string, number>();
  machine_nics(kernel).forEach((board, i) => {
    const slot = PCI_FIRST_NIC_SLOT + i;
    const drv = pci_drivers.find((d) => (d.boards ?? [d.name]).includes(board));
    if (drv === undefined || !kernel.hasDevice(drv.name)) {
      kernel.printf(`pci0: <network, ethernet> at device ${slot}.0 (no driver attached)`);
      return;
    }
    const unit = units.get(drv.name) ?? 0;
    units.set(drv.name, unit + 1);
    drv.attach(kernel, unit, slot, board);
  });
}

/** configure(): attaches the machine's network boards. */
export const configure_sysinit: SysInit = { name: 'configure', subsystem: SI_SUB_CONFIGURE, order: SI_ORDER_FIRST, func: configure };
