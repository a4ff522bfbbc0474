// /dev/ti0: open and close, ti_ioctl2's requests and its errors (ENOTTY,
// EINVAL, EFAULT, EPERM; EACCES from the node's mode), nothing changed by
// a failed request; NIC memory, registers and the firmware trace.

import test from 'ava';
import {
  _IOR, ALT_ATTACH, ALT_READ_TG_MEM, ALT_READ_TG_REG, ALT_WRITE_TG_MEM, ALT_WRITE_TG_REG, close, devfs_chmod, EACCES, EFAULT, EINVAL,
  EPERM, ENOTTY, ioctl, open, O_RDONLY, O_RDWR, SIZEOF_TI_PARAMS, SIZEOF_TI_STATS, TI_PARAM_RX_COAL_TICKS, TI_TRACE_TYPE_RECV,
  TI_TRACE_TYPE_SEND, TI_SIM_TRACE_START, TI_SIM_TRACE_ENTRY_BYTES, TIIOCGETPARAMS, TIIOCGETSTATS, TIIOCGETTRACE, TIIOCSETPARAMS,
  TIIOCSETTRACE, tg_mem_encode, tg_reg_decode, tg_reg_encode, ti_params_decode, ti_params_encode, ti_trace_buf_decode,
  ti_trace_buf_encode, ti_trace_type_encode, if_tireg, type Proc,
} from 'zcsim';
import { as_proc, errno_of, ioctl_bytes, send, tipair } from './helpers.ts';

const { TI_FLAG_DEBUGING, TI_GCR_RX_COAL_TICKS, TI_REG_MAX } = if_tireg;

const bswap32 = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

test('open sets TI_FLAG_DEBUGING and the last close clears it; a non-root open of the 0600 node is EACCES', async (t) => {
  const pair = tipair();
  const seen = await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const fd2 = open(p, '/dev/ti0', O_RDONLY);
    const during = pair.sa.ti_flags & TI_FLAG_DEBUGING;
    close(p, fd);
    const after_one = pair.sa.ti_flags & TI_FLAG_DEBUGING;
    close(p, fd2);
    return { during, after_one, after: pair.sa.ti_flags & TI_FLAG_DEBUGING, nodev: errno_of(() => open(p, '/dev/ti7', O_RDWR)) };
  });
  t.deepEqual(seen, { during: TI_FLAG_DEBUGING, after_one: TI_FLAG_DEBUGING, after: 0, nodev: 2 });
  const eacces = await as_proc(pair.sim, pair.a, (p) => errno_of(() => open(p, '/dev/ti0', O_RDONLY)), 1001);
  t.is(eacces, EACCES);
  t.is(pair.sa.ti_flags & TI_FLAG_DEBUGING, 0);
});

test('an unknown request is ENOTTY, and so is a ti request on a file that is not the device', async (t) => {
  const pair = tipair();
  const r = await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const buf = p.malloc(64);
    return { unknown: errno_of(() => ioctl(p, fd, _IOR('T', 99, 4), buf)), console: errno_of(() => ioctl(p, 0, TIIOCGETSTATS, buf)), attach: errno_of(() => ioctl(p, fd, ALT_ATTACH, 0)) };
  });
  t.deepEqual(r, { unknown: ENOTTY, console: ENOTTY, attach: 0 });
});

test('EFAULT for a bad argument pointer and for a bad user buffer inside the structure; nothing changes', async (t) => {
  const pair = tipair();
  const before = pair.sa.ti_rx_coal_ticks;
  const r = await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const set = errno_of(() => ioctl(p, fd, TIIOCSETPARAMS, 0x10));
    const get = errno_of(() => ioctl(p, fd, TIIOCGETSTATS, 0x10));
    const mem = p.malloc(16);
    p.poke(mem, tg_mem_encode({ tgAddr: 0x4000, userAddr: 0x10, len: 64 }));
    const read = errno_of(() => ioctl(p, fd, ALT_READ_TG_MEM, mem));
    const write = errno_of(() => ioctl(p, fd, ALT_WRITE_TG_MEM, mem));
    const tb = p.malloc(16);
    p.poke(tb, ti_trace_buf_encode({ buf: 0x10, buf_len: 256, fill_len: 7, cur_trace_ptr: 7 }));
    const trace = errno_of(() => ioctl(p, fd, TIIOCGETTRACE, tb));
    return { set, get, read, write, trace, tb_after: ti_trace_buf_decode(p.peek(tb, 16)) };
  });
  t.like(r, { set: EFAULT, get: EFAULT, read: EFAULT, write: EFAULT, trace: EFAULT });
  t.like(r.tb_after, { fill_len: 7 }, 'a failed request copies nothing out');
  t.is(pair.sa.ti_rx_coal_ticks, before);
});

