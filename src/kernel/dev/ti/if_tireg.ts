// The Tigon's registers, rings, descriptors and memory map.
// Mirrors sys/pci/if_tireg.h (FreeBSD 5.0, with the zero copy work's
// TI_OPMODE_JUMBO_HDRSPLIT and Tigon 2 firmware 12.4.11). Only what the
// simulated board and driver use, plus the constants a reader looks for.
//
// How to use: import the constants in dev/ti/if_ti.ts; registers are byte
// offsets into the board's 16 KB register window (ALT_READ_TG_REG takes
// them), NIC memory addresses are what ALT_READ_TG_MEM takes.

import { ETHER_CRC_LEN, ETHER_HDR_LEN } from '../../net/ethernet.ts';

// PCI vendor and device IDs of the boards the driver knows.
export const ALT_VENDORID = 0x12ae; // Alteon
export const ALT_DEVICEID_ACENIC = 0x0001; // AceNIC 1000baseSX
export const ALT_DEVICEID_ACENIC_COPPER = 0x0002; // AceNIC 1000baseT
export const TC_VENDORID = 0x10b7; // 3Com
export const TC_DEVICEID_3C985 = 0x0001; // 3c985-SX (Tigon 1) and 3c985B-SX (Tigon 2)
export const NG_VENDORID = 0x1385; // Netgear
export const NG_DEVICEID_GA620 = 0x620a; // GA620 1000baseSX
export const NG_DEVICEID_GA620T = 0x630a; // GA620T 1000baseT

// Configuration and control registers.
export const TI_MISC_HOST_CTL = 0x040;
export const TI_MISC_LOCAL_CTL = 0x044;
export const TI_PCI_STATE = 0x05c;
export const TI_WINBASE = 0x068; // base of the 2 KB SRAM window
export const TI_WINDATA = 0x06c;
export const TI_CPU_STATE = 0x140;
export const TI_CPU_PROGRAM_COUNTER = 0x144;
export const TI_SRAM_ADDR = 0x154;
export const TI_SRAM_DATA = 0x158;
export const TI_CPU_CTL_B = 0x240; // Tigon 2 only
export const TI_SRAM_ADDR_B = 0x254; // Tigon 2 only
export const TI_SRAM_DATA_B = 0x258; // Tigon 2 only

export const TI_MHC_CHIP_REV_MASK = 0xf0000000;
export const TI_REV_TIGON_I = 0x40000000; // chip rev 4
export const TI_REV_TIGON_II = 0x60000000; // chip rev 6 (rev 5 never shipped)
export const TI_PCISTATE_32BIT_BUS = 0x00100000; // Tigon 2 only
export const TI_CPUSTATE_HALT = 0x00010000;
export const TI_CPUSTATE_ROMFAIL = 0x00000010;

// Driver-internal hardware revisions (sc->ti_hwrev).
export const TI_HWREV_TIGON = 0x01;
export const TI_HWREV_TIGON_II = 0x02;

// Firmware the driver carries (ti_fw2.h, with the header-splitting patches): 12.4.11.
export const TI_FIRMWARE_MAJOR = 0xc;
export const TI_FIRMWARE_MINOR = 0x4;
export const TI_FIRMWARE_FIX = 0xb;

// Tigon 2 mailboxes (the low 32 bits of 64-bit mailboxes).
export const TI_MB_HOSTINTR = 0x504; // write 1: mask host interrupts, 0: enable
export const TI_MB_CMDPROD_IDX = 0x50c;
export const TI_MB_SENDPROD_IDX = 0x514;
export const TI_MB_STDRXPROD_IDX = 0x51c; // Tigon 2 only
export const TI_MB_JUMBORXPROD_IDX = 0x524; // Tigon 2 only
export const TI_MB_MINIRXPROD_IDX = 0x52c; // Tigon 2 only

