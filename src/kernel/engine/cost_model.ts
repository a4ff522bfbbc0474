// The CPU cost model: what each piece of kernel work costs on a reference
// machine of 2002, as named parameters. No FreeBSD counterpart.
//
// How to use:
//   const costs = MACHINE_CLASSES.PIII_733;       // or machine_class(kernel)
//   cpu_charge(kernel, 'copy', copy_ns(costs, 1448));
//   cpu_charge(kernel, 'protocol', costs.tcp_input_ns);
// A machine's class is chosen at boot: boot(cfg, { machineClass: 'PII_450' });
// the default is DEFAULT_MACHINE_CLASS. config(5) has no keyword for it
// because a real kernel does not choose its hardware.
//
// Where the numbers come from (../shared/reference/freebsd-facts.md §7):
// Gallatin, Chase and Yocum, "Trapeze/IP: TCP/IP at Near-Gigabit Speeds",
// USENIX 1999 FREENIX (W-DUKE9, W-DUKE11, W-DUKE13), and the Trapeze IP
// results page of June 2000 (W-DUKEIP). The figures used:
//   [A] P-II/440LX: ~450 Mb/s when the receiver must copy, ~780 Mb/s with
//       zero copy; 440BX has better memory bandwidth (W-DUKE9).
//   [B] Alpha receiver at MTU 1500: ~80 % CPU at 300 Mb/s, of which ~55 % is
//       packet handling (driver + stack); with 8 KB payloads 360 Mb/s and the
//       packet share falls to 24 % (W-DUKE11).
//   [C] 500 MHz Alpha 21264 (XP1000, "Monet"): 988 Mb/s with zero copy on
//       Alteon gigabit Ethernet at CPU overhead as low as 20 % (W-DUKE13);
//       enough memory bandwidth for 956 Mb/s at large MTUs even while
//       copying (W-DUKE9); 970 Mb/s without zero copy, 1147 with (W-DUKEIP).
//   [D] PowerEdge 4400 @ 733 MHz (Pentium III): 1765 Mb/s with zero copy,
//       the fastest host in the June 2000 table (W-DUKEIP).
// Derivations (all [derived], ours):
//   From [B]: 300 Mb/s at 1448-byte payloads is ~25 900 packets/s, 38.6 us
//   apart; 80 % busy is ~31 us of CPU per packet, 55 % of it (~17 us) per-
//   packet work: interrupt, driver, IP, TCP, and half an ACK's output. The
//   other ~14 us move 1448 bytes (copy + checksum): ~100 MB/s combined.
//   From [A]: copying at 450 Mb/s is ~17.8 ns per payload byte in all. With
//   per-packet work of ~3 ns/byte at 8 KB MTU and a checksum at ~330 MB/s
//   (~3 ns/byte), the copy itself is ~11.8 ns/byte: memcpy ~85 MB/s on the
//   440LX. With zero copy the CPU would then allow ~1.1 Gb/s, so the 780
//   Mb/s is the 32-bit/33 MHz PCI bus, not the CPU: consistent.
//   Per-packet costs of faster CPUs scale with the clock (and IPC for the
//   21264); copy and checksum rates follow the memory system, not the clock.
// Calibration against the 2002 headline (src/bench/headline.ts, checked by
// test/bench/headline.test.ts): "986Mbps" with zero copy on gigabit
// Ethernet. The hardware was not published; the reference is PIII_733 with
// Tigon 2 boards, header splitting and MTU 9000. At that MTU TCP sends
// 8192-byte segments (the MSS is rounded down to MCLBYTES), and the wire
// carries at most 989.1 Mbps of payload (8192 of every 8282 line bytes),
// so 986 is 99.7 % of the ceiling: the figure says the hosts kept up with
// the wire, and the model reproduces it because, with zero copy, a segment
// costs each side ~26 us of per-packet and per-page work (interrupt share,
// driver, IP, TCP, netisr, two page loans or flips at page_map/page_flip)
// against the ~66 us the wire takes to carry it: ~39 % CPU, no bottleneck.
// What is assumed rather than measured: the P6 per-packet split of [B]
// scaled by clock, and PC133 copy rates; neither moves the headline as long
// as a zero-copy segment costs less than the wire time. What would move it:
// socket buffers below the bandwidth-delay product of the Tigon's interrupt
// coalescing (the 32 KB default gives ~300 Mbps, see ti(4)), or a per-packet
// cost above ~70 us. Without zero copy the same P-III copies at
// memcpy_bytes_per_s and needs ~95 % of its CPU for the same rate, which is
// the comparison the announcement did not give (docs/benchmarks).

