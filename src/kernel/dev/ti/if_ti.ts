// ti(4): the Alteon Networks Tigon I/II gigabit Ethernet driver.
// Mirrors sys/pci/if_ti.c (FreeBSD 5.0, 2002: Bill Paul's driver with Ken
// Merry's header splitting, character device and debugging support, and
// Andrew Gallatin's zero copy work), driving the simulated board of
// dev/ti/ti_nic.ts. Jumbo buffers are in ti_jumbo.ts, /dev/tiN in ti_cdev.ts.
//
// How to use:
//   boot(GENERIC, { sim, nics: ['ti'] })            // Tigon 2, 1000baseSX (3c985B-SX)
//   boot(GENERIC, { sim, nics: ['ti-tigon1'] })     // Tigon 1 (3c985-SX): no mini ring, no header splitting
//   boot(GENERIC, { sim, nics: ['ti-copper'] })     // Tigon 2, 1000baseT (GA620T): 10/100/1000
//   boot(GENERIC + 'options TI_JUMBO_HDRSPLIT\n', ...)  or 'options TI_PRIVATE_JUMBOS\n'
//   ifconfig(kernel, ['ti0', 'mtu', '9000', 'up']);  // jumbo ring filled since MTU > 1518
//   ifconfig(kernel, ['ti0', 'media', '1000baseSX', 'mediaopt', 'full-duplex']);
//   ti_softc_of(ifunit(kernel, 'ti0'))              // the softc, read-only for callers
//
// Behaviour (see ti_nic.ts for the board's side):
//   - attach: prints the board, its address (Alteon's OUI 00:60:cf, then
//     the machine number and unit), makes /dev/tiN (root, operator, 0600),
//     sets the 2002 defaults (ti_stat_ticks 2 s, ti_rx_coal_ticks 170 us,
//     ti_tx_coal_ticks 2000 us, ti_rx_max_coal_bds 64, ti_tx_max_coal_bds 32,
//     ti_tx_buf_ratio 21) and calls jumbo_vm_init() (or, with
//     TI_PRIVATE_JUMBOS, allocates the private pool). On a Tigon 1 built
//     with TI_JUMBO_HDRSPLIT it prints "can't do header splitting on a
//     Tigon I board" (at every chip init, as 2002's ti_chipinit did).
//   - init (up, MTU change, watchdog): stops the board, reloads the
//     firmware, fills 256 of the 512 standard slots, the 256 jumbo slots
//     if MTU > 1518 (ETHERMTU + header + CRC: the 2002 test), 256 of the
//     1024 mini slots on a Tigon 2, and negotiates the link. The firmware
//     comes up at once (a real one takes a second or two).
//   - receive: one interrupt per coalescing period; per frame the CPU pays
//     driver_rx_desc_ns (plus mbuf_ns per extra buffer of a jumbo chain)
//     to replace the buffer and pass the frame to ether_input. No
//     replacement buffer: the frame is dropped (if_ierrors) and its buffer
//     goes back in the ring.
//   - transmit: a descriptor per non-empty mbuf, driver_tx_desc_ns each;
//     ti_encap keeps 16 descriptors in reserve; mbufs are freed when the
//     board's coalesced consumer index shows them sent.
//   - transmit flow control is never requested (2002: "#if 0"): on a Tigon 2
//     it hangs the interface. Writing TI_GLNK_TX_FLOWCTL_Y into TI_GCR_GLINK
//     through ALT_WRITE_TG_REG shows why (ti_nic.ts).
//   - watchdog: 5 s after a transmit with no completion, "watchdog timeout
//     -- resetting" and ti_init, unless /dev/tiN is open (TI_FLAG_DEBUGING).
//   - checksums: the board computes and checks IP, TCP and UDP checksums
//     (if_capabilities IFCAP_HWCSUM, on by default as in 2002), so neither
//     TCP sums a byte: ti_chipinit sets if_hwassist to TI_CSUM_FEATURES,
//     ti_gibinit asks every ring's firmware for the sums, ti_encap marks
//     each descriptor from the packet's csum_flags and ti_rxeof hands the
//     board's sums up (CSUM_IP_CHECKED | CSUM_DATA_VALID). `ifconfig ti0
//     -rxcsum` (or -txcsum) turns both directions off together, since the
//     driver toggles IFCAP_HWCSUM as a whole, and reinitialises the board;
//     only then does it keep one DMA channel active (TI_OPMODE_1_DMA_ACTIVE).

