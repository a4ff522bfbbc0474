// <sys/tiio.h>: request numbers, structure sizes and layouts, the mask and trace values.

import test from 'ava';
import {
  _IO, _IOR, _IOW, _IOWR, ALT_ATTACH, ALT_READ_TG_MEM, ALT_READ_TG_REG, ALT_WRITE_TG_MEM, ALT_WRITE_TG_REG, SIZEOF_TG_MEM, SIZEOF_TG_REG,
  SIZEOF_TI_PARAMS, SIZEOF_TI_STATS, SIZEOF_TI_TRACE_BUF, TI_PARAM_ALL, TI_PARAM_RX_COAL_BDS, TI_PARAM_RX_COAL_TICKS, TI_PARAM_STAT_TICKS,
  TI_PARAM_TX_BUF_RATIO, TI_PARAM_TX_COAL_BDS, TI_PARAM_TX_COAL_TICKS, TI_STATS_FIELDS, TI_TRACE_LEVEL_1, TI_TRACE_LEVEL_2,
  TI_TRACE_TYPE_LNK_NEG, TI_TRACE_TYPE_RECV, TI_TRACE_TYPE_SEND, TIIOCGETPARAMS, TIIOCGETSTATS, TIIOCGETTRACE, TIIOCSETPARAMS,
  TIIOCSETTRACE, IOC_IN, IOC_OUT, IOC_VOID, IOCPARM_MASK, SIOCSIFMTU, ti_params_decode, ti_params_encode, ti_stats_decode,
  ti_stats_encode, ti_stats_zero, tg_mem_decode, tg_mem_encode,
} from 'zcsim';

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

test('ioccom.h: _IO/_IOR/_IOW/_IOWR encode direction, 13-bit length, group and number as FreeBSD does', (t) => {
  t.is(IOCPARM_MASK, 0x1fff);
  t.is(IOC_VOID, 0x20000000);
  t.is(IOC_OUT, 0x40000000);
  t.is(IOC_IN >>> 0, 0x80000000);
  t.is(hex(_IO('a', 7)), '0x20006107');
  t.is(hex(_IOR('T', 1, 1024)), '0x44005401');
  t.is(hex(_IOW('i', 52, 32)), '0x80206934');
  t.is(hex(SIOCSIFMTU), '0x80206934');
  t.is(hex(_IOWR('a', 10, 12)), '0xc00c610a');
});

test('the ti ioctl numbers are those <sys/tiio.h> yields on i386', (t) => {
  const got = {
    TIIOCGETSTATS: hex(TIIOCGETSTATS),
    TIIOCGETPARAMS: hex(TIIOCGETPARAMS),
    TIIOCSETPARAMS: hex(TIIOCSETPARAMS),
    TIIOCSETTRACE: hex(TIIOCSETTRACE),
    TIIOCGETTRACE: hex(TIIOCGETTRACE),
    ALT_ATTACH: hex(ALT_ATTACH),
    ALT_READ_TG_MEM: hex(ALT_READ_TG_MEM),
    ALT_WRITE_TG_MEM: hex(ALT_WRITE_TG_MEM),
    ALT_READ_TG_REG: hex(ALT_READ_TG_REG),
    ALT_WRITE_TG_REG: hex(ALT_WRITE_TG_REG),
  };
  t.log(got);
  t.deepEqual(got, {
    TIIOCGETSTATS: '0x44005401',
    TIIOCGETPARAMS: '0x401c5402',
    TIIOCSETPARAMS: '0x801c5403',
    TIIOCSETTRACE: '0x8004540b',
    TIIOCGETTRACE: '0xc010540c',
    ALT_ATTACH: '0x20006107',
    ALT_READ_TG_MEM: '0xc00c610a',
    ALT_WRITE_TG_MEM: '0xc00c610b',
    ALT_READ_TG_REG: '0xc008610c',
    ALT_WRITE_TG_REG: '0xc008610d',
  });
});