/** A PCI bus as the machine classes describe it: width and clock (hardware/pci.ts models it). */
export interface PciBusSpec {
  readonly width_bits: 32 | 64; // data path width
  readonly clock_mhz: 33 | 66; // bus clock (33.33 and 66.66 MHz, named as the specification does)
}

/** The reference machines the cost model knows. */
export type MachineClassName = 'PII_450' | 'PIII_733' | 'ALPHA_500';

/** One machine's costs. Durations are ns of CPU; rates are bytes per second. */
export interface CostModel {
  /** Which reference machine this is. */
  readonly name: MachineClassName;
  /** One-line description, for reports. */
  readonly description: string;
  /** CPU clock rate, Hz. */
  readonly clock_hz: number;
  /** memcpy/bcopy of data not in cache (uiomove's copyin/copyout, m_copydata), bytes/s. */
  readonly memcpy_bytes_per_s: number;
  /** in_cksum over data not in cache, bytes/s (software checksum, no offload). */
  readonly cksum_bytes_per_s: number;
  /** bzero of a fresh page (zero-fill faults, pagezero), bytes/s. */
  readonly bzero_bytes_per_s: number;
  /** A system call's fixed cost: trap, syscall dispatch, return to user. */
  readonly syscall_ns: number;
  /** A context switch between processes (mi_switch + cpu_switch + cache refill). */
  readonly context_switch_ns: number;
  /** A page fault's fixed cost (trap, vm_fault lookup, pmap_enter), without copying or zeroing. */
  readonly page_fault_ns: number;
  /** Mapping one page into an address space or the kernel (pmap_enter / pmap_qenter of one page). */
  readonly page_map_ns: number;
  /** Unmapping one page (pmap_remove / pmap_qremove of one page), without the TLB invalidation. */
  readonly page_unmap_ns: number;
  /** Flipping one page into a user map (vm_pgmoveco: object remove + insert + pmap_enter), without TLB work. */
  readonly page_flip_ns: number;
  /** Invalidating one page's TLB entry on this CPU (invlpg). */
  readonly tlb_invalidate_ns: number;
  /** A TLB shootdown to other CPUs (IPI round trip); charged only on SMP machines. */
  readonly tlb_shootdown_ns: number;
  /** Interrupt entry and exit, including scheduling 5.0's interrupt thread. */
  readonly interrupt_ns: number;
  /** Driver work per receive descriptor: read status, hand the mbuf up, refill with a fresh cluster. */
  readonly driver_rx_desc_ns: number;
  /** Driver work per transmit descriptor: load the DMA address, and later reclaim it and free the mbuf. */
  readonly driver_tx_desc_ns: number;
  /** ether_input + ether_demux per packet. */
  readonly ether_input_ns: number;
  /** ether_output per packet (header prepend, queueing). */
  readonly ether_output_ns: number;
  /** Scheduling and entering the network software interrupt (netisr) per packet queued. */
  readonly netisr_ns: number;
  /** ip_input per packet (header checks, route lookup), without the checksum's per-byte cost. */
  readonly ip_input_ns: number;
  /** ip_output per packet, without the checksum's per-byte cost. */
  readonly ip_output_ns: number;
  /** tcp_input per segment (PCB lookup, header prediction, sbappend, sowakeup). */
  readonly tcp_input_ns: number;
  /** tcp_output per segment sent (build header, m_copy from the send buffer, timers). */
  readonly tcp_output_ns: number;
  /** Allocating or freeing one mbuf or cluster (mb_alloc/mb_free). */
  readonly mbuf_ns: number;
  /** CPUs in the machine; the simulated i386 is a uniprocessor (sim/machine.ts NCPU). */
  readonly ncpu: number;
  /** The PCI bus the network boards sit on (sim/pci.ts). */
  readonly pci_bus: PciBusSpec;
  /** The share of the bus's peak a board's DMA stream achieves, 0..1 (sim/pci.ts). */
  readonly pci_dma_efficiency: number;
}