import type { Kernel } from '../../kern/init_main.ts';
import { callout, callout_reset, callout_stop } from '../../kern/kern_timeout.ts';
import { hz } from '../../kern/kern_clock.ts';
import { getmicrotime } from '../../kern/kern_tc.ts';
import { make_dev, GID_OPERATOR, UID_ROOT } from '../../kern/kern_conf.ts';
import { m_clget, m_freem, m_gethdr } from '../../kern/subr_mbuf.ts';
import { m_adj } from '../../kern/uipc_mbuf.ts';
import type { driver_t } from '../../kern/subr_bus.ts';
import { SDT_PROBE } from '../../kern/kern_sdt.ts';
import { jumbo_vm_init } from '../../sys/jumbo.ts';
import { EINVAL, ENOBUFS, ENODEV } from '../../sys/errno.ts';
import {
  CSUM_DATA_VALID, CSUM_IP, CSUM_IP_CHECKED, CSUM_IP_FRAGS, CSUM_IP_VALID, CSUM_TCP, CSUM_UDP, M_DONTWAIT, M_EXT, M_FRAG, M_LASTFRAG,
  MT_DATA, type mbuf,
} from '../../sys/mbuf.ts';
import { ti_stats_zero, ti_stat } from '../../sys/tiio.ts';
import { ETHER_CRC_LEN, ETHER_HDR_LEN, ETHERMTU } from '../../net/ethernet.ts';
import { IF_DEQUEUE, IF_PREPEND, ifnet, type if_ring, type if_ring_usage, type ifreq } from '../../net/if_var.ts';
import {
  IFCAP_HWCSUM, IFCAP_VLAN_HWTAGGING, IFF_OACTIVE, IFF_PROMISC, IFF_RUNNING, IFF_UP, SIOCSIFCAP, SIOCSIFFLAGS, SIOCSIFMTU, ifunit,
} from '../../net/if.ts';
import { ether_ifattach } from '../../net/if_ethersubr.ts';
import {
  IFM_1000_SX,
  IFM_1000_T,
  IFM_100_FX,
  IFM_100_TX,
  IFM_10_FL,
  IFM_10_T,
  IFM_ACTIVE,
  IFM_AUTO,
  IFM_AVALID,
  IFM_ETHER,
  IFM_FDX,
  IFM_GMASK,
  IFM_HDX,
  IFM_IMASK,
  IFM_SUBTYPE,
  IFM_TYPE,
  SIOCGIFMEDIA,
  SIOCSIFMEDIA,
  ifmedia_add,
  ifmedia_init,
  ifmedia_ioctl,
  ifmedia_set,
  type ifmediareq,
} from '../../net/if_media.ts';
import { machine_board_fault, machine_bios_64bit_bug, type PciBoard } from '../../kern/kern_machine.ts';
import { PCI_FIRST_NIC_SLOT } from '../../hardware/pci.ts';
import { ti_softc, type ti_jumbo_variant, type ti_rx_return } from './if_tivar.ts';
import {
  CSR_READ_4,
  CSR_WRITE_4,
  ti_fw_cmd,
  ti_mac_rx,
  ti_nic_chip_rev,
  ti_nic_fw_start,
  ti_nic_halt,
  ti_nic_link,
  ti_nic_poweron,
  ti_nic_take_events,
  ti_nic_take_returns,
  ti_sram_zero,
} from './ti_nic.ts';
import { ti_alloc_jumbo_mem, ti_hdr_split, ti_jumbo_trim, ti_newbuf_jumbo, NPAYLOAD } from './ti_jumbo.ts';
import { ti_cdevsw } from './ti_cdev.ts';
import {
  ETHER_ALIGN,
  TI_BDFLAG_END,
  TI_BDFLAG_ERROR,
  TI_BDFLAG_IP_CKSUM,
  TI_BDFLAG_IP_FRAG,
  TI_BDFLAG_IP_FRAG_END,
  TI_BDFLAG_JUMBO_RING,
  TI_BDFLAG_MINI_RING,
  TI_BDFLAG_TCP_UDP_CKSUM,
  TI_CMD_CODE_FILT_ENB,
  TI_CMD_CODE_NEGOTIATE_10_100,
  TI_CMD_CODE_NEGOTIATE_BOTH,
  TI_CMD_CODE_NEGOTIATE_GIGABIT,
  TI_CMD_CODE_STACK_DOWN,
  TI_CMD_CODE_STACK_UP,
  TI_CMD_FDR_FILTERING,
  TI_CMD_HOST_STATE,
  TI_CMD_LINK_NEGOTIATION,
  TI_CMD_SET_MAC_ADDR,
  TI_CMD_SET_PROMISC_MODE,
  TI_CMD_UPDATE_GENCOM,
  TI_CPU_STATE,
  TI_CPUSTATE_HALT,
  TI_CPUSTATE_ROMFAIL,
  TI_EV_CODE_GIG_LINK_UP,
  TI_EV_CODE_LINK_DOWN,
  TI_EV_CODE_LINK_UP,
  TI_EV_ERROR,
  TI_EV_FIRMWARE_UP,
  TI_EV_LINKSTAT_CHANGED,
  TI_EV_STATS_UPDATED,
  TI_FLAG_DEBUGING,
  TI_GCR_GLINK,
  TI_GCR_GLINK_STAT,
  TI_GCR_IFINDEX,
  TI_GCR_IFMTU,
  TI_GCR_LINK,
  TI_GCR_LINK_STAT,
  TI_GCR_OPMODE,
  TI_GCR_PAR0,
  TI_GCR_PAR1,
  TI_GCR_RXRETURNCONS_IDX,
  TI_GCR_RX_COAL_TICKS,
  TI_GCR_RX_MAX_COAL_BD,
  TI_GCR_STAT_TICKS,
  TI_GCR_TX_BUFFER_RATIO,
  TI_GCR_TX_COAL_TICKS,
  TI_GCR_TX_MAX_COAL_BD,
  TI_GLNK_1000MB,
  TI_GLNK_AUTONEGENB,
  TI_GLNK_ENB,
  TI_GLNK_FULL_DUPLEX,
  TI_GLNK_PREF,
  TI_GLNK_RX_FLOWCTL_Y,
  TI_HWREV_TIGON,
  TI_HWREV_TIGON_II,
  TI_JUMBO_MTU,
  TI_JUMBO_RX_RING_CNT,
  TI_LNK_100MB,
  TI_LNK_10MB,
  TI_LNK_AUTONEGENB,
  TI_LNK_ENB,
  TI_LNK_FULL_DUPLEX,
  TI_LNK_HALF_DUPLEX,
  TI_LNK_PREF,
  TI_LNK_RX_FLOWCTL_Y,
  TI_MB_HOSTINTR,
  TI_MB_JUMBORXPROD_IDX,
  TI_MB_MINIRXPROD_IDX,
  TI_MB_SENDPROD_IDX,
  TI_MB_STDRXPROD_IDX,
  TI_MINI_RX_RING_CNT,
  TI_MSLOTS,
  TI_OPMODE_BYTESWAP_DATA,
  TI_OPMODE_DONT_FRAG_JUMBO,
  TI_OPMODE_FATAL_ENB,
  TI_OPMODE_JUMBO_HDRSPLIT,
  TI_OPMODE_WARN_ENB,
  TI_OPMODE_WORDSWAP_BD,
  TI_OPMODE_1_DMA_ACTIVE,
  TI_PCI_STATE,
  TI_PCISTATE_32BIT_BUS,
  TI_RCB_FLAG_IP_CKSUM,
  TI_RCB_FLAG_NO_PHDR_CKSUM,
  TI_RCB_FLAG_RING_DISABLED,
  TI_RCB_FLAG_TCP_UDP_CKSUM,
  TI_RCB_FLAG_USE_EXT_RX_BD,
  TI_RCB_FLAG_VLAN_ASSIST,
  TI_REV_TIGON_I,
  TI_REV_TIGON_II,
  TI_SSLOTS,
  TI_STD_RX_RING_CNT,
  TI_TICKS_PER_SEC,
  TI_TX_RESERVE_DESC,
  TI_TX_RING_CNT,
  TI_TXCONS_UNSET,
} from './if_tireg.ts';
import { sim_of } from '../../kern/kern_machine.ts';
import { cpu_run, machine_costs } from '../../kern/kern_machine.ts';
import { pci_of } from '../../kern/kern_machine.ts';

// The 2002 defaults of the tunables (ti_attach).
/** ti_stat_ticks: statistics DMA every 2 s. */
export const TI_DEFAULT_STAT_TICKS = 2 * TI_TICKS_PER_SEC;
/** ti_rx_coal_ticks: 170 us before a receive interrupt. */
export const TI_DEFAULT_RX_COAL_TICKS = 170;
/** ti_tx_coal_ticks: TI_TICKS_PER_SEC / 500 = 2000 us before a send-completion interrupt. */
export const TI_DEFAULT_TX_COAL_TICKS = TI_TICKS_PER_SEC / 500;
/** ti_rx_max_coal_bds: 64 received frames force an interrupt. */
export const TI_DEFAULT_RX_MAX_COAL_BDS = 64;
/** ti_tx_max_coal_bds: 32 sent BDs force an interrupt (an #if 0 alternative said 128). */
export const TI_DEFAULT_TX_MAX_COAL_BDS = 32;
/** ti_tx_buf_ratio: 21/64 of the NIC's buffer memory for transmit. */
export const TI_DEFAULT_TX_BUF_RATIO = 21;
/** The checksums the board does for the stack when IFCAP_HWCSUM is enabled (if_hwassist). */
export const TI_CSUM_FEATURES = CSUM_IP | CSUM_TCP | CSUM_UDP | CSUM_IP_FRAGS;
/** The ring control block flags that turn the firmware's checksum engine on for a ring. */
const TI_RCB_CKSUM_FLAGS = TI_RCB_FLAG_TCP_UDP_CKSUM | TI_RCB_FLAG_IP_CKSUM | TI_RCB_FLAG_NO_PHDR_CKSUM;
/** if_timer: seconds the watchdog gives a transmission. */
const TI_WATCHDOG_SEC = 5;
/** Interrupt line and memory window reported at attach; cosmetic. */
const TI_IRQ = 10;
const TI_MEMBASE = 0xf4000000;

