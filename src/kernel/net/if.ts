// The interface list and the generic interface operations: attach, look up
// by name, up/down, and the SIOC[GS]IF* ioctls ifconfig(8) uses.
// Mirrors sys/net/if.c and the constants of sys/net/if.h (FreeBSD 5.0).
//
// How to use:
//   const ifp = ifunit(kernel, 'em0');                 // null if none
//   const ifr = ifreq_for('em0'); ifr.ifr_mtu = 9000;
//   const error = ifioctl(kernel, SIOCSIFMTU, ifr);    // 0 or an errno
//   ifnet_list(kernel)                                  // in if_index order
// ifioctl validates first and lets the driver refuse (EINVAL for an MTU it
// cannot do); a refused call changes nothing. Drivers register with
// if_attach (ether_ifattach calls it) and never go away: the simulated
// hardware cannot be unplugged.

import type { Kernel } from '../kern/init_main.ts';
import { getmicrotime } from '../kern/kern_tc.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import { EINVAL, ENXIO, EOPNOTSUPP } from '../sys/errno.ts';
import { _IOW, _IOWR } from '../sys/ioccom.ts';
import { M_MCAST, type mbuf } from '../sys/mbuf.ts';
import { SIOCGIFMEDIA, SIOCSIFMEDIA } from './if_media.ts';
import { IF_DRAIN, IF_DROP, IF_ENQUEUE, IF_QFULL, type ifnet, type ifqueue, type ifreq } from './if_var.ts';

// if_flags (net/if.h).
export const IFF_UP = 0x1; // administratively up (ifconfig up)
export const IFF_BROADCAST = 0x2; // has a broadcast address
export const IFF_DEBUG = 0x4; // driver debugging requested
export const IFF_LOOPBACK = 0x8; // the loopback interface
export const IFF_POINTOPOINT = 0x10; // a link with exactly one peer
export const IFF_SMART = 0x20; // keeps its own routes
export const IFF_RUNNING = 0x40; // the driver has its resources and is running
export const IFF_NOARP = 0x80; // does not use ARP
export const IFF_PROMISC = 0x100; // promiscuous: takes every frame on the wire
export const IFF_ALLMULTI = 0x200; // takes every multicast frame
export const IFF_OACTIVE = 0x400; // send ring full: if_start waits until the driver clears it
export const IFF_SIMPLEX = 0x800; // does not receive its own frames
export const IFF_LINK0 = 0x1000; // meaning left to the link layer
export const IFF_LINK1 = 0x2000; // meaning left to the link layer
export const IFF_LINK2 = 0x4000; // meaning left to the link layer
export const IFF_MULTICAST = 0x8000; // can do multicast

/** Flags the user cannot change with SIOCSIFFLAGS. */
export const IFF_CANTCHANGE =
  IFF_BROADCAST | IFF_POINTOPOINT | IFF_RUNNING | IFF_OACTIVE | IFF_SIMPLEX | IFF_MULTICAST | IFF_ALLMULTI | IFF_SMART;

/** The names ifconfig(8) prints for the flag bits (its IFFBITS), low bit first. */
export const IFFBITS: readonly string[] = [
  'UP', 'BROADCAST', 'DEBUG', 'LOOPBACK', 'POINTOPOINT', 'SMART', 'RUNNING', 'NOARP',
  'PROMISC', 'ALLMULTI', 'OACTIVE', 'SIMPLEX', 'LINK0', 'LINK1', 'LINK2', 'MULTICAST',
];