// General communication registers (valid once the firmware runs).
export const TI_GCR_BASE = 0x600;
export const TI_GCR_PAR0 = 0x600;
export const TI_GCR_PAR1 = 0x604;
export const TI_GCR_OPMODE = 0x618;
export const TI_GCR_TX_BUFFER_RATIO = 0x624;
export const TI_GCR_RX_COAL_TICKS = 0x630;
export const TI_GCR_TX_COAL_TICKS = 0x634;
export const TI_GCR_STAT_TICKS = 0x638;
export const TI_GCR_TX_MAX_COAL_BD = 0x63c;
export const TI_GCR_RX_MAX_COAL_BD = 0x640;
export const TI_GCR_NIC_TRACING = 0x644;
export const TI_GCR_GLINK = 0x648;
export const TI_GCR_LINK = 0x64c;
export const TI_GCR_NICTRACE_PTR = 0x650;
export const TI_GCR_NICTRACE_START = 0x654;
export const TI_GCR_NICTRACE_LEN = 0x658;
export const TI_GCR_IFINDEX = 0x65c;
export const TI_GCR_IFMTU = 0x660;
export const TI_GCR_MASK_INTRS = 0x664;
export const TI_GCR_GLINK_STAT = 0x668;
export const TI_GCR_LINK_STAT = 0x66c;
export const TI_GCR_RXRETURNCONS_IDX = 0x680;
export const TI_GCR_CMDRING = 0x700;

/** The 2 KB window onto NIC SRAM inside the register space, and its length. */
export const TI_WINDOW = 0x800;
export const TI_WINLEN = 0x800;
/** Highest register offset ALT_*_TG_REG accept: a 16 KB register window. */
export const TI_REG_MAX = 0x3fff;
/** NIC ticks per second: the coalescing and statistics parameters count microseconds. */
export const TI_TICKS_PER_SEC = 1000000;
export const TI_TIMEOUT = 1000;
export const TI_TXCONS_UNSET = 0xffff; // impossible send consumer index, after ti_stop

// Operation mode register bits (TI_GCR_OPMODE).
export const TI_OPMODE_BYTESWAP_BD = 0x00000002;
export const TI_OPMODE_WORDSWAP_BD = 0x00000004;
export const TI_OPMODE_WARN_ENB = 0x00000008;
export const TI_OPMODE_BYTESWAP_DATA = 0x00000010;
export const TI_OPMODE_1_DMA_ACTIVE = 0x00000040;
export const TI_OPMODE_SBUS = 0x00000100;
export const TI_OPMODE_DONT_FRAG_JUMBO = 0x00000200;
export const TI_OPMODE_INCLUDE_CRC = 0x00000400;
export const TI_OPMODE_RX_BADFRAMES = 0x00000800;
export const TI_OPMODE_NO_EVENT_INTRS = 0x00001000;
export const TI_OPMODE_NO_TX_INTRS = 0x00002000;
export const TI_OPMODE_NO_RX_INTRS = 0x00004000;
export const TI_OPMODE_JUMBO_HDRSPLIT = 0x00008000; // added by the zero copy work
export const TI_OPMODE_FATAL_ENB = 0x40000000;

// Gigabit link register bits (TI_GCR_GLINK, TI_GCR_GLINK_STAT).
export const TI_GLNK_PREF = 0x00008000;
export const TI_GLNK_1000MB = 0x00040000;
export const TI_GLNK_FULL_DUPLEX = 0x00080000;
export const TI_GLNK_TX_FLOWCTL_Y = 0x00200000; // Tigon 2 only
export const TI_GLNK_RX_FLOWCTL_Y = 0x00800000;
export const TI_GLNK_AUTONEGENB = 0x20000000;
export const TI_GLNK_ENB = 0x40000000;

// 10/100 link register bits (TI_GCR_LINK, TI_GCR_LINK_STAT).
export const TI_LNK_PREF = 0x00008000;
export const TI_LNK_10MB = 0x00010000;
export const TI_LNK_100MB = 0x00020000;
export const TI_LNK_1000MB = 0x00040000;
export const TI_LNK_FULL_DUPLEX = 0x00080000;
export const TI_LNK_HALF_DUPLEX = 0x00100000;
export const TI_LNK_TX_FLOWCTL_Y = 0x00200000; // Tigon 2 only
export const TI_LNK_RX_FLOWCTL_Y = 0x00800000;
export const TI_LNK_AUTONEGENB = 0x20000000;
export const TI_LNK_ENB = 0x40000000;