/** What `nics` names mean to the driver: chip, transceiver and the probe string of ti_devs[]. */
const TI_BOARDS: Readonly<Partial<Record<PciBoard, { hwrev: number; copper: boolean; name: string; oui: readonly number[] }>>> = {
  ti: { hwrev: TI_HWREV_TIGON_II, copper: false, name: '3Com 3c985-SX Gigabit Ethernet', oui: [0x00, 0x01, 0x02] },
  'ti-tigon1': { hwrev: TI_HWREV_TIGON, copper: false, name: '3Com 3c985-SX Gigabit Ethernet', oui: [0x00, 0x01, 0x02] },
  'ti-copper': { hwrev: TI_HWREV_TIGON_II, copper: true, name: 'Netgear GA620 1000baseT Gigabit Ethernet', oui: [0x00, 0x09, 0x5b] },
};

/** The softc of a ti interface (throws if `ifp` is not one): the driver's state hangs off if_softc, as in FreeBSD. */
export function ti_softc_of(ifp: ifnet): ti_softc {
  const sc = ifp.if_softc;
  if (!(sc instanceof ti_softc)) throw new Error(`${ifp.if_xname} is not a ti interface`);
  return sc;
}

/** ti_lookup_softc: unit `unit` of `kernel` once attached, or null (the cdev's open finds its board this way). */
export function ti_lookup_softc(kernel: Kernel, unit: number): ti_softc | null {
  const sc = ifunit(kernel, `ti${unit}`)?.if_softc;
  return sc instanceof ti_softc ? sc : null;
}

function jumbo_variant(kernel: Kernel, hwrev: number): ti_jumbo_variant {
  if (kernel.hasOption('TI_PRIVATE_JUMBOS')) return 'private';
  if (kernel.hasOption('TI_JUMBO_HDRSPLIT') && hwrev !== TI_HWREV_TIGON) return 'hdrsplit';
  return 'pages';
}

// ---- attach ----

function ti_attach(kernel: Kernel, unit: number, slot: number, board: PciBoard): void {
  const desc = TI_BOARDS[board] ?? TI_BOARDS.ti;
  if (desc === undefined) return;
  const sc = new ti_softc(kernel, unit, board, (s) => new ifnet(kernel, 'ti', unit, s), ti_stats_zero);
  sc.ti_hwrev = desc.hwrev;
  sc.ti_copper = desc.copper;
  sc.ti_jumbo_variant = jumbo_variant(kernel, desc.hwrev);
  sc.ti_intr_fn = ti_intr;
  sc.port_rx_fn = ti_mac_rx;
  sc.port_link_fn = ti_nic_link;
  const ifp = sc.port_ifp;
  ifp.if_capabilities = IFCAP_HWCSUM | IFCAP_VLAN_HWTAGGING;
  ifp.if_capenable = ifp.if_capabilities;
  kernel.printf(
    `ti${unit}: <${desc.name}> mem 0x${(TI_MEMBASE + slot * 0x4000).toString(16)}-0x${(TI_MEMBASE + slot * 0x4000 + 0x3fff).toString(16)} irq ${TI_IRQ} at device ${slot}.0 on pci0`,
  );
  ti_nic_poweron(sc, {
    slot_width_bits: pci_of(kernel).spec.width_bits,
    bios_64bit_bug: machine_bios_64bit_bug(kernel),
    fault: machine_board_fault(kernel, slot - PCI_FIRST_NIC_SLOT),
  });
  if (ti_chipinit(sc) !== 0) {
    kernel.printf(`ti${unit}: chip initialization failed`);
    return;
  }
  if (sc.ti_jumbo_variant === 'private') {
    if (ti_alloc_jumbo_mem(sc) !== 0) {
      kernel.printf(`ti${unit}: jumbo buffer allocation failed`);
      return;
    }
  } else if (jumbo_vm_init(kernel) === 0) {
    kernel.printf(`ti${unit}: VM initialization failed!`);
    return;
  }
  sc.ti_stat_ticks = TI_DEFAULT_STAT_TICKS;
  sc.ti_rx_coal_ticks = TI_DEFAULT_RX_COAL_TICKS;
  sc.ti_tx_coal_ticks = TI_DEFAULT_TX_COAL_TICKS;
  sc.ti_rx_max_coal_bds = TI_DEFAULT_RX_MAX_COAL_BDS;
  sc.ti_tx_max_coal_bds = TI_DEFAULT_TX_MAX_COAL_BDS;
  sc.ti_tx_buf_ratio = TI_DEFAULT_TX_BUF_RATIO;
  ifp.if_baudrate = 1e9;
  ifp.if_start = ti_start;
  ifp.if_ioctl = ti_ioctl;
  ifp.if_init = () => ti_init(sc);
  ifp.if_snd.ifq_maxlen = TI_TX_RING_CNT - 1;
  ifp.if_port = sc;
  ifp.if_rings = () => ti_rings(sc);
  sc.ti_watchdog_callout = new callout(kernel);
  ifmedia_init(sc.ifmedia, IFM_IMASK, ti_ifmedia_upd, ti_ifmedia_sts);
  if (sc.ti_copper) {
    for (const m of [IFM_10_T, IFM_10_T | IFM_FDX, IFM_100_TX, IFM_100_TX | IFM_FDX, IFM_1000_T, IFM_1000_T | IFM_FDX]) {
      ifmedia_add(sc.ifmedia, IFM_ETHER | m, 0, null);
    }
  } else {
    ifmedia_add(sc.ifmedia, IFM_ETHER | IFM_1000_SX, 0, null);
    ifmedia_add(sc.ifmedia, IFM_ETHER | IFM_1000_SX | IFM_FDX, 0, null);
  }
  ifmedia_add(sc.ifmedia, IFM_ETHER | IFM_AUTO, 0, null);
  ifmedia_set(sc.ifmedia, IFM_ETHER | IFM_AUTO);
  sc.ti_dev = make_dev(kernel, ti_cdevsw, unit, UID_ROOT, GID_OPERATOR, 0o600, `ti${unit}`);
  sc.ti_dev.si_drv1 = sc;
  const machine = kernel.host_id;
  ether_ifattach(ifp, Uint8Array.from([...desc.oui, (machine >> 8) & 0xff, machine & 0xff, unit & 0xff]));
}

/** The ti driver, for kern/subr_bus.ts: it probes the three Tigon board models. */
export const ti_driver: driver_t = { name: 'ti', boards: ['ti', 'ti-tigon1', 'ti-copper'], attach: ti_attach };

