// em(4), simulated: a copying gigabit NIC with the Intel PRO/1000's name
// and outline, so that a machine without ti(4) can talk.
// Modelled, simply, on sys/dev/em/if_em.c (FreeBSD 5.0); it is NOT a model
// of the 82543/82544's registers, only of what the host sees of them.
//
// How it behaves:
//   - attach (kern/subr_bus.ts): em0, em1, ... with a fixed Ethernet address
//     00:02:b3:MM:MM:UU (Intel's OUI, machine number in the simulation,
//     unit), MTU 1500, not up. Nothing is allocated until it is brought up.
//   - up (ifconfig em0 up -> em_init): fills the receive ring with EM_RXD
//     mbuf clusters, as em_setup_receive_structures does; down frees them.
//   - receive: the board DMAs each frame into clusters of the ring (a jumbo
//     frame spans ceil(len / MCLBYTES) descriptors, chained as em does) and
//     raises an interrupt. The DMA costs the CPU nothing; the interrupt
//     costs interrupt_ns, each frame driver_rx_desc_ns per descriptor (read
//     the status, refill with a fresh cluster), then ether_input. A frame
//     that fails its FCS, is longer than the MTU allows, or finds the ring
//     without enough clusters is dropped and counted in if_ierrors, as em
//     folds crcerrs, rlec and mpc into it.
//   - transmit: em_start takes packets from if_snd while the transmit ring
//     has a descriptor per mbuf, charges driver_tx_desc_ns per descriptor,
//     then the board DMAs the chain into a frame and sends it; the mbufs are
//     freed (if_opackets counted) by the interrupt after the last bit left.
//     Without a link, em_start sends nothing and if_snd fills, as em's does.
//   - interrupts: one is raised when a frame arrives or a transmission
//     completes, unless one is already pending (the line stays asserted);
//     the handler takes everything ready. So an idle machine takes one
//     interrupt per frame and a busy one coalesces. em_intr_delay_ns adds
//     a fixed delay before raising (0 by default), like the RDTR timer.
//   - checksums: the 82543 and later compute the TCP and UDP checksums of
//     frames they send and check the IP, TCP and UDP checksums of frames
//     they receive (if_capabilities IFCAP_HWCSUM, on by default, as 5.0's
//     driver had it for those chips): if_hwassist is CSUM_TCP | CSUM_UDP,
//     so ip_output still sums the 20-byte IP header itself. A received frame
//     whose sums the board found right is passed up with CSUM_IP_CHECKED |
//     CSUM_IP_VALID and CSUM_DATA_VALID | CSUM_PSEUDO_HDR (csum_data
//     0xffff); one it found wrong carries no flag, and the stack checks it
//     again in software and drops it. `ifconfig em0 -rxcsum` (or -txcsum)
//     toggles both directions, as em_ioctl does, and restarts the board.
//   - MTU: IF_MINMTU (72) to 9000. The real 82544 takes frames up to 16 KB;
//     the simulated wire carries at most 9000-byte payloads, the jumbo size
//     of 2002's switches and of ti(4).

import type { Kernel } from '../../kern/init_main.ts';
import { getmicrotime } from '../../kern/kern_tc.ts';
import { m_freem, m_getcl } from '../../kern/subr_mbuf.ts';
import { m_copydata } from '../../kern/uipc_mbuf.ts';
import type { driver_t } from '../../kern/subr_bus.ts';
import { EINVAL } from '../../sys/errno.ts';
import {
  CSUM_DATA_VALID, CSUM_IP_CHECKED, CSUM_IP_VALID, CSUM_PSEUDO_HDR, CSUM_TCP, CSUM_UDP, M_DONTWAIT, M_PKTHDR, MT_DATA, m_storage,
  type mbuf,
} from '../../sys/mbuf.ts';
import { MCLBYTES } from '../../sys/param.ts';
import { ETHER_HDR_LEN, ETHERMTU_JUMBO } from '../../net/ethernet.ts';
import { IF_DEQUEUE, IF_PREPEND, ifnet, type ifreq } from '../../net/if_var.ts';
import { IFCAP_HWCSUM, IFF_OACTIVE, IFF_RUNNING, IFF_UP, SIOCSIFCAP, SIOCSIFFLAGS, SIOCSIFMTU } from '../../net/if.ts';
import { ether_ifattach } from '../../net/if_ethersubr.ts';
import { wire_fcs_ok, type WireEnd, type WireFrame, type WirePort } from '../../hardware/wire.ts';
import { frame_ipv4, frame_pseudo_sum, nic_rx_cksum, nic_tx_cksum } from '../../hardware/nic_cksum.ts';
import { in_cksum_fold } from '../../netinet/in_cksum.ts';
import { sim_of } from '../../kern/kern_machine.ts';
import { cpu_run, machine_costs } from '../../kern/kern_machine.ts';
import { pci_of } from '../../kern/kern_machine.ts';

