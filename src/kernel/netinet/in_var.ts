// Interface addresses for IPv4.
// Mirrors sys/netinet/in_var.h (struct in_ifaddr) and the address part of
// sys/netinet/in.c (in_control's SIOCAIFADDR, in_localaddr).
//
// How to use:
//   in_ifaddr_add(kernel, ifp, inet_addr('10.0.0.1'), 24);   // ifconfig em0 inet 10.0.0.1/24
//   in_ifaddr_for_dst(kernel, dst)      // the interface address whose subnet holds dst
//   in_ifaddr_is_local(kernel, addr)    // one of ours?
// Routing is this and nothing more: a destination is reachable through the
// interface whose subnet contains it (a connected route). No gateways.

import type { Kernel } from '../kern/init_main.ts';
import type { ifnet } from '../net/if_var.ts';
import { inet_ntoa } from './in.ts';

/** struct in_ifaddr: one IPv4 address on an interface. */
export interface in_ifaddr {
  readonly ia_ifp: ifnet; // the interface
  readonly ia_addr: number; // the address, host order
  readonly ia_netmask: number; // the subnet mask, host order
  readonly ia_subnet: number; // ia_addr & ia_netmask
  readonly ia_broadaddr: number; // subnet broadcast address
}


/** in_ifaddrhead: every IPv4 address of `kernel`, in the order they were added. */
export function in_ifaddrhead(kernel: Kernel): readonly in_ifaddr[] {
  return kernel.in_ifaddrs ?? [];
}

/** Prefix length to mask: 24 -> 0xffffff00. */
export function in_prefixmask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Sets the (single) IPv4 address of `ifp`, replacing any earlier one, as SIOCAIFADDR on a fresh interface. */
export function in_ifaddr_add(kernel: Kernel, ifp: ifnet, addr: number, prefixlen: number): in_ifaddr {
  if (!Number.isInteger(prefixlen) || prefixlen < 0 || prefixlen > 32) throw new RangeError(`in_ifaddr_add: bad prefix length ${prefixlen}`);
  let list = kernel.in_ifaddrs;
  if (list === undefined) kernel.in_ifaddrs = list = [];
  const mask = in_prefixmask(prefixlen);
  const ia: in_ifaddr = { ia_ifp: ifp, ia_addr: addr >>> 0, ia_netmask: mask, ia_subnet: (addr & mask) >>> 0, ia_broadaddr: ((addr & mask) | ~mask) >>> 0 };
  const i = list.findIndex((x) => x.ia_ifp === ifp);
  if (i >= 0) list[i] = ia;
  else list.push(ia);
  return ia;
}

/** The address of `ifp`, if it has one. */
export function in_ifaddr_of(kernel: Kernel, ifp: ifnet): in_ifaddr | undefined {
  return in_ifaddrhead(kernel).find((ia) => ia.ia_ifp === ifp);
}

/** The interface address whose subnet contains `dst` (the connected route), if any. */
export function in_ifaddr_for_dst(kernel: Kernel, dst: number): in_ifaddr | undefined {
  return in_ifaddrhead(kernel).find((ia) => ((dst & ia.ia_netmask) >>> 0) === ia.ia_subnet);
}

/** True if `addr` is one of `kernel`'s own addresses. */
export function in_ifaddr_is_local(kernel: Kernel, addr: number): boolean {
  return in_ifaddrhead(kernel).some((ia) => ia.ia_addr === addr);
}

/** in_localaddr: true if `addr` is on a directly connected subnet (TCP then starts with a larger window). */
export function in_localaddr(kernel: Kernel, addr: number): boolean {
  return in_ifaddr_for_dst(kernel, addr) !== undefined;
}

/** "inet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255", ifconfig's line. */
export function in_ifaddr_status(ia: in_ifaddr): string {
  return `\tinet ${inet_ntoa(ia.ia_addr)} netmask 0x${ia.ia_netmask.toString(16).padStart(8, '0')} broadcast ${inet_ntoa(ia.ia_broadaddr)}`;
}
