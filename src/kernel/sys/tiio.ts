// <sys/tiio.h>: the ioctl interface of the Tigon character device
// (/dev/ti0, ...): struct ti_stats, ti_params, ti_trace_buf, tg_mem,
// tg_reg, the ti_param_mask and ti_trace_type values and the request
// numbers. Mirrors sys/sys/tiio.h as used by the 2002-2003 ti(4).
//
// How to use (a process; see dev/ti/if_ti.ts for the driver side):
//   const fd = open(p, '/dev/ti0', O_RDWR);
//   const buf = p.malloc(SIZEOF_TI_STATS);
//   ioctl(p, fd, TIIOCGETSTATS, buf);
//   const st = ti_stats_decode(p.peek(buf, SIZEOF_TI_STATS));
//   st.ifHCInUcastPkts, st.nicInterrupts, ...
// Structures cross the user/kernel boundary as the bytes an i386 program
// would have in memory: little-endian, 4-byte pointers and longs, the C
// field order. The *_encode/*_decode helpers convert; the SIZEOF_* constants
// are the i386 sizeof values the request numbers are computed from.
//
// The request numbers are exactly those of the real header on i386 (the
// ioccom.h encoding with these sizes): TIIOCGETSTATS 0x44005401,
// TIIOCGETPARAMS 0x401c5402, TIIOCSETPARAMS 0x801c5403, TIIOCSETTRACE
// 0x8004540b, TIIOCGETTRACE 0xc010540c, ALT_ATTACH 0x20006107,
// ALT_READ_TG_MEM 0xc00c610a, ALT_WRITE_TG_MEM 0xc00c610b,
// ALT_READ_TG_REG 0xc008610c, ALT_WRITE_TG_REG 0xc008610d.

import { _IO, _IOR, _IOW, _IOWR } from './ioccom.ts';

/** sizeof(struct ti_stats): 256 32-bit words; a trailing pad array brings the header's struct to 1024 bytes. */
export const SIZEOF_TI_STATS = 1024;
/** sizeof(struct ti_params): six u_int32_t and the enum param_mask. */
export const SIZEOF_TI_PARAMS = 28;
/** sizeof(ti_trace_type): an enum, an int on i386. */
export const SIZEOF_TI_TRACE_TYPE = 4;
/** sizeof(struct ti_trace_buf) on i386: u_long *buf, int buf_len, int fill_len, u_long cur_trace_ptr. */
export const SIZEOF_TI_TRACE_BUF = 16;
/** sizeof(struct tg_mem) on i386: u_int32_t tgAddr, caddr_t userAddr, int len. */
export const SIZEOF_TG_MEM = 12;
/** sizeof(struct tg_reg): u_int32_t data, u_int32_t addr. */
export const SIZEOF_TG_REG = 8;

// ti_param_mask: which fields of a TIIOCSETPARAMS request to apply.
export const TI_PARAM_NONE = 0x00;
export const TI_PARAM_STAT_TICKS = 0x01;
export const TI_PARAM_RX_COAL_TICKS = 0x02;
export const TI_PARAM_TX_COAL_TICKS = 0x04;
export const TI_PARAM_RX_COAL_BDS = 0x08;
export const TI_PARAM_TX_COAL_BDS = 0x10;
export const TI_PARAM_TX_BUF_RATIO = 0x20;
/**
 * TI_PARAM_ALL, as the header spells it: 0x2f. It leaves out
 * TI_PARAM_TX_COAL_BDS (0x10), so "set all" skips ti_tx_max_coal_bds and
 * TIIOCGETPARAMS reports a mask without that bit. Kept, as in 2002.
 */
export const TI_PARAM_ALL = 0x2f;