// Interface capabilities (if_capabilities, if_capenable): what the board can
// do and what is turned on. 5.0's net/if.h values; ifconfig prints the
// enabled ones as options=, with IFCAPBITS.
export const IFCAP_RXCSUM = 0x0001; // the board checks IP, TCP and UDP checksums of received frames
export const IFCAP_TXCSUM = 0x0002; // the board computes them for frames it sends
export const IFCAP_NETCONS = 0x0004; // can be a network console
export const IFCAP_VLAN_MTU = 0x0008; // VLAN-sized frames without lowering the MTU
export const IFCAP_VLAN_HWTAGGING = 0x0010; // the board inserts and strips 802.1Q tags
export const IFCAP_JUMBO_MTU = 0x0020; // frames longer than ETHERMTU
/** Both checksum directions: what ifconfig's rxcsum/txcsum toggle together on ti(4). */
export const IFCAP_HWCSUM = IFCAP_RXCSUM | IFCAP_TXCSUM;
/** The names ifconfig(8) prints for the capability bits (its IFCAPBITS), low bit first. */
export const IFCAPBITS: readonly string[] = ['RXCSUM', 'TXCSUM', 'NETCONS', 'VLAN_MTU', 'VLAN_HWTAGGING', 'JUMBO_MTU'];

/** Smallest and largest MTU ifioctl accepts before asking the driver (net/if.c). */
export const IF_MINMTU = 72;
export const IF_MAXMTU = 65535;

/** IFNAMSIZ: interface names are at most 15 characters plus the NUL. */
export const IFNAMSIZ = 16;

/** IFT_ETHER: the interface type of Ethernet (net/if_types.h). */
export const IFT_ETHER = 0x6;

/** sizeof(struct ifreq) on i386: the name plus a 16-byte union. */
export const SIZEOF_IFREQ = 32;

export const SIOCSIFFLAGS = _IOW('i', 16, SIZEOF_IFREQ); // write if_flags
export const SIOCGIFFLAGS = _IOWR('i', 17, SIZEOF_IFREQ); // read if_flags
export const SIOCGIFMETRIC = _IOWR('i', 23, SIZEOF_IFREQ); // read the routing metric
export const SIOCSIFMETRIC = _IOW('i', 24, SIZEOF_IFREQ); // write the routing metric
export const SIOCGIFMTU = _IOWR('i', 51, SIZEOF_IFREQ); // read the MTU
export const SIOCSIFMTU = _IOW('i', 52, SIZEOF_IFREQ); // change the MTU
export const SIOCSIFCAP = _IOW('i', 30, SIZEOF_IFREQ); // set IF features (ifr_reqcap)
export const SIOCGIFCAP = _IOWR('i', 31, SIZEOF_IFREQ); // get IF features (ifr_reqcap: supported, ifr_curcap: enabled)


function ifnet_head(kernel: Kernel): ifnet[] {
  let list = kernel.ifnets;
  if (list === undefined) {
    list = [];
    kernel.ifnets = list;
  }
  return list;
}

/** if_attach: puts `ifp` on its kernel's interface list and gives it an index. Throws if the name is taken. */
export function if_attach(ifp: ifnet): void {
  const list = ifnet_head(ifp.if_kernel);
  if (list.some((i) => i.if_xname === ifp.if_xname)) throw new Error(`if_attach: ${ifp.if_xname} already attached`);
  list.push(ifp);
  ifp.if_index = list.length;
  ifp.if_lastchange = getmicrotime(ifp.if_kernel);
}

/** ifunit: the interface called `name`, or null. */
export function ifunit(kernel: Kernel, name: string): ifnet | null {
  return ifnet_head(kernel).find((i) => i.if_xname === name) ?? null;
}

/** Every attached interface of `kernel`, in if_index order. */
export function ifnet_list(kernel: Kernel): readonly ifnet[] {
  return ifnet_head(kernel);
}

/** A zeroed ifreq for interface `name`. */
export function ifreq_for(name: string): ifreq {
  return { ifr_name: name, ifr_flags: 0, ifr_mtu: 0, ifr_metric: 0, ifr_media: 0, ifr_ifmr: null, ifr_reqcap: 0, ifr_curcap: 0 };
}

/** if_up: marks the interface up (the driver was told by its ioctl). */
export function if_up(ifp: ifnet): void {
  ifp.if_flags |= IFF_UP;
  ifp.if_lastchange = getmicrotime(ifp.if_kernel);
}

/** if_down: marks the interface down and throws away what waits to be sent. */
export function if_down(ifp: ifnet): void {
  ifp.if_flags &= ~IFF_UP;
  IF_DRAIN(ifp.if_snd);
  ifp.if_lastchange = getmicrotime(ifp.if_kernel);
}

