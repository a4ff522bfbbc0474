// Boot a kernel with zero copy sockets, then turn the send half off.
import { boot, SyscallError } from 'zcsim';

const kernel = boot(`
machine   i386
cpu       I686_CPU
ident     ZEROCOPY
# Page loaning on send, page flipping on receive: see zero_copy(9).
options   ZERO_COPY_SOCKETS
options   INET
device    pci
device    ti
`);

const send = 'kern.ipc.zero_copy.send';
console.log(`${send}: ${kernel.sysctl(send)}`);
console.log(`kern.ipc.zero_copy.receive: ${kernel.sysctl('kern.ipc.zero_copy.receive')}`);

// Like sysctl kern.ipc.zero_copy.send=0: the write returns the old value.
const old = kernel.sysctl(send, 0);
console.log(`${send}: ${old} -> ${kernel.sysctl(send)}`);
for (const line of kernel.sysctlList('kern.ipc.zero_copy')) console.log(line);

try {
  kernel.sysctl('kern.ipc.zero_copy.sned');
} catch (e) {
  if (!(e instanceof SyscallError)) throw e;
  console.log(e.message);
}