/** ti_chipinit: revision, header splitting, opmode. 0 or ENODEV. */
function ti_chipinit(sc: ti_softc): number {
  sc.ti_linkstat = TI_EV_CODE_LINK_DOWN;
  const ifp = sc.port_ifp;
  ifp.if_hwassist = (ifp.if_capenable & IFCAP_HWCSUM) !== 0 ? TI_CSUM_FEATURES : 0;
  if ((CSR_READ_4(sc, TI_CPU_STATE) & TI_CPUSTATE_ROMFAIL) !== 0) {
    sc.kernel.printf(`ti${sc.ti_unit}: board self-diagnostics failed!`);
    return ENODEV;
  }
  CSR_WRITE_4(sc, TI_CPU_STATE, CSR_READ_4(sc, TI_CPU_STATE) | TI_CPUSTATE_HALT);
  const rev = ti_nic_chip_rev(sc);
  if (rev === TI_REV_TIGON_I) sc.ti_hwrev = TI_HWREV_TIGON;
  else if (rev === TI_REV_TIGON_II) sc.ti_hwrev = TI_HWREV_TIGON_II;
  else {
    sc.kernel.printf(`ti${sc.ti_unit}: unsupported chip revision`);
    return ENODEV;
  }
  // Header splitting is a change to the Tigon 2 firmware; with no Tigon 1 firmware source, a Tigon 1 cannot have it.
  if (sc.kernel.hasOption('TI_JUMBO_HDRSPLIT')) {
    if (sc.ti_hwrev !== TI_HWREV_TIGON) sc.ti_hdrsplit = 1;
    else sc.kernel.printf(`ti${sc.ti_unit}: can't do header splitting on a Tigon I board`);
  }
  const hdrsplit = sc.ti_hdrsplit !== 0 ? TI_OPMODE_JUMBO_HDRSPLIT : 0;
  CSR_WRITE_4(sc, TI_GCR_OPMODE, TI_OPMODE_BYTESWAP_DATA | TI_OPMODE_WORDSWAP_BD | TI_OPMODE_DONT_FRAG_JUMBO | TI_OPMODE_WARN_ENB | TI_OPMODE_FATAL_ENB | hdrsplit);
  // One DMA channel at a time keeps the firmware from overrunning its DMA
  // read ring, but the checksum engine needs both: so only without offload.
  if (ifp.if_hwassist === 0) CSR_WRITE_4(sc, TI_GCR_OPMODE, CSR_READ_4(sc, TI_GCR_OPMODE) | TI_OPMODE_1_DMA_ACTIVE);
  if (ti_64bitslot_war(sc) !== 0) {
    sc.kernel.printf(`ti${sc.ti_unit}: bios thinks we're in a 64 bit slot, but we aren't`);
    return EINVAL;
  }
  return 0;
}

/**
 * ti_64bitslot_war: some BIOSes set a board in a 32-bit slot up for 64-bit
 * transfers. A board that says it has a 64-bit bus is tested: a word
 * written to 0x600 that shows up at 0x604 means the upper data lines are
 * not there. A Tigon 2 can be told (TI_PCISTATE_32BIT_BUS) and goes on; a
 * Tigon 1 cannot, and the attach fails. 0 or EINVAL.
 */
function ti_64bitslot_war(sc: ti_softc): number {
  if ((CSR_READ_4(sc, TI_PCI_STATE) & TI_PCISTATE_32BIT_BUS) !== 0) return 0;
  CSR_WRITE_4(sc, 0x600, 0);
  CSR_WRITE_4(sc, 0x604, 0);
  CSR_WRITE_4(sc, 0x600, 0x5555aaaa);
  if (CSR_READ_4(sc, 0x604) !== 0x5555aaaa) return 0;
  if (sc.ti_hwrev === TI_HWREV_TIGON) return EINVAL;
  CSR_WRITE_4(sc, TI_PCI_STATE, CSR_READ_4(sc, TI_PCI_STATE) | TI_PCISTATE_32BIT_BUS);
  return 0;
}

function TI_DO_CMD(sc: ti_softc, cmd: number, code: number, idx: number): void {
  ti_fw_cmd(sc, cmd, code, idx);
}

/** ti_gibinit: programs the tunables, loads the firmware and lets the board's processor(s) run. */
function ti_gibinit(sc: ti_softc): number {
  CSR_WRITE_4(sc, TI_MB_HOSTINTR, 1);
  // The ring control blocks: the checksum engine on every ring when offload is on, VLAN tag assist always.
  const cksum = sc.port_ifp.if_hwassist !== 0 ? TI_RCB_CKSUM_FLAGS : 0;
  sc.ti_rcb.std = cksum | TI_RCB_FLAG_VLAN_ASSIST;
  // Jumbo buffers made of pages need the extended descriptor's four addresses.
  sc.ti_rcb.jumbo = (sc.ti_jumbo_variant === 'private' ? 0 : TI_RCB_FLAG_USE_EXT_RX_BD) | cksum | TI_RCB_FLAG_VLAN_ASSIST;
  sc.ti_rcb.mini = (sc.ti_hwrev === TI_HWREV_TIGON ? TI_RCB_FLAG_RING_DISABLED : 0) | cksum | TI_RCB_FLAG_VLAN_ASSIST;
  sc.ti_rcb.tx = cksum | TI_RCB_FLAG_VLAN_ASSIST;
  CSR_WRITE_4(sc, TI_GCR_RX_COAL_TICKS, sc.ti_rx_coal_ticks);
  CSR_WRITE_4(sc, TI_GCR_TX_COAL_TICKS, sc.ti_tx_coal_ticks);
  CSR_WRITE_4(sc, TI_GCR_STAT_TICKS, sc.ti_stat_ticks);
  CSR_WRITE_4(sc, TI_GCR_RX_MAX_COAL_BD, sc.ti_rx_max_coal_bds);
  CSR_WRITE_4(sc, TI_GCR_TX_MAX_COAL_BD, sc.ti_tx_max_coal_bds);
  CSR_WRITE_4(sc, TI_GCR_TX_BUFFER_RATIO, sc.ti_tx_buf_ratio);
  // ti_loadfw + start the CPU: the firmware reports TI_EV_FIRMWARE_UP and the driver runs ti_init2.
  CSR_WRITE_4(sc, TI_CPU_STATE, CSR_READ_4(sc, TI_CPU_STATE) & ~TI_CPUSTATE_HALT);
  ti_nic_fw_start(sc);
  ti_init2(sc);
  return 0;
}

/** ti_init: stops the board and starts it again with the current MTU, media and tunables. */
export function ti_init(sc: ti_softc): void {
  ti_stop(sc);
  if (ti_gibinit(sc) !== 0) sc.kernel.printf(`ti${sc.ti_unit}: initialization failure`);
}