test('i386 structure sizes: ti_stats 1024, ti_params 28, ti_trace_buf 16, tg_mem 12, tg_reg 8', (t) => {
  t.deepEqual([SIZEOF_TI_STATS, SIZEOF_TI_PARAMS, SIZEOF_TI_TRACE_BUF, SIZEOF_TG_MEM, SIZEOF_TG_REG], [1024, 28, 16, 12, 8]);
});

test('TI_PARAM_ALL is 0x2f: the header leaves out TI_PARAM_TX_COAL_BDS', (t) => {
  const six = TI_PARAM_STAT_TICKS | TI_PARAM_RX_COAL_TICKS | TI_PARAM_TX_COAL_TICKS | TI_PARAM_RX_COAL_BDS | TI_PARAM_TX_COAL_BDS | TI_PARAM_TX_BUF_RATIO;
  t.is(six, 0x3f);
  t.is(TI_PARAM_ALL, 0x2f);
  t.is(TI_PARAM_ALL & TI_PARAM_TX_COAL_BDS, 0);
});

test('ti_trace_type values', (t) => {
  t.deepEqual([TI_TRACE_TYPE_SEND, TI_TRACE_TYPE_RECV, TI_TRACE_TYPE_LNK_NEG, TI_TRACE_LEVEL_1, TI_TRACE_LEVEL_2], [0x1, 0x2, 0x1000, 0x10000000, 0x20000000]);
});

test('struct ti_stats keeps its 2002 field names at their word offsets, and survives encode/decode', (t) => {
  const at = new Map(TI_STATS_FIELDS.map((f) => [f.name, f.word]));
  t.is(at.get('dot3StatsAlignmentErrors'), 0);
  t.is(at.get('dot3StatsFCSErrors'), 1);
  t.is(at.get('ifIndex'), 12);
  t.is(at.get('ifPhysAddress'), 25);
  t.is(at.get('ifDescr'), 27);
  t.is(at.get('ifHCInOctets'), 36);
  t.is(at.get('ifHCOutBroadcastPkts'), 50);
  t.is(at.get('nicCmdsHostState'), 56);
  t.is(at.get('nicCmdsUnknown'), 72);
  t.is(at.get('nicEventsNICFirmwareOperational'), 73);
  t.is(at.get('nicInterrupts'), 82);
  t.is(at.get('nicAvoidedInterrupts'), 83);
  t.is(at.get('nicRecvThresholdHit'), 86);
  t.is(at.get('nicNoMoreRxBDs'), 100);
  t.is(at.get('nicEnqEventDelayed'), 110);
  t.is(at.get('nicMacRxFlowControl'), 118);
  t.is(at.get('nicMacRxDmaCleanup'), 132);
  t.is(at.get('nicMacTxCollisionHistogram'), 133);
  t.is(at.get('nicMacTxTotalAttns'), 148);
  t.is(at.get('nicProfile'), 149);
  t.is(at.get('pad'), 181);
  const s = ti_stats_zero();
  s['ifHCInOctets'] = 2 ** 40 + 5;
  s['nicInterrupts'] = 1234;
  s['ifPhysAddress'] = [0, 1, 2, 3, 4, 5, 0, 0];
  const bytes = ti_stats_encode(s);
  t.is(bytes.length, 1024);
  t.is(new DataView(bytes.buffer).getUint32(82 * 4, true), 1234);
  t.deepEqual(ti_stats_decode(bytes), s);
});

test('ti_params and tg_mem round-trip through i386 memory', (t) => {
  const p = { ti_stat_ticks: 1, ti_rx_coal_ticks: 2, ti_tx_coal_ticks: 3, ti_rx_max_coal_bds: 4, ti_tx_max_coal_bds: 5, ti_tx_buf_ratio: 6, param_mask: 0x2f };
  t.deepEqual(ti_params_decode(ti_params_encode(p)), p);
  const m = { tgAddr: 0xc00000, userAddr: 0x8050000, len: 64 };
  t.deepEqual(tg_mem_decode(tg_mem_encode(m)), m);
});