// ti_trace_type: what the firmware records in its trace buffer (TIIOCSETTRACE).
export const TI_TRACE_TYPE_NONE = 0x00000000;
export const TI_TRACE_TYPE_SEND = 0x00000001;
export const TI_TRACE_TYPE_RECV = 0x00000002;
export const TI_TRACE_TYPE_DMA = 0x00000004;
export const TI_TRACE_TYPE_EVENT = 0x00000008;
export const TI_TRACE_TYPE_COMMAND = 0x00000010;
export const TI_TRACE_TYPE_MAC = 0x00000020;
export const TI_TRACE_TYPE_STATS = 0x00000040;
export const TI_TRACE_TYPE_TIMER = 0x00000080;
export const TI_TRACE_TYPE_DISP = 0x00000100;
export const TI_TRACE_TYPE_MAILBOX = 0x00000200;
export const TI_TRACE_TYPE_RECV_BD = 0x00000400;
export const TI_TRACE_TYPE_LNK_PHY = 0x00000800;
export const TI_TRACE_TYPE_LNK_NEG = 0x00001000;
export const TI_TRACE_LEVEL_1 = 0x10000000;
export const TI_TRACE_LEVEL_2 = 0x20000000;

/** TIIOCGETSTATS: _IOR('T', 1, struct ti_stats): the NIC's statistics block as last DMA'd. */
export const TIIOCGETSTATS = _IOR('T', 1, SIZEOF_TI_STATS);
/** TIIOCGETPARAMS: _IOR('T', 2, struct ti_params): the six tunables; param_mask = TI_PARAM_ALL. */
export const TIIOCGETPARAMS = _IOR('T', 2, SIZEOF_TI_PARAMS);
/** TIIOCSETPARAMS: _IOW('T', 3, struct ti_params): sets the fields whose param_mask bit is set. */
export const TIIOCSETPARAMS = _IOW('T', 3, SIZEOF_TI_PARAMS);
/** TIIOCSETTRACE: _IOW('T', 11, ti_trace_type): the firmware's trace mask; 0 turns tracing off. */
export const TIIOCSETTRACE = _IOW('T', 11, SIZEOF_TI_TRACE_TYPE);
/** TIIOCGETTRACE: _IOWR('T', 12, struct ti_trace_buf): copies the trace buffer to user memory. */
export const TIIOCGETTRACE = _IOWR('T', 12, SIZEOF_TI_TRACE_BUF);
// Alteon's own numbers 1-6 are not used; these come from Alteon's altioctl.h.
/** ALT_ATTACH: _IO('a', 7): a no-op, for Alteon's Solaris debugging tool. */
export const ALT_ATTACH = _IO('a', 7);
/** ALT_READ_TG_MEM: _IOWR('a', 10, struct tg_mem): NIC memory into a user buffer. */
export const ALT_READ_TG_MEM = _IOWR('a', 10, SIZEOF_TG_MEM);
/** ALT_WRITE_TG_MEM: _IOWR('a', 11, struct tg_mem): a user buffer into NIC memory. */
export const ALT_WRITE_TG_MEM = _IOWR('a', 11, SIZEOF_TG_MEM);
/** ALT_READ_TG_REG: _IOWR('a', 12, struct tg_reg): one 32-bit NIC register. */
export const ALT_READ_TG_REG = _IOWR('a', 12, SIZEOF_TG_REG);
/** ALT_WRITE_TG_REG: _IOWR('a', 13, struct tg_reg): writes one 32-bit NIC register. */
export const ALT_WRITE_TG_REG = _IOWR('a', 13, SIZEOF_TG_REG);

/** struct ti_params. Tick values are NIC ticks (TI_TICKS_PER_SEC, 1 us each). */
export interface ti_params {
  ti_stat_ticks: number; // how often the NIC DMAs its statistics
  ti_rx_coal_ticks: number; // ticks before a receive interrupt
  ti_tx_coal_ticks: number; // ticks before a send-completion interrupt
  ti_rx_max_coal_bds: number; // received BDs before an interrupt
  ti_tx_max_coal_bds: number; // sent BDs before an interrupt
  ti_tx_buf_ratio: number; // transmit share of NIC buffer memory, in 64ths
  param_mask: number; // TI_PARAM_* bits
}

/** struct ti_trace_buf: `buf` is a user address; the kernel fills fill_len and cur_trace_ptr. */
export interface ti_trace_buf {
  buf: number; // u_long *: where the trace goes
  buf_len: number; // its length, bytes
  fill_len: number; // bytes copied (0 on error)
  cur_trace_ptr: number; // the firmware's write position, as an offset from the buffer start
}

/** struct tg_mem: NIC memory at tgAddr, `len` bytes, to or from the user address userAddr. */
export interface tg_mem {
  tgAddr: number; // NIC address
  userAddr: number; // caddr_t in the process
  len: number; // bytes
}