/** Receive descriptors (EM_MAX_RXD, the 5.0 default): clusters the board can fill before the host empties them. */
export const EM_RXD = 256;
/** Transmit descriptors (EM_MAX_TXD): one per mbuf of a packet being sent. */
export const EM_TXD = 256;
/** Largest MTU the simulated board accepts (see the header). */
export const EM_MAX_MTU = ETHERMTU_JUMBO;
/** struct em_tx_desc and struct em_rx_desc are both 16 bytes: what the board's descriptor DMA moves per descriptor. */
export const EM_DESC_BYTES = 16;
/** The sums the board does for the stack with IFCAP_TXCSUM (if_hwassist): the IP header is left to ip_output. */
export const EM_CHECKSUM_FEATURES = CSUM_TCP | CSUM_UDP;
/** Interrupt line reported at attach; cosmetic. */
const EM_IRQ = 11;

/** The board's statistics registers, as em_update_stats_counters reads them. */
export interface em_hw_stats {
  crcerrs: number; // frames with a bad FCS
  rlec: number; // frames longer than the maximum frame size
  mpc: number; // missed packets: no receive descriptor was free
  gprc: number; // good packets received
  gptc: number; // good packets transmitted
  dropped_pkts: number; // received, but no mbuf to refill the ring: dropped by the driver
  intrs: number; // interrupts taken
}

// A received frame the board has DMA'd, waiting for the interrupt handler.
interface RxDone {
  readonly m: mbuf; // the chain of ring clusters holding it
  readonly ndesc: number; // descriptors it used
  readonly csum_flags: number; // CSUM_* the descriptor's status and errors amount to (em_receive_checksum)
}

// A packet handed to the board, waiting for its last bit to leave.
interface TxSlot {
  readonly m: mbuf; // the chain, freed at txeof
  readonly nsegs: number; // descriptors it holds
}

/** struct adapter: the driver's per-board state. */
export class em_softc implements WirePort {
  readonly kernel: Kernel; // the kernel the board is in
  readonly unit: number; // em<unit>
  readonly port_ifp: ifnet; // the interface
  port_wire: WireEnd | null = null; // our end of the cable
  link_active = false; // the PHY sees a link partner
  readonly stats: em_hw_stats = { crcerrs: 0, rlec: 0, mpc: 0, gprc: 0, gptc: 0, dropped_pkts: 0, intrs: 0 };
  em_intr_delay_ns = 0; // delay before raising an interrupt (RDTR-like coalescing)
  rx_free: mbuf[] = []; // ring clusters ready for DMA
  rx_done: RxDone[] = []; // frames DMA'd, not yet seen by the handler
  tx_free = EM_TXD; // free transmit descriptors
  tx_busy: TxSlot[] = []; // packets handed to the board, in order
  tx_done: TxSlot[] = []; // packets fully sent, not yet reclaimed
  intr_pending = false; // the interrupt line is asserted
  rx_csum_on = false; // the receive checksum engine is enabled (RXCSUM, set at em_init)
  gen = 0; // bumped by em_stop so that work queued before it is ignored

  constructor(kernel: Kernel, unit: number) {
    this.kernel = kernel;
    this.unit = unit;
    this.port_ifp = new ifnet(kernel, 'em', unit, this);
  }

  /** The interface's name, for the wire's messages. */
  get port_name(): string {
    return this.port_ifp.if_xname;
  }

  /** The station address the MAC answers to. */
  get port_enaddr(): Uint8Array {
    return this.port_ifp.ac_enaddr;
  }

  /** The wire delivered a frame. */
  port_rx(frame: WireFrame): void {
    em_dma_rx(this, frame);
  }

  /** The cable was plugged in. */
  port_link(up: boolean): void {
    this.link_active = up;
    const ifp = this.port_ifp;
    ifp.if_lastchange = getmicrotime(this.kernel);
    if (up) {
      const w = this.port_wire?.wire;
      const mbps = w === undefined ? 1000 : Math.round(w.rate_bps / 1e6);
      this.kernel.printf(`${ifp.if_xname}: Link is up ${mbps} Mbps Full Duplex`);
      if ((ifp.if_flags & IFF_RUNNING) !== 0) em_start(ifp);
    } else {
      this.kernel.printf(`${ifp.if_xname}: Link is Down`);
    }
  }
}

