// /dev/tiN: the Tigon character device, for statistics, tuning, the
// firmware trace and debugging (NIC memory and registers).
// Mirrors ti_open, ti_close, ti_ioctl2, ti_copy_mem and ti_copy_scratch of
// sys/pci/if_ti.c (FreeBSD 5.0; Kenneth Merry's character device).
//
// How to use (a process; see sys/tiio.ts for the structures):
//   const fd = open(p, '/dev/ti0', O_RDWR);        // root only: the node is 0600 root:operator
//   ioctl(p, fd, TIIOCGETSTATS, buf);               // struct ti_stats at buf
//   close(p, fd);
// While the device is open the watchdog leaves the board alone
// (TI_FLAG_DEBUGING), so a firmware stopped under a debugger is not reset.
//
// Errors: ENOTTY for a request the driver does not know; EINVAL for NIC
// memory outside the supported ranges, an unaligned write or scratchpad
// access, a register above TI_REG_MAX; EFAULT for a bad user pointer
// inside a structure (the structure itself is copied by ioctl(2)); ENODEV
// for a unit with no board. The 2002 driver relied on the node's mode
// alone; we also refuse the requests that change the board
// (TIIOCSETPARAMS, TIIOCSETTRACE, ALT_WRITE_TG_MEM, ALT_WRITE_TG_REG) to
// a process that is not root, with EPERM, so that a node opened up with
// devfs_chmod (say, for a monitoring tool) stays read-only for users.
// A failed request changes nothing.

import { copyin, copyout } from '../../i386/i386/support.ts';
import { minor, type cdev, type cdevsw } from '../../kern/kern_conf.ts';
import { EINVAL, ENODEV, ENOTTY } from '../../sys/errno.ts';
import type { Proc } from '../../sys/proc.ts';
import { suser_cred } from '../../sys/ucred.ts';
import {
  ALT_ATTACH,
  ALT_READ_TG_MEM,
  ALT_READ_TG_REG,
  ALT_WRITE_TG_MEM,
  ALT_WRITE_TG_REG,
  TIIOCGETPARAMS,
  TIIOCGETSTATS,
  TIIOCGETTRACE,
  TIIOCSETPARAMS,
  TIIOCSETTRACE,
  TI_PARAM_ALL,
  TI_PARAM_RX_COAL_BDS,
  TI_PARAM_RX_COAL_TICKS,
  TI_PARAM_STAT_TICKS,
  TI_PARAM_TX_BUF_RATIO,
  TI_PARAM_TX_COAL_BDS,
  TI_PARAM_TX_COAL_TICKS,
  tg_mem_decode,
  tg_reg_decode,
  tg_reg_encode,
  ti_params_decode,
  ti_params_encode,
  ti_stats_encode,
  ti_trace_buf_decode,
  ti_trace_buf_encode,
} from '../../sys/tiio.ts';
import type { ti_softc } from './if_tivar.ts';
import { CSR_READ_4, CSR_WRITE_4, ti_nic_stats_sync, ti_scratch, ti_sram_byte, ti_sram_set_byte } from './ti_nic.ts';
import { ti_lookup_softc } from './if_ti.ts';
import {
  TI_BEG_SCRATCH,
  TI_BEG_SCRATCH_B_DEBUG,
  TI_BEG_SRAM,
  TI_CDEV_MAJOR,
  TI_END_SCRATCH_I,
  TI_END_SCRATCH_II,
  TI_END_SRAM_I,
  TI_END_SRAM_II,
  TI_FLAG_DEBUGING,
  TI_GCR_NIC_TRACING,
  TI_GCR_NICTRACE_LEN,
  TI_GCR_NICTRACE_PTR,
  TI_GCR_NICTRACE_START,
  TI_GCR_RX_COAL_TICKS,
  TI_GCR_RX_MAX_COAL_BD,
  TI_GCR_STAT_TICKS,
  TI_GCR_TX_BUFFER_RATIO,
  TI_GCR_TX_COAL_TICKS,
  TI_GCR_TX_MAX_COAL_BD,
  TI_HWREV_TIGON,
  TI_PROCESSOR_A,
  TI_PROCESSOR_B,
  TI_REG_MAX,
  TI_SCRATCH_DEBUG_OFF,
} from './if_tireg.ts';

function softc(dev: cdev): ti_softc | null {
  return ti_lookup_softc(dev.si_kernel, minor(dev) & 0xff);
}

/** ti_open: marks the board as being debugged (the watchdog will not reset it). ENODEV for no board. */
function ti_open(dev: cdev, _flags: number, _p: Proc): number {
  const sc = softc(dev);
  if (sc === null) return ENODEV;
  sc.ti_flags |= TI_FLAG_DEBUGING;
  return 0;
}

/** ti_close: at the last close of the node. */
function ti_close(dev: cdev, _flags: number, _p: Proc | null): number {
  const sc = softc(dev);
  if (sc === null) return ENODEV;
  sc.ti_flags &= ~TI_FLAG_DEBUGING;
  return 0;
}

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