function ti_init2(sc: ti_softc): void {
  const ifp = sc.port_ifp;
  CSR_WRITE_4(sc, TI_GCR_IFINDEX, sc.ti_unit);
  CSR_WRITE_4(sc, TI_GCR_IFMTU, ifp.if_mtu + ETHER_HDR_LEN + ETHER_CRC_LEN);
  TI_DO_CMD(sc, TI_CMD_UPDATE_GENCOM, 0, 0);
  const e = ifp.ac_enaddr;
  CSR_WRITE_4(sc, TI_GCR_PAR0, ((e[0] ?? 0) << 8) | (e[1] ?? 0));
  CSR_WRITE_4(sc, TI_GCR_PAR1, (((e[2] ?? 0) << 24) | ((e[3] ?? 0) << 16) | ((e[4] ?? 0) << 8) | (e[5] ?? 0)) >>> 0);
  TI_DO_CMD(sc, TI_CMD_SET_MAC_ADDR, 0, 0);
  TI_DO_CMD(sc, TI_CMD_SET_PROMISC_MODE, (ifp.if_flags & IFF_PROMISC) !== 0 ? 0x01 : 0x02, 0);
  if (sc.ti_hwrev === TI_HWREV_TIGON) TI_DO_CMD(sc, TI_CMD_FDR_FILTERING, TI_CMD_CODE_FILT_ENB, 0);
  ti_init_rx_ring_std(sc);
  if (ifp.if_mtu > ETHERMTU + ETHER_HDR_LEN + ETHER_CRC_LEN) ti_init_rx_ring_jumbo(sc);
  if (sc.ti_hwrev === TI_HWREV_TIGON_II) ti_init_rx_ring_mini(sc);
  CSR_WRITE_4(sc, TI_GCR_RXRETURNCONS_IDX, 0);
  sc.ti_txcnt = 0;
  sc.ti_tx_saved_considx = 0;
  sc.ti_tx_considx = 0;
  sc.ti_tx_prodidx = 0;
  CSR_WRITE_4(sc, TI_MB_SENDPROD_IDX, 0);
  TI_DO_CMD(sc, TI_CMD_HOST_STATE, TI_CMD_CODE_STACK_UP, 0);
  CSR_WRITE_4(sc, TI_MB_HOSTINTR, 0);
  ifp.if_flags |= IFF_RUNNING;
  ifp.if_flags &= ~IFF_OACTIVE;
  // Media can only be set once the firmware runs: apply the current selection.
  const ifm = sc.ifmedia;
  const tmp = ifm.ifm_media;
  ifm.ifm_media = ifm.ifm_cur?.ifm_media ?? IFM_ETHER | IFM_AUTO;
  ti_ifmedia_upd(ifp);
  ifm.ifm_media = tmp;
}

// ---- receive buffers ----

/** ti_newbuf_std: a cluster for standard ring slot i (m: recycle). 0 or ENOBUFS. */
export function ti_newbuf_std(sc: ti_softc, i: number, m: mbuf | null): number {
  let m_new: mbuf;
  if (m === null) {
    const n = m_gethdr(sc.kernel, M_DONTWAIT, MT_DATA);
    if (n === null) return ENOBUFS;
    m_clget(n, M_DONTWAIT);
    if ((n.m_flags & M_EXT) === 0) {
      m_freem(n);
      return ENOBUFS;
    }
    m_new = n;
  } else {
    m_new = m;
    m_new.m_data = 0;
  }
  m_new.m_len = m_new.m_pkthdr.len = sc.kernel.param.MCLBYTES;
  m_adj(m_new, ETHER_ALIGN);
  sc.ti_rx_std_chain[i] = m_new;
  return 0;
}

/** ti_newbuf_mini: a plain header mbuf (MHLEN - ETHER_ALIGN bytes) for mini ring slot i. 0 or ENOBUFS. */
export function ti_newbuf_mini(sc: ti_softc, i: number, m: mbuf | null): number {
  let m_new: mbuf;
  if (m === null) {
    const n = m_gethdr(sc.kernel, M_DONTWAIT, MT_DATA);
    if (n === null) return ENOBUFS;
    m_new = n;
  } else {
    m_new = m;
  }
  m_new.m_data = m_new.m_dat.length - sc.kernel.param.MHLEN; // m_pktdat
  m_new.m_len = m_new.m_pkthdr.len = sc.kernel.param.MHLEN;
  m_adj(m_new, ETHER_ALIGN);
  sc.ti_rx_mini_chain[i] = m_new;
  return 0;
}

export { ti_newbuf_jumbo, ti_hdr_split };

function ti_init_rx_ring_std(sc: ti_softc): number {
  let i = 0;
  for (; i < TI_SSLOTS; i++) if (ti_newbuf_std(sc, i, null) === ENOBUFS) return ENOBUFS;
  TI_UPDATE_STDPROD(sc, i - 1);
  sc.ti_std = i - 1;
  return 0;
}

function ti_init_rx_ring_jumbo(sc: ti_softc): number {
  let i = 0;
  for (; i < TI_JUMBO_RX_RING_CNT; i++) if (ti_newbuf_jumbo(sc, i, null) === ENOBUFS) return ENOBUFS;
  TI_UPDATE_JUMBOPROD(sc, i - 1);
  sc.ti_jumbo = i - 1;
  return 0;
}

function ti_init_rx_ring_mini(sc: ti_softc): number {
  let i = 0;
  for (; i < TI_MSLOTS; i++) if (ti_newbuf_mini(sc, i, null) === ENOBUFS) return ENOBUFS;
  CSR_WRITE_4(sc, TI_MB_MINIRXPROD_IDX, i - 1);
  sc.ti_mini = i - 1;
  return 0;
}

function free_ring(chain: (mbuf | null)[]): void {
  for (let i = 0; i < chain.length; i++) {
    const m = chain[i] ?? null;
    if (m !== null) m_freem(m);
    chain[i] = null;
  }
}

// Tigon 1 has no producer mailboxes: producer updates are commands.
function TI_UPDATE_STDPROD(sc: ti_softc, x: number): void {
  if (sc.ti_hwrev === TI_HWREV_TIGON) TI_DO_CMD(sc, 0x03, 0, x);
  else CSR_WRITE_4(sc, TI_MB_STDRXPROD_IDX, x);
}

function TI_UPDATE_JUMBOPROD(sc: ti_softc, x: number): void {
  if (sc.ti_hwrev === TI_HWREV_TIGON) TI_DO_CMD(sc, 0x10, 0, x);
  else CSR_WRITE_4(sc, TI_MB_JUMBORXPROD_IDX, x);
}

// ---- interrupt, receive, transmit ----

/** ti_intr: the board's interrupt: returned frames, sent frames, events. */
export function ti_intr(sc: ti_softc): void {
  const ifp = sc.port_ifp;
  CSR_WRITE_4(sc, TI_MB_HOSTINTR, 1);
  if ((ifp.if_flags & IFF_RUNNING) !== 0) {
    ti_rxeof(sc);
    ti_txeof(sc);
  }
  if (sc.kernel.sdt.on) SDT_PROBE(sc.kernel, 'nic_intr', ifp);
  ti_handle_events(sc);
  CSR_WRITE_4(sc, TI_MB_HOSTINTR, 0);
  if ((ifp.if_flags & IFF_RUNNING) !== 0 && ifp.if_snd.ifq_head !== null) ti_start(ifp);
}

/** ti_rxeof: every returned frame, each its own piece of CPU work, in order. */
export function ti_rxeof(sc: ti_softc): void {
  const costs = machine_costs(sc.kernel);
  const gen = sc.nic.gen;
  for (const cur_rx of ti_nic_take_returns(sc)) {
    const extra = (cur_rx.ti_flags & TI_BDFLAG_JUMBO_RING) !== 0 && sc.ti_jumbo_variant !== 'private' ? NPAYLOAD + 1 : 0;
    cpu_run(sc.kernel, 'driver', costs.driver_rx_desc_ns + extra * costs.mbuf_ns, () => {
      if (gen === sc.nic.gen) ti_rxeof_one(sc, cur_rx);
    });
  }
}

