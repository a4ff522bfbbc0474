// The devices config(8) accepts on i386, with what each one needs.
// Mirrors the `device` entries of sys/conf/files, sys/conf/files.i386 and NOTES
// as of mid-2002; the descriptions are ours. A device may require others (a PCI NIC needs the PCI bus);
// config.ts checks that after reading the whole file.

export interface DeviceSpec {
  readonly description: string; // NOTES-style one-liner
  readonly requires?: readonly string[]; // other devices that must be configured
}

export const DEVICES: Readonly<Record<string, DeviceSpec>> = {
  // Buses and core.
  isa: { description: 'ISA bus' },
  pci: { description: 'PCI bus' },
  npx: { description: 'the floating point unit (required)', requires: ['isa'] },
  apic: { description: 'the I/O APIC, for SMP' },
  // Storage and consoles.
  ata: { description: 'IDE (ATA/ATAPI) controllers' },
  atadisk: { description: 'IDE disks', requires: ['ata'] },
  atapicd: { description: 'IDE CD-ROM drives', requires: ['ata'] },
  scbus: { description: 'the SCSI layer; the other SCSI devices need it' },
  da: { description: 'SCSI disks', requires: ['scbus'] },
  cd: { description: 'SCSI CD-ROM drives', requires: ['scbus'] },
  ahc: { description: 'Adaptec 2940 cards and on-board AIC7xxx chips', requires: ['pci'] },
  atkbdc: { description: 'the keyboard controller', requires: ['isa'] },
  atkbd: { description: 'the keyboard', requires: ['atkbdc'] },
  psm: { description: 'the PS/2 mouse', requires: ['atkbdc'] },
  vga: { description: 'VGA display' },
  sc: { description: 'the syscons console' },
  sio: { description: '8250, 16450 and 16550 UARTs' },
  // Network interfaces.
  miibus: { description: 'PHY access for miibus cards' },
  fxp: { description: 'Intel 82557/82558 EtherExpress PRO/100', requires: ['pci', 'miibus'] },
  em: { description: 'Intel PRO/1000', requires: ['pci'] },
  ti: { description: 'Alteon Tigon I and Tigon II boards', requires: ['pci'] },
  xl: { description: '3Com 3c90x family', requires: ['pci', 'miibus'] },
  dc: { description: 'DEC/Intel 21143 and its clones', requires: ['pci', 'miibus'] },
  // Pseudo devices.
  loop: { description: 'the loopback interface' },
  ether: { description: 'code shared by Ethernet drivers' },
  sl: { description: 'SLIP' },
  ppp: { description: 'PPP in the kernel' },
  tun: { description: 'tunnel interfaces for user programs' },
  pty: { description: 'pseudo terminals (telnet, xterm)' },
  md: { description: 'memory disks' },
  gif: { description: 'IP-in-IP tunnels, v4 and v6' },
  faith: { description: 'relays between IPv6 and IPv4' },
  bpf: { description: 'packet capture' },
  random: { description: '/dev/random' },
};

/** The device spec for `name`, or undefined if config(8) would not know it. */
export function device_spec(name: string): DeviceSpec | undefined {
  return Object.hasOwn(DEVICES, name) ? DEVICES[name] : undefined;
}
