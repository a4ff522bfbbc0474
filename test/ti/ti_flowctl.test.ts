// Transmit flow control and the watchdog: why the 2002 driver leaves
// TI_GLNK_TX_FLOWCTL_Y #if 0'd ("the interface will just hang"), and why
// the watchdog leaves the board alone while /dev/ti0 is open.

import test from 'ava';
import {
  ALT_READ_TG_REG, ALT_WRITE_TG_REG, close, cpu_charge, m_freem, netisr_register, NETISR_IP, open, O_RDWR, sched_run, ti_nic_tx_hung,
  ti_stat, ti_ring_usage, tg_reg_decode, tg_reg_encode, tsleep, proc_table, if_tireg, type Proc,
} from 'zcsim';
import { as_proc, ioctl_bytes, send, tipair, type TiPair } from './helpers.ts';

const { TI_GCR_GLINK, TI_GLNK_TX_FLOWCTL_Y, TI_FLAG_DEBUGING } = if_tireg;
const bswap32 = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
const FRAMES = 600;

// What removing the #if 0 would do: TI_GLNK_TX_FLOWCTL_Y in the gigabit link register.
function enable_tx_flowctl(p: Proc, fd: number): void {
  const cur = tg_reg_decode(ioctl_bytes(p, fd, ALT_READ_TG_REG, tg_reg_encode({ addr: TI_GCR_GLINK, data: 0 })));
  ioctl_bytes(p, fd, ALT_WRITE_TG_REG, tg_reg_encode({ addr: TI_GCR_GLINK, data: bswap32(bswap32(cur.data) | TI_GLNK_TX_FLOWCTL_Y) }));
}

// b's CPU is busy for 200 ms (its interrupts wait), while a sends FRAMES frames at line rate.
function burst(pair: TiPair): { got: () => number } {
  let n = 0;
  netisr_register(pair.b, NETISR_IP, (m) => {
    n++;
    m_freem(m);
  });
  cpu_charge(pair.b, 'user', 200_000_000);
  for (let i = 0; i < FRAMES; i++) send(pair.ia, new Uint8Array(1000).fill(i & 0xff));
  return { got: () => n };
}

test('receive flow control: a receiver out of buffers sends PAUSE; without transmit flow control the sender ignores it and the receiver drops', (t) => {
  const pair = tipair();
  const { got } = burst(pair);
  pair.sim.runUntilIdle();
  t.true(ti_stat(pair.sa.nic.stats, 'nicMacRxFlowControl') >= 1, 'a saw the PAUSE');
  t.true(ti_stat(pair.sb.nic.stats, 'nicNoMoreRxBDs') > 0, 'b dropped frames it had no buffer for');
  t.false(ti_nic_tx_hung(pair.sa));
  t.is(pair.ia.if_opackets, FRAMES, 'a sent everything');
  t.is(pair.ib.if_ipackets + ti_stat(pair.sb.nic.stats, 'nicNoMoreRxBDs'), FRAMES);
  t.true(got() > 0);
  t.false(pair.a.dmesg.some((l) => l.includes('watchdog')));
});

test('with TI_GLNK_TX_FLOWCTL_Y a Tigon 2 hangs at the first PAUSE; the watchdog resets it after 5 s and traffic resumes', async (t) => {
  const pair = tipair();
  await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    enable_tx_flowctl(p, fd);
    close(p, fd);
  });
  const { got } = burst(pair);
  pair.sim.runUntil(pair.sim.now_ns + 1_000_000_000);
  t.true(ti_nic_tx_hung(pair.sa), 'the transmitter stopped');
  t.true(ti_ring_usage(pair.sa).tx > 0, 'packets sit in the send ring');
  t.true(pair.ia.if_opackets < FRAMES);
  // ti_txeof disarmed the watchdog when the last frames before the hang
  // completed; the next packet the stack sends arms it again (if_timer = 5).
  send(pair.ia, new Uint8Array(1000));
  const t_send = pair.sim.now_ns;
  pair.sim.runUntilIdle();
  t.true(pair.a.dmesg.includes('ti0: watchdog timeout -- resetting'));
  t.is(pair.ia.if_oerrors, 1);
  t.false(ti_nic_tx_hung(pair.sa));
  t.true(pair.sim.now_ns - t_send >= 5_000_000_000);
  // ti_init reprogrammed the link without transmit flow control: frames flow again.
  const before = pair.ib.if_ipackets;
  for (let i = 0; i < 10; i++) send(pair.ia, new Uint8Array(1000));
  pair.sim.runUntilIdle();
  t.is(pair.ib.if_ipackets, before + 10);
});

test('while /dev/ti0 is open the watchdog does not reset the hung board', async (t) => {
  const pair = tipair();
  let hung_at_close = false;
  proc_table(pair.a).spawn(async (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    enable_tx_flowctl(p, fd);
    pair.sim.schedule_after(1000, () => burst(pair));
    await tsleep(p, {}, 'gdb', 12_000_000_000); // a debugger attached for 12 s
    hung_at_close = ti_nic_tx_hung(pair.sa) && (pair.sa.ti_flags & TI_FLAG_DEBUGING) !== 0;
    close(p, fd);
    return 0;
  }, { comm: 'tigdb' });
  await sched_run(pair.sim);
  t.true(hung_at_close, 'still hung after 12 s with the device open');
  t.false(pair.a.dmesg.some((l) => l.includes('watchdog')));
  t.is(pair.ia.if_oerrors, 0);
});

test('a Tigon 1 ignores PAUSE even with the bit set (transmit flow control does not work on it)', async (t) => {
  const pair = tipair({ boards: ['ti-tigon1', 'ti'] });
  await as_proc(pair.sim, pair.a, (p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    enable_tx_flowctl(p, fd);
  });
  burst(pair);
  pair.sim.runUntilIdle();
  t.false(ti_nic_tx_hung(pair.sa));
  t.is(pair.ia.if_opackets, FRAMES);
});
