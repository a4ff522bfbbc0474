// struct ifnet, the interface send queue, and the queue macros.
// Mirrors sys/net/if_var.h (FreeBSD 5.0).
//
// How to use (a driver; see dev/em/if_em.ts):
//   const ifp = new ifnet(kernel, 'em', unit, softc);
//   ifp.if_start = em_start; ifp.if_ioctl = em_ioctl; ifp.if_init = ...;
//   ifp.if_snd.ifq_maxlen = EM_TXD - 1;
//   ether_ifattach(ifp, enaddr);             // registers it (if_attach)
// and from the protocols' side:
//   ifp.if_output(ifp, m, { ether_dhost, ether_type: ETHERTYPE_IP });  // errno
// The driver counts packets and errors; ether_input/IF_HANDOFF count bytes,
// as 5.0 splits the work. The counters are what `netstat -i` prints.
// 5.0 keeps the counters in a struct if_data inside the ifnet and reaches
// them through macros (if_ipackets is if_data.ifi_ipackets); here they are
// plain fields under the macro names.

import type { Kernel } from '../kern/init_main.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import type { mbuf } from '../sys/mbuf.ts';
import type { WirePort } from '../hardware/wire.ts';
import type { timeval } from '../kern/kern_tc.ts';
import type { ifmediareq } from './if_media.ts';

/** IFQ_MAXLEN: the default length of an interface or protocol input queue (net/if.h). */
export const IFQ_MAXLEN = 50;

/** struct ifqueue: a queue of packets (m_nextpkt-linked chains). */
export class ifqueue {
  ifq_head: mbuf | null = null; // first packet
  ifq_tail: mbuf | null = null; // last packet
  ifq_len = 0; // packets queued
  ifq_maxlen = IFQ_MAXLEN; // limit; IF_QFULL above it
  ifq_drops = 0; // packets dropped because the queue was full
}

/** The destination ether_output needs: what arpresolve() would have produced, and the type. */
export interface ether_dst {
  readonly ether_dhost: Uint8Array; // 6-byte destination address
  readonly ether_type: number; // ETHERTYPE_*
}

/** if_output: send a packet (errno result; the mbuf is consumed either way). */
export type if_output_t = (ifp: ifnet, m: mbuf, dst: ether_dst) => number;
/** if_start: the driver takes packets from if_snd. */
export type if_start_t = (ifp: ifnet) => void;
/** if_input: a received frame, Ethernet header included, goes up. */
export type if_input_t = (ifp: ifnet, m: mbuf) => void;
/** if_ioctl: driver-specific handling of SIOC* (errno result). */
export type if_ioctl_t = (ifp: ifnet, cmd: number, ifr: ifreq) => number;

/** One of a driver's rings, as an observer sees it. */
export interface if_ring {
  readonly name: string; // 'std rx', 'jumbo rx', 'mini rx', 'tx'
  readonly used: number; // slots holding a buffer (receive) or descriptors in use (send)
  readonly size: number; // slots in the ring
}

/** What a driver tells observers about its rings and buffers (ifnet's if_rings hook), for pictures of the machine. */
export interface if_ring_usage {
  readonly rings: if_ring[];
  readonly jumbo_variant: string | null; // ti(4): 'hdrsplit', 'pages' or 'private'
  readonly jumbo_private_inuse: number; // ti(4) TI_PRIVATE_JUMBOS: private buffers lent out
}

/** struct ifreq, the fields the interface ioctls use. */
export interface ifreq {
  ifr_name: string; // interface name, e.g. "em0"
  ifr_flags: number; // IFF_* (SIOCGIFFLAGS / SIOCSIFFLAGS)
  ifr_mtu: number; // SIOCGIFMTU / SIOCSIFMTU
  ifr_metric: number; // SIOCGIFMETRIC / SIOCSIFMETRIC
  ifr_media: number; // SIOCSIFMEDIA: the media word to select (net/if_media.ts)
  ifr_ifmr: ifmediareq | null; // SIOCGIFMEDIA: C passes a struct ifmediareq, which starts with the name
  ifr_reqcap: number; // SIOCSIFCAP: the IFCAP_* bits wanted; SIOCGIFCAP: the board's if_capabilities
  ifr_curcap: number; // SIOCGIFCAP: if_capenable
}

function not_attached(): number {
  throw new Error('ifnet: method used before the driver set it');
}

