// The receive path's page flip: vm_pgmoveco (kern/kern_subr.c) will trade
// the user's page for the kernel page the NIC filled. This drives the VM
// calls it needs, in 5.0's order, to show they fit together.
import test from 'ava';
import { pmap_extract, pmap_remove_all } from '../../src/kernel/i386/i386/pmap.ts';
import { VM_PROT_WRITE } from '../../src/kernel/vm/vm.ts';
import { vm_map_lookup } from '../../src/kernel/vm/vm_map.ts';
import {
  VM_ALLOC_WIRED, VM_PAGE_BITS_ALL, vm_page_alloc, vm_page_free, vm_page_lookup, vm_page_rename, vm_page_unwire,
  vm_page_wakeup,
} from '../../src/kernel/vm/vm_page.ts';
import { all_memory_free, machine, vm_check } from './machine.ts';

test('vm_page_rename flips a kernel page into the process\'s object, and the next access maps it', async (t) => {
  const m = machine();
  await m.procs.spawn((p) => {
    const buf = p.valloc(4096);
    p.memset(buf, 0x11, 4096); // the user's old page is resident
    const old_pa = pmap_extract(p.p_vmspace.vm_map.pmap, buf);

    // The driver's receive buffer: a wired page of the kernel's (jumbo) object, filled by DMA.
    const kern_pg = vm_page_alloc(m.vm.kernel_object, 7, VM_ALLOC_WIRED);
    if (kern_pg === null) return t.fail();
    kern_pg.bytes.fill(0x22);
    vm_page_wakeup(kern_pg);

    // vm_pgmoveco: find the user's object and index, free the user's page, rename.
    const r = vm_map_lookup(p.p_vmspace.vm_map, buf, VM_PROT_WRITE);
    if (typeof r === 'number') return t.fail();
    const user_pg = vm_page_lookup(r.object, r.pindex);
    if (user_pg !== null) {
      pmap_remove_all(user_pg);
      vm_page_free(user_pg);
    }
    vm_page_rename(kern_pg, r.object, r.pindex);
    kern_pg.valid = VM_PAGE_BITS_ALL;

    // jumbo_pg_free, when the mbuf is freed: the page is no longer the kernel's.
    vm_page_unwire(kern_pg, true);

    t.is(p.peek(buf + 100, 1)[0], 0x22); // a soft fault maps the flipped page
    t.is(pmap_extract(p.p_vmspace.vm_map.pmap, buf), kern_pg.phys_addr);
    t.not(kern_pg.phys_addr, old_pa);
    p.poke(buf, 'mine'); // and it is the process's to write
    t.deepEqual(vm_check(m.vm), []);
  }).exited;
  t.true(all_memory_free(m.vm));
});
