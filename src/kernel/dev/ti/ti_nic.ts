// The simulated Tigon board: what the firmware on its R4000 CPU(s) does.
// No FreeBSD counterpart; the host-visible behaviour follows Alteon's
// firmware as if_ti.c (FreeBSD 5.0) drives it and as if_tireg.h describes it.
//
// How the driver uses it (dev/ti/if_ti.ts): CSR_READ_4/CSR_WRITE_4 for
// registers and mailboxes (writes have the firmware's side effects),
// ti_fw_cmd for TI_DO_CMD, ti_nic_start/ti_nic_halt around init and stop.
// The wire calls the MAC (ti_mac_rx); the board raises the host interrupt
// by running the driver's ti_intr on the machine's CPU.
//
// What it models:
//   - receive: the MAC drops frames with a bad FCS (dot3StatsFCSErrors),
//     longer than TI_GCR_IFMTU (dot3StatsFrameTooLongs) or not for us;
//     picks the mini ring (Tigon 2, frames up to the mini buffer size),
//     the standard ring (frames up to TI_FRAMELEN with CRC) or the jumbo
//     ring; with no buffer posted there it drops the frame (nicNoMoreRxBDs,
//     ifInDiscards). Otherwise it DMAs the frame into the posted buffer(s),
//     at no CPU cost, and adds a return descriptor. With the
//     TI_OPMODE_JUMBO_HDRSPLIT firmware, a TCP or UDP over IPv4 frame whose
//     fragment offset is 0 has its headers put in the first buffer and its
//     payload from the start of the first page; the header length goes in
//     the descriptor's address field.
//   - coalescing: the return ring producer (and the send consumer) index is
//     DMA'd to the host, with an interrupt, when TI_GCR_RX_MAX_COAL_BD (TX)
//     BDs have accumulated (nic*ThresholdHit) or TI_GCR_RX_COAL_TICKS (TX)
//     microseconds after the first one, whichever comes first; with both
//     0, for every frame. An interrupt raised while one is still pending
//     counts in nicAvoidedInterrupts; each delivered one in nicInterrupts.
//   - statistics: the firmware DMAs its counters into host memory every
//     TI_GCR_STAT_TICKS microseconds with a TI_EV_STATS_UPDATED event; a
//     host read between two updates sees the older copy. The updates are
//     computed when something next looks or changes, not by a timer, so an
//     idle simulation stays idle (runUntilIdle ends).
//   - link: TI_CMD_LINK_NEGOTIATION against the wire's rate (fiber: 1 Gb/s
//     only; copper: 10, 100 or 1000 Mb/s), reported by TI_EV_LINKSTAT_CHANGED.
//   - flow control: with TI_GLNK_RX_FLOWCTL_Y (always requested by the
//     driver) the MAC sends an 802.3x PAUSE when a receive ring runs low
//     and another with quanta 0 when the host has refilled it. A Tigon 2
//     told to honour PAUSE (TI_GLNK_TX_FLOWCTL_Y, which the 2002 driver
//     leaves #if 0'd) stops transmitting at the first PAUSE and never
//     starts again: the interface is stuck until ti_init reloads the
//     firmware (the watchdog does that after 5 s unless /dev/tiN is open).
//     Why the firmware hangs was never published; this reproduces the
//     symptom the driver's comment describes. A Tigon 1 ignores PAUSE.
//   - trace: entries of the types set in TI_GCR_NIC_TRACING are written to
//     a ring in SRAM at TI_GCR_NICTRACE_START (16 bytes each: type, time in
//     us, two arguments), TI_GCR_NICTRACE_PTR being the next slot.
//   - memory: SRAM (big-endian words, read through the 2 KB window or the
//     debug ioctls), the CPU scratchpads, the 16 KB register window.

import { m_copydata } from '../../kern/uipc_mbuf.ts';
import { ETHER_CRC_LEN, ETHER_HDR_LEN, ETHERTYPE_IP, ETHER_IS_MULTICAST, ether_addr_equal, etherbroadcastaddr } from '../../net/ethernet.ts';
import { IFF_PROMISC } from '../../net/if.ts';
import { m_storage, type mbuf } from '../../sys/mbuf.ts';
import { wire_fcs_ok, type WireFrame } from '../../hardware/wire.ts';
import { frame_ipv4, nic_rx_cksum, nic_tx_cksum } from '../../hardware/nic_cksum.ts';
import type { BoardFault } from '../../kern/kern_machine.ts';
import { TI_TRACE_TYPE_COMMAND, TI_TRACE_TYPE_EVENT, TI_TRACE_TYPE_LNK_NEG, TI_TRACE_TYPE_MAC, TI_TRACE_TYPE_MAILBOX, TI_TRACE_TYPE_RECV, TI_TRACE_TYPE_RECV_BD, TI_TRACE_TYPE_SEND, TI_TRACE_TYPE_STATS, ti_stats_zero, type ti_stats } from '../../sys/tiio.ts';
import type { ti_ring, ti_rx_return, ti_softc } from './if_tivar.ts';
import {
  TI_BDERR_GIANT,
  TI_BDFLAG_ERROR,
  TI_BDFLAG_IP_CKSUM,
  TI_BDFLAG_JUMBO_RING,
  TI_BDFLAG_TCP_UDP_CKSUM,
  TI_RCB_FLAG_IP_CKSUM,
  TI_RCB_FLAG_TCP_UDP_CKSUM,
  TI_RCB_FLAG_USE_EXT_RX_BD,
  TI_RX_DESC_BYTES,
  TI_RX_DESC_EXT_BYTES,
  TI_TX_DESC_BYTES,
  TI_BDFLAG_MINI_RING,
  TI_CMD_CLR_STATS,
  TI_CMD_CODE_NEGOTIATE_10_100,
  TI_CMD_CODE_NEGOTIATE_GIGABIT,
  TI_CMD_CODE_STACK_UP,
  TI_CMD_FDR_FILTERING,
  TI_CMD_HOST_STATE,
  TI_CMD_LINK_NEGOTIATION,
  TI_CMD_SET_MAC_ADDR,
  TI_CMD_SET_PROMISC_MODE,
  TI_CMD_UPDATE_GENCOM,
  TI_CPU_STATE,
  TI_CPUSTATE_ROMFAIL,
  TI_END_SCRATCH_B_DEBUG,
  TI_BEG_SCRATCH_B_DEBUG,
  TI_EV_CODE_GIG_LINK_UP,
  TI_EV_CODE_LINK_DOWN,
  TI_EV_CODE_LINK_UP,
  TI_EV_LINKSTAT_CHANGED,
  TI_EV_STATS_UPDATED,
  TI_FRAMELEN,
  TI_GCR_GLINK,
  TI_GCR_GLINK_STAT,
  TI_GCR_IFINDEX,
  TI_GCR_IFMTU,
  TI_GCR_LINK,
  TI_GCR_LINK_STAT,
  TI_GCR_NIC_TRACING,
  TI_GCR_NICTRACE_LEN,
  TI_GCR_NICTRACE_PTR,
  TI_GCR_NICTRACE_START,
  TI_GCR_OPMODE,
  TI_GCR_RX_COAL_TICKS,
  TI_GCR_RX_MAX_COAL_BD,
  TI_GCR_STAT_TICKS,
  TI_GCR_TX_COAL_TICKS,
  TI_GCR_TX_MAX_COAL_BD,
  TI_GLNK_1000MB,
  TI_GLNK_FULL_DUPLEX,
  TI_GLNK_RX_FLOWCTL_Y,
  TI_GLNK_TX_FLOWCTL_Y,
  TI_HWREV_TIGON,
  TI_HWREV_TIGON_II,
  TI_JUMBO_RX_RING_CNT,
  TI_LNK_100MB,
  TI_LNK_10MB,
  TI_LNK_FULL_DUPLEX,
  TI_LNK_RX_FLOWCTL_Y,
  TI_LNK_TX_FLOWCTL_Y,
  TI_MB_HOSTINTR,
  TI_MB_JUMBORXPROD_IDX,
  TI_MB_MINIRXPROD_IDX,
  TI_MB_SENDPROD_IDX,
  TI_MB_STDRXPROD_IDX,
  TI_MHC_CHIP_REV_MASK,
  TI_MINI_RX_RING_CNT,
  TI_MISC_HOST_CTL,
  TI_OPMODE_JUMBO_HDRSPLIT,
  TI_PCI_STATE,
  TI_PCISTATE_32BIT_BUS,
  TI_REV_TIGON_I,
  TI_REV_TIGON_II,
  TI_STD_RX_RING_CNT,
  TI_TX_RING_CNT,
  TI_WINBASE,
  TI_WINDOW,
  TI_WINLEN,
} from './if_tireg.ts';
import { sim_of } from '../../kern/kern_machine.ts';
import { cpu_run, machine_costs } from '../../kern/kern_machine.ts';
import { pci_of } from '../../kern/kern_machine.ts';