/** struct ifnet (with arpcom's ac_enaddr folded in). */
export class ifnet {
  readonly if_kernel: Kernel; // the kernel this interface belongs to
  if_softc: unknown; // the driver's state
  readonly if_dname: string; // driver name, e.g. "em"
  readonly if_dunit: number; // unit number, e.g. 0
  readonly if_xname: string; // external name: if_dname + if_dunit
  if_index = 0; // place in the interface list, from 1 (if_attach sets it)
  if_flags = 0; // IFF_*
  if_type = 0; // IFT_* (ethernet: IFT_ETHER)
  if_addrlen = 0; // bytes in a link-level address
  if_hdrlen = 0; // bytes in a link-level header
  if_mtu = 0; // largest packet the interface sends, bytes
  if_metric = 0; // routing metric, for routing daemons only
  if_baudrate = 0; // link speed, bits per second
  if_capabilities = 0; // IFCAP_*: what the board can do
  if_capenable = 0; // IFCAP_*: what is turned on
  if_hwassist = 0; // CSUM_*: the sums ip_output leaves to the board (set by the driver from if_capenable)
  if_ipackets = 0; // frames taken in
  if_ierrors = 0; // frames refused on input (FCS, overrun, too long)
  if_opackets = 0; // frames handed to the wire
  if_oerrors = 0; // frames that failed to go out
  if_collisions = 0; // collisions (never, on full duplex)
  if_ibytes = 0; // bytes taken in
  if_obytes = 0; // bytes sent
  if_imcasts = 0; // multicast and broadcast frames taken in
  if_omcasts = 0; // multicast and broadcast frames sent
  if_iqdrops = 0; // frames dropped on input before a protocol saw them
  if_noproto = 0; // frames for a protocol nobody handles
  if_lastchange: timeval = { tv_sec: 0, tv_usec: 0 }; // when the interface last went up or down
  readonly if_snd = new ifqueue(); // packets waiting for the driver
  if_output: if_output_t = not_attached; // the protocols' way out: ether_output
  if_start: if_start_t = not_attached; // driver: move packets from if_snd to the hardware
  if_input: if_input_t = not_attached; // the driver's way in: ether_input
  if_ioctl: if_ioctl_t = not_attached; // driver: interface requests
  if_init: (softc: unknown) => void = not_attached; // driver: bring the hardware up
  ac_enaddr = new Uint8Array(6); // struct arpcom's Ethernet address
  /** Simulated PHY: where a wire plugs in (sim/wire.ts); null for interfaces with no cable. */
  if_port: WirePort | null = null;
  /** The driver's rings, for observers (kern/kern_sdt.ts's nic_intr, the snapshots); null: a driver without rings. */
  if_rings: (() => if_ring_usage) | null = null;

  /** A fresh, unattached interface; the driver fills in the rest and attaches it. */
  constructor(kernel: Kernel, dname: string, dunit: number, softc: unknown) {
    this.if_kernel = kernel;
    this.if_dname = dname;
    this.if_dunit = dunit;
    this.if_xname = `${dname}${dunit}`;
    this.if_softc = softc;
  }
}

/** IF_QFULL: true if the queue is at its limit. */
export function IF_QFULL(ifq: ifqueue): boolean {
  return ifq.ifq_len >= ifq.ifq_maxlen;
}

/** IF_DROP: counts a drop. */
export function IF_DROP(ifq: ifqueue): void {
  ifq.ifq_drops++;
}

/** IF_ENQUEUE: appends packet `m` (its m_nextpkt is overwritten). */
export function IF_ENQUEUE(ifq: ifqueue, m: mbuf): void {
  m.m_nextpkt = null;
  if (ifq.ifq_tail === null) ifq.ifq_head = m;
  else ifq.ifq_tail.m_nextpkt = m;
  ifq.ifq_tail = m;
  ifq.ifq_len++;
}

/** IF_PREPEND: puts packet `m` back at the head (a driver that could not take it). */
export function IF_PREPEND(ifq: ifqueue, m: mbuf): void {
  m.m_nextpkt = ifq.ifq_head;
  if (ifq.ifq_tail === null) ifq.ifq_tail = m;
  ifq.ifq_head = m;
  ifq.ifq_len++;
}

/** IF_DEQUEUE: removes and returns the head packet, or null. */
export function IF_DEQUEUE(ifq: ifqueue): mbuf | null {
  const m = ifq.ifq_head;
  if (m === null) return null;
  ifq.ifq_head = m.m_nextpkt;
  if (ifq.ifq_head === null) ifq.ifq_tail = null;
  m.m_nextpkt = null;
  ifq.ifq_len--;
  return m;
}

/** if_qflush / IF_DRAIN: frees every queued packet. */
export function IF_DRAIN(ifq: ifqueue): void {
  for (let m = IF_DEQUEUE(ifq); m !== null; m = IF_DEQUEUE(ifq)) m_freem(m);
}