// Ring sizes.
export const TI_EVENT_RING_CNT = 256; // in host memory
export const TI_CMD_RING_CNT = 64; // in NIC memory at TI_GCR_CMDRING
export const TI_STD_RX_RING_CNT = 512;
export const TI_JUMBO_RX_RING_CNT = 256;
export const TI_MINI_RX_RING_CNT = 1024; // Tigon 2 only
export const TI_RETURN_RING_CNT = 2048;
export const TI_TX_RING_CNT = 512; // TI_TX_RING_CNT_512
export const TI_TX_RING_BASE = 0x2000; // TI_TX_RING_BASE_512: where a Tigon 1 keeps it in NIC memory
/** ti_encap refuses a packet that would leave fewer free send descriptors than this. */
export const TI_TX_RESERVE_DESC = 16;

/**
 * Buffers actually posted: 256 of the 512 standard slots (a full ring of
 * 2 KB clusters, 1 MB, was judged too much memory), 256 of the 1024 mini slots.
 */
export const TI_SSLOTS = 256;
export const TI_MSLOTS = 256;
/** Private jumbo buffers (TI_PRIVATE_JUMBOS only), the 2001-era header's value. */
export const TI_JSLOTS = 384;

/** Offset of received data in its buffer, so the IP header after the 14-byte Ethernet header is 32-bit aligned. */
export const ETHER_ALIGN = 2;
export const TI_FRAMELEN = 1518;
export const TI_JUMBO_FRAMELEN = 9018;
export const TI_JUMBO_MTU = TI_JUMBO_FRAMELEN - ETHER_HDR_LEN - ETHER_CRC_LEN; // 9000
export const TI_MIN_FRAMELEN = 60;
/** TI_JRAWLEN and TI_JLEN: a private jumbo slot, rounded up to 8 bytes (TI_JRAWLEN is 9028). */
export const TI_JRAWLEN = TI_JUMBO_FRAMELEN + ETHER_ALIGN + 8;
export const TI_JLEN = TI_JRAWLEN + (8 - (TI_JRAWLEN % 8));
/** TI_JMEM: one contigmalloc block for every private jumbo slot. */
export const TI_JMEM = TI_JLEN * TI_JSLOTS;

// Ring control block flags.
// Descriptor sizes, for the bus time their DMA takes: struct ti_tx_desc
// (host address 8, length 2, flags 2, VLAN tag 2, reserved 2), struct
// ti_rx_desc (32 bytes: address, length, index, flags, type, both checksums,
// error flags, VLAN tag, reserved, opaque) and struct ti_rx_desc_ext (64:
// four addresses and lengths, for jumbo buffers made of pages).
export const TI_TX_DESC_BYTES = 16;
export const TI_RX_DESC_BYTES = 32;
export const TI_RX_DESC_EXT_BYTES = 64;

export const TI_RCB_FLAG_TCP_UDP_CKSUM = 0x0001;
export const TI_RCB_FLAG_IP_CKSUM = 0x0002;
export const TI_RCB_FLAG_NO_PHDR_CKSUM = 0x0008;
export const TI_RCB_FLAG_VLAN_ASSIST = 0x0010;
export const TI_RCB_FLAG_COAL_UPD_ONLY = 0x0020;
export const TI_RCB_FLAG_HOST_RING = 0x0040;
export const TI_RCB_FLAG_IEEE_SNAP_CKSUM = 0x0080;
export const TI_RCB_FLAG_USE_EXT_RX_BD = 0x0100;
export const TI_RCB_FLAG_RING_DISABLED = 0x0200;

// Buffer descriptor flags.
export const TI_BDFLAG_TCP_UDP_CKSUM = 0x0001;
export const TI_BDFLAG_IP_CKSUM = 0x0002;
export const TI_BDFLAG_END = 0x0004;
export const TI_BDFLAG_MORE = 0x0008;
export const TI_BDFLAG_JUMBO_RING = 0x0010;
export const TI_BDFLAG_UCAST_PKT = 0x0020;
export const TI_BDFLAG_MCAST_PKT = 0x0040;
export const TI_BDFLAG_BCAST_PKT = 0x0060;
export const TI_BDFLAG_IP_FRAG = 0x0080;
export const TI_BDFLAG_IP_FRAG_END = 0x0100;
export const TI_BDFLAG_VLAN_TAG = 0x0200;
export const TI_BDFLAG_ERROR = 0x0400;
export const TI_BDFLAG_COAL_NOW = 0x0800;
export const TI_BDFLAG_MINI_RING = 0x1000;