/**
 * DMA efficiency of a bus-master network board: the middle of the 60-80 %
 * that ../shared/reference/zero-copy-anchors.md ("PCI bandwidth") gives as
 * a labelled assumption, since no measured figure for these boards was
 * found. It is not fitted to any result; the benchmarks page shows what the
 * rows do when it is halved and doubled (capped at 1).
 */
export const PCI_DMA_EFFICIENCY = 0.75;

// Per-packet costs of the 450 MHz Pentium II. From [B] (~17 us of per-packet
// work per received segment at 500 MHz, including half an ACK) split the way
// 5.0's receive path spends it; the split is ours.
const PII_450: CostModel = {
  name: 'PII_450',
  description: 'Pentium II 450 MHz, Intel 440LX chipset, 32-bit/33 MHz PCI (Duke P-II/440LX)',
  clock_hz: 450e6,
  memcpy_bytes_per_s: 85e6, // [A] derived: copy-bound at ~450 Mb/s, see the header
  cksum_bytes_per_s: 330e6, // [A] derived: reading memory only, ~4x faster than copying on 440LX
  bzero_bytes_per_s: 170e6, // writing only: about twice the copy rate (half the memory traffic)
  syscall_ns: 1_000, // lmbench-era null system call on a 450 MHz P6: ~450 cycles of trap + ~0.5 us of dispatch
  context_switch_ns: 4_000, // lmbench-era 2-process context switch on P6 of that clock, with cache refill
  page_fault_ns: 3_000, // trap + vm_fault's map and object lookup + pmap_enter, ~1350 cycles
  page_map_ns: 400, // pmap_qenter of one page: write a PTE, plus bookkeeping
  page_unmap_ns: 300, // pmap_qremove of one page: clear a PTE
  page_flip_ns: 2_500, // vm_pgmoveco: vm_page_remove/insert, pmap_remove + pmap_enter; "some VM remapping cost" [B]
  tlb_invalidate_ns: 200, // invlpg ~60-100 cycles plus the refill miss it causes
  tlb_shootdown_ns: 8_000, // IPI round trip on a 1999 SMP P6; unused on the uniprocessor
  interrupt_ns: 5_000, // [B] share: entry, ithread wakeup and switch in 5.0, EOI, return
  driver_rx_desc_ns: 2_000, // [B] share: descriptor status, m_getcl refill, bus_dma sync
  driver_tx_desc_ns: 1_500, // [B] share: descriptor fill at start, reclaim + m_freem at txeof
  ether_input_ns: 500, // header checks and a switch on ether_type
  ether_output_ns: 500, // M_PREPEND of 14 bytes, IF_HANDOFF
  netisr_ns: 1_500, // schednetisr + software interrupt dispatch, amortised per packet
  ip_input_ns: 2_000, // header checks, ip_forward decision, protocol switch
  ip_output_ns: 1_500, // route (cached in the PCB), header, fragmentation check
  tcp_input_ns: 4_000, // [B] share: in_pcblookup_hash, header prediction, sbappend, sorwakeup
  tcp_output_ns: 5_000, // [B] share: window checks, m_copy from so_snd, header build, timers
  mbuf_ns: 300, // mb_alloc fast path from the per-CPU cache, a few dozen instructions + cache miss
  ncpu: 1,
  pci_bus: { width_bits: 32, clock_mhz: 33 }, // the 440LX has only 32-bit, 33 MHz slots: 133 MB/s peak
  pci_dma_efficiency: PCI_DMA_EFFICIENCY,
};

