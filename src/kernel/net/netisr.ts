// Network software interrupts: the queue between a driver's interrupt and
// a protocol's input routine.
// Mirrors sys/net/netisr.h and netisr.c (FreeBSD 5.0, queued dispatch).
//
// How to use (IP registers at boot, ether_demux dispatches):
//   netisr_register(kernel, NETISR_IP, ip_input);        // ip_input(m)
//   netisr_dispatch(kernel, NETISR_IP, m);               // from ether_demux
//   netisr_queue_stats(kernel, NETISR_IP)                // { ifq_len, ifq_drops, ... }
// A dispatched packet waits on the protocol's input queue (ipintrq, at most
// IFQ_MAXLEN = 50 packets, as net.inet.ip.intr_queue_maxlen) until the
// software interrupt runs on the CPU; a full queue drops it and counts the
// drop, as 5.0 does. Each packet costs `netisr_ns` of protocol CPU before
// its handler is called; the handler charges its own work (ip_input's cost)
// with cpu_run, so it runs after the packets queued before it. A number
// nobody registered drops the packet (counted in the queue's drops).

import type { Kernel } from '../kern/init_main.ts';
import { m_freem } from '../kern/subr_mbuf.ts';
import type { mbuf } from '../sys/mbuf.ts';
import { IF_DEQUEUE, IF_DROP, IF_ENQUEUE, IF_QFULL, IFQ_MAXLEN, ifqueue } from './if_var.ts';
import { cpu_run, machine_costs } from '../kern/kern_machine.ts';

// Software interrupt numbers (net/netisr.h, 5.0).
export const NETISR_POLL = 0; // polling callback
export const NETISR_IP = 2; // same as AF_INET
export const NETISR_ROUTE = 14; // routing socket
export const NETISR_ARP = 18; // same as AF_LINK
export const NETISR_IPV6 = 28; // same as AF_INET6
export const NETISR_MAX = 32;

/** A protocol input routine: takes ownership of the packet. */
export type netisr_t = (m: mbuf) => void;

export interface Netisr {
  handler: netisr_t | null; // protocol input routine
  readonly inq: ifqueue; // its input queue (ipintrq, ...)
  scheduled: boolean; // a software interrupt is pending on the CPU
}


function netisr_slot(kernel: Kernel, num: number): Netisr {
  if (!Number.isInteger(num) || num < 0 || num >= NETISR_MAX) throw new RangeError(`netisr: bad number ${num}`);
  let t = kernel.netisrs;
  if (t === undefined) {
    t = Array.from({ length: NETISR_MAX }, () => ({ handler: null, inq: new ifqueue(), scheduled: false }));
    kernel.netisrs = t;
  }
  return t[num] as Netisr;
}

/**
 * netisr_register: makes `handler` the input routine of software interrupt
 * `num` with an input queue of `maxlen` packets. Replaces any earlier one
 * and returns it (null if none), so a test can listen where IP would.
 */
export function netisr_register(kernel: Kernel, num: number, handler: netisr_t, maxlen = IFQ_MAXLEN): netisr_t | null {
  const ni = netisr_slot(kernel, num);
  const old = ni.handler;
  ni.handler = handler;
  ni.inq.ifq_maxlen = maxlen;
  return old;
}

/** netisr_unregister: removes the handler; later packets for `num` are dropped. */
export function netisr_unregister(kernel: Kernel, num: number): void {
  netisr_slot(kernel, num).handler = null;
}

/** The input queue of software interrupt `num` (its length and drop count). */
export function netisr_queue_stats(kernel: Kernel, num: number): Readonly<ifqueue> {
  return netisr_slot(kernel, num).inq;
}

/**
 * netisr_dispatch: queues packet `m` for software interrupt `num`. Consumes
 * `m`: dropped (and counted) if nobody is registered or the queue is full.
 * Returns true if it was queued.
 */
export function netisr_dispatch(kernel: Kernel, num: number, m: mbuf): boolean {
  const ni = netisr_slot(kernel, num);
  if (ni.handler === null || IF_QFULL(ni.inq)) {
    IF_DROP(ni.inq);
    m_freem(m);
    return false;
  }
  IF_ENQUEUE(ni.inq, m);
  if (!ni.scheduled) schednetisr(kernel, ni);
  return true;
}

// The software interrupt handles one packet per CPU work item so that each
// packet's protocol work queues behind the previous packet's.
function schednetisr(kernel: Kernel, ni: Netisr): void {
  ni.scheduled = true;
  cpu_run(kernel, 'protocol', machine_costs(kernel).netisr_ns, () => swi_net(kernel, ni));
}

function swi_net(kernel: Kernel, ni: Netisr): void {
  ni.scheduled = false;
  const m = IF_DEQUEUE(ni.inq);
  if (m === null) return;
  if (ni.handler === null) m_freem(m);
  else ni.handler(m);
  // After the handler, so the next packet queues behind this one's work.
  if (ni.inq.ifq_len > 0 && !ni.scheduled) schednetisr(kernel, ni);
}