test('EINVAL: unaligned NIC memory writes, addresses out of range, registers above TI_REG_MAX; nothing is written', async (t) => {
  const pair = tipair();
  const r = await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const data = p.malloc(64);
    p.poke(data, Uint8Array.from({ length: 64 }, (_, i) => i + 1));
    const arg = (tgAddr: number, len: number): Uint8Array => tg_mem_encode({ tgAddr, userAddr: data, len });
    return {
      unaligned: errno_of(() => ioctl_bytes(p, fd, ALT_WRITE_TG_MEM, arg(0x4002, 8))),
      out_of_range: errno_of(() => ioctl_bytes(p, fd, ALT_READ_TG_MEM, arg(0x900000, 8))),
      scratch_unaligned: errno_of(() => ioctl_bytes(p, fd, ALT_READ_TG_MEM, arg(0xc00002, 8))),
      cpu_b_not_start: errno_of(() => ioctl_bytes(p, fd, ALT_READ_TG_MEM, arg(0xd00010, 8))),
      reg: errno_of(() => ioctl_bytes(p, fd, ALT_READ_TG_REG, tg_reg_encode({ addr: TI_REG_MAX + 1, data: 0 }))),
      readback: (() => {
        const out = p.malloc(8);
        ioctl_bytes(p, fd, ALT_READ_TG_MEM, tg_mem_encode({ tgAddr: 0x4000, userAddr: out, len: 8 }));
        return [...p.peek(out, 8)];
      })(),
    };
  });
  t.like(r, { unaligned: EINVAL, out_of_range: EINVAL, scratch_unaligned: EINVAL, cpu_b_not_start: EINVAL, reg: EINVAL });
  t.deepEqual(r.readback, [0, 0, 0, 0, 0, 0, 0, 0]);
  t.true(pair.a.dmesg.includes("ti0: ti_copy_mem: unaligned writes aren't yet supported"));
  t.true(pair.a.dmesg.some((l) => l.includes('is out of supported range')));
});

test('EPERM: a non-root process may read statistics through a node opened up with chmod, but not set parameters or write the NIC', async (t) => {
  const pair = tipair();
  devfs_chmod(pair.a, 'ti0', 0o666);
  const before = { ...pair.sa.nic.stats };
  const r = await as_proc(
    pair.sim,
    pair.a,
    (p: Proc) => {
      const fd = open(p, '/dev/ti0', O_RDWR);
      const stats = errno_of(() => ioctl_bytes(p, fd, TIIOCGETSTATS, new Uint8Array(SIZEOF_TI_STATS)));
      const set = errno_of(() =>
        ioctl_bytes(p, fd, TIIOCSETPARAMS, ti_params_encode({ ti_stat_ticks: 0, ti_rx_coal_ticks: 5, ti_tx_coal_ticks: 0, ti_rx_max_coal_bds: 0, ti_tx_max_coal_bds: 0, ti_tx_buf_ratio: 0, param_mask: TI_PARAM_RX_COAL_TICKS })),
      );
      const data = p.malloc(8);
      const wmem = errno_of(() => ioctl_bytes(p, fd, ALT_WRITE_TG_MEM, tg_mem_encode({ tgAddr: 0x4000, userAddr: data, len: 8 })));
      const wreg = errno_of(() => ioctl_bytes(p, fd, ALT_WRITE_TG_REG, tg_reg_encode({ addr: TI_GCR_RX_COAL_TICKS, data: bswap32(5) })));
      const trace = errno_of(() => ioctl_bytes(p, fd, TIIOCSETTRACE, ti_trace_type_encode(TI_TRACE_TYPE_RECV)));
      const params = ti_params_decode(ioctl_bytes(p, fd, TIIOCGETPARAMS, new Uint8Array(SIZEOF_TI_PARAMS)));
      return { stats, set, wmem, wreg, trace, rx: params.ti_rx_coal_ticks };
    },
    1001,
  );
  t.deepEqual(r, { stats: 0, set: EPERM, wmem: EPERM, wreg: EPERM, trace: EPERM, rx: 170 });
  t.is(pair.sa.ti_rx_coal_ticks, 170);
  t.deepEqual(pair.sa.nic.stats['nicCmdsHostState'], before['nicCmdsHostState']);
});