/** struct tg_reg: register `addr` (an offset in the 16 KB register window) and its value. */
export interface tg_reg {
  data: number; // u_int32_t value
  addr: number; // register offset
}

type StatField = readonly [name: string, word: number, kind: 'u32' | 'u64' | 'u8' | 'u32[]', count: number];

// The layout of struct ti_stats: name, first 32-bit word, kind, count (array length).
const TI_STATS_LAYOUT: readonly StatField[] = [
  ...[
    'dot3StatsAlignmentErrors', 'dot3StatsFCSErrors', 'dot3StatsSingleCollisionFrames', 'dot3StatsMultipleCollisionFrames',
    'dot3StatsSQETestErrors', 'dot3StatsDeferredTransmissions', 'dot3StatsLateCollisions', 'dot3StatsExcessiveCollisions',
    'dot3StatsInternalMacTransmitErrors', 'dot3StatsCarrierSenseErrors', 'dot3StatsFrameTooLongs', 'dot3StatsInternalMacReceiveErrors',
    'ifIndex', 'ifType', 'ifMtu', 'ifSpeed', 'ifAdminStatus', 'ifOperStatus', 'ifLastChange', 'ifInDiscards', 'ifInErrors',
    'ifInUnknownProtos', 'ifOutDiscards', 'ifOutErrors', 'ifOutQLen',
  ].map((n, i): StatField => [n, i, 'u32', 1]),
  ['ifPhysAddress', 25, 'u8', 8],
  ['ifDescr', 27, 'u8', 32],
  ['alignIt', 35, 'u32', 1],
  ...[
    'ifHCInOctets', 'ifHCInUcastPkts', 'ifHCInMulticastPkts', 'ifHCInBroadcastPkts',
    'ifHCOutOctets', 'ifHCOutUcastPkts', 'ifHCOutMulticastPkts', 'ifHCOutBroadcastPkts',
  ].map((n, i): StatField => [n, 36 + 2 * i, 'u64', 1]),
  ...[
    'ifLinkUpDownTrapEnable', 'ifHighSpeed', 'ifPromiscuousMode', 'ifConnectorPresent',
    'nicCmdsHostState', 'nicCmdsFDRFiltering', 'nicCmdsSetRecvProdIndex', 'nicCmdsUpdateGencommStats', 'nicCmdsResetJumboRing',
    'nicCmdsAddMCastAddr', 'nicCmdsDelMCastAddr', 'nicCmdsSetPromiscMode', 'nicCmdsLinkNegotiate', 'nicCmdsSetMACAddr',
    'nicCmdsClearProfile', 'nicCmdsSetMulticastMode', 'nicCmdsClearStats', 'nicCmdsSetRecvJumboProdIndex',
    'nicCmdsSetRecvMiniProdIndex', 'nicCmdsRefreshStats', 'nicCmdsUnknown',
    'nicEventsNICFirmwareOperational', 'nicEventsStatsUpdated', 'nicEventsLinkStateChanged', 'nicEventsError',
    'nicEventsMCastListUpdated', 'nicEventsResetJumboRing',
    'nicRingSetSendProdIndex', 'nicRingSetSendConsIndex', 'nicRingSetRecvReturnProdIndex',
    'nicInterrupts', 'nicAvoidedInterrupts',
    'nicEventThresholdHit', 'nicSendThresholdHit', 'nicRecvThresholdHit',
    'nicDmaRdOverrun', 'nicDmaRdUnderrun', 'nicDmaWrOverrun', 'nicDmaWrUnderrun', 'nicDmaWrMasterAborts', 'nicDmaRdMasterAborts',
    'nicDmaWriteRingFull', 'nicDmaReadRingFull', 'nicEventRingFull', 'nicEventProducerRingFull', 'nicTxMacDescrRingFull',
    'nicOutOfTxBufSpaceFrameRetry', 'nicNoMoreWrDMADescriptors', 'nicNoMoreRxBDs', 'nicNoSpaceInReturnRing',
    'nicSendBDs', 'nicRecvBDs', 'nicJumboRecvBDs', 'nicMiniRecvBDs', 'nicTotalRecvBDs', 'nicTotalSendBDs',
    'nicJumboSpillOver', 'nicSbusHangCleared', 'nicEnqEventDelayed',
    'nicMacRxLateColls', 'nicMacRxLinkLostDuringPkt', 'nicMacRxPhyDecodeErr', 'nicMacRxMacAbort', 'nicMacRxTruncNoResources',
    'nicMacRxDropUla', 'nicMacRxDropMcast', 'nicMacRxFlowControl', 'nicMacRxDropSpace', 'nicMacRxColls',
    'nicMacRxTotalAttns', 'nicMacRxLinkAttns', 'nicMacRxSyncAttns', 'nicMacRxConfigAttns', 'nicMacReset',
    'nicMacRxBufDescrAttns', 'nicMacRxBufAttns', 'nicMacRxZeroFrameCleanup', 'nicMacRxOneFrameCleanup',
    'nicMacRxMultipleFrameCleanup', 'nicMacRxTimerCleanup', 'nicMacRxDmaCleanup',
  ].map((n, i): StatField => [n, 52 + i, 'u32', 1]),
  ['nicMacTxCollisionHistogram', 133, 'u32[]', 15],
  ['nicMacTxTotalAttns', 148, 'u32', 1],
  ['nicProfile', 149, 'u32[]', 32],
  ['pad', 181, 'u32[]', 75],
];