/** TI_MHC_INTSTATE: the board is asserting its interrupt. */
const TI_MHC_INTSTATE = 0x00000001;

/**
 * Where the firmware keeps its trace ring, and how big it is: our
 * firmware's choice (Alteon's image places it in its data segment; the
 * address is read from TI_GCR_NICTRACE_START, never assumed by the driver).
 * Above the 0x2000-0x100000 range ti_stop zeroes, so a trace survives a reset.
 */
export const TI_SIM_TRACE_START = 0x100000;
export const TI_SIM_TRACE_LEN = 0x2000; // 512 entries of 16 bytes
/** Bytes per trace entry: four 32-bit words (type, time in us, two arguments). */
export const TI_SIM_TRACE_ENTRY_BYTES = 16;
/** Scratchpad sizes: CPU A 2 KB (Tigon 1) or 16 KB (Tigon 2); CPU B 8 KB (Tigon 2). */
const SCRATCH_A_I = 0x800;
const SCRATCH_A_II = 0x4000;
const SCRATCH_B = TI_END_SCRATCH_B_DEBUG - TI_BEG_SCRATCH_B_DEBUG;
/**
 * Receive buffers left in a ring at which the MAC asks the link partner to
 * pause, and how many the host must have posted again before it says
 * "resume". Our firmware's watermarks: Alteon's are not documented.
 */
export const TI_FLOWCTL_LOWAT_BDS = 8;
export const TI_FLOWCTL_HIWAT_BDS = 32;
/** 802.3x MAC control: the PAUSE destination, ethertype and opcode. */
const PAUSE_DST = Uint8Array.from([0x01, 0x80, 0xc2, 0x00, 0x00, 0x01]);
const ETHERTYPE_MAC_CONTROL = 0x8808;
const MAC_CONTROL_PAUSE = 0x0001;
/** One pause quantum is 512 bit times. */
const PAUSE_QUANTUM_BITS = 512;
/** The maximum quanta a PAUSE asks for (XOFF). */
const PAUSE_QUANTA_XOFF = 0xffff;

/** The chip revision a Tigon 2 prototype reports: rev 5, which was never shipped and no firmware supports. */
const TI_REV_TIGON_II_PROTO = 0x50000000;
/** The register pair ti_64bitslot_war writes to see whether the upper 32 data lines are there. */
const TI_PCI_PROBE_LO = 0x600;
const TI_PCI_PROBE_HI = 0x604;

/** How the board sits in its slot, and what is wrong with it: what the host cannot choose. */
export interface ti_board_hw {
  readonly slot_width_bits: 32 | 64; // the slot's data path
  readonly bios_64bit_bug: boolean; // the BIOS set the board up for 64 bits in a 32-bit slot
  readonly fault: BoardFault | undefined; // a defect given to the board (sim/hardware.ts)
}

/** True if the board runs its PCI interface 64 bits wide (correctly, or because of the BIOS bug). */
function pci_64bit_mode(hw: ti_board_hw): boolean {
  return hw.slot_width_bits === 64 || hw.bios_64bit_bug;
}

/** Resets the board to its power-on state for chip revision sc.ti_hwrev, as it sits in its slot. */
export function ti_nic_poweron(sc: ti_softc, hw: ti_board_hw): void {
  const nic = sc.nic;
  nic.hw = hw;
  nic.regs.fill(0);
  const rev = hw.fault === 'chip_rev5' ? TI_REV_TIGON_II_PROTO : sc.ti_hwrev === TI_HWREV_TIGON ? TI_REV_TIGON_I : TI_REV_TIGON_II;
  nic.regs[TI_MISC_HOST_CTL >> 2] = rev;
  if (hw.fault === 'rom_selftest') nic.regs[TI_CPU_STATE >> 2] = TI_CPUSTATE_ROMFAIL;
  // The Tigon 2 reports a 32-bit bus unless it was set up for 64 bits; the Tigon 1 has no such bit.
  nic.regs[TI_PCI_STATE >> 2] = sc.ti_hwrev === TI_HWREV_TIGON_II && !pci_64bit_mode(hw) ? TI_PCISTATE_32BIT_BUS : 0;
  nic.scratch_a = new Uint8Array(sc.ti_hwrev === TI_HWREV_TIGON ? SCRATCH_A_I : SCRATCH_A_II);
  nic.scratch_b = sc.ti_hwrev === TI_HWREV_TIGON_II ? new Uint8Array(SCRATCH_B) : null;
  nic.sram.clear();
  nic.stats = ti_stats_zero();
}

