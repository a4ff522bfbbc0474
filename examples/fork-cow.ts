// fork(2) and copy-on-write: after fork, parent and child share every
// private page read-only; the first write to a page by either one copies it.
import { boot, MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from 'zcsim';

const kernel = boot();
const start = Number(kernel.sysctl('vm.stats.vm.v_cow_faults'));
const cowFaults = () => Number(kernel.sysctl('vm.stats.vm.v_cow_faults')) - start;

kernel.spawn(async (p) => {
  const buf = p.mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE, -1, 0);
  p.strcpy(buf, 'written before fork');
  p.strcpy(buf + 4096, 'second page, never written again');

  p.fork(async (child) => {
    child.strcpy(buf, 'the child wrote this');
    child.printf('child:  page 0 = "%s"\n', buf);
    child.printf('child:  page 1 = "%s"\n', buf + 4096);
    child.printf('child:  COW faults so far: %d\n', cowFaults());
  });
  await p.wait();
  p.printf('parent: page 0 = "%s"\n', buf);
  p.strcpy(buf, 'and the parent wrote this');
  p.printf('parent: page 0 = "%s"\n', buf);
  // The child has exited, so nobody shares the page any more: the
  // parent's write takes it over instead of copying it.
  p.printf('parent: COW faults so far: %d\n', cowFaults());
}, { comm: 'forkcow' });

await kernel.run();
console.log(kernel.output.trimEnd());
