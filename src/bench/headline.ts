// The 2002 headline, as a run of the simulator: "986Mbps throughput over
// gigabit ethernet with the patches" (the zero copy announcement).
//
//   const r = await run_scenario(headline_scenario(0.25));   // r.throughput_mbps ~ 986
//   const c = await run_scenario(headline_scenario(0.25, false)); // the same hardware, copying
//
// The hardware behind the 2002 figure was never published. The reference is
// DEFAULT_SCENARIO (scenario.ts): two 733 MHz Pentium IIIs (cost_model.ts
// [D]) with Tigon 2 boards, header splitting, MTU 9000, ZERO_COPY_SOCKETS in
// both kernels, netperf with 64 KB sends and 128 KB socket buffers. How the
// cost model arrives at 986 is written down in sim/cost_model.ts.

import { scenario, type Scenario } from './scenario.ts';

export { HEADLINE_MBPS } from './published.ts';

/** The headline run (zero copy), or the same hardware with GENERIC kernels, for `seconds` of netperf. */
export function headline_scenario(seconds: number, zero_copy = true): Scenario {
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`headline_scenario: ${seconds} s is not a positive duration`);
  const copying: Partial<Scenario> = { zero_copy_sockets: false, ti_jumbo_hdrsplit: false, zero_copy_send: false, zero_copy_receive: false };
  return scenario({ run_length_s: seconds, ...(zero_copy ? {} : copying) });
}