/** Scales the per-packet and per-page (clock-bound) costs of `base` by `factor`. */
function scale_cpu_bound(base: CostModel, factor: number): Omit<CostModel, 'name' | 'description' | 'clock_hz'> {
  const s = (ns: number): number => Math.round(ns * factor);
  return {
    memcpy_bytes_per_s: base.memcpy_bytes_per_s,
    cksum_bytes_per_s: base.cksum_bytes_per_s,
    bzero_bytes_per_s: base.bzero_bytes_per_s,
    syscall_ns: s(base.syscall_ns),
    context_switch_ns: s(base.context_switch_ns),
    page_fault_ns: s(base.page_fault_ns),
    page_map_ns: s(base.page_map_ns),
    page_unmap_ns: s(base.page_unmap_ns),
    page_flip_ns: s(base.page_flip_ns),
    tlb_invalidate_ns: s(base.tlb_invalidate_ns),
    tlb_shootdown_ns: s(base.tlb_shootdown_ns),
    interrupt_ns: s(base.interrupt_ns),
    driver_rx_desc_ns: s(base.driver_rx_desc_ns),
    driver_tx_desc_ns: s(base.driver_tx_desc_ns),
    ether_input_ns: s(base.ether_input_ns),
    ether_output_ns: s(base.ether_output_ns),
    netisr_ns: s(base.netisr_ns),
    ip_input_ns: s(base.ip_input_ns),
    ip_output_ns: s(base.ip_output_ns),
    tcp_input_ns: s(base.tcp_input_ns),
    tcp_output_ns: s(base.tcp_output_ns),
    mbuf_ns: s(base.mbuf_ns),
    ncpu: base.ncpu,
    pci_bus: base.pci_bus,
    pci_dma_efficiency: base.pci_dma_efficiency,
  };
}

// The 733 MHz Pentium III of [D]: same P6 core, so per-packet costs scale
// with the clock (450/733); a ServerWorks-class memory system (PC133) copies
// about 2.5x faster than the 440LX.
const PIII_733: CostModel = {
  ...scale_cpu_bound(PII_450, 450 / 733),
  name: 'PIII_733',
  description: 'Pentium III 733 MHz, ServerWorks-class chipset, 64-bit PCI (Duke PowerEdge 4400)',
  clock_hz: 733e6,
  memcpy_bytes_per_s: 220e6, // PC133 SDRAM; ~2.5x the 440LX figure of [A]
  cksum_bytes_per_s: 700e6, // reads only: ~2x the 440LX figure, as the memory system is (LANai 9 of [D] offloaded receive checksums)
  bzero_bytes_per_s: 440e6, // writes only: twice the copy rate
  pci_bus: { width_bits: 64, clock_mhz: 66 }, // the PowerEdge 4400's 64-bit, 66 MHz slots: 533 MB/s peak
};

// The 500 MHz Alpha 21264 of [C]: per-packet work at 500 MHz of a wider core,
// ~0.6 of the P-II 450's (fits "as low as 20 %" CPU at 988 Mb/s with 8 KB
// payloads and a checksumming NIC: ~13 us per packet); memory fast enough to
// copy at 956 Mb/s [C].
const ALPHA_500: CostModel = {
  ...scale_cpu_bound(PII_450, 0.6),
  name: 'ALPHA_500',
  description: 'Alpha 21264 500 MHz, Compaq XP1000 (Duke "Monet"), 64-bit PCI',
  clock_hz: 500e6,
  memcpy_bytes_per_s: 300e6, // [C] copy + checksum + per-packet work still above 956 Mb/s
  cksum_bytes_per_s: 800e6, // 21264 with its 64-bit loads and 8 MB board cache
  bzero_bytes_per_s: 600e6,
  pci_bus: { width_bits: 64, clock_mhz: 33 }, // the XP1000's Tsunami chipset: 64-bit, 33 MHz buses, 267 MB/s peak
};