test('ALT_READ_TG_REG / ALT_WRITE_TG_REG: registers in network byte order; a write to TI_GCR_RX_COAL_TICKS takes effect on the NIC', async (t) => {
  const pair = tipair();
  const r = await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const read = tg_reg_decode(ioctl_bytes(p, fd, ALT_READ_TG_REG, tg_reg_encode({ addr: TI_GCR_RX_COAL_TICKS, data: 0 })));
    ioctl_bytes(p, fd, ALT_WRITE_TG_REG, tg_reg_encode({ addr: TI_GCR_RX_COAL_TICKS, data: bswap32(500) }));
    const again = tg_reg_decode(ioctl_bytes(p, fd, ALT_READ_TG_REG, tg_reg_encode({ addr: TI_GCR_RX_COAL_TICKS, data: 0 })));
    return { read: read.data, again: again.data };
  });
  t.is(r.read, bswap32(170));
  t.is(r.again, bswap32(500));
  t.is(pair.sa.nic.regs[TI_GCR_RX_COAL_TICKS >> 2], 500);
  t.is(pair.sa.ti_rx_coal_ticks, 170, 'the driver\'s copy is not told: TIIOCGETPARAMS still says 170');
});

test('ALT_WRITE_TG_MEM then ALT_READ_TG_MEM round-trip NIC SRAM and the CPU A scratchpad; the CPU B window is Tigon 2 only', async (t) => {
  for (const board of ['ti', 'ti-tigon1'] as const) {
    const pair = tipair({ boards: [board, board] });
    const r = await as_proc(pair.sim, pair.a, (p) => {
      const fd = open(p, '/dev/ti0', O_RDWR);
      const src = p.malloc(32);
      const dst = p.malloc(32);
      const pattern = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i);
      p.poke(src, pattern);
      const rt = (addr: number): number[] => {
        ioctl_bytes(p, fd, ALT_WRITE_TG_MEM, tg_mem_encode({ tgAddr: addr, userAddr: src, len: 32 }));
        ioctl_bytes(p, fd, ALT_READ_TG_MEM, tg_mem_encode({ tgAddr: addr, userAddr: dst, len: 32 }));
        return [...p.peek(dst, 32)];
      };
      return { sram: rt(0x180000), scratch: rt(0xc00100), cpub: errno_of(() => rt(0xd00000)), pattern: [...pattern] };
    });
    t.deepEqual(r.sram, r.pattern);
    t.deepEqual(r.scratch, r.pattern);
    t.is(r.cpub, board === 'ti' ? 0 : EINVAL, board);
  }
});

test('TIIOCSETTRACE and TIIOCGETTRACE: the firmware records sends and receives of the types asked for', async (t) => {
  const pair = tipair();
  await as_proc(pair.sim, pair.b, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    ioctl_bytes(p, fd, TIIOCSETTRACE, ti_trace_type_encode(TI_TRACE_TYPE_RECV));
  });
  for (let i = 0; i < 3; i++) send(pair.ia, new Uint8Array(100 + i));
  pair.sim.runUntilIdle();
  const r = await as_proc(pair.sim, pair.b, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const buf = p.malloc(4096);
    const tb = ti_trace_buf_decode(ioctl_bytes(p, fd, TIIOCGETTRACE, ti_trace_buf_encode({ buf, buf_len: 4096, fill_len: 0, cur_trace_ptr: 0 })));
    const words = new Uint32Array(p.peek(buf, 48).slice().buffer);
    return { tb, words: [...words] };
  });
  t.is(r.tb.fill_len, 4096);
  t.is(r.tb.cur_trace_ptr, 3 * TI_SIM_TRACE_ENTRY_BYTES);
  t.deepEqual([r.words[0], r.words[2], r.words[4], r.words[6], r.words[8], r.words[10]], [TI_TRACE_TYPE_RECV, 114, TI_TRACE_TYPE_RECV, 115, TI_TRACE_TYPE_RECV, 116]);
  t.is(pair.sb.nic.regs[0x654 >> 2], TI_SIM_TRACE_START);
  t.not(TI_TRACE_TYPE_SEND, TI_TRACE_TYPE_RECV);
});