/** Every field of struct ti_stats in header order, with its word offset: for printing, and for tests. */
export const TI_STATS_FIELDS: readonly { readonly name: string; readonly word: number }[] = TI_STATS_LAYOUT.map(([name, word]) => ({ name, word }));

/**
 * struct ti_stats: the 2002 field names; 64-bit counters as numbers (exact
 * below 2^53), byte arrays and word arrays as arrays.
 */
export interface ti_stats {
  [field: string]: number | number[];
}

/** A zeroed struct ti_stats. */
export function ti_stats_zero(): ti_stats {
  const s: ti_stats = {};
  for (const [name, , kind, count] of TI_STATS_LAYOUT) s[name] = kind === 'u8' || kind === 'u32[]' ? new Array<number>(count).fill(0) : 0;
  return s;
}

/** The scalar counter `name` of `s` (0 for an array field or a name that is not there). */
export function ti_stat(s: ti_stats, name: string): number {
  const v = s[name];
  return typeof v === 'number' ? v : 0;
}

/** struct ti_stats as i386 memory (1024 bytes, little-endian). */
export function ti_stats_encode(s: ti_stats): Uint8Array {
  const out = new Uint8Array(SIZEOF_TI_STATS);
  const dv = new DataView(out.buffer);
  for (const [name, word, kind, count] of TI_STATS_LAYOUT) {
    const v = s[name] ?? 0;
    const at = word * 4;
    if (kind === 'u32') dv.setUint32(at, (typeof v === 'number' ? v : 0) >>> 0, true);
    else if (kind === 'u64') {
      const n = typeof v === 'number' ? v : 0;
      dv.setUint32(at, n % 2 ** 32, true);
      dv.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
    } else {
      const arr = Array.isArray(v) ? v : [];
      for (let i = 0; i < count; i++) {
        if (kind === 'u8') dv.setUint8(at + i, (arr[i] ?? 0) & 0xff);
        else dv.setUint32(at + 4 * i, (arr[i] ?? 0) >>> 0, true);
      }
    }
  }
  return out;
}

