// ifconfig(8): show an interface, set its MTU, bring it up or down.
// Mirrors sbin/ifconfig/ifconfig.c (FreeBSD 5.0): MTU, up/down, media,
// the checksum offload capabilities (rxcsum, -rxcsum, txcsum, -txcsum:
// SIOCSIFCAP, printed as options=) and one IPv4 address per interface
// (af_inet's in_status/in_getaddr).
//
//   ifconfig(kernel, ['em0', 'inet', '10.0.0.1/24', 'mtu', '9000', 'up']);   // [] on success
//   ifconfig(kernel, ['ti0', '-rxcsum', '-txcsum']);   // checksums in software from now on
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
  IFCAP_RXCSUM,
  IFCAP_TXCSUM,
  IFCAPBITS,
  IFF_UP,
  IFFBITS,
  ifioctl,
  ifnet_list,
  ifreq_for,
  ifunit,
  SIOCGIFCAP,
  SIOCGIFFLAGS,
  SIOCSIFCAP,
  SIOCSIFFLAGS,
  SIOCSIFMTU,
} from '../../net/if.ts';
import type { ifnet } from '../../net/if_var.ts';
import {
  IFM_ACTIVE,
  IFM_AVALID,
  IFM_ETHER,
  IFM_FDX,
  IFM_HDX,
  IFM_TMASK,
  SIOCGIFMEDIA,
  SIOCSIFMEDIA,
  ifmedia_print,
  ifmedia_subtype_by_name,
  type ifmediareq,
} from '../../net/if_media.ts';
import { inet_addr } from '../../netinet/in.ts';
import { in_ifaddr_add, in_ifaddr_of, in_ifaddr_status } from '../../netinet/in_var.ts';

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
    else if (word === 'inet') setinet(kernel, ifp, args[++i]);
    else if (word === 'media' || word === 'mediaopt') setmedia(kernel, name, word, args[++i]);
    else if (Object.hasOwn(CAP_WORDS, word)) setifcap(kernel, name, CAP_WORDS[word] as number);
    else return syscall_fail(EINVAL, 'ifconfig', [name, word]);
  }
  return [];
}

// The capability words and the bit each sets (negative: clears), as ifconfig.c's cmds[] has them.
const CAP_WORDS: Readonly<Record<string, number>> = {
  rxcsum: IFCAP_RXCSUM,
  '-rxcsum': -IFCAP_RXCSUM,
  txcsum: IFCAP_TXCSUM,
  '-txcsum': -IFCAP_TXCSUM,
};

// setifcap: asks for the enabled set with one bit changed; the driver decides what that means.
function setifcap(kernel: Kernel, name: string, value: number): void {
  const ifr = ifreq_for(name);
  const error0 = ifioctl(kernel, SIOCGIFCAP, ifr);
  if (error0 !== 0) syscall_fail(error0, 'ioctl', [name, 'SIOCGIFCAP']);
  const flags = value < 0 ? ifr.ifr_curcap & ~-value : ifr.ifr_curcap | value;
  ifr.ifr_reqcap = flags;
  const error = ifioctl(kernel, SIOCSIFCAP, ifr);
  if (error !== 0) syscall_fail(error, 'ioctl', [name, 'SIOCSIFCAP', `0x${flags.toString(16)}`]);
}

function setflags(kernel: Kernel, name: string, up: boolean): void {
  const ifr = ifreq_for(name);
  ifioctl(kernel, SIOCGIFFLAGS, ifr);
  ifr.ifr_flags = up ? ifr.ifr_flags | IFF_UP : ifr.ifr_flags & ~IFF_UP;
  const error = ifioctl(kernel, SIOCSIFFLAGS, ifr);
  if (error !== 0) syscall_fail(error, 'ioctl', [name, 'SIOCSIFFLAGS', ifr.ifr_flags]);
}

// `inet ADDR[/LEN]`; without /LEN the mask of the address's class (A /8, B /16, C /24), as 2002's in_control did.
function setinet(kernel: Kernel, ifp: ifnet, value: string | undefined): void {
  const m = value === undefined ? null : /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?$/.exec(value);
  let addr = NaN;
  try {
    if (m?.[1] !== undefined) addr = inet_addr(m[1]);
  } catch {
    // falls through to EINVAL
  }
  const len = m?.[2] !== undefined ? Number(m[2]) : addr < 0x80000000 ? 8 : addr < 0xc0000000 ? 16 : 24;
  if (Number.isNaN(addr) || len > 32) syscall_fail(EINVAL, 'ioctl', [ifp.if_xname, 'SIOCAIFADDR', value]);
  in_ifaddr_add(kernel, ifp, addr, len);
}