/** The chip revision bits of TI_MISC_HOST_CTL. */
export function ti_nic_chip_rev(sc: ti_softc): number {
  return (sc.nic.regs[TI_MISC_HOST_CTL >> 2] ?? 0) & TI_MHC_CHIP_REV_MASK;
}

function reg(sc: ti_softc, r: number): number {
  return sc.nic.regs[r >> 2] ?? 0;
}

/** CSR_READ_4: a 32-bit register (offsets 0..TI_REG_MAX; the 2 KB window reads SRAM). */
export function CSR_READ_4(sc: ti_softc, r: number): number {
  if (r >= TI_WINDOW && r < TI_WINDOW + TI_WINLEN) return sram_read_word(sc, reg(sc, TI_WINBASE) + (r - TI_WINDOW));
  return reg(sc, r) >>> 0;
}

/** CSR_WRITE_4: writes a register; mailboxes and some general communication registers act at once. */
export function CSR_WRITE_4(sc: ti_softc, r: number, val: number): void {
  const nic = sc.nic;
  const v = val >>> 0;
  if (r >= TI_WINDOW && r < TI_WINDOW + TI_WINLEN) {
    sram_write_word(sc, reg(sc, TI_WINBASE) + (r - TI_WINDOW), v);
    return;
  }
  if (r === TI_MISC_HOST_CTL) {
    // The chip revision is read-only.
    nic.regs[r >> 2] = (v & ~TI_MHC_CHIP_REV_MASK) | (reg(sc, r) & TI_MHC_CHIP_REV_MASK);
    return;
  }
  if (r === TI_CPU_STATE && nic.hw.fault === 'rom_selftest') {
    // The failed self-test stays latched.
    nic.regs[r >> 2] = v | TI_CPUSTATE_ROMFAIL;
    return;
  }
  nic.regs[r >> 2] = v;
  // Set up for 64 bits in a 32-bit slot, the board latches the low word in the high register too.
  if (r === TI_PCI_PROBE_LO && nic.hw.slot_width_bits === 32 && pci_64bit_mode(nic.hw)) nic.regs[TI_PCI_PROBE_HI >> 2] = v;
  if (!nic.fw_running) return;
  switch (r) {
    case TI_MB_SENDPROD_IDX:
      stat_add(sc, 'nicRingSetSendProdIndex');
      nic_trace(sc, TI_TRACE_TYPE_MAILBOX, r, v);
      ti_nic_tx_dma(sc);
      break;
    case TI_MB_STDRXPROD_IDX:
      nic.std_prod = v % TI_STD_RX_RING_CNT;
      nic_rx_refilled(sc);
      break;
    case TI_MB_MINIRXPROD_IDX:
      nic.mini_prod = v % TI_MINI_RX_RING_CNT;
      nic_rx_refilled(sc);
      break;
    case TI_MB_JUMBORXPROD_IDX:
      nic.jumbo_prod = v % TI_JUMBO_RX_RING_CNT;
      nic_rx_refilled(sc);
      break;
    case TI_MB_HOSTINTR:
      if (v === 0 && (nic.ret_visible.length > 0 || nic.events.length > 0)) nic_raise_intr(sc);
      break;
    case TI_GCR_STAT_TICKS:
      nic.next_stats_ns = sim_of(sc.kernel).now_ns + v * 1000;
      break;
    default:
      break;
  }
}

// ---- SRAM: big-endian 32-bit words, kept in 2 KB windows ----

function sram_window(sc: ti_softc, addr: number, create: boolean): Uint8Array | undefined {
  const base = addr - (addr % TI_WINLEN);
  let w = sc.nic.sram.get(base);
  if (w === undefined && create) sc.nic.sram.set(base, (w = new Uint8Array(TI_WINLEN)));
  return w;
}

/** One byte of NIC SRAM as stored (the NIC's big-endian order). */
export function ti_sram_byte(sc: ti_softc, addr: number): number {
  return sram_window(sc, addr, false)?.[addr % TI_WINLEN] ?? 0;
}

/** Stores one byte of NIC SRAM. */
export function ti_sram_set_byte(sc: ti_softc, addr: number, v: number): void {
  const w = sram_window(sc, addr, true) as Uint8Array;
  w[addr % TI_WINLEN] = v & 0xff;
}

function sram_read_word(sc: ti_softc, addr: number): number {
  const a = addr & ~3;
  return ((ti_sram_byte(sc, a) << 24) | (ti_sram_byte(sc, a + 1) << 16) | (ti_sram_byte(sc, a + 2) << 8) | ti_sram_byte(sc, a + 3)) >>> 0;
}

function sram_write_word(sc: ti_softc, addr: number, v: number): void {
  const a = addr & ~3;
  ti_sram_set_byte(sc, a, v >>> 24);
  ti_sram_set_byte(sc, a + 1, v >>> 16);
  ti_sram_set_byte(sc, a + 2, v >>> 8);
  ti_sram_set_byte(sc, a + 3, v);
}

/** ti_mem(sc, addr, len, NULL): zeroes NIC SRAM (whole windows inside the range are dropped). */
export function ti_sram_zero(sc: ti_softc, addr: number, len: number): void {
  for (const [base, w] of sc.nic.sram) {
    const lo = Math.max(base, addr);
    const hi = Math.min(base + TI_WINLEN, addr + len);
    if (lo >= hi) continue;
    if (lo === base && hi === base + TI_WINLEN) sc.nic.sram.delete(base);
    else w.fill(0, lo - base, hi - base);
  }
}

/** The storage of CPU `cpu`'s scratchpad (TI_PROCESSOR_A or _B; B only on a Tigon 2), or null. */
export function ti_scratch(sc: ti_softc, cpu: number): Uint8Array | null {
  return cpu === 0 ? sc.nic.scratch_a : sc.nic.scratch_b;
}

