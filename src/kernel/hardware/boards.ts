// The network boards the simulator can put in a PCI slot, and the defects a
// board can be given. No FreeBSD counterpart (it is the hardware catalogue).
//
//   boot(GENERIC, { nics: ['ti', 'em'] })                                    // ti0 and em0
//   boot(GENERIC, { nics: ['ti'], board_faults: { 0: 'rom_selftest' } })     // a board that fails its self-test

/** Every board model, with what pciconf would say of it. */
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

/** True if `name` is a board model. */
export function is_pci_board(name: string): name is PciBoard {
  return Object.hasOwn(PCI_BOARDS, name);
}

/**
 * A defect a board can be given, to see what its driver does about it:
 *   'rom_selftest': the board's ROM self-test fails at power on (TI_CPUSTATE_ROMFAIL);
 *   'chip_rev5':    a Tigon 2 prototype, chip revision 5, which no firmware supports.
 */
export type BoardFault = 'rom_selftest' | 'chip_rev5';

/** Every defect, for validation and messages. */
export const BOARD_FAULTS: readonly BoardFault[] = ['rom_selftest', 'chip_rev5'];