/** Reads struct ti_stats from i386 memory (at least 1024 bytes). */
export function ti_stats_decode(bytes: Uint8Array): ti_stats {
  if (bytes.length < SIZEOF_TI_STATS) throw new RangeError(`ti_stats_decode: ${bytes.length} bytes, need ${SIZEOF_TI_STATS}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, SIZEOF_TI_STATS);
  const s: ti_stats = {};
  for (const [name, word, kind, count] of TI_STATS_LAYOUT) {
    const at = word * 4;
    if (kind === 'u32') s[name] = dv.getUint32(at, true);
    else if (kind === 'u64') s[name] = dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 2 ** 32;
    else if (kind === 'u8') s[name] = Array.from({ length: count }, (_, i) => dv.getUint8(at + i));
    else s[name] = Array.from({ length: count }, (_, i) => dv.getUint32(at + 4 * i, true));
  }
  return s;
}

function words(n: number): { out: Uint8Array; dv: DataView } {
  const out = new Uint8Array(n);
  return { out, dv: new DataView(out.buffer) };
}

function view(bytes: Uint8Array, n: number, what: string): DataView {
  if (bytes.length < n) throw new RangeError(`${what}: ${bytes.length} bytes, need ${n}`);
  return new DataView(bytes.buffer, bytes.byteOffset, n);
}

const PARAM_ORDER = ['ti_stat_ticks', 'ti_rx_coal_ticks', 'ti_tx_coal_ticks', 'ti_rx_max_coal_bds', 'ti_tx_max_coal_bds', 'ti_tx_buf_ratio', 'param_mask'] as const;

/** struct ti_params as i386 memory (28 bytes). */
export function ti_params_encode(p: ti_params): Uint8Array {
  const { out, dv } = words(SIZEOF_TI_PARAMS);
  PARAM_ORDER.forEach((k, i) => dv.setUint32(4 * i, p[k] >>> 0, true));
  return out;
}

/** Reads struct ti_params from i386 memory. */
export function ti_params_decode(bytes: Uint8Array): ti_params {
  const dv = view(bytes, SIZEOF_TI_PARAMS, 'ti_params_decode');
  const g = (i: number): number => dv.getUint32(4 * i, true);
  return { ti_stat_ticks: g(0), ti_rx_coal_ticks: g(1), ti_tx_coal_ticks: g(2), ti_rx_max_coal_bds: g(3), ti_tx_max_coal_bds: g(4), ti_tx_buf_ratio: g(5), param_mask: g(6) };
}

/** struct ti_trace_buf as i386 memory (16 bytes). */
export function ti_trace_buf_encode(t: ti_trace_buf): Uint8Array {
  const { out, dv } = words(SIZEOF_TI_TRACE_BUF);
  dv.setUint32(0, t.buf >>> 0, true);
  dv.setInt32(4, t.buf_len, true);
  dv.setInt32(8, t.fill_len, true);
  dv.setUint32(12, t.cur_trace_ptr >>> 0, true);
  return out;
}

/** Reads struct ti_trace_buf from i386 memory. */
export function ti_trace_buf_decode(bytes: Uint8Array): ti_trace_buf {
  const dv = view(bytes, SIZEOF_TI_TRACE_BUF, 'ti_trace_buf_decode');
  return { buf: dv.getUint32(0, true), buf_len: dv.getInt32(4, true), fill_len: dv.getInt32(8, true), cur_trace_ptr: dv.getUint32(12, true) };
}

/** struct tg_mem as i386 memory (12 bytes). */
export function tg_mem_encode(m: tg_mem): Uint8Array {
  const { out, dv } = words(SIZEOF_TG_MEM);
  dv.setUint32(0, m.tgAddr >>> 0, true);
  dv.setUint32(4, m.userAddr >>> 0, true);
  dv.setInt32(8, m.len, true);
  return out;
}

/** Reads struct tg_mem from i386 memory. */
export function tg_mem_decode(bytes: Uint8Array): tg_mem {
  const dv = view(bytes, SIZEOF_TG_MEM, 'tg_mem_decode');
  return { tgAddr: dv.getUint32(0, true), userAddr: dv.getUint32(4, true), len: dv.getInt32(8, true) };
}

/** struct tg_reg as i386 memory (8 bytes). */
export function tg_reg_encode(r: tg_reg): Uint8Array {
  const { out, dv } = words(SIZEOF_TG_REG);
  dv.setUint32(0, r.data >>> 0, true);
  dv.setUint32(4, r.addr >>> 0, true);
  return out;
}

/** Reads struct tg_reg from i386 memory. */
export function tg_reg_decode(bytes: Uint8Array): tg_reg {
  const dv = view(bytes, SIZEOF_TG_REG, 'tg_reg_decode');
  return { data: dv.getUint32(0, true), addr: dv.getUint32(4, true) };
}

/** ti_trace_type as i386 memory (an int). */
export function ti_trace_type_encode(t: number): Uint8Array {
  const { out, dv } = words(SIZEOF_TI_TRACE_TYPE);
  dv.setUint32(0, t >>> 0, true);
  return out;
}