/** The softc of an em interface (throws if `ifp` is not one): the driver's state hangs off if_softc. */
export function em_softc_of(ifp: ifnet): em_softc {
  const sc = ifp.if_softc;
  if (!(sc instanceof em_softc)) throw new Error(`${ifp.if_xname} is not an em interface`);
  return sc;
}

function em_attach(kernel: Kernel, unit: number, slot: number): void {
  const sc = new em_softc(kernel, unit);
  const ifp = sc.port_ifp;
  const machine = kernel.host_id;
  kernel.printf(`em${unit}: <Intel(R) PRO/1000 Network Connection (simulated)> irq ${EM_IRQ} at device ${slot}.0 on pci0`);
  ifp.if_baudrate = 1e9;
  ifp.if_capabilities = IFCAP_HWCSUM;
  ifp.if_capenable = ifp.if_capabilities;
  ifp.if_start = em_start;
  ifp.if_ioctl = em_ioctl;
  ifp.if_init = () => em_init(sc);
  ifp.if_snd.ifq_maxlen = EM_TXD - 1;
  ifp.if_port = sc;
  ifp.if_rings = () => ({
    rings: [{ name: 'rx', used: sc.rx_free.length, size: EM_RXD }, { name: 'tx', used: EM_TXD - sc.tx_free, size: EM_TXD }],
    jumbo_variant: null,
    jumbo_private_inuse: 0,
  });
  ether_ifattach(ifp, new Uint8Array([0x00, 0x02, 0xb3, (machine >> 8) & 0xff, machine & 0xff, unit & 0xff]));
}

/** The em driver, for kern/subr_bus.ts. */
export const em_driver: driver_t = { name: 'em', attach: em_attach };

/** em_ioctl: MTU (EINVAL above EM_MAX_MTU, nothing changed) and up/down. */
function em_ioctl(ifp: ifnet, cmd: number, ifr: ifreq): number {
  const sc = em_softc_of(ifp);
  switch (cmd) {
    case SIOCSIFMTU:
      if (ifr.ifr_mtu > EM_MAX_MTU) return EINVAL;
      ifp.if_mtu = ifr.ifr_mtu;
      // The receive unit is programmed for the new maximum frame size.
      if ((ifp.if_flags & IFF_RUNNING) !== 0) {
        em_stop(sc);
        em_init(sc);
      }
      return 0;
    case SIOCSIFFLAGS:
      if ((ifp.if_flags & IFF_UP) !== 0) {
        if ((ifp.if_flags & IFF_RUNNING) === 0) em_init(sc);
      } else if ((ifp.if_flags & IFF_RUNNING) !== 0) {
        em_stop(sc);
      }
      return 0;
    case SIOCSIFCAP: {
      const mask = ifr.ifr_reqcap ^ ifp.if_capenable;
      if ((mask & IFCAP_HWCSUM) !== 0) {
        if ((ifp.if_capenable & IFCAP_HWCSUM) !== 0) ifp.if_capenable &= ~IFCAP_HWCSUM;
        else ifp.if_capenable |= IFCAP_HWCSUM;
        if ((ifp.if_flags & IFF_RUNNING) !== 0) {
          em_stop(sc);
          em_init(sc);
        }
      }
      return 0;
    }
    default:
      return EINVAL;
  }
}

