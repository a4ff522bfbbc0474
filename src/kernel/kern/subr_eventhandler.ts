// Event handlers: functions other code registers to be told when something
// happens to the kernel. Mirrors the idea of sys/kern/subr_eventhandler.c
// (EVENTHANDLER_REGISTER, EVENTHANDLER_DEREGISTER, EVENTHANDLER_INVOKE);
// FreeBSD's events are shutdown and low memory, ours is the one a host
// needs that a real kernel does not have: "a kernel has finished booting".
//
// How to use (a host that wants every kernel a program boots, e.g. the
// event log of kern/kern_eventlog.ts, or a test):
//   const tag = eventhandler_register('kernel_booted', (kernel) => seen.push(kernel));
//   ... run the program: boot() calls every registered handler, in order ...
//   eventhandler_deregister('kernel_booted', tag);
// The handlers are kept in a module-level list, not per kernel, since they
// are about kernels that do not exist yet; they see every kernel booted on
// any Simulation while they are registered.

import type { Kernel } from './init_main.ts';

/** The events and what their handlers receive. */
export interface EventHandlers {
  /** boot() has run every SYSINIT of `kernel`. */
  kernel_booted: (kernel: Kernel) => void;
}

export type EventName = keyof EventHandlers;

/** What eventhandler_register returns, to deregister with. */
export interface eventhandler_tag {
  readonly name: EventName;
  readonly id: number;
}

interface Entry<N extends EventName> {
  readonly id: number;
  readonly fn: EventHandlers[N];
}

const lists: { [N in EventName]: Entry<N>[] } = { kernel_booted: [] };
let next_id = 1;

/** EVENTHANDLER_REGISTER: calls `fn` at every `name` event until deregistered. */
export function eventhandler_register<N extends EventName>(name: N, fn: EventHandlers[N]): eventhandler_tag {
  const id = next_id++;
  (lists[name] as Entry<N>[]).push({ id, fn });
  return { name, id };
}

/** EVENTHANDLER_DEREGISTER: stops calling the handler `tag` names. Returns false if it was not registered. */
export function eventhandler_deregister(tag: eventhandler_tag): boolean {
  const list = lists[tag.name];
  const i = list.findIndex((e) => e.id === tag.id);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** EVENTHANDLER_INVOKE for kernel_booted: tells every handler, oldest first. */
export function eventhandler_kernel_booted(kernel: Kernel): void {
  // A copy, so that a handler may deregister itself.
  for (const e of [...lists.kernel_booted]) e.fn(kernel);
}