// SRAM holds big-endian words; the host sees them byte swapped to its own
// order (ti_bcopy_swap), so byte i of a host word is byte 3 - i of the NIC's.
function swapped(addr: number): number {
  return (addr & ~3) + (3 - (addr & 3));
}

/**
 * ti_copy_mem: `len` bytes of NIC SRAM at tigon_addr to (readdata) or from
 * the user buffer at `useraddr`. Writes must start word aligned. 0, EINVAL or EFAULT.
 */
export function ti_copy_mem(sc: ti_softc, tigon_addr: number, len: number, useraddr: number, p: Proc, readdata: boolean): number {
  if (!readdata && (tigon_addr & 3) !== 0) {
    sc.kernel.printf(`ti${sc.ti_unit}: ti_copy_mem: tigon address 0x${tigon_addr.toString(16)} isn't word-aligned`);
    sc.kernel.printf(`ti${sc.ti_unit}: ti_copy_mem: unaligned writes aren't yet supported`);
    return EINVAL;
  }
  const buf = new Uint8Array(len);
  if (readdata) {
    for (let i = 0; i < len; i++) buf[i] = ti_sram_byte(sc, swapped(tigon_addr + i));
    return copyout(p, buf, useraddr, len);
  }
  const error = copyin(p, useraddr, buf, len);
  if (error !== 0) return error;
  for (let i = 0; i < len; i++) ti_sram_set_byte(sc, swapped(tigon_addr + i), buf[i] ?? 0);
  return 0;
}

/**
 * ti_copy_scratch: a CPU scratchpad through TI_SRAM_ADDR/TI_SRAM_DATA, four
 * bytes at a time; address and length must be word aligned (EINVAL).
 */
export function ti_copy_scratch(sc: ti_softc, tigon_addr: number, len: number, useraddr: number, p: Proc, readdata: boolean, cpu: number): number {
  if ((tigon_addr & 3) !== 0) {
    sc.kernel.printf(`ti${sc.ti_unit}: ti_copy_scratch: tigon address 0x${tigon_addr.toString(16)} isn't word-aligned`);
    return EINVAL;
  }
  if ((len & 3) !== 0) {
    sc.kernel.printf(`ti${sc.ti_unit}: ti_copy_scratch: transfer length ${len} isn't word-aligned`);
    return EINVAL;
  }
  const mem = ti_scratch(sc, cpu);
  if (mem === null) return EINVAL;
  const base = tigon_addr - TI_BEG_SCRATCH;
  const at = (i: number): number => swapped((base + i) % mem.length);
  const buf = new Uint8Array(len);
  if (readdata) {
    for (let i = 0; i < len; i++) buf[i] = mem[at(i)] ?? 0;
    return copyout(p, buf, useraddr, len);
  }
  const error = copyin(p, useraddr, buf, len);
  if (error !== 0) return error;
  for (let i = 0; i < len; i++) mem[at(i)] = buf[i] ?? 0;
  return 0;
}

/** The requests that change the board: root only (see the header). */
function privileged(cmd: number): boolean {
  return cmd === TIIOCSETPARAMS || cmd === TIIOCSETTRACE || cmd === ALT_WRITE_TG_MEM || cmd === ALT_WRITE_TG_REG;
}

/** Most a debugger may move in one ALT_*_TG_MEM request: the largest Tigon SRAM. */
const TI_MEM_XFER_MAX = TI_END_SRAM_II;

