// panic(): the kernel found its own data structures inconsistent.
// Mirrors panic() in sys/kern/kern_shutdown.c.
//
// A real kernel would stop the machine; the simulation throws a KernelPanic,
// which no kernel code catches, so a bug in the simulation surfaces as a
// failed test or sample with FreeBSD's "panic: ..." message.

export class KernelPanic extends Error {
  override readonly name = 'KernelPanic';
  constructor(message: string) {
    super(`panic: ${message}`);
  }
}

/** Never returns. `message` follows FreeBSD's style: "function: what went wrong". */
export function panic(message: string): never {
  throw new KernelPanic(message);
}