function ti_rxeof_one(sc: ti_softc, cur_rx: ti_rx_return): void {
  const ifp = sc.port_ifp;
  const rxidx = cur_rx.ti_idx;
  let m: mbuf | null;
  if ((cur_rx.ti_flags & TI_BDFLAG_JUMBO_RING) !== 0) {
    sc.ti_jumbo = (sc.ti_jumbo + 1) % TI_JUMBO_RX_RING_CNT;
    m = sc.ti_rx_jumbo_chain[rxidx] ?? null;
    sc.ti_rx_jumbo_chain[rxidx] = null;
    if (m === null) return;
    if ((cur_rx.ti_flags & TI_BDFLAG_ERROR) !== 0 || ti_newbuf_jumbo(sc, sc.ti_jumbo, null) === ENOBUFS) {
      ifp.if_ierrors++;
      ti_newbuf_jumbo(sc, sc.ti_jumbo, m);
      TI_UPDATE_JUMBOPROD(sc, sc.ti_jumbo);
      return;
    }
    if (sc.ti_jumbo_variant === 'private') m.m_len = cur_rx.ti_len;
    else if (sc.ti_hdrsplit !== 0) ti_hdr_split(m, cur_rx.ti_addr, cur_rx.ti_len, rxidx);
    else ti_jumbo_trim(m, cur_rx.ti_len);
    TI_UPDATE_JUMBOPROD(sc, sc.ti_jumbo);
  } else if ((cur_rx.ti_flags & TI_BDFLAG_MINI_RING) !== 0) {
    sc.ti_mini = (sc.ti_mini + 1) % TI_MINI_RX_RING_CNT;
    m = sc.ti_rx_mini_chain[rxidx] ?? null;
    sc.ti_rx_mini_chain[rxidx] = null;
    if (m === null) return;
    if ((cur_rx.ti_flags & TI_BDFLAG_ERROR) !== 0 || ti_newbuf_mini(sc, sc.ti_mini, null) === ENOBUFS) {
      ifp.if_ierrors++;
      ti_newbuf_mini(sc, sc.ti_mini, m);
      CSR_WRITE_4(sc, TI_MB_MINIRXPROD_IDX, sc.ti_mini);
      return;
    }
    m.m_len = cur_rx.ti_len;
    CSR_WRITE_4(sc, TI_MB_MINIRXPROD_IDX, sc.ti_mini);
  } else {
    sc.ti_std = (sc.ti_std + 1) % TI_STD_RX_RING_CNT;
    m = sc.ti_rx_std_chain[rxidx] ?? null;
    sc.ti_rx_std_chain[rxidx] = null;
    if (m === null) return;
    if ((cur_rx.ti_flags & TI_BDFLAG_ERROR) !== 0 || ti_newbuf_std(sc, sc.ti_std, null) === ENOBUFS) {
      ifp.if_ierrors++;
      ti_newbuf_std(sc, sc.ti_std, m);
      TI_UPDATE_STDPROD(sc, sc.ti_std);
      return;
    }
    m.m_len = cur_rx.ti_len;
    TI_UPDATE_STDPROD(sc, sc.ti_std);
  }
  if (sc.ti_hwrev === TI_HWREV_TIGON) CSR_WRITE_4(sc, TI_GCR_RXRETURNCONS_IDX, rxidx);
  m.m_pkthdr.len = cur_rx.ti_len;
  ifp.if_ipackets++;
  m.m_pkthdr.rcvif = ifp;
  if (ifp.if_hwassist !== 0) {
    // The board summed the segment without the pseudo header: tcp_input adds it.
    m.m_pkthdr.csum_flags |= CSUM_IP_CHECKED | CSUM_DATA_VALID;
    if ((cur_rx.ti_ip_cksum ^ 0xffff) === 0) m.m_pkthdr.csum_flags |= CSUM_IP_VALID;
    m.m_pkthdr.csum_data = cur_rx.ti_tcp_udp_cksum;
  }
  ifp.if_input(ifp, m);
}

/** ti_txeof: frees the mbufs of frames the board has reported sent. */
export function ti_txeof(sc: ti_softc): void {
  const ifp = sc.port_ifp;
  let any = false;
  while (sc.ti_tx_saved_considx !== sc.ti_tx_considx) {
    const idx = sc.ti_tx_saved_considx;
    const m = sc.ti_tx_chain[idx] ?? null;
    if (m !== null) {
      ifp.if_opackets++;
      m_freem(m);
      sc.ti_tx_chain[idx] = null;
    }
    sc.ti_txcnt--;
    sc.ti_tx_saved_considx = (idx + 1) % TI_TX_RING_CNT;
    ti_watchdog_disarm(sc);
    any = true;
  }
  if (any) ifp.if_flags &= ~IFF_OACTIVE;
}

/** ti_encap: the packet's mbufs into send descriptors from the producer index. 0 or ENOBUFS. */
function ti_encap(sc: ti_softc, m_head: mbuf): number {
  let frag = sc.ti_tx_prodidx;
  let cur = frag;
  let cnt = 0;
  // The sums the stack left to the board, on every descriptor of the packet.
  let csum_flags = 0;
  const want = m_head.m_pkthdr.csum_flags;
  if (want !== 0) {
    if ((want & CSUM_IP) !== 0) csum_flags |= TI_BDFLAG_IP_CKSUM;
    if ((want & (CSUM_TCP | CSUM_UDP)) !== 0) csum_flags |= TI_BDFLAG_TCP_UDP_CKSUM;
    if ((m_head.m_flags & M_LASTFRAG) !== 0) csum_flags |= TI_BDFLAG_IP_FRAG_END;
    else if ((m_head.m_flags & M_FRAG) !== 0) csum_flags |= TI_BDFLAG_IP_FRAG;
  }
  for (let m: mbuf | null = m_head; m !== null; m = m.m_next) {
    if (m.m_len === 0) continue;
    if (sc.ti_tx_chain[frag] !== null) return ENOBUFS;
    // TI_TX_RESERVE_DESC descriptors always stay free: a packet that would use them waits in if_snd.
    if (TI_TX_RING_CNT - (sc.ti_txcnt + cnt) < TI_TX_RESERVE_DESC) return ENOBUFS;
    sc.ti_tx_flags[frag] = csum_flags;
    cur = frag;
    frag = (frag + 1) % TI_TX_RING_CNT;
    cnt++;
  }
  if (frag === sc.ti_tx_saved_considx) return ENOBUFS;
  sc.ti_tx_flags[cur] = csum_flags | TI_BDFLAG_END;
  sc.ti_tx_chain[cur] = m_head;
  sc.ti_tx_nbds[cur] = cnt;
  sc.ti_txcnt += cnt;
  sc.ti_tx_prodidx = frag;
  return 0;
}