// ---- statistics ----

/** Adds `n` to live counter `name`, after bringing the host copy up to date. */
export function stat_add(sc: ti_softc, name: string, n = 1): void {
  ti_nic_stats_sync(sc);
  const s = sc.nic.stats;
  const v = s[name];
  s[name] = (typeof v === 'number' ? v : 0) + n;
}

/** Sets live counter `name`. */
export function stat_set(sc: ti_softc, name: string, v: number | number[]): void {
  ti_nic_stats_sync(sc);
  sc.nic.stats[name] = v;
}

function clone_stats(s: ti_stats): ti_stats {
  const c: ti_stats = {};
  for (const [k, v] of Object.entries(s)) c[k] = Array.isArray(v) ? [...v] : v;
  return c;
}

/**
 * Performs the statistics DMAs that fell due since the last look: the host
 * copy becomes the counters as they were at the last due time (nothing
 * changed between the last change and then, so that is the live block).
 */
export function ti_nic_stats_sync(sc: ti_softc): void {
  const nic = sc.nic;
  const period = reg(sc, TI_GCR_STAT_TICKS) * 1000;
  if (!nic.fw_running || period === 0) return;
  const now = sim_of(sc.kernel).now_ns;
  if (now < nic.next_stats_ns) return;
  const n = Math.floor((now - nic.next_stats_ns) / period) + 1;
  nic.next_stats_ns += n * period;
  ti_nic_bd_counts(sc);
  const v = nic.stats['nicEventsStatsUpdated'];
  nic.stats['nicEventsStatsUpdated'] = (typeof v === 'number' ? v : 0) + n;
  sc.ti_stats_host = clone_stats(nic.stats);
  nic_trace(sc, TI_TRACE_TYPE_STATS, n, 0);
  nic.events.push({ ev: TI_EV_STATS_UPDATED, code: 0 });
  nic_raise_intr(sc);
}

// ---- trace ----

function nic_trace(sc: ti_softc, type: number, a: number, b: number): void {
  const mask = reg(sc, TI_GCR_NIC_TRACING);
  if ((mask & type) === 0) return;
  const start = reg(sc, TI_GCR_NICTRACE_START);
  const len = reg(sc, TI_GCR_NICTRACE_LEN);
  let ptr = reg(sc, TI_GCR_NICTRACE_PTR);
  if (ptr < start || ptr + TI_SIM_TRACE_ENTRY_BYTES > start + len) ptr = start;
  const us = Math.floor(sim_of(sc.kernel).now_ns / 1000);
  [type, us, a, b].forEach((w, i) => sram_write_word(sc, ptr + 4 * i, w >>> 0));
  ptr += TI_SIM_TRACE_ENTRY_BYTES;
  if (ptr + TI_SIM_TRACE_ENTRY_BYTES > start + len) ptr = start;
  sc.nic.regs[TI_GCR_NICTRACE_PTR >> 2] = ptr;
  sc.nic.trace_seq++;
}

// ---- firmware start/stop, commands, events, interrupts ----

/** The firmware is loaded and started: TI_EV_FIRMWARE_UP, and the trace ring is set up. */
export function ti_nic_fw_start(sc: ti_softc): void {
  const nic = sc.nic;
  nic.fw_running = true;
  nic.regs[TI_CPU_STATE >> 2] = 0;
  nic.rcb = { ...sc.ti_rcb }; // the firmware reads the ring control blocks from the general information block
  nic.regs[TI_GCR_NICTRACE_START >> 2] = TI_SIM_TRACE_START;
  nic.regs[TI_GCR_NICTRACE_LEN >> 2] = TI_SIM_TRACE_LEN;
  nic.regs[TI_GCR_NICTRACE_PTR >> 2] = TI_SIM_TRACE_START;
  nic.next_stats_ns = sim_of(sc.kernel).now_ns + reg(sc, TI_GCR_STAT_TICKS) * 1000;
  stat_set(sc, 'ifType', 6);
  stat_set(sc, 'ifDescr', Array.from({ length: 32 }, (_, i) => 'Alteon Tigon'.charCodeAt(i) || 0));
  // TI_EV_FIRMWARE_UP: counted, but the driver runs ti_init2 at once instead of from the event.
  stat_add(sc, 'nicEventsNICFirmwareOperational');
}

/** Halts the board's CPUs: every frame, descriptor, timer and event in flight is dropped. */
export function ti_nic_halt(sc: ti_softc): void {
  const nic = sc.nic;
  const sim = sim_of(sc.kernel);
  nic.gen++;
  if (nic.rx_timer !== null) sim.cancel(nic.rx_timer);
  if (nic.tx_timer !== null) sim.cancel(nic.tx_timer);
  nic.rx_timer = nic.tx_timer = null;
  nic.fw_running = false;
  nic.ret_pending = [];
  nic.ret_visible = [];
  nic.events = [];
  nic.tx_wire_queue = [];
  nic.tx_in_mac = false;
  nic.intr_pending = false;
  nic.tx_hung = false;
  nic.tx_paused_until_ns = 0;
  nic.xoff_sent = false;
  nic.std_cons = nic.mini_cons = nic.jumbo_cons = 0;
  nic.std_prod = nic.mini_prod = nic.jumbo_prod = 0;
  nic.tx_dma_idx = 0;
  nic.tx_cons_pending = 0;
  nic.tx_bds_pending = 0;
  nic.regs[TI_MISC_HOST_CTL >> 2] = (reg(sc, TI_MISC_HOST_CTL) & ~TI_MHC_INTSTATE) >>> 0;
}

const CMD_STAT: Readonly<Record<number, string>> = {
  [TI_CMD_HOST_STATE]: 'nicCmdsHostState',
  [TI_CMD_FDR_FILTERING]: 'nicCmdsFDRFiltering',
  0x03: 'nicCmdsSetRecvProdIndex',
  [TI_CMD_UPDATE_GENCOM]: 'nicCmdsUpdateGencommStats',
  0x05: 'nicCmdsResetJumboRing',
  [TI_CMD_SET_PROMISC_MODE]: 'nicCmdsSetPromiscMode',
  [TI_CMD_LINK_NEGOTIATION]: 'nicCmdsLinkNegotiate',
  [TI_CMD_SET_MAC_ADDR]: 'nicCmdsSetMACAddr',
  0x0d: 'nicCmdsClearProfile',
  0x0e: 'nicCmdsSetMulticastMode',
  [TI_CMD_CLR_STATS]: 'nicCmdsClearStats',
  0x10: 'nicCmdsSetRecvJumboProdIndex',
  0x11: 'nicCmdsRefreshStats',
};