function getmedia(kernel: Kernel, name: string): ifmediareq | null {
  const ifr = ifreq_for(name);
  const ifmr: ifmediareq = { ifm_current: 0, ifm_mask: 0, ifm_status: 0, ifm_active: 0, ifm_ulist: [] };
  ifr.ifr_ifmr = ifmr;
  return ifioctl(kernel, SIOCGIFMEDIA, ifr) === 0 ? ifmr : null;
}

// `media TYPE` replaces the subtype (and drops the options, as ifconfig's
// setmedia does); `mediaopt full-duplex|half-duplex` adds an option.
function setmedia(kernel: Kernel, name: string, word: string, value: string | undefined): void {
  const cur = getmedia(kernel, name);
  if (cur === null) return syscall_fail(EINVAL, 'ioctl', [name, 'SIOCGIFMEDIA']);
  let media: number;
  if (word === 'media') {
    const sub = value === undefined ? undefined : ifmedia_subtype_by_name(value);
    if (sub === undefined) return syscall_fail(EINVAL, 'ifconfig', [name, 'media', value]);
    media = (cur.ifm_current & ~(IFM_TMASK | IFM_FDX | IFM_HDX)) | IFM_ETHER | sub;
  } else {
    const opt = value === 'full-duplex' ? IFM_FDX : value === 'half-duplex' ? IFM_HDX : 0;
    if (opt === 0) return syscall_fail(EINVAL, 'ifconfig', [name, 'mediaopt', value]);
    media = cur.ifm_current | opt;
  }
  const ifr = ifreq_for(name);
  ifr.ifr_media = media;
  const error = ifioctl(kernel, SIOCSIFMEDIA, ifr);
  if (error !== 0) syscall_fail(error, 'ioctl', [name, 'SIOCSIFMEDIA', `0x${media.toString(16)}`]);
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
function printb(label: string, v: number, bits: readonly string[]): string {
  const names = bits.filter((_, bit) => (v & (1 << bit)) !== 0);
  return `${label}=${v.toString(16)}<${names.join(',')}>`;
}

function status(ifp: ifnet): string[] {
  const lines = [`${ifp.if_xname}: ${printb('flags', ifp.if_flags & 0xffff, IFFBITS)} mtu ${ifp.if_mtu}`];
  // The enabled capabilities, when the driver has any (status() prints ifr_curcap).
  const cap = ifreq_for(ifp.if_xname);
  if (ifioctl(ifp.if_kernel, SIOCGIFCAP, cap) === 0 && cap.ifr_curcap !== 0) lines.push(`\t${printb('options', cap.ifr_curcap, IFCAPBITS)}`);
  const ia = in_ifaddr_of(ifp.if_kernel, ifp);
  if (ia !== undefined) lines.push(in_ifaddr_status(ia));
  if (ifp.if_addrlen > 0) lines.push(`\tether ${ether_sprintf(ifp.ac_enaddr)}`);
  const ifmr = getmedia(ifp.if_kernel, ifp.if_xname);
  if (ifmr !== null) {
    // The driver knows its media: 5.0's media_status().
    const active = ifmr.ifm_active !== ifmr.ifm_current && (ifmr.ifm_status & IFM_ACTIVE) !== 0 ? ` (${ifmedia_print(ifmr.ifm_active)})` : '';
    lines.push(`\tmedia: Ethernet ${ifmedia_print(ifmr.ifm_current)}${active}`);
    if ((ifmr.ifm_status & IFM_AVALID) !== 0) lines.push(`\tstatus: ${(ifmr.ifm_status & IFM_ACTIVE) !== 0 ? 'active' : 'no carrier'}`);
  } else if (ifp.if_port !== null) {
    const linked = ifp.if_port.port_wire !== null;
    lines.push(linked ? '\tmedia: Ethernet autoselect (1000baseTX <full-duplex>)' : '\tmedia: Ethernet autoselect');
    lines.push(`\tstatus: ${linked ? 'active' : 'no carrier'}`);
  }
  return lines;
}
