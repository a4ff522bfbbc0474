// The devices config(8) accepts on i386, with what each one needs.
// Mirrors the `device` entries of sys/conf/files, sys/conf/files.i386 and NOTES
// as of mid-2002. A device may require others (a PCI NIC needs the PCI bus);
// config.ts checks that after reading the whole file.

export interface DeviceSpec {
  readonly description: string; // NOTES-style one-liner
  readonly requires?: readonly string[]; // other devices that must be configured
}

export const DEVICES: Readonly<Record<string, DeviceSpec>> = {
  // Buses and core.
  isa: { description: 'ISA bus' },
  pci: { description: 'PCI bus' },
  npx: { description: 'Floating point support (required)', requires: ['isa'] },
  apic: { description: 'I/O APIC (SMP)' },
  // Storage and consoles.
  ata: { description: 'ATA/ATAPI controllers' },
  atadisk: { description: 'ATA disk drives', requires: ['ata'] },
  atapicd: { description: 'ATAPI CDROM drives', requires: ['ata'] },
  scbus: { description: 'SCSI bus (required for SCSI)' },
  da: { description: 'Direct Access (disks)', requires: ['scbus'] },
  cd: { description: 'CD', requires: ['scbus'] },
  ahc: { description: 'AHA2940 and onboard AIC7xxx devices', requires: ['pci'] },
  atkbdc: { description: 'AT keyboard controller', requires: ['isa'] },
  atkbd: { description: 'AT keyboard', requires: ['atkbdc'] },
  psm: { description: 'PS/2 mouse', requires: ['atkbdc'] },
  vga: { description: 'VGA video card driver' },
  sc: { description: 'syscons, the default console driver' },
  sio: { description: '8250, 16[45]50 based serial ports' },
  // Network interfaces.
  miibus: { description: 'MII bus support' },
  fxp: { description: 'Intel EtherExpress PRO/100B (82557, 82558)', requires: ['pci', 'miibus'] },
  em: { description: 'Intel PRO/1000 adapter Gigabit Ethernet Card', requires: ['pci'] },
  ti: { description: 'Alteon Networks Tigon I/II gigabit Ethernet', requires: ['pci'] },
  xl: { description: '3Com 3c90x (``Boomerang\'\', ``Cyclone\'\')', requires: ['pci', 'miibus'] },
  dc: { description: 'DEC/Intel 21143 and various workalikes', requires: ['pci', 'miibus'] },
  // Pseudo devices.
  loop: { description: 'Network loopback' },
  ether: { description: 'Ethernet support' },
  sl: { description: 'Kernel SLIP' },
  ppp: { description: 'Kernel PPP' },
  tun: { description: 'Packet tunnel.' },
  pty: { description: 'Pseudo-ttys (telnet etc)' },
  md: { description: 'Memory "disks"' },
  gif: { description: 'IPv6 and IPv4 tunneling' },
  faith: { description: 'IPv6-to-IPv4 relaying (translation)' },
  bpf: { description: 'Berkeley packet filter' },
  random: { description: 'Entropy device' },
};

/** The device spec for `name`, or undefined if config(8) would not know it. */
export function device_spec(name: string): DeviceSpec | undefined {
  return Object.hasOwn(DEVICES, name) ? DEVICES[name] : undefined;
}
