// Host names for netperf -H: the simulation's /etc/hosts.
// Mirrors what gethostbyname(3) would find in a 2002 /etc/hosts: every
// machine booted on the same Simulation under its kern.hostname, at its
// first IPv4 address; "localhost" at 127.0.0.1; a dotted quad as itself.
//
//   netperf_gethostbyname(kernel, 'b')          // 0x0a000002, or null
//
// There is no resolver, DNS or NIS in the simulation; a name that is not a
// machine's is simply unknown, as on an isolated test network.

import type { Kernel } from '../../kern/init_main.ts';
import { inet_addr, INADDR_LOOPBACK } from '../../netinet/in.ts';
import { in_ifaddrhead } from '../../netinet/in_var.ts';
import { sim_kernels } from '../../kern/kern_machine.ts';

/** The IPv4 address (host order) of `name` as seen from `kernel`, or null if unknown. */
export function netperf_gethostbyname(kernel: Kernel, name: string): number | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    try {
      return inet_addr(name);
    } catch {
      return null;
    }
  }
  if (name === 'localhost') return INADDR_LOOPBACK;
  for (const k of sim_kernels(kernel.sim)) {
    if (k.sysctl('kern.hostname') !== name) continue;
    const ia = in_ifaddrhead(k)[0];
    if (ia !== undefined) return ia.ia_addr;
  }
  return null;
}