/**
 * ifioctl: the interface requests of ioctl(2) on a socket. Returns 0 or an
 * errno: ENXIO (no such interface, or a medium the driver does not
 * list), EINVAL (MTU outside IF_MINMTU..IF_MAXMTU, or refused by the
 * driver, or media asked of a driver without any), EOPNOTSUPP (unknown
 * request). SIOC[GS]IFMEDIA go to the driver (net/if_media.ts).
 * Get requests fill `ifr`.
 */
export function ifioctl(kernel: Kernel, cmd: number, ifr: ifreq): number {
  const ifp = ifunit(kernel, ifr.ifr_name);
  if (ifp === null) return ENXIO;
  switch (cmd) {
    case SIOCGIFFLAGS:
      ifr.ifr_flags = ifp.if_flags & 0xffff;
      return 0;
    case SIOCGIFMTU:
      ifr.ifr_mtu = ifp.if_mtu;
      return 0;
    case SIOCGIFMETRIC:
      ifr.ifr_metric = ifp.if_metric;
      return 0;
    case SIOCSIFMETRIC:
      ifp.if_metric = ifr.ifr_metric;
      return 0;
    case SIOCSIFFLAGS:
      return set_flags(ifp, ifr);
    case SIOCSIFMEDIA:
    case SIOCGIFMEDIA:
      // Media belong to the driver (ifmedia_ioctl); an interface without media has none to set.
      return ifp.if_ioctl(ifp, cmd, ifr);
    case SIOCGIFCAP:
      ifr.ifr_reqcap = ifp.if_capabilities;
      ifr.ifr_curcap = ifp.if_capenable;
      return 0;
    case SIOCSIFCAP: {
      // Only what the board can do may be asked for; the driver applies it (and reinitialises).
      if ((ifr.ifr_reqcap & ~ifp.if_capabilities) !== 0) return EINVAL;
      const error = ifp.if_ioctl(ifp, cmd, ifr);
      if (error === 0) ifp.if_lastchange = getmicrotime(kernel);
      return error;
    }
    case SIOCSIFMTU: {
      if (ifr.ifr_mtu < IF_MINMTU || ifr.ifr_mtu > IF_MAXMTU) return EINVAL;
      const error = ifp.if_ioctl(ifp, cmd, ifr);
      if (error === 0) ifp.if_lastchange = getmicrotime(kernel);
      return error;
    }
    default:
      return EOPNOTSUPP;
  }
}

// SIOCSIFFLAGS as 5.0 does it: up/down transitions first, then the
// changeable bits, then the driver brings its hardware in line.
function set_flags(ifp: ifnet, ifr: ifreq): number {
  const want = ifr.ifr_flags & 0xffff;
  if ((ifp.if_flags & IFF_UP) !== 0 && (want & IFF_UP) === 0) if_down(ifp);
  else if ((want & IFF_UP) !== 0 && (ifp.if_flags & IFF_UP) === 0) if_up(ifp);
  ifp.if_flags = (ifp.if_flags & IFF_CANTCHANGE) | (want & ~IFF_CANTCHANGE);
  ifp.if_ioctl(ifp, SIOCSIFFLAGS, ifr);
  ifp.if_lastchange = getmicrotime(ifp.if_kernel);
  return 0;
}

/**
 * IF_HANDOFF: queues packet `m` on `ifq` for interface `ifp` and kicks the
 * driver unless it is already transmitting. Counts the bytes sent (the
 * driver counts packets). Returns false, having freed `m` and counted the
 * drop, when the queue is full; the caller then returns ENOBUFS.
 */
export function IF_HANDOFF(ifq: ifqueue, m: mbuf, ifp: ifnet): boolean {
  if (IF_QFULL(ifq)) {
    IF_DROP(ifq);
    m_freem(m);
    return false;
  }
  ifp.if_obytes += m.m_pkthdr.len;
  if ((m.m_flags & M_MCAST) !== 0) ifp.if_omcasts++;
  IF_ENQUEUE(ifq, m);
  if ((ifp.if_flags & IFF_OACTIVE) === 0) ifp.if_start(ifp);
  return true;
}
