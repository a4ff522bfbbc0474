// ifconfig(8): show an interface, set its MTU, bring it up or down.
// Mirrors sbin/ifconfig/ifconfig.c (FreeBSD 5.0), the parts without
// addresses: those come with the IP layer.
//
//   ifconfig(kernel, ['em0', 'mtu', '9000', 'up']);   // [] on success
//   ifconfig(kernel, ['em0']);                       // the status lines
//   ifconfig(kernel, ['-a']);                        // every interface
// Each setting is one ioctl, done in order; the first that fails throws a
// SyscallError naming the ioctl (settings before it stay done, as with the
// real tool). An unknown interface is ENXIO; a bad MTU, EINVAL.

import type { Kernel } from '../../kern/init_main.ts';
import { EINVAL, ENXIO } from '../../sys/errno.ts';
import { syscall_fail } from '../../sys/syscall_error.ts';
import { ether_sprintf } from '../../net/ethernet.ts';
import {
  IFF_UP,
  IFFBITS,
  ifioctl,
  ifnet_list,
  ifreq_for,
  ifunit,
  SIOCGIFFLAGS,
  SIOCSIFFLAGS,
  SIOCSIFMTU,
} from '../../net/if.ts';
import type { ifnet } from '../../net/if_var.ts';

/** Runs ifconfig with `args` (argv without the program name); returns what it prints. */
export function ifconfig(kernel: Kernel, args: readonly string[]): string[] {
  if (args.length === 0 || args[0] === '-a') return ifnet_list(kernel).flatMap(status);
  const name = args[0] as string;
  const ifp = ifunit(kernel, name);
  if (ifp === null) return syscall_fail(ENXIO, 'ioctl', [name, 'SIOCGIFFLAGS']);
  if (args.length === 1) return status(ifp);
  for (let i = 1; i < args.length; i++) {
    const word = args[i] as string;
    if (word === 'up' || word === 'down') setflags(kernel, name, word === 'up');
    else if (word === 'mtu') setmtu(kernel, name, args[++i]);
    else return syscall_fail(EINVAL, 'ifconfig', [name, word]);
  }
  return [];
}

function setflags(kernel: Kernel, name: string, up: boolean): void {
  const ifr = ifreq_for(name);
  ifioctl(kernel, SIOCGIFFLAGS, ifr);
  ifr.ifr_flags = up ? ifr.ifr_flags | IFF_UP : ifr.ifr_flags & ~IFF_UP;
  const error = ifioctl(kernel, SIOCSIFFLAGS, ifr);
  if (error !== 0) syscall_fail(error, 'ioctl', [name, 'SIOCSIFFLAGS', ifr.ifr_flags]);
}

function setmtu(kernel: Kernel, name: string, value: string | undefined): void {
  const mtu = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(mtu)) syscall_fail(EINVAL, 'ioctl', [name, 'SIOCSIFMTU', value]);
  const ifr = ifreq_for(name);
  ifr.ifr_mtu = mtu;
  const error = ifioctl(kernel, SIOCSIFMTU, ifr);
  if (error !== 0) syscall_fail(error, 'ioctl', [name, 'SIOCSIFMTU', mtu]);
}

// printb(): "flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST>".
function printb(flags: number): string {
  const names = IFFBITS.filter((_, bit) => (flags & (1 << bit)) !== 0);
  return `flags=${(flags & 0xffff).toString(16)}<${names.join(',')}>`;
}

function status(ifp: ifnet): string[] {
  const lines = [`${ifp.if_xname}: ${printb(ifp.if_flags)} mtu ${ifp.if_mtu}`];
  if (ifp.if_addrlen > 0) lines.push(`\tether ${ether_sprintf(ifp.ac_enaddr)}`);
  if (ifp.if_port !== null) {
    const linked = ifp.if_port.port_wire !== null;
    lines.push(linked ? '\tmedia: Ethernet autoselect (1000baseTX <full-duplex>)' : '\tmedia: Ethernet autoselect');
    lines.push(`\tstatus: ${linked ? 'active' : 'no carrier'}`);
  }
  return lines;
}