// Buffer descriptor error flags.
export const TI_BDERR_CRC = 0x0001;
export const TI_BDERR_GIANT = 0x0100;

// Descriptor types.
export const TI_BDTYPE_RECV_BD = 0x0002;
export const TI_BDTYPE_RECV_JUMBO_BD = 0x0003;

// Commands (ti_cmd_desc.ti_cmd) and their codes.
export const TI_CMD_HOST_STATE = 0x01;
export const TI_CMD_CODE_STACK_UP = 0x01;
export const TI_CMD_CODE_STACK_DOWN = 0x02;
export const TI_CMD_FDR_FILTERING = 0x02; // Tigon 1 bug workaround: software address filtering
export const TI_CMD_CODE_FILT_ENB = 0x01;
export const TI_CMD_UPDATE_GENCOM = 0x04;
export const TI_CMD_SET_PROMISC_MODE = 0x0a;
export const TI_CMD_LINK_NEGOTIATION = 0x0b;
export const TI_CMD_CODE_NEGOTIATE_BOTH = 0x00;
export const TI_CMD_CODE_NEGOTIATE_GIGABIT = 0x01;
export const TI_CMD_CODE_NEGOTIATE_10_100 = 0x02;
export const TI_CMD_SET_MAC_ADDR = 0x0c;
export const TI_CMD_CLR_STATS = 0x0f;

// Events (ti_event_desc.ti_event) and their codes.
export const TI_EV_FIRMWARE_UP = 0x01;
export const TI_EV_STATS_UPDATED = 0x04;
export const TI_EV_LINKSTAT_CHANGED = 0x06;
export const TI_EV_CODE_GIG_LINK_UP = 0x01;
export const TI_EV_CODE_LINK_DOWN = 0x02;
export const TI_EV_CODE_LINK_UP = 0x03;
export const TI_EV_ERROR = 0x07;

// sc->ti_flags (the modern header's enum; TI_FLAG_DEBUGING is spelled so).
export const TI_FLAG_NONE = 0x00;
export const TI_FLAG_DEBUGING = 0x01; // /dev/tiN is open: the watchdog leaves the chip alone
export const TI_FLAG_WAIT_FOR_LINK = 0x02;

// NIC address map for ALT_READ_TG_MEM / ALT_WRITE_TG_MEM (from Alteon's tg.h).
export const TI_BEG_SRAM = 0x0;
export const TI_END_SRAM_I = 0x200000; // Tigon 1: at most 2 MB
export const TI_END_SRAM_II = 0x800000; // Tigon 2: at most 8 MB
export const TI_BEG_SCRATCH = 0xc00000; // CPU A scratchpad
export const TI_END_SCRATCH_I = 0xc00800; // 2 KB on Tigon 1
export const TI_END_SCRATCH_II = 0xc04000; // 16 KB on Tigon 2
export const TI_BEG_SCRATCH_B_DEBUG = 0xd00000; // CPU B scratchpad, Tigon 2 debugging view
export const TI_END_SCRATCH_B_DEBUG = 0xd02000;
export const TI_SCRATCH_DEBUG_OFF = 0x100000;
export const TI_BEG_PROM = 0x40000000;
export const TI_BEG_FLASH = 0x80000000;
export const TI_END_FLASH = 0x80100000;
export const TI_BEG_SER_EEPROM = 0xa0000000;
export const TI_END_SER_EEPROM = 0xa0002000;
export const TI_BEG_REGS = 0xc0000000;
export const TI_END_REGS = 0xc0000400;
export const TI_PROCESSOR_A = 0;
export const TI_PROCESSOR_B = 1;

/** The character device's major number (2003 source). */
export const TI_CDEV_MAJOR = 153;

/** Header bytes of the default (no header splitting) jumbo layout: TCP_HDR_LEN = 52 + sizeof(struct ether_header) = 66. */
export const TCP_HDR_LEN = 52 + ETHER_HDR_LEN;
export const UDP_HDR_LEN = 28 + ETHER_HDR_LEN;
export const NFS_HDR_LEN = UDP_HDR_LEN;
