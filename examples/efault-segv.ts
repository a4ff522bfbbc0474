// Bad addresses, two ways. Handed to a system call, an unmapped buffer makes
// the call fail with EFAULT and nothing happens. Touched by the process
// itself, it is a page fault the kernel cannot satisfy: SIGSEGV.
import { boot, SyscallError, write } from 'zcsim';

const kernel = boot();
const UNMAPPED = 0x10000000; // nothing is mapped here

const caller = kernel.spawn(async (p) => {
  const msg = p.malloc(64);
  p.strcpy(msg, 'a good buffer is written out\n');
  await write(p, 1, msg, p.strlen(msg));
  try {
    await write(p, 1, UNMAPPED, 16);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    p.printf('%s\n', e.message);
  }
}, { comm: 'efault' });

const toucher = kernel.spawn(async (p) => {
  p.printf('about to read address %#x\n', UNMAPPED);
  p.peek(UNMAPPED, 1);
  p.printf('never printed\n');
}, { comm: 'segv' });

await kernel.run();
console.log(kernel.output.trimEnd());
console.log(`efault: ${caller.status_text}`);
console.log(`segv: ${toucher.status_text}`);
for (const line of kernel.dmesg.filter((l) => l.includes('signal'))) console.log(`dmesg: ${line}`);
