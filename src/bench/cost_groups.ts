// The cost model's parameters in the groups the benchmarks page varies
// together, and how a factor on a group's cost turns into parameter values.
// No FreeBSD counterpart.
//
//   const o = scaled_costs(MACHINE_CLASSES.PII_450, { per_packet: 2 });   // every per-packet cost doubled
//   run_scenario(scenario({ cost_scale: { copy: 0.5 } }))                 // copies at twice the rate
// A factor multiplies what the work costs: durations are multiplied by it,
// rates (bytes per second) and the bus's DMA efficiency divided by it (the
// efficiency never above 1, so doubling the bus's speed from 0.75 stops at 1).

import { cost_model_with, type CostModel, type CostOverrides, type CostParam } from '../kernel/index.ts';

/** A group of parameters varied together. */
export interface CostGroup {
  readonly id: CostGroupId;
  readonly label: string; // as the page names it
  readonly params: readonly CostParam[];
}

export type CostGroupId = 'per_packet' | 'syscall' | 'copy' | 'checksum' | 'page' | 'pci';

export const COST_GROUPS: readonly CostGroup[] = [
  {
    id: 'per_packet',
    label: 'per-packet work (interrupt, driver, Ethernet, IP, TCP, netisr, mbufs)',
    params: [
      'interrupt_ns', 'driver_rx_desc_ns', 'driver_tx_desc_ns', 'ether_input_ns', 'ether_output_ns', 'netisr_ns', 'ip_input_ns', 'ip_output_ns',
      'tcp_input_ns', 'tcp_output_ns', 'mbuf_ns',
    ],
  },
  { id: 'syscall', label: 'system calls and context switches', params: ['syscall_ns', 'context_switch_ns'] },
  { id: 'copy', label: 'memory copies (memcpy rate)', params: ['memcpy_bytes_per_s', 'bzero_bytes_per_s'] },
  { id: 'checksum', label: 'software checksums (in_cksum rate)', params: ['cksum_bytes_per_s'] },
  { id: 'page', label: 'page mapping, flipping and faults', params: ['page_fault_ns', 'page_map_ns', 'page_unmap_ns', 'page_flip_ns', 'tlb_invalidate_ns'] },
  { id: 'pci', label: 'the PCI bus (DMA time per byte)', params: ['pci_dma_efficiency'] },
];

/** Factors on groups' costs (1: as the machine class has it). */
export type CostScale = Readonly<Partial<Record<CostGroupId, number>>>;

const RATE_PARAMS = new Set<CostParam>(['memcpy_bytes_per_s', 'bzero_bytes_per_s', 'cksum_bytes_per_s']);

/**
 * The overrides that make `base`'s costs `scale` times what they are.
 * Throws RangeError for an unknown group or a factor that is not positive.
 */
export function scaled_costs(base: CostModel, scale: CostScale): CostOverrides {
  const o: Partial<Record<CostParam, number>> = {};
  for (const [id, f] of Object.entries(scale)) {
    const g = COST_GROUPS.find((x) => x.id === id);
    if (g === undefined) throw new RangeError(`cost scale: no group "${id}" (known: ${COST_GROUPS.map((x) => x.id).join(', ')})`);
    if (typeof f !== 'number' || !(f > 0) || !Number.isFinite(f)) throw new RangeError(`cost scale: ${id} x ${String(f)} is not a positive factor`);
    for (const p of g.params) {
      const v = base[p];
      if (p === 'pci_dma_efficiency') o[p] = Math.min(1, v / f);
      else if (RATE_PARAMS.has(p)) o[p] = v / f;
      else o[p] = Math.max(1, Math.round(v * f));
    }
  }
  cost_model_with(base, o); // validates
  return o;
}