/** em_init: fills the receive ring and starts the board. Leaves it stopped if clusters run out. */
export function em_init(sc: em_softc): void {
  const ifp = sc.port_ifp;
  ifp.if_hwassist = (ifp.if_capenable & IFCAP_HWCSUM) !== 0 ? EM_CHECKSUM_FEATURES : 0;
  sc.rx_csum_on = (ifp.if_capenable & IFCAP_HWCSUM) !== 0;
  for (let i = sc.rx_free.length; i < EM_RXD; i++) {
    const m = m_getcl(sc.kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
    if (m === null) {
      sc.kernel.printf(`${ifp.if_xname}: Could not setup receive structures`);
      em_stop(sc);
      return;
    }
    sc.rx_free.push(m);
  }
  ifp.if_flags |= IFF_RUNNING;
  ifp.if_flags &= ~IFF_OACTIVE;
  em_start(ifp);
}

/** em_stop: stops the board and frees every mbuf it holds (ring, received, in transmission). */
export function em_stop(sc: em_softc): void {
  const ifp = sc.port_ifp;
  sc.gen++;
  for (const m of sc.rx_free) m_freem(m);
  for (const r of sc.rx_done) m_freem(r.m);
  for (const t of [...sc.tx_busy, ...sc.tx_done]) m_freem(t.m);
  sc.rx_free = [];
  sc.rx_done = [];
  sc.tx_busy = [];
  sc.tx_done = [];
  sc.tx_free = EM_TXD;
  sc.intr_pending = false;
  ifp.if_flags &= ~(IFF_RUNNING | IFF_OACTIVE);
}

function nsegs_of(m: mbuf): number {
  let n = 0;
  for (let p: mbuf | null = m; p !== null; p = p.m_next) if (p.m_len > 0) n++;
  return Math.max(n, 1);
}

/** em_start: moves packets from if_snd to the transmit ring while descriptors last. */
function em_start(ifp: ifnet): void {
  const sc = em_softc_of(ifp);
  if (!sc.link_active || (ifp.if_flags & (IFF_RUNNING | IFF_OACTIVE)) !== IFF_RUNNING) return;
  const costs = machine_costs(sc.kernel);
  for (let m = IF_DEQUEUE(ifp.if_snd); m !== null; m = IF_DEQUEUE(ifp.if_snd)) {
    const nsegs = nsegs_of(m);
    if (nsegs > sc.tx_free) {
      IF_PREPEND(ifp.if_snd, m);
      ifp.if_flags |= IFF_OACTIVE;
      return;
    }
    sc.tx_free -= nsegs;
    const slot: TxSlot = { m, nsegs };
    sc.tx_busy.push(slot);
    const gen = sc.gen;
    cpu_run(sc.kernel, 'driver', costs.driver_tx_desc_ns * nsegs, () => {
      if (gen === sc.gen) em_dma_tx(sc, slot);
    });
  }
}

// The board reads the packet (DMA: no CPU) and puts it on the wire.
function em_dma_tx(sc: em_softc, slot: TxSlot): void {
  const wire = sc.port_wire;
  const frame = new Uint8Array(slot.m.m_pkthdr.len);
  m_copydata(slot.m, 0, frame.length, frame);
  // The context descriptor em_transmit_checksum_setup wrote: the board inserts the TCP/UDP sum.
  if ((slot.m.m_pkthdr.csum_flags & EM_CHECKSUM_FEATURES) !== 0) nic_tx_cksum(frame, frame_ipv4(frame), false, true);
  // The descriptors and the frame come over the PCI bus before the MAC can send it.
  const ready_ns = pci_of(sc.kernel).dma('read', slot.nsegs * EM_DESC_BYTES + frame.length);
  const gen = sc.gen;
  const sent = (): void => {
    if (gen !== sc.gen) return;
    sc.tx_busy.splice(sc.tx_busy.indexOf(slot), 1);
    sc.tx_done.push(slot);
    sc.stats.gptc++;
    em_intr_raise(sc);
  };
  if (wire === null) sent(); // the cable was pulled after em_start: the MAC drains the ring into nothing
  else wire.transmit(frame, sent, ready_ns);
}

// The board's receive side: FCS and size checks, then DMA into ring clusters.
function em_dma_rx(sc: em_softc, frame: WireFrame): void {
  const ifp = sc.port_ifp;
  if ((ifp.if_flags & IFF_RUNNING) === 0) return; // receiver disabled: the frame is not even counted
  if (!wire_fcs_ok(frame)) {
    sc.stats.crcerrs++;
    ifp.if_ierrors++;
    return;
  }
  const len = frame.data.length;
  if (len > ifp.if_mtu + ETHER_HDR_LEN) {
    sc.stats.rlec++;
    ifp.if_ierrors++;
    return;
  }
  const ndesc = Math.ceil(len / MCLBYTES);
  if (sc.rx_free.length < ndesc) {
    sc.stats.mpc++;
    ifp.if_ierrors++;
    return;
  }
  const head = sc.rx_free.pop() as mbuf;
  let tail = head;
  for (let off = 0; off < len; off += MCLBYTES) {
    const m = off === 0 ? head : (sc.rx_free.pop() as mbuf);
    const n = Math.min(MCLBYTES, len - off);
    m.m_data = 0;
    m_storage(m).set(frame.data.subarray(off, off + n), 0);
    m.m_len = n;
    if (m !== head) {
      m.m_flags &= ~M_PKTHDR;
      tail.m_next = m;
      tail = m;
    }
  }
  head.m_pkthdr.len = len;
  sc.stats.gprc++;
  const done: RxDone = { m: head, ndesc, csum_flags: sc.rx_csum_on ? em_rx_csum_flags(frame.data) : 0 };
  // The frame and its descriptors' write-back go over the PCI bus; the host sees the frame when that is done.
  const done_ns = pci_of(sc.kernel).dma('write', len + 2 * ndesc * EM_DESC_BYTES);
  const gen = sc.gen;
  sim_of(sc.kernel).schedule_at(done_ns, () => {
    if (gen !== sc.gen) {
      m_freem(head);
      return;
    }
    sc.rx_done.push(done);
    em_intr_raise(sc);
  });
}

// em_receive_checksum: what the descriptor's IPCS/TCPCS status and IPE/TCPE
// error bits tell the stack. A sum the board found wrong earns no flag, so
// the stack sums the packet again and drops it itself.
function em_rx_csum_flags(data: Uint8Array): number {
  const l = frame_ipv4(data);
  if (l === null) return 0;
  const sums = nic_rx_cksum(data, l);
  if (sums.ip_sum !== 0xffff) return 0;
  let flags = CSUM_IP_CHECKED | CSUM_IP_VALID;
  if (sums.l4_summed && in_cksum_fold(frame_pseudo_sum(data, l) + sums.l4_sum) === 0) flags |= CSUM_DATA_VALID | CSUM_PSEUDO_HDR;
  return flags;
}

function em_intr_raise(sc: em_softc): void {
  if (sc.intr_pending) return;
  sc.intr_pending = true;
  const gen = sc.gen;
  const take = (): void => {
    cpu_run(sc.kernel, 'interrupt', machine_costs(sc.kernel).interrupt_ns, () => {
      if (gen === sc.gen) em_intr(sc);
    });
  };
  if (sc.em_intr_delay_ns > 0) sim_of(sc.kernel).schedule_after(sc.em_intr_delay_ns, take);
  else take();
}

/** em_intr: reclaims sent packets, then passes each received frame up (one CPU item per frame). */
function em_intr(sc: em_softc): void {
  const ifp = sc.port_ifp;
  sc.intr_pending = false;
  sc.stats.intrs++;
  em_txeof(sc);
  const costs = machine_costs(sc.kernel);
  const ready = sc.rx_done;
  sc.rx_done = [];
  const gen = sc.gen;
  for (const r of ready) {
    cpu_run(sc.kernel, 'driver', costs.driver_rx_desc_ns * r.ndesc, () => {
      if (gen === sc.gen) em_rxeof_one(sc, r);
      else m_freem(r.m);
    });
  }
  if (ifp.if_snd.ifq_len > 0) em_start(ifp);
}

function em_txeof(sc: em_softc): void {
  const ifp = sc.port_ifp;
  for (const t of sc.tx_done) {
    m_freem(t.m);
    sc.tx_free += t.nsegs;
    ifp.if_opackets++;
  }
  if (sc.tx_done.length > 0) ifp.if_flags &= ~IFF_OACTIVE;
  sc.tx_done = [];
}

// Refill the ring for the descriptors the frame used, then pass it up. With
// no cluster to refill, em drops the frame and recycles its buffers.
function em_rxeof_one(sc: em_softc, r: RxDone): void {
  const ifp = sc.port_ifp;
  const fresh: mbuf[] = [];
  for (let i = 0; i < r.ndesc; i++) {
    const m = m_getcl(sc.kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
    if (m === null) break;
    fresh.push(m);
  }
  if (fresh.length < r.ndesc) {
    for (const m of fresh) m_freem(m);
    m_freem(r.m);
    sc.stats.dropped_pkts++;
    ifp.if_ierrors++;
    for (let i = 0; i < r.ndesc; i++) {
      const m = m_getcl(sc.kernel, M_DONTWAIT, MT_DATA, M_PKTHDR);
      if (m !== null) sc.rx_free.push(m);
    }
    return;
  }
  sc.rx_free.push(...fresh);
  ifp.if_ipackets++;
  if (r.csum_flags !== 0) {
    r.m.m_pkthdr.csum_flags = r.csum_flags;
    if ((r.csum_flags & CSUM_DATA_VALID) !== 0) r.m.m_pkthdr.csum_data = 0xffff;
  }
  ifp.if_input(ifp, r.m);
}
