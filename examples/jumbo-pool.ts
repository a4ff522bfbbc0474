// The jumbo(9) page pool: 3072 slots of kernel address space, one page each.
// A kernel with a ti(4) board has already set the pool up and filled the
// jumbo receive ring from it; here we take pages until the slots run out.
import { boot, GENERIC, ifconfig, jumbo_vm_init, jumbo_pg_alloc, jumbo_phys_to_kva, jumbo_pg_free, jumbo_stats } from 'zcsim';

const kernel = boot(GENERIC, { nics: ['ti'] });
const show = (when: string) => {
  const s = jumbo_stats(kernel);
  console.log(`${when}: ${s.in_use} in use, ${s.free} free of ${s.kva_pages}, ${s.alloc_failures} failed allocations`);
};

console.log(`jumbo_vm_init() again: ${jumbo_vm_init(kernel)} (already set up by ti_attach)`);
show('after boot');
ifconfig(kernel, ['ti0', 'mtu', '9000', 'up']); // MTU > 1518: ti_init fills the jumbo ring
show('ti0 up at MTU 9000');

const taken: number[] = [];
for (;;) {
  const pg = jumbo_pg_alloc(kernel);
  if (pg === null) break;
  taken.push(jumbo_phys_to_kva(kernel, pg.phys_addr));
}
console.log(`jumbo_pg_alloc() returned ${taken.length} pages, then NULL`);
show('pool exhausted');

for (const kva of taken) jumbo_pg_free(kernel, kva);
show('after jumbo_pg_free of each');
ifconfig(kernel, ['ti0', 'down']);
show('ti0 down');