/** ti_start: moves packets from if_snd to the send ring, then tells the board. */
export function ti_start(ifp: ifnet): void {
  const sc = ti_softc_of(ifp);
  if ((ifp.if_flags & IFF_RUNNING) === 0) return;
  let ndesc = 0;
  while (sc.ti_tx_chain[sc.ti_tx_prodidx] === null) {
    const m_head = IF_DEQUEUE(ifp.if_snd);
    if (m_head === null) break;
    const before = sc.ti_txcnt;
    if (ti_encap(sc, m_head) !== 0) {
      IF_PREPEND(ifp.if_snd, m_head);
      ifp.if_flags |= IFF_OACTIVE;
      break;
    }
    ndesc += sc.ti_txcnt - before;
  }
  if (ndesc > 0) {
    const prodidx = sc.ti_tx_prodidx;
    const gen = sc.nic.gen;
    cpu_run(sc.kernel, 'driver', machine_costs(sc.kernel).driver_tx_desc_ns * ndesc, () => {
      if (gen === sc.nic.gen) CSR_WRITE_4(sc, TI_MB_SENDPROD_IDX, prodidx);
    });
  }
  // Arm the watchdog: a board that never reports these frames sent is reset in TI_WATCHDOG_SEC.
  ti_watchdog_arm(sc);
}

function ti_handle_events(sc: ti_softc): void {
  const ifp = sc.port_ifp;
  for (const e of ti_nic_take_events(sc)) {
    switch (e.ev) {
      case TI_EV_LINKSTAT_CHANGED:
        sc.ti_linkstat = e.code;
        if (e.code === TI_EV_CODE_LINK_UP) sc.kernel.printf(`ti${sc.ti_unit}: 10/100 link up`);
        else if (e.code === TI_EV_CODE_GIG_LINK_UP) sc.kernel.printf(`ti${sc.ti_unit}: gigabit link up`);
        else if (e.code === TI_EV_CODE_LINK_DOWN) sc.kernel.printf(`ti${sc.ti_unit}: link down`);
        ifp.if_baudrate = e.code === TI_EV_CODE_GIG_LINK_UP ? 1e9 : (CSR_READ_4(sc, TI_GCR_LINK_STAT) & TI_LNK_100MB) !== 0 ? 1e8 : 1e7;
        ifp.if_lastchange = getmicrotime(sc.kernel);
        break;
      case TI_EV_ERROR:
        sc.kernel.printf(`ti${sc.ti_unit}: ${['', 'invalid command', 'unknown command', 'bad config data'][e.code] ?? 'error'}`);
        break;
      case TI_EV_FIRMWARE_UP:
        break; // ti_gibinit already ran ti_init2 (the simulated firmware starts at once)
      case TI_EV_STATS_UPDATED:
        ti_stats_update(sc);
        break;
      default:
        sc.kernel.printf(`ti${sc.ti_unit}: unknown event: ${e.ev}`);
        break;
    }
  }
}

/** ti_stats_update: if_collisions from the statistics block the board last DMA'd. */
function ti_stats_update(sc: ti_softc): void {
  const s = sc.ti_stats_host;
  sc.port_ifp.if_collisions =
    ti_stat(s, 'dot3StatsSingleCollisionFrames') +
    ti_stat(s, 'dot3StatsMultipleCollisionFrames') +
    ti_stat(s, 'dot3StatsExcessiveCollisions') +
    ti_stat(s, 'dot3StatsLateCollisions');
}

// ---- stop, watchdog ----

/** ti_stop: halts the board and frees every buffer of every ring. */
export function ti_stop(sc: ti_softc): void {
  const ifp = sc.port_ifp;
  CSR_WRITE_4(sc, TI_MB_HOSTINTR, 1);
  TI_DO_CMD(sc, TI_CMD_HOST_STATE, TI_CMD_CODE_STACK_DOWN, 0);
  ti_nic_halt(sc);
  ti_chipinit(sc);
  ti_sram_zero(sc, 0x2000, 0x100000 - 0x2000);
  free_ring(sc.ti_rx_std_chain);
  free_ring(sc.ti_rx_jumbo_chain);
  free_ring(sc.ti_rx_mini_chain);
  free_ring(sc.ti_tx_chain);
  sc.ti_txcnt = 0;
  sc.ti_tx_prodidx = 0;
  sc.ti_tx_considx = 0;
  sc.ti_tx_saved_considx = TI_TXCONS_UNSET;
  ti_watchdog_disarm(sc);
  ifp.if_flags &= ~(IFF_RUNNING | IFF_OACTIVE);
}

function ti_watchdog_arm(sc: ti_softc): void {
  sc.if_timer = TI_WATCHDOG_SEC;
  if (sc.ti_watchdog_callout !== null) callout_reset(sc.ti_watchdog_callout, TI_WATCHDOG_SEC * hz, ti_watchdog, sc);
}

function ti_watchdog_disarm(sc: ti_softc): void {
  sc.if_timer = 0;
  if (sc.ti_watchdog_callout !== null) callout_stop(sc.ti_watchdog_callout);
}

/** ti_watchdog: a transmission never completed. Resets the board, unless /dev/tiN is open. */
export function ti_watchdog(sc: ti_softc): void {
  sc.if_timer = 0;
  // /dev/tiN is open: the firmware may be halted in a debugger on purpose, so leave the board be.
  if ((sc.ti_flags & TI_FLAG_DEBUGING) !== 0) return;
  sc.kernel.printf(`ti${sc.ti_unit}: watchdog timeout -- resetting`);
  ti_stop(sc);
  ti_init(sc);
  sc.port_ifp.if_oerrors++;
}

// ---- ifnet ioctl and media ----

/** ti_ioctl: MTU (EINVAL above TI_JUMBO_MTU; a full re-init otherwise), flags, media. */
function ti_ioctl(ifp: ifnet, cmd: number, ifr: ifreq): number {
  const sc = ti_softc_of(ifp);
  switch (cmd) {
    case SIOCSIFMTU:
      if (ifr.ifr_mtu > TI_JUMBO_MTU) return EINVAL;
      ifp.if_mtu = ifr.ifr_mtu;
      ti_init(sc);
      return 0;
    case SIOCSIFFLAGS:
      if ((ifp.if_flags & IFF_UP) !== 0) {
        // Only the PROMISC flag changed: a command, not a firmware reload.
        if ((ifp.if_flags & IFF_RUNNING) !== 0 && (ifp.if_flags & IFF_PROMISC) !== 0 && (sc.ti_if_flags & IFF_PROMISC) === 0) {
          TI_DO_CMD(sc, TI_CMD_SET_PROMISC_MODE, 0x01, 0);
        } else if ((ifp.if_flags & IFF_RUNNING) !== 0 && (ifp.if_flags & IFF_PROMISC) === 0 && (sc.ti_if_flags & IFF_PROMISC) !== 0) {
          TI_DO_CMD(sc, TI_CMD_SET_PROMISC_MODE, 0x02, 0);
        } else {
          ti_init(sc);
        }
      } else if ((ifp.if_flags & IFF_RUNNING) !== 0) {
        ti_stop(sc);
      }
      sc.ti_if_flags = ifp.if_flags;
      return 0;
    case SIOCSIFMEDIA:
    case SIOCGIFMEDIA:
      return ifmedia_ioctl(ifp, ifr, sc.ifmedia, cmd, ifr.ifr_ifmr ?? undefined);
    case SIOCSIFCAP: {
      // Either checksum bit toggles both: the firmware's engine is one switch.
      const mask = ifr.ifr_reqcap ^ ifp.if_capenable;
      if ((mask & IFCAP_HWCSUM) !== 0) {
        if ((ifp.if_capenable & IFCAP_HWCSUM) !== 0) ifp.if_capenable &= ~IFCAP_HWCSUM;
        else ifp.if_capenable |= IFCAP_HWCSUM;
        // if_hwassist follows at the next ti_chipinit, which ti_init runs (a down interface gets it when brought up).
        if ((ifp.if_flags & IFF_RUNNING) !== 0) ti_init(sc);
      }
      return 0;
    }
    default:
      return EINVAL;
  }
}