/** ti_ioctl2: the character device's requests; `data` is the kernel copy of the argument. */
function ti_ioctl2(dev: cdev, cmd: number, data: Uint8Array, _flag: number, p: Proc): number {
  const sc = softc(dev);
  if (sc === null) return ENODEV;
  if (privileged(cmd) && suser_cred(p.p_ucred) !== 0) return suser_cred(p.p_ucred);
  switch (cmd) {
    case TIIOCGETSTATS:
      ti_nic_stats_sync(sc);
      data.set(ti_stats_encode(sc.ti_stats_host));
      return 0;
    case TIIOCGETPARAMS:
      data.set(
        ti_params_encode({
          ti_stat_ticks: sc.ti_stat_ticks,
          ti_rx_coal_ticks: sc.ti_rx_coal_ticks,
          ti_tx_coal_ticks: sc.ti_tx_coal_ticks,
          ti_rx_max_coal_bds: sc.ti_rx_max_coal_bds,
          ti_tx_max_coal_bds: sc.ti_tx_max_coal_bds,
          ti_tx_buf_ratio: sc.ti_tx_buf_ratio,
          param_mask: TI_PARAM_ALL,
        }),
      );
      return 0;
    case TIIOCSETPARAMS: {
      const params = ti_params_decode(data);
      const mask = params.param_mask;
      // Each value goes into the softc and at once into the NIC's register.
      if (mask & TI_PARAM_STAT_TICKS) CSR_WRITE_4(sc, TI_GCR_STAT_TICKS, (sc.ti_stat_ticks = params.ti_stat_ticks));
      if (mask & TI_PARAM_RX_COAL_TICKS) CSR_WRITE_4(sc, TI_GCR_RX_COAL_TICKS, (sc.ti_rx_coal_ticks = params.ti_rx_coal_ticks));
      if (mask & TI_PARAM_TX_COAL_TICKS) CSR_WRITE_4(sc, TI_GCR_TX_COAL_TICKS, (sc.ti_tx_coal_ticks = params.ti_tx_coal_ticks));
      if (mask & TI_PARAM_RX_COAL_BDS) CSR_WRITE_4(sc, TI_GCR_RX_MAX_COAL_BD, (sc.ti_rx_max_coal_bds = params.ti_rx_max_coal_bds));
      if (mask & TI_PARAM_TX_COAL_BDS) CSR_WRITE_4(sc, TI_GCR_TX_MAX_COAL_BD, (sc.ti_tx_max_coal_bds = params.ti_tx_max_coal_bds));
      if (mask & TI_PARAM_TX_BUF_RATIO) CSR_WRITE_4(sc, TI_GCR_TX_BUFFER_RATIO, (sc.ti_tx_buf_ratio = params.ti_tx_buf_ratio));
      return 0;
    }
    case TIIOCSETTRACE:
      // The value is the mask of trace types; a mask of 0 turns tracing off.
      CSR_WRITE_4(sc, TI_GCR_NIC_TRACING, new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true));
      return 0;
    case TIIOCGETTRACE: {
      const tb = ti_trace_buf_decode(data);
      const trace_start = CSR_READ_4(sc, TI_GCR_NICTRACE_START);
      const cur_trace_ptr = CSR_READ_4(sc, TI_GCR_NICTRACE_PTR);
      const trace_len = CSR_READ_4(sc, TI_GCR_NICTRACE_LEN);
      const n = Math.max(0, Math.min(trace_len, tb.buf_len));
      const error = ti_copy_mem(sc, trace_start, n, tb.buf, p, true);
      if (error === 0) {
        tb.fill_len = n;
        tb.cur_trace_ptr = cur_trace_ptr < trace_start ? trace_start - cur_trace_ptr : cur_trace_ptr - trace_start;
      } else {
        tb.fill_len = 0;
      }
      data.set(ti_trace_buf_encode(tb));
      return error;
    }
    case ALT_ATTACH:
      // Alteon's Solaris tool has one device and "attaches" to a board; ours has one node per board.
      return 0;
    case ALT_READ_TG_MEM:
    case ALT_WRITE_TG_MEM: {
      const mem = tg_mem_decode(data);
      const read = cmd === ALT_READ_TG_MEM;
      const tigon1 = sc.ti_hwrev === TI_HWREV_TIGON;
      const sram_end = tigon1 ? TI_END_SRAM_I : TI_END_SRAM_II;
      const scratch_end = tigon1 ? TI_END_SCRATCH_I : TI_END_SCRATCH_II;
      if (mem.len < 0 || mem.len > TI_MEM_XFER_MAX) return EINVAL;
      if (mem.tgAddr >= TI_BEG_SRAM && mem.tgAddr + mem.len <= sram_end) {
        return ti_copy_mem(sc, mem.tgAddr, mem.len, mem.userAddr, p, read);
      }
      if (mem.tgAddr >= TI_BEG_SCRATCH && mem.tgAddr <= scratch_end) {
        return ti_copy_scratch(sc, mem.tgAddr, mem.len, mem.userAddr, p, read, TI_PROCESSOR_A);
      }
      // 2002's range test for CPU B compares the start against the start twice: only that one address passes.
      if (mem.tgAddr >= TI_BEG_SCRATCH_B_DEBUG && mem.tgAddr <= TI_BEG_SCRATCH_B_DEBUG) {
        if (tigon1) {
          sc.kernel.printf(`ti${sc.ti_unit}:  invalid memory range for Tigon I`);
          return EINVAL;
        }
        return ti_copy_scratch(sc, mem.tgAddr - TI_SCRATCH_DEBUG_OFF, mem.len, mem.userAddr, p, read, TI_PROCESSOR_B);
      }
      sc.kernel.printf(`ti${sc.ti_unit}: memory address 0x${mem.tgAddr.toString(16)} len ${mem.len} is out of supported range`);
      return EINVAL;
    }
    case ALT_READ_TG_REG:
    case ALT_WRITE_TG_REG: {
      const regs = tg_reg_decode(data);
      if (regs.addr > TI_REG_MAX) return EINVAL;
      // Alteon's tools speak network byte order: the value is ntohl'd on read and htonl'd on write.
      if (cmd === ALT_READ_TG_REG) data.set(tg_reg_encode({ addr: regs.addr, data: bswap32(CSR_READ_4(sc, regs.addr)) }));
      else CSR_WRITE_4(sc, regs.addr, bswap32(regs.data));
      return 0;
    }
    default:
      return ENOTTY;
  }
}

/** ti_cdevsw. */
export const ti_cdevsw: cdevsw = { d_open: ti_open, d_close: ti_close, d_ioctl: ti_ioctl2, d_name: 'ti', d_maj: TI_CDEV_MAJOR };

