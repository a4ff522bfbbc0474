// Plugging a cable between two interfaces. No FreeBSD counterpart: it is
// what a person does with a cable; the wire itself is hardware/wire.ts.
//
//   const w = wire_connect(ifunit(a, 'em0')!, ifunit(b, 'em0')!, { delay_ns: 1000 });
// Both interfaces must have a board with a port for a cable (ifp.if_port)
// and belong to kernels booted on the same Simulation.

import { wire_join, type Wire, type WireOptions } from '../hardware/wire.ts';
import type { ifnet } from './if_var.ts';

/**
 * Joins `a` and `b` with a full-duplex wire (hardware/wire.ts says what the
 * options mean). Throws Error for an interface without a port, one already
 * wired, or interfaces of different simulations; RangeError for bad options.
 */
export function wire_connect(a: ifnet, b: ifnet, options: WireOptions = {}): Wire {
  if (a.if_kernel.sim !== b.if_kernel.sim) throw new Error(`connect: ${b.if_xname} belongs to a kernel of another Simulation`);
  const pa = a.if_port;
  const pb = b.if_port;
  if (pa === null || pb === null) throw new Error(`connect: ${pa === null ? a.if_xname : b.if_xname} has no port for a wire`);
  return wire_join(a.if_kernel.sim, pa, pb, options);
}