/** The cost parameters that are numbers: what an override may change (not the name, the bus or the CPU count). */
export type CostParam = Exclude<{ [K in keyof CostModel]: CostModel[K] extends number ? K : never }[keyof CostModel], 'clock_hz' | 'ncpu'>;

/** Values to use instead of a machine class's, by parameter. */
export type CostOverrides = Readonly<Partial<Record<CostParam, number>>>;

/**
 * `base` with `overrides` applied. Throws RangeError naming the parameter
 * for an unknown one, a value that is not a positive finite number, a
 * duration that is not a whole number of ns, or a DMA efficiency above 1.
 */
export function cost_model_with(base: CostModel, overrides: CostOverrides): CostModel {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    const cur = (base as unknown as Record<string, unknown>)[k];
    if (typeof cur !== 'number' || k === 'clock_hz' || k === 'ncpu') throw new RangeError(`cost model: no parameter "${k}" to override`);
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`cost model: ${k} = ${String(v)} is not a positive number`);
    if (k.endsWith('_ns') && !Number.isSafeInteger(v)) throw new RangeError(`cost model: ${k} = ${v} is not a whole number of ns`);
    if (k === 'pci_dma_efficiency' && v > 1) throw new RangeError(`cost model: pci_dma_efficiency = ${v} is above 1`);
    out[k] = v;
  }
  return out as unknown as CostModel;
}

/** Every reference machine, by name. */
export const MACHINE_CLASSES: Readonly<Record<MachineClassName, CostModel>> = { PII_450, PIII_733, ALPHA_500 };

/**
 * The class a machine gets when boot() is not told: the Pentium III, the
 * 686-class CPU sim/machine.ts describes, and the kind of PC the 2002 code
 * was run on.
 */
export const DEFAULT_MACHINE_CLASS: MachineClassName = 'PIII_733';

/** True if `name` is a known machine class. */
export function is_machine_class(name: string): name is MachineClassName {
  return Object.hasOwn(MACHINE_CLASSES, name);
}

// Rates turn into integer ns: the clock counts whole ns, and rounding each
// item (< 0.5 ns error per item) keeps totals within a part in 10^4 of exact.

/** ns to copy `bytes` (uiomove, m_copydata). */
export function copy_ns(costs: CostModel, bytes: number): number {
  return Math.round((bytes * 1e9) / costs.memcpy_bytes_per_s);
}

/** ns to checksum `bytes` in software (in_cksum). */
export function cksum_ns(costs: CostModel, bytes: number): number {
  return Math.round((bytes * 1e9) / costs.cksum_bytes_per_s);
}

/** ns to copy one page of `page_bytes`: the copy half of a COW fault (vm_page_cowfault). */
export function page_copy_ns(costs: CostModel, page_bytes: number): number {
  return copy_ns(costs, page_bytes);
}

/** ns of a COW fault: the fault, a page copy, mapping the copy and dropping the old TLB entry. */
export function cow_fault_ns(costs: CostModel, page_bytes: number): number {
  return costs.page_fault_ns + page_copy_ns(costs, page_bytes) + costs.page_map_ns + costs.tlb_invalidate_ns;
}

/** ns of a zero-fill fault: the fault and zeroing a page. */
export function zero_fill_fault_ns(costs: CostModel, page_bytes: number): number {
  return costs.page_fault_ns + Math.round((page_bytes * 1e9) / costs.bzero_bytes_per_s) + costs.page_map_ns;
}
