// struct ti_softc: the state of one Tigon board and its driver instance.
// Mirrors struct ti_softc, ti_chain_data and ti_ring_data of
// sys/pci/if_tireg.h (FreeBSD 5.0). The driver (if_ti.ts) owns the host
// side; the simulated board (ti_nic.ts) owns `nic`, which stands for what
// lives on the card: registers, SRAM, firmware state, rings' consumer
// indices and the live statistics.
//
// How to use: ti_softc_of(ifp) (if_ti.ts) gives the softc of a ti
// interface; tests and samples read its fields (ti_hdrsplit, the tunables,
// nic.stats) but change it only through the driver's entry points.

import type { Kernel } from '../../kern/init_main.ts';
import type { callout } from '../../kern/kern_timeout.ts';
import type { cdev } from '../../kern/kern_conf.ts';
import type { mbuf } from '../../sys/mbuf.ts';
import type { ti_stats } from '../../sys/tiio.ts';
import type { ifnet } from '../../net/if_var.ts';
import { ifmedia } from '../../net/if_media.ts';
import type { SimEvent } from '../../engine/simulation.ts';
import type { PciBoard } from '../../kern/kern_machine.ts';
import type { WireEnd, WireFrame, WirePort } from '../../hardware/wire.ts';
import type { ti_board_hw } from './ti_nic.ts';
import {
  TI_JUMBO_RX_RING_CNT,
  TI_MINI_RX_RING_CNT,
  TI_REG_MAX,
  TI_STD_RX_RING_CNT,
  TI_TX_RING_CNT,
} from './if_tireg.ts';

/** Which receive ring a buffer or a returned frame belongs to. */
export type ti_ring = 'std' | 'mini' | 'jumbo';

/**
 * How jumbo receive buffers are built, fixed by the kernel's options:
 *   'hdrsplit': options TI_JUMBO_HDRSPLIT (on a Tigon 2): jumbo(9) pages, firmware splits headers;
 *   'private':  options TI_PRIVATE_JUMBOS: the driver's contiguous 9 KB buffers;
 *   'pages':    neither (the 2002 default): jumbo(9) pages behind a 66-byte header buffer.
 * A Tigon 1 with TI_JUMBO_HDRSPLIT builds 'pages' buffers: it cannot split.
 */
export type ti_jumbo_variant = 'hdrsplit' | 'private' | 'pages';

/** One entry of the receive return ring, as the firmware writes it. */
export interface ti_rx_return {
  readonly ti_idx: number; // slot of the ring the buffer came from
  readonly ti_flags: number; // TI_BDFLAG_JUMBO_RING / TI_BDFLAG_MINI_RING / TI_BDFLAG_ERROR ...
  readonly ti_len: number; // frame length, bytes (no CRC)
  readonly ti_addr: number; // header-splitting firmware: the header length (0: not split)
  readonly ti_error_flags: number; // TI_BDERR_*
  readonly ti_ip_cksum: number; // the board's sum of the IP header words (0xffff when it is right)
  readonly ti_tcp_udp_cksum: number; // the board's sum of the TCP or UDP segment, without the pseudo header
}

/**
 * The flags of the ring control blocks in the general information block,
 * which the firmware reads when it starts (ti_gibinit fills them):
 * TI_RCB_FLAG_* for each receive ring and the send ring.
 */
export interface ti_rcb_flags {
  std: number;
  jumbo: number;
  mini: number;
  tx: number;
}

/** The driver's private jumbo pool (TI_PRIVATE_JUMBOS): one contigmalloc block in TI_JSLOTS slots. */
export interface ti_jpool {
  readonly ti_jumbo_buf: Uint8Array; // TI_JMEM bytes
  readonly ti_jfree_listhead: number[]; // free slot numbers; head last
  readonly ti_jinuse: Set<number>; // slots lent to mbufs
}