/** ti_cmd: the firmware executes one command from the command ring. */
export function ti_fw_cmd(sc: ti_softc, cmd: number, code: number, idx: number): void {
  if (!sc.nic.fw_running) return;
  stat_add(sc, CMD_STAT[cmd] ?? 'nicCmdsUnknown');
  nic_trace(sc, TI_TRACE_TYPE_COMMAND, cmd, (code << 12) | idx);
  switch (cmd) {
    case TI_CMD_UPDATE_GENCOM:
      stat_set(sc, 'ifIndex', reg(sc, TI_GCR_IFINDEX));
      stat_set(sc, 'ifMtu', reg(sc, TI_GCR_IFMTU) - ETHER_HDR_LEN - ETHER_CRC_LEN);
      break;
    case TI_CMD_SET_MAC_ADDR:
      stat_set(sc, 'ifPhysAddress', [...sc.port_ifp.ac_enaddr, 0, 0]);
      break;
    case TI_CMD_SET_PROMISC_MODE:
      stat_set(sc, 'ifPromiscuousMode', code === 0x01 ? 1 : 2);
      break;
    case TI_CMD_HOST_STATE:
      stat_set(sc, 'ifAdminStatus', code === TI_CMD_CODE_STACK_UP ? 1 : 2);
      break;
    case TI_CMD_LINK_NEGOTIATION:
      nic_link_negotiate(sc, code);
      break;
    case 0x03:
      sc.nic.std_prod = idx % TI_STD_RX_RING_CNT;
      nic_rx_refilled(sc);
      break;
    case 0x10:
      sc.nic.jumbo_prod = idx % TI_JUMBO_RX_RING_CNT;
      nic_rx_refilled(sc);
      break;
    case TI_CMD_CLR_STATS:
      sc.nic.stats = ti_stats_zero();
      break;
    default:
      break;
  }
}

function nic_post_event(sc: ti_softc, ev: number, code: number): void {
  nic_trace(sc, TI_TRACE_TYPE_EVENT, ev, code);
  if (ev === TI_EV_LINKSTAT_CHANGED) stat_add(sc, 'nicEventsLinkStateChanged');
  sc.nic.events.push({ ev, code });
  nic_raise_intr(sc);
}

function nic_raise_intr(sc: ti_softc): void {
  const nic = sc.nic;
  if (!nic.fw_running || reg(sc, TI_MB_HOSTINTR) !== 0) return;
  if (nic.intr_pending) {
    stat_add(sc, 'nicAvoidedInterrupts');
    return;
  }
  nic.intr_pending = true;
  stat_add(sc, 'nicInterrupts');
  nic.regs[TI_MISC_HOST_CTL >> 2] = (reg(sc, TI_MISC_HOST_CTL) | TI_MHC_INTSTATE) >>> 0;
  const gen = nic.gen;
  cpu_run(sc.kernel, 'interrupt', machine_costs(sc.kernel).interrupt_ns, () => {
    if (gen !== nic.gen) return;
    nic.intr_pending = false;
    nic.regs[TI_MISC_HOST_CTL >> 2] = (reg(sc, TI_MISC_HOST_CTL) & ~TI_MHC_INTSTATE) >>> 0;
    sc.ti_intr_fn(sc);
  });
}

/** The host takes what the last producer-index DMAs showed it (ti_rxeof, ti_handle_events). */
export function ti_nic_take_returns(sc: ti_softc): ti_rx_return[] {
  const r = sc.nic.ret_visible;
  sc.nic.ret_visible = [];
  return r;
}

/** The host takes the event ring's new entries. */
export function ti_nic_take_events(sc: ti_softc): { ev: number; code: number }[] {
  const e = sc.nic.events;
  sc.nic.events = [];
  return e;
}

// ---- link ----

function wire_mbps(sc: ti_softc): number {
  const w = sc.port_wire;
  return w === null ? 0 : Math.round(w.wire.rate_bps / 1e6);
}

// TI_CMD_LINK_NEGOTIATION against what the cable offers.
function nic_link_negotiate(sc: ti_softc, code: number): void {
  const nic = sc.nic;
  nic.neg_code = code;
  nic_trace(sc, TI_TRACE_TYPE_LNK_NEG, code, wire_mbps(sc));
  const mbps = nic.link_partner_up ? wire_mbps(sc) : 0;
  const glink = reg(sc, TI_GCR_GLINK);
  const link = reg(sc, TI_GCR_LINK);
  let ev = TI_EV_CODE_LINK_DOWN;
  nic.regs[TI_GCR_GLINK_STAT >> 2] = 0;
  nic.regs[TI_GCR_LINK_STAT >> 2] = 0;
  const want_gig = code !== TI_CMD_CODE_NEGOTIATE_10_100;
  const want_10_100 = code !== TI_CMD_CODE_NEGOTIATE_GIGABIT && sc.ti_copper;
  if (mbps === 1000 && want_gig) {
    ev = TI_EV_CODE_GIG_LINK_UP;
    // The partner always offers full duplex; forcing half duplex on the fiber board leaves it off.
    nic.regs[TI_GCR_GLINK_STAT >> 2] = TI_GLNK_1000MB | ((glink & TI_GLNK_FULL_DUPLEX) !== 0 ? TI_GLNK_FULL_DUPLEX : 0);
  } else if ((mbps === 100 || mbps === 10) && want_10_100) {
    const speed = mbps === 100 ? TI_LNK_100MB : TI_LNK_10MB;
    if ((link & speed) !== 0) {
      ev = TI_EV_CODE_LINK_UP;
      nic.regs[TI_GCR_LINK_STAT >> 2] = speed | TI_LNK_FULL_DUPLEX;
    }
  }
  const speed_mbps = ev === TI_EV_CODE_GIG_LINK_UP ? 1000 : ev === TI_EV_CODE_LINK_UP ? mbps : 0;
  stat_set(sc, 'ifSpeed', speed_mbps * 1e6);
  stat_set(sc, 'ifHighSpeed', speed_mbps);
  stat_set(sc, 'ifOperStatus', ev === TI_EV_CODE_LINK_DOWN ? 2 : 1);
  stat_set(sc, 'ifConnectorPresent', nic.link_partner_up ? 1 : 2);
  nic_post_event(sc, TI_EV_LINKSTAT_CHANGED, ev);
  if (ev !== TI_EV_CODE_LINK_DOWN) nic_mac_tx(sc);
}

