// The PCI bus a machine's network boards sit on. No FreeBSD counterpart
// (it is the motherboard): the simulated boards DMA frames and descriptors
// between host memory and the card through it, and it takes its time.
//
// How a board uses it:
//   const done_ns = bus.dma('read', bytes);    // host memory to the board (a frame to send)
//   const done_ns = bus.dma('write', bytes);   // the board to host memory (a received frame)
// Each transfer takes bytes / (peak x dma_efficiency) of bus time. The
// boards of the era have a DMA engine per direction (the Tigon's two
// channels, the PRO/1000's transmit and receive queues) and the firmware
// breaks transfers into bursts, so the two directions interleave on the
// one bus: each direction is served in order (a FIFO, like the CPU in
// cpu.ts), and a transfer in one direction pushes back by its own bus time
// the work still queued in the other, so that the two never move more than
// the bus can. (A completion time already handed out is not moved: a small
// error, an ACK's worth, when both directions are busy.) Peak is width x
// clock: 133 MB/s for 32 bits at 33 MHz, 267 for 64/33, 533 for 64/66.
// No transfer reaches peak: each burst pays an address phase, the target's
// initial latency and arbitration, and a board's DMA engine bursts only so
// far (the Tigon's TI_PCISTATE_*_MAXDMA settings). dma_efficiency stands
// for all of that; its value is the machine's (sim/cost_model.ts), an
// assumption stated there, since no measured value for these boards of the
// era was found (../shared/reference/zero-copy-anchors.md, "PCI
// bandwidth"). When the bus is slower than the wire, it, not the CPU or
// the wire, sets the rate: that is the Pentium II/440LX's 780 Mb/s.

import type { Simulation } from '../engine/simulation.ts';

/** First PCI slot (device number) the network boards sit in; lower ones hold the chipset. */
export const PCI_FIRST_NIC_SLOT = 9;

export type { PciBusSpec } from '../engine/cost_model.ts';
import type { PciBusSpec } from '../engine/cost_model.ts';

/** The exact clocks behind the names 33 and 66 MHz. */
const PCI_CLOCK_HZ: Readonly<Record<PciBusSpec['clock_mhz'], number>> = { 33: 100e6 / 3, 66: 200e6 / 3 };

/** Peak transfer rate of a bus: one word per clock, no overhead. */
export function pci_peak_bytes_per_s(spec: PciBusSpec): number {
  return (spec.width_bits / 8) * PCI_CLOCK_HZ[spec.clock_mhz];
}

/** A direction of DMA: host memory to the board ('read', as the board sees it) or the board to host memory. */
export type PciDmaDirection = 'read' | 'write';

/** Counters of one bus. */
export interface PciStats {
  transfers: number; // DMA transfers done or queued
  bytes: number; // their bytes
  busy_ns: number; // bus time they take, in all
}

/** One machine's PCI bus. */
export class PciBus {
  readonly sim: Simulation; // whose clock the transfers take time on
  readonly spec: PciBusSpec; // width and clock
  readonly dma_efficiency: number; // the share of peak a DMA stream achieves, 0..1
  readonly bytes_per_s: number; // what a stream of DMA actually moves: peak x efficiency
  readonly stats: PciStats = { transfers: 0, bytes: 0, busy_ns: 0 };
  private read_free_ns = 0; // when the reads already queued are done
  private write_free_ns = 0; // when the writes already queued are done

  /** Throws RangeError for an efficiency outside (0, 1]. */
  constructor(sim: Simulation, spec: PciBusSpec, dma_efficiency: number) {
    if (!(dma_efficiency > 0 && dma_efficiency <= 1)) throw new RangeError(`pci: DMA efficiency ${dma_efficiency} is not in (0, 1]`);
    this.sim = sim;
    this.spec = spec;
    this.dma_efficiency = dma_efficiency;
    this.bytes_per_s = pci_peak_bytes_per_s(spec) * dma_efficiency;
  }

  /** When the bus is next idle in both directions (now, if it is). */
  get busy_until_ns(): number {
    return Math.max(this.read_free_ns, this.write_free_ns, this.sim.now_ns);
  }

  /** ns the bus needs to move `bytes` by DMA. */
  dma_ns(bytes: number): number {
    return Math.ceil((bytes * 1e9) / this.bytes_per_s);
  }

  /** Queues a DMA of `bytes` (an integer >= 0) in direction `dir` and returns when it completes. */
  dma(dir: PciDmaDirection, bytes: number): number {
    const now = this.sim.now_ns;
    const ns = this.dma_ns(bytes);
    let end: number;
    if (dir === 'read') {
      end = this.read_free_ns = Math.max(now, this.read_free_ns) + ns;
      if (this.write_free_ns > now) this.write_free_ns += ns;
    } else {
      end = this.write_free_ns = Math.max(now, this.write_free_ns) + ns;
      if (this.read_free_ns > now) this.read_free_ns += ns;
    }
    this.stats.transfers++;
    this.stats.bytes += bytes;
    this.stats.busy_ns += ns;
    return end;
  }
}