/** What the simulated board keeps on the card. */
export interface ti_nic_state {
  hw: ti_board_hw; // how it sits in its slot, set at power on
  regs: Uint32Array; // the 16 KB register window, as 32-bit words
  readonly sram: Map<number, Uint8Array>; // NIC SRAM, by 2 KB window base; absent windows read as zero
  scratch_a: Uint8Array; // CPU A scratchpad
  scratch_b: Uint8Array | null; // CPU B scratchpad (Tigon 2)
  stats: ti_stats; // the firmware's live counters
  fw_running: boolean; // firmware loaded and started (TI_EV_FIRMWARE_UP sent)
  std_cons: number; // next standard ring slot the NIC fills
  mini_cons: number; // next mini ring slot
  jumbo_cons: number; // next jumbo ring slot
  std_prod: number; // producer indices the host last wrote
  mini_prod: number;
  jumbo_prod: number;
  rcb: ti_rcb_flags; // the ring control blocks' flags as the firmware read them at start
  ret_pending: ti_rx_return[]; // returned frames whose producer index is not yet DMA'd to the host
  ret_visible: ti_rx_return[]; // returned frames the host can see
  rx_timer: SimEvent | null; // receive coalescing timer
  tx_dma_idx: number; // next send descriptor the NIC reads
  tx_wire_queue: { frame: Uint8Array; last: number; nbds: number; ready_ns: number }[]; // frames read (ready_ns: their DMA done), waiting for the MAC
  tx_in_mac: boolean; // a frame is on the wire
  tx_cons_pending: number; // send consumer index not yet DMA'd to the host
  tx_bds_pending: number; // BDs completed since the last consumer update
  tx_timer: SimEvent | null; // send coalescing timer
  events: { ev: number; code: number }[]; // event ring entries not yet seen by the host
  intr_pending: boolean; // an interrupt is raised and not yet serviced
  link_partner_up: boolean; // a cable with a live partner
  neg_code: number; // TI_CMD_CODE_NEGOTIATE_* of the last link negotiation
  tx_paused_until_ns: number; // PAUSE received: no transmission before this time
  tx_hung: boolean; // the Tigon 2 transmit flow-control hang: sends nothing until reset
  xoff_sent: boolean; // we asked the partner to pause
  next_stats_ns: number; // when the next statistics DMA is due
  trace_seq: number; // entries the firmware has written to its trace buffer
  gen: number; // bumped at every reset, so work queued before it is dropped
}