/** The cable was connected (or the partner vanished): the firmware renegotiates as last asked. */
export function ti_nic_link(sc: ti_softc, up: boolean): void {
  sc.nic.link_partner_up = up;
  if (!sc.nic.fw_running) return;
  nic_link_negotiate(sc, sc.nic.neg_code);
}

function link_is_up(sc: ti_softc): boolean {
  return reg(sc, TI_GCR_GLINK_STAT) !== 0 || reg(sc, TI_GCR_LINK_STAT) !== 0;
}

// ---- transmit ----

/** The NIC reads the send descriptors up to the producer index and queues their frames for the MAC. */
export function ti_nic_tx_dma(sc: ti_softc): void {
  const nic = sc.nic;
  let nbds = 0;
  const prod = reg(sc, TI_MB_SENDPROD_IDX) % TI_TX_RING_CNT;
  while (nic.tx_dma_idx !== prod) {
    const idx = nic.tx_dma_idx;
    nbds++;
    nic.tx_dma_idx = (idx + 1) % TI_TX_RING_CNT;
    const m = sc.ti_tx_chain[idx] ?? null;
    if (m === null) continue; // not the packet's last descriptor (TI_BDFLAG_END)
    const frame = new Uint8Array(m.m_pkthdr.len);
    m_copydata(m, 0, frame.length, frame);
    // The checksum engine fills in what the descriptor asks, if the send ring has it enabled.
    const bd = sc.ti_tx_flags[idx] ?? 0;
    const ip = (bd & TI_BDFLAG_IP_CKSUM) !== 0 && (nic.rcb.tx & TI_RCB_FLAG_IP_CKSUM) !== 0;
    const l4 = (bd & TI_BDFLAG_TCP_UDP_CKSUM) !== 0 && (nic.rcb.tx & TI_RCB_FLAG_TCP_UDP_CKSUM) !== 0;
    if (ip || l4) nic_tx_cksum(frame, frame_ipv4(frame), ip, l4);
    // The read DMA of the descriptors and the frame over the PCI bus: the MAC can send it once that is done.
    const ready_ns = pci_of(sc.kernel).dma('read', nbds * TI_TX_DESC_BYTES + frame.length);
    nic.tx_wire_queue.push({ frame, last: idx, nbds, ready_ns });
    nic_trace(sc, TI_TRACE_TYPE_SEND, idx, frame.length);
    nbds = 0;
  }
  nic_mac_tx(sc);
}

function count_out(sc: ti_softc, frame: Uint8Array): void {
  stat_add(sc, 'ifHCOutOctets', frame.length + ETHER_CRC_LEN);
  const dst = frame.subarray(0, 6);
  if (!ETHER_IS_MULTICAST(dst)) stat_add(sc, 'ifHCOutUcastPkts');
  else if (ether_addr_equal(dst, etherbroadcastaddr)) stat_add(sc, 'ifHCOutBroadcastPkts');
  else stat_add(sc, 'ifHCOutMulticastPkts');
}

// The MAC sends one frame at a time, in order, unless paused or hung.
function nic_mac_tx(sc: ti_softc): void {
  const nic = sc.nic;
  const wire = sc.port_wire;
  if (nic.tx_in_mac || nic.tx_hung || wire === null || !nic.fw_running || !link_is_up(sc)) return;
  const f = nic.tx_wire_queue[0];
  if (f === undefined) return;
  const sim = sim_of(sc.kernel);
  const gen = nic.gen;
  if (sim.now_ns < nic.tx_paused_until_ns) {
    sim.schedule_at(nic.tx_paused_until_ns, () => {
      if (gen === nic.gen) nic_mac_tx(sc);
    });
    return;
  }
  nic.tx_wire_queue.shift();
  nic.tx_in_mac = true;
  count_out(sc, f.frame);
  nic_trace(sc, TI_TRACE_TYPE_MAC, f.last, f.frame.length);
  wire.transmit(
    f.frame,
    () => {
      if (gen !== nic.gen) return;
      nic.tx_in_mac = false;
      nic_tx_done(sc, f.last, f.nbds);
      nic_mac_tx(sc);
    },
    f.ready_ns,
  );
}

// A frame has left: advance the send consumer index, DMA'd to the host as coalescing allows.
function nic_tx_done(sc: ti_softc, last: number, nbds: number): void {
  const nic = sc.nic;
  nic.tx_cons_pending = (last + 1) % TI_TX_RING_CNT;
  nic.tx_bds_pending += nbds;
  const maxbd = reg(sc, TI_GCR_TX_MAX_COAL_BD);
  const ticks = reg(sc, TI_GCR_TX_COAL_TICKS);
  if (maxbd > 0 && nic.tx_bds_pending >= maxbd) {
    stat_add(sc, 'nicSendThresholdHit');
    nic_tx_update(sc);
  } else if (ticks > 0) {
    if (nic.tx_timer === null) {
      const gen = nic.gen;
      nic.tx_timer = sim_of(sc.kernel).schedule_after(ticks * 1000, () => {
        if (gen !== nic.gen) return;
        nic.tx_timer = null;
        nic_tx_update(sc);
      });
    }
  } else if (maxbd === 0) {
    nic_tx_update(sc);
  }
}

function nic_tx_update(sc: ti_softc): void {
  const nic = sc.nic;
  if (nic.tx_timer !== null) sim_of(sc.kernel).cancel(nic.tx_timer);
  nic.tx_timer = null;
  if (nic.tx_bds_pending === 0) return;
  nic.tx_bds_pending = 0;
  sc.ti_tx_considx = nic.tx_cons_pending;
  stat_add(sc, 'nicRingSetSendConsIndex');
  nic_raise_intr(sc);
}

// ---- flow control ----

function pause_frame(sc: ti_softc, quanta: number): Uint8Array {
  const f = new Uint8Array(60);
  f.set(PAUSE_DST, 0);
  f.set(sc.port_ifp.ac_enaddr, 6);
  const dv = new DataView(f.buffer);
  dv.setUint16(12, ETHERTYPE_MAC_CONTROL);
  dv.setUint16(14, MAC_CONTROL_PAUSE);
  dv.setUint16(16, quanta);
  return f;
}