/** ti_ifmedia_upd: programs the link registers for the selected media and renegotiates. */
export function ti_ifmedia_upd(ifp: ifnet): number {
  const sc = ti_softc_of(ifp);
  const ifm = sc.ifmedia;
  if (IFM_TYPE(ifm.ifm_media) !== IFM_ETHER) return EINVAL;
  const fdx = (ifm.ifm_media & IFM_GMASK) === IFM_FDX;
  switch (IFM_SUBTYPE(ifm.ifm_media)) {
    case IFM_AUTO:
      // Receive flow control only: the transmit half is broken on a Tigon 1
      // and on a Tigon 2 may hang the interface (reported with Alteon 180
      // switches), so 2002's driver kept it under #if 0.
      CSR_WRITE_4(sc, TI_GCR_GLINK, TI_GLNK_PREF | TI_GLNK_1000MB | TI_GLNK_FULL_DUPLEX | TI_GLNK_RX_FLOWCTL_Y | TI_GLNK_AUTONEGENB | TI_GLNK_ENB);
      CSR_WRITE_4(sc, TI_GCR_LINK, TI_LNK_100MB | TI_LNK_10MB | TI_LNK_FULL_DUPLEX | TI_LNK_HALF_DUPLEX | TI_LNK_RX_FLOWCTL_Y | TI_LNK_AUTONEGENB | TI_LNK_ENB);
      TI_DO_CMD(sc, TI_CMD_LINK_NEGOTIATION, TI_CMD_CODE_NEGOTIATE_BOTH, 0);
      break;
    case IFM_1000_SX:
    case IFM_1000_T:
      CSR_WRITE_4(sc, TI_GCR_GLINK, TI_GLNK_PREF | TI_GLNK_1000MB | TI_GLNK_RX_FLOWCTL_Y | TI_GLNK_ENB | (fdx ? TI_GLNK_FULL_DUPLEX : 0));
      CSR_WRITE_4(sc, TI_GCR_LINK, 0);
      TI_DO_CMD(sc, TI_CMD_LINK_NEGOTIATION, TI_CMD_CODE_NEGOTIATE_GIGABIT, 0);
      break;
    case IFM_100_FX:
    case IFM_10_FL:
    case IFM_100_TX:
    case IFM_10_T: {
      const sub = IFM_SUBTYPE(ifm.ifm_media);
      const speed = sub === IFM_100_FX || sub === IFM_100_TX ? TI_LNK_100MB : TI_LNK_10MB;
      CSR_WRITE_4(sc, TI_GCR_GLINK, 0);
      CSR_WRITE_4(sc, TI_GCR_LINK, TI_LNK_ENB | TI_LNK_PREF | TI_LNK_RX_FLOWCTL_Y | speed | (fdx ? TI_LNK_FULL_DUPLEX : TI_LNK_HALF_DUPLEX));
      TI_DO_CMD(sc, TI_CMD_LINK_NEGOTIATION, TI_CMD_CODE_NEGOTIATE_10_100, 0);
      break;
    }
    default:
      break;
  }
  return 0;
}

/** ti_ifmedia_sts: the media in use, from the last link event and the link status registers. */
export function ti_ifmedia_sts(ifp: ifnet, ifmr: ifmediareq): void {
  const sc = ti_softc_of(ifp);
  ifmr.ifm_status = IFM_AVALID;
  ifmr.ifm_active = IFM_ETHER;
  if (sc.ti_linkstat === TI_EV_CODE_LINK_DOWN || sc.ti_linkstat === 0) return;
  ifmr.ifm_status |= IFM_ACTIVE;
  if (sc.ti_linkstat === TI_EV_CODE_GIG_LINK_UP) {
    const media = CSR_READ_4(sc, TI_GCR_GLINK_STAT);
    ifmr.ifm_active |= sc.ti_copper ? IFM_1000_T : IFM_1000_SX;
    ifmr.ifm_active |= (media & TI_GLNK_FULL_DUPLEX) !== 0 ? IFM_FDX : IFM_HDX;
  } else if (sc.ti_linkstat === TI_EV_CODE_LINK_UP) {
    const media = CSR_READ_4(sc, TI_GCR_LINK_STAT);
    if (sc.ti_copper) {
      if ((media & TI_LNK_100MB) !== 0) ifmr.ifm_active |= IFM_100_TX;
      if ((media & TI_LNK_10MB) !== 0) ifmr.ifm_active |= IFM_10_T;
    } else {
      if ((media & TI_LNK_100MB) !== 0) ifmr.ifm_active |= IFM_100_FX;
      if ((media & TI_LNK_10MB) !== 0) ifmr.ifm_active |= IFM_10_FL;
    }
    if ((media & TI_LNK_FULL_DUPLEX) !== 0) ifmr.ifm_active |= IFM_FDX;
    if ((media & TI_LNK_HALF_DUPLEX) !== 0) ifmr.ifm_active |= IFM_HDX;
  }
}

/** The rings as observers see them (ifnet's if_rings hook). */
function ti_rings(sc: ti_softc): if_ring_usage {
  const u = ti_ring_usage(sc);
  const rings: if_ring[] = [
    { name: 'std rx', used: u.std, size: TI_STD_RX_RING_CNT },
    { name: 'jumbo rx', used: u.jumbo, size: TI_JUMBO_RX_RING_CNT },
  ];
  if (sc.ti_rx_mini_chain.some((m) => m !== null)) rings.push({ name: 'mini rx', used: u.mini, size: TI_MINI_RX_RING_CNT });
  rings.push({ name: 'tx', used: u.tx, size: TI_TX_RING_CNT });
  return { rings, jumbo_variant: sc.ti_jumbo_variant, jumbo_private_inuse: sc.ti_jpool?.ti_jinuse.size ?? 0 };
}

/** Receive buffers the driver holds now, by ring, and the send descriptors in use: for leak checks. */
export function ti_ring_usage(sc: ti_softc): { std: number; mini: number; jumbo: number; tx: number } {
  const n = (c: (mbuf | null)[]): number => c.reduce((k, m) => k + (m === null ? 0 : 1), 0);
  return { std: n(sc.ti_rx_std_chain), mini: n(sc.ti_rx_mini_chain), jumbo: n(sc.ti_rx_jumbo_chain), tx: sc.ti_txcnt };
}

