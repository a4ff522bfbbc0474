// Statically defined trace points: the kernel fires a named probe with its
// arguments, and whoever listens on that kernel hears it. In the spirit of
// FreeBSD's SDT probes (sys/sdt.h, later than 5.0): the kernel knows nothing
// of its listeners, and a probe nobody listens to costs one test.
//
// How to use (kernel code):
//   if (kernel.sdt.on) SDT_PROBE(kernel, 'frame', ifp, m, 'tx');
// and an observer (observe/eventlog.ts), above the kernel:
//   const detach = sdt_listen(kernel, { frame: (ifp, m, dir) => ..., zc_note: ... });
//   detach();   // stops listening
// The probes and their arguments are SdtArgs below; adding one is a line
// here and a line where it fires.

import type { Kernel } from './init_main.ts';
import type { mbuf } from '../sys/mbuf.ts';
import type { Proc } from '../sys/proc.ts';
import type { ifnet } from '../net/if_var.ts';
import type { ZcAction, ZcEntry, ZcReason } from './zc_trace.ts';

/** Every probe, with the arguments it fires with. */
export interface SdtArgs {
  /** A zero copy send or receive begins (kern/zc_trace.ts): nothing has changed yet. */
  zc_begin: [p: Proc];
  /** `bytes` of call `e` were loaned, flipped or copied (with why a copy was made). */
  zc_note: [p: Proc, e: ZcEntry, action: ZcAction, bytes: number, reason: ZcReason | null];
  /** `p` wrote page `uva` while its send `seq` had it on loan: a COW fault copied it. */
  cow_fault: [p: Proc, seq: number, uva: number];
  /** A loan is about to end (socow_iodone): nothing has changed yet. */
  loan_return_begin: [kernel: Kernel];
  /** The loan of page `uva` made by send `seq` of `p` has ended. */
  loan_return: [kernel: Kernel, p: Proc, seq: number, uva: number];
  /** jumbo(9) allocated a page for a NIC, or freed one (`flipped`: only its slot; the page went to a user). */
  jumbo: [kernel: Kernel, kind: 'jumbo_alloc' | 'jumbo_free', flipped: boolean];
  /** A NIC's interrupt handler has run: its rings as they are after it (ifp.if_rings says what they hold). */
  nic_intr: [ifp: ifnet];
  /** A frame leaves for the driver (ether_output_frame) or comes up from it (ether_input). */
  frame: [ifp: ifnet, m: mbuf, dir: 'tx' | 'rx'];
}

export type SdtProbe = keyof SdtArgs;

/** What an observer gives sdt_listen: a handler for each probe it wants. */
export type SdtListener = { readonly [K in SdtProbe]?: (...args: SdtArgs[K]) => void };

/** A kernel's probe table: the listeners, and whether there is any (the kernel's `sdt` field). */
export class SdtProviders {
  /** True while at least one listener is attached: what every probe site tests first. */
  on = false;
  readonly listeners: SdtListener[] = [];
}

/** Starts `listener` listening to `kernel`'s probes; returns the function that stops it. */
export function sdt_listen(kernel: Kernel, listener: SdtListener): () => void {
  const t = kernel.sdt;
  t.listeners.push(listener);
  t.on = true;
  return () => {
    const i = t.listeners.indexOf(listener);
    if (i >= 0) t.listeners.splice(i, 1);
    t.on = t.listeners.length > 0;
  };
}

/** Fires probe `name` of `kernel` with `args`, to every listener that handles it (in the order they attached). */
export function SDT_PROBE<K extends SdtProbe>(kernel: Kernel, name: K, ...args: SdtArgs[K]): void {
  for (const l of kernel.sdt.listeners) {
    const h = l[name] as ((...a: SdtArgs[K]) => void) | undefined;
    h?.(...args);
  }
}