/** struct ti_softc. */
export class ti_softc implements WirePort {
  readonly kernel: Kernel; // the machine
  readonly ti_unit: number; // ti<unit>
  readonly board: PciBoard; // the board model in the slot
  readonly port_ifp: ifnet; // arpcom.ac_if
  port_wire: WireEnd | null = null; // our end of the cable
  ti_hwrev: number; // TI_HWREV_TIGON or TI_HWREV_TIGON_II
  ti_copper: boolean; // 1000baseT board (by PCI ID)
  ti_hdrsplit = 0; // 1 when the firmware splits headers (TI_JUMBO_HDRSPLIT on a Tigon 2)
  ti_jumbo_variant: ti_jumbo_variant; // how jumbo buffers are built
  ti_flags = 0; // TI_FLAG_*
  ti_if_flags = 0; // if_flags at the last SIOCSIFFLAGS
  ti_linkstat = 0; // TI_EV_CODE_* of the last link event
  // Tunables (ti_params); defaults set at attach.
  ti_stat_ticks = 0;
  ti_rx_coal_ticks = 0;
  ti_tx_coal_ticks = 0;
  ti_rx_max_coal_bds = 0;
  ti_tx_max_coal_bds = 0;
  ti_tx_buf_ratio = 0;
  readonly ifmedia = new ifmedia(); // media list and selection
  ti_dev: cdev | null = null; // /dev/ti<unit>
  // ti_chain_data: the mbufs behind each ring slot.
  readonly ti_rx_std_chain: (mbuf | null)[] = new Array<mbuf | null>(TI_STD_RX_RING_CNT).fill(null);
  readonly ti_rx_jumbo_chain: (mbuf | null)[] = new Array<mbuf | null>(TI_JUMBO_RX_RING_CNT).fill(null);
  readonly ti_rx_mini_chain: (mbuf | null)[] = new Array<mbuf | null>(TI_MINI_RX_RING_CNT).fill(null);
  readonly ti_tx_chain: (mbuf | null)[] = new Array<mbuf | null>(TI_TX_RING_CNT).fill(null);
  readonly ti_tx_nbds: number[] = new Array<number>(TI_TX_RING_CNT).fill(0); // descriptors of the packet ending at each slot
  readonly ti_tx_flags: number[] = new Array<number>(TI_TX_RING_CNT).fill(0); // ti_tx_desc.ti_flags of each send descriptor (TI_BDFLAG_*)
  readonly ti_rcb: ti_rcb_flags = { std: 0, jumbo: 0, mini: 0, tx: 0 }; // ti_info's ring control blocks, host side
  ti_std = 0; // standard ring producer index
  ti_mini = 0; // mini ring producer index
  ti_jumbo = 0; // jumbo ring producer index
  ti_tx_prodidx = 0; // send producer index (TI_MB_SENDPROD_IDX)
  ti_tx_saved_considx = 0; // send consumer index the host has processed
  ti_tx_considx = 0; // send consumer index the NIC last DMA'd
  ti_txcnt = 0; // send descriptors in use
  ti_jpool: ti_jpool | null = null; // TI_PRIVATE_JUMBOS only
  ti_stats_host: ti_stats; // ti_rdata->ti_info.ti_stats: the copy the NIC DMAs every ti_stat_ticks
  if_timer = 0; // seconds until the watchdog fires (0: off)
  ti_watchdog_callout: callout | null = null; // if_slowtimo's stand-in
  readonly nic: ti_nic_state; // the card
  /** The board's link to its driver's interrupt handler, wired at attach. */
  ti_intr_fn: (sc: ti_softc) => void = () => {};
  /** The board's link-state callback into the driver (ti_handle_events runs from the interrupt). */
  port_rx_fn: (sc: ti_softc, frame: WireFrame) => void = () => {};
  port_link_fn: (sc: ti_softc, up: boolean) => void = () => {};

  constructor(kernel: Kernel, unit: number, board: PciBoard, ifp_factory: (sc: ti_softc) => ifnet, stats: () => ti_stats) {
    this.kernel = kernel;
    this.ti_unit = unit;
    this.board = board;
    this.ti_hwrev = 0;
    this.ti_copper = false;
    this.ti_jumbo_variant = 'pages';
    this.ti_stats_host = stats();
    this.nic = {
      hw: { slot_width_bits: 32, bios_64bit_bug: false, fault: undefined },
      regs: new Uint32Array((TI_REG_MAX + 1) / 4),
      sram: new Map(),
      scratch_a: new Uint8Array(0),
      scratch_b: null,
      stats: stats(),
      fw_running: false,
      std_cons: 0,
      mini_cons: 0,
      jumbo_cons: 0,
      std_prod: 0,
      mini_prod: 0,
      jumbo_prod: 0,
      rcb: { std: 0, jumbo: 0, mini: 0, tx: 0 },
      ret_pending: [],
      ret_visible: [],
      rx_timer: null,
      tx_dma_idx: 0,
      tx_wire_queue: [],
      tx_in_mac: false,
      tx_cons_pending: 0,
      tx_bds_pending: 0,
      tx_timer: null,
      events: [],
      intr_pending: false,
      link_partner_up: false,
      neg_code: 0,
      tx_paused_until_ns: 0,
      tx_hung: false,
      xoff_sent: false,
      next_stats_ns: 0,
      trace_seq: 0,
      gen: 0,
    };
    this.port_ifp = ifp_factory(this);
  }

  /** The interface's name, for the wire's messages. */
  get port_name(): string {
    return this.port_ifp.if_xname;
  }

  /** The station address the MAC answers to. */
  get port_enaddr(): Uint8Array {
    return this.port_ifp.ac_enaddr;
  }

  /** The wire delivered a frame to the board's MAC. */
  port_rx(frame: WireFrame): void {
    this.port_rx_fn(this, frame);
  }

  /** A cable was plugged in (or the partner went away). */
  port_link(up: boolean): void {
    this.port_link_fn(this, up);
  }
}
