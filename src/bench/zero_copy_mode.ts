// Zero copy off, for sending, for receiving, or both: the kernel option and
// the two sysctls a scenario sets, named by what they amount to. Kernel-free,
// so the page can use it without bundling the simulator.
import type { Scenario } from './scenario.ts';

/** The four settings of zero copy, as kernel option and sysctls. */
export const ZERO_COPY_SETTINGS = {
  off: { zero_copy_sockets: false, zero_copy_send: false, zero_copy_receive: false },
  send: { zero_copy_sockets: true, zero_copy_send: true, zero_copy_receive: false },
  receive: { zero_copy_sockets: true, zero_copy_send: false, zero_copy_receive: true },
  both: { zero_copy_sockets: true, zero_copy_send: true, zero_copy_receive: true },
} as const satisfies Record<string, Partial<Scenario>>;

/** off, send, receive or both. */
export type ZeroCopyMode = keyof typeof ZERO_COPY_SETTINGS;

export const ZERO_COPY_MODES: readonly ZeroCopyMode[] = ['off', 'send', 'receive', 'both'];

/** The setting a scenario amounts to (a ZERO_COPY_SOCKETS kernel with both sysctls 0 is "off"). */
export function zero_copy_mode(s: Pick<Scenario, 'zero_copy_sockets' | 'zero_copy_send' | 'zero_copy_receive'>): ZeroCopyMode {
  if (!s.zero_copy_sockets) return 'off';
  if (s.zero_copy_send) return s.zero_copy_receive ? 'both' : 'send';
  return s.zero_copy_receive ? 'receive' : 'off';
}