function rx_flowctl_on(sc: ti_softc): boolean {
  return ((reg(sc, TI_GCR_GLINK) & TI_GLNK_RX_FLOWCTL_Y) | (reg(sc, TI_GCR_LINK) & TI_LNK_RX_FLOWCTL_Y)) !== 0;
}

function tx_flowctl_on(sc: ti_softc): boolean {
  return ((reg(sc, TI_GCR_GLINK) & TI_GLNK_TX_FLOWCTL_Y) | (reg(sc, TI_GCR_LINK) & TI_LNK_TX_FLOWCTL_Y)) !== 0;
}

function send_pause(sc: ti_softc, quanta: number): void {
  const w = sc.port_wire;
  if (w === null) return;
  sc.nic.xoff_sent = quanta !== 0;
  nic_trace(sc, TI_TRACE_TYPE_MAC, ETHERTYPE_MAC_CONTROL, quanta);
  w.transmit(pause_frame(sc, quanta), () => {});
}

// A PAUSE from the partner.
function nic_rx_pause(sc: ti_softc, data: Uint8Array): void {
  stat_add(sc, 'nicMacRxFlowControl');
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  if (data.length < 18 || dv.getUint16(14) !== MAC_CONTROL_PAUSE) return;
  if (sc.ti_hwrev !== TI_HWREV_TIGON_II || !tx_flowctl_on(sc)) return; // Tigon 1: transmit flow control does not work
  const quanta = dv.getUint16(16);
  const w = sc.port_wire;
  if (quanta === 0 || w === null) return;
  sc.nic.tx_paused_until_ns = sim_of(sc.kernel).now_ns + w.wire.ns_for_bytes((quanta * PAUSE_QUANTUM_BITS) / 8);
  // The Tigon 2 firmware's transmitter does not come back from a pause.
  sc.nic.tx_hung = true;
}

function ring_avail(prod: number, cons: number, cnt: number): number {
  return (prod - cons + cnt) % cnt;
}

// The host posted buffers: say "resume" once every ring in use has enough again.
function nic_rx_refilled(sc: ti_softc): void {
  const nic = sc.nic;
  if (!nic.xoff_sent) return;
  const std = ring_avail(nic.std_prod, nic.std_cons, TI_STD_RX_RING_CNT);
  const jumbo = sc.ti_rx_jumbo_chain.some((m) => m !== null) ? ring_avail(nic.jumbo_prod, nic.jumbo_cons, TI_JUMBO_RX_RING_CNT) : Infinity;
  if (std >= TI_FLOWCTL_HIWAT_BDS && jumbo >= TI_FLOWCTL_HIWAT_BDS) send_pause(sc, 0);
}

// ---- receive ----

/**
 * The header-splitting firmware's idea of the headers: Ethernet + IPv4 +
 * TCP or UDP, for a frame that is not a later fragment; 0 otherwise.
 */
export function ti_fw_hdr_len(data: Uint8Array): number {
  const l = frame_ipv4(data);
  if (l === null || !l.first_frag) return 0;
  if (l.proto === 6 && data.length >= l.l4_off + 20) return l.l4_off + ((data[l.l4_off + 12] ?? 0) >> 4) * 4;
  if (l.proto === 17 && data.length >= l.l4_off + 8) return l.l4_off + 8;
  return 0;
}

// Copies `data` into the chain's buffers in order: the first takes at most
// `first_cap` bytes, each following one up to its m_len. Returns false if
// the chain is too short.
function dma_into_chain(m: mbuf, data: Uint8Array, first_cap: number): boolean {
  let off = 0;
  let first = true;
  for (let p: mbuf | null = m; p !== null && off < data.length; p = p.m_next) {
    const cap = first ? Math.min(first_cap, p.m_len) : p.m_len;
    first = false;
    const n = Math.min(cap, data.length - off);
    m_storage(p).set(data.subarray(off, off + n), p.m_data);
    off += n;
  }
  return off === data.length;
}

function count_in(sc: ti_softc, data: Uint8Array): void {
  stat_add(sc, 'ifHCInOctets', data.length + ETHER_CRC_LEN);
  const dst = data.subarray(0, 6);
  if (!ETHER_IS_MULTICAST(dst)) stat_add(sc, 'ifHCInUcastPkts');
  else if (ether_addr_equal(dst, etherbroadcastaddr)) stat_add(sc, 'ifHCInBroadcastPkts');
  else stat_add(sc, 'ifHCInMulticastPkts');
}

/** The MAC received `frame` from the wire. */
export function ti_mac_rx(sc: ti_softc, frame: WireFrame): void {
  const nic = sc.nic;
  if (!nic.fw_running) return; // the receiver is off: the frame is not even counted
  const data = frame.data;
  if (!wire_fcs_ok(frame)) {
    stat_add(sc, 'dot3StatsFCSErrors');
    stat_add(sc, 'ifInErrors');
    return;
  }
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  if (dv.getUint16(12) === ETHERTYPE_MAC_CONTROL) {
    nic_rx_pause(sc, data);
    return;
  }
  const dst = data.subarray(0, 6);
  if (!ETHER_IS_MULTICAST(dst) && !ether_addr_equal(dst, sc.port_ifp.ac_enaddr) && (sc.port_ifp.if_flags & IFF_PROMISC) === 0) {
    stat_add(sc, 'nicMacRxDropUla');
    return;
  }
  const len = data.length;
  if (len + ETHER_CRC_LEN > reg(sc, TI_GCR_IFMTU)) {
    stat_add(sc, 'dot3StatsFrameTooLongs');
    stat_add(sc, 'ifInErrors');
    return;
  }
  count_in(sc, data);
  nic_trace(sc, TI_TRACE_TYPE_RECV, len, 0);
  // The mini buffers are all one size; the one at the consumer index is nearly always posted.
  const mini_len = (sc.ti_rx_mini_chain[nic.mini_cons] ?? sc.ti_rx_mini_chain.find((m) => m !== null))?.m_len ?? 0;
  const ring: ti_ring =
    sc.ti_hwrev === TI_HWREV_TIGON_II && mini_len > 0 && len <= mini_len ? 'mini' : len + ETHER_CRC_LEN <= TI_FRAMELEN ? 'std' : 'jumbo';
  const [prod, cons, cnt, chain] =
    ring === 'mini'
      ? [nic.mini_prod, nic.mini_cons, TI_MINI_RX_RING_CNT, sc.ti_rx_mini_chain]
      : ring === 'std'
        ? [nic.std_prod, nic.std_cons, TI_STD_RX_RING_CNT, sc.ti_rx_std_chain]
        : [nic.jumbo_prod, nic.jumbo_cons, TI_JUMBO_RX_RING_CNT, sc.ti_rx_jumbo_chain];
  const avail = ring_avail(prod, cons, cnt);
  const m = chain[cons] ?? null;
  if (avail === 0 || m === null) {
    stat_add(sc, 'nicNoMoreRxBDs');
    stat_add(sc, 'ifInDiscards');
    if (rx_flowctl_on(sc) && !nic.xoff_sent) send_pause(sc, PAUSE_QUANTA_XOFF);
    return;
  }
  const next = (cons + 1) % cnt;
  if (ring === 'mini') nic.mini_cons = next;
  else if (ring === 'std') nic.std_cons = next;
  else nic.jumbo_cons = next;
  let hdr_len = 0;
  let flags = ring === 'mini' ? TI_BDFLAG_MINI_RING : ring === 'jumbo' ? TI_BDFLAG_JUMBO_RING : 0;
  let err = 0;
  const split = ring === 'jumbo' && (reg(sc, TI_GCR_OPMODE) & TI_OPMODE_JUMBO_HDRSPLIT) !== 0;
  if (split) hdr_len = ti_fw_hdr_len(data);
  if (!dma_into_chain(m, data, hdr_len !== 0 ? hdr_len : m.m_len)) {
    flags |= TI_BDFLAG_ERROR;
    err = TI_BDERR_GIANT;
  }
  nic_trace(sc, TI_TRACE_TYPE_RECV_BD, cons, len);
  if (rx_flowctl_on(sc) && !nic.xoff_sent && avail - 1 <= TI_FLOWCTL_LOWAT_BDS) send_pause(sc, PAUSE_QUANTA_XOFF);
  // The receive checksum engine, if this ring has it enabled: the driver reports its sums up.
  const rcb = ring === 'mini' ? nic.rcb.mini : ring === 'std' ? nic.rcb.std : nic.rcb.jumbo;
  const sums = (rcb & (TI_RCB_FLAG_TCP_UDP_CKSUM | TI_RCB_FLAG_IP_CKSUM)) !== 0 ? nic_rx_cksum(data, frame_ipv4(data)) : null;
  const desc: ti_rx_return = {
    ti_idx: cons,
    ti_flags: flags,
    ti_len: len,
    ti_addr: hdr_len,
    ti_error_flags: err,
    ti_ip_cksum: sums !== null && (rcb & TI_RCB_FLAG_IP_CKSUM) !== 0 ? sums.ip_sum : 0,
    ti_tcp_udp_cksum: sums !== null && (rcb & TI_RCB_FLAG_TCP_UDP_CKSUM) !== 0 ? sums.l4_sum : 0,
  };
  // The write DMA over the PCI bus: the frame, then its return descriptor. The
  // buffer's own descriptor was read when the host posted it (counted here too).
  const bd_bytes = ring === 'jumbo' && (rcb & TI_RCB_FLAG_USE_EXT_RX_BD) !== 0 ? TI_RX_DESC_EXT_BYTES : TI_RX_DESC_BYTES;
  const done_ns = pci_of(sc.kernel).dma('write', bd_bytes + len + TI_RX_DESC_BYTES);
  const gen = nic.gen;
  sim_of(sc.kernel).schedule_at(done_ns, () => {
    if (gen === nic.gen) nic_rx_returned(sc, desc);
  });
}

// A return descriptor is written; its producer index goes to the host as coalescing allows.
function nic_rx_returned(sc: ti_softc, desc: ti_rx_return): void {
  const nic = sc.nic;
  nic.ret_pending.push(desc);
  const maxbd = reg(sc, TI_GCR_RX_MAX_COAL_BD);
  const ticks = reg(sc, TI_GCR_RX_COAL_TICKS);
  if (maxbd > 0 && nic.ret_pending.length >= maxbd) {
    stat_add(sc, 'nicRecvThresholdHit');
    nic_rx_update(sc);
  } else if (ticks > 0) {
    if (nic.rx_timer === null) {
      const gen = nic.gen;
      nic.rx_timer = sim_of(sc.kernel).schedule_after(ticks * 1000, () => {
        if (gen !== nic.gen) return;
        nic.rx_timer = null;
        nic_rx_update(sc);
      });
    }
  } else if (maxbd === 0) {
    nic_rx_update(sc);
  }
}

function nic_rx_update(sc: ti_softc): void {
  const nic = sc.nic;
  if (nic.rx_timer !== null) sim_of(sc.kernel).cancel(nic.rx_timer);
  nic.rx_timer = null;
  if (nic.ret_pending.length === 0) return;
  nic.ret_visible.push(...nic.ret_pending);
  nic.ret_pending = [];
  stat_add(sc, 'nicRingSetRecvReturnProdIndex');
  nic_raise_intr(sc);
}

// The "current count" fields (nic*BDs): posted receive buffers and send BDs not yet consumed.
function ti_nic_bd_counts(sc: ti_softc): void {
  const nic = sc.nic;
  const s = nic.stats;
  s['nicRecvBDs'] = ring_avail(nic.std_prod, nic.std_cons, TI_STD_RX_RING_CNT);
  s['nicJumboRecvBDs'] = ring_avail(nic.jumbo_prod, nic.jumbo_cons, TI_JUMBO_RX_RING_CNT);
  s['nicMiniRecvBDs'] = ring_avail(nic.mini_prod, nic.mini_cons, TI_MINI_RX_RING_CNT);
  s['nicTotalRecvBDs'] = (s['nicRecvBDs'] as number) + (s['nicJumboRecvBDs'] as number) + (s['nicMiniRecvBDs'] as number);
  s['nicSendBDs'] = s['nicTotalSendBDs'] = ring_avail(reg(sc, TI_MB_SENDPROD_IDX) % TI_TX_RING_CNT, sc.ti_tx_considx, TI_TX_RING_CNT);
}

/** True if the Tigon 2 transmit flow-control hang has the transmitter stopped. */
export function ti_nic_tx_hung(sc: ti_softc): boolean {
  return sc.nic.tx_hung;
}

