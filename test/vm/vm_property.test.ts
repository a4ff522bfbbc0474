// Property tests: random sequences of mmap, munmap, fork, write, read,
// exit, malloc, free and zero copy page loans over several processes. After
// every step the page bookkeeping is consistent and no count is negative;
// every read sees what the process (or a MAP_SHARED sharer) last wrote; a
// loaned page keeps the bytes it had when it was loaned; malloc'ed blocks
// follow phkmalloc's alignment rule, never overlap and keep their contents;
// at the end every page is free.
import test from 'ava';
import fc from 'fast-check';
import { pmap_extract } from '../../src/kernel/i386/i386/pmap.ts';
import { MAP_ANON, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import type { Proc } from '../../src/kernel/sys/proc.ts';
import {
  PHYS_TO_VM_PAGE, vm_page_cowclear, vm_page_cowsetup, vm_page_free, vm_page_unwire, vm_page_wire, type vm_page,
} from '../../src/kernel/vm/vm_page.ts';
import { all_memory_free, machine, vm_check, type Machine } from './machine.ts';

const PAGE = 4096;

// A process's code, driven command by command from the test.
type Command = (p: Proc) => unknown;
const EXIT: Command = () => undefined;

class Mailbox {
  private q: { fn: Command; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private wake: (() => void) | null = null;

  send(fn: Command): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.q.push({ fn, resolve, reject });
      this.wake?.();
      this.wake = null;
    });
  }

  async loop(p: Proc): Promise<number> {
    for (;;) {
      while (this.q.length === 0) await new Promise<void>((r) => (this.wake = r));
      const item = this.q.shift();
      if (item === undefined) continue;
      if (item.fn === EXIT) {
        item.resolve(undefined);
        return 0;
      }
      try {
        item.resolve(await item.fn(p));
      } catch (e) {
        item.reject(e);
        throw e;
      }
    }
  }
}

interface Store {
  bytes: Map<number, number>; // offset in the object -> byte (absent: 0)
}

interface Region {
  start: number; // address
  pages: number;
  base: number; // page offset of start within the store
  store: Store;
  shared: boolean;
}

interface Block {
  addr: number; // what malloc returned
  size: number;
  byte: number; // what the block was filled with
}

interface ModelProc {
  proc: Proc;
  box: Mailbox;
  regions: Region[];
  blocks: Block[]; // malloc'ed and not yet freed
}

interface Loan {
  m: vm_page;
  snapshot: Uint8Array;
}

type Op =
  | { op: 'spawn' }
  | { op: 'mmap'; who: number; pages: number; shared: boolean }
  | { op: 'munmap'; who: number; region: number; first: number; count: number }
  | { op: 'write'; who: number; region: number; offset: number; len: number; byte: number }
  | { op: 'read'; who: number; region: number; offset: number; len: number }
  | { op: 'fork'; who: number }
  | { op: 'exit'; who: number }
  | { op: 'loan'; who: number; region: number; page: number }
  | { op: 'unloan'; which: number }
  | { op: 'malloc'; who: number; size: number; byte: number }
  | { op: 'free'; who: number; block: number }
  | { op: 'checkblock'; who: number; block: number };

const nat = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ op: 'spawn' }),
  fc.record({ op: fc.constant('mmap' as const), who: nat, pages: fc.integer({ min: 1, max: 4 }), shared: fc.boolean() }),
  fc.record({ op: fc.constant('munmap' as const), who: nat, region: nat, first: nat, count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('write' as const), who: nat, region: nat, offset: nat.map((x) => x * 17), len: fc.integer({ min: 1, max: 6000 }), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('write' as const), who: nat, region: nat, offset: nat.map((x) => x * 17), len: fc.integer({ min: 1, max: 6000 }), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('read' as const), who: nat, region: nat, offset: nat.map((x) => x * 13), len: fc.integer({ min: 1, max: 9000 }) }),
  fc.record({ op: fc.constant('read' as const), who: nat, region: nat, offset: nat.map((x) => x * 13), len: fc.integer({ min: 1, max: 9000 }) }),
  fc.record({ op: fc.constant('fork' as const), who: nat }),
  fc.record({ op: fc.constant('exit' as const), who: nat }),
  fc.record({ op: fc.constant('loan' as const), who: nat, region: nat, page: nat }),
  fc.record({ op: fc.constant('unloan' as const), which: nat }),
  fc.record({ op: fc.constant('malloc' as const), who: nat, size: fc.oneof(fc.integer({ min: 0, max: 2048 }), fc.integer({ min: 2049, max: 20000 })), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('free' as const), who: nat, block: nat }),
  fc.record({ op: fc.constant('checkblock' as const), who: nat, block: nat }),
);

class World {
  readonly m: Machine = machine(2048);
  readonly procs: ModelProc[] = [];
  readonly loans: Loan[] = [];

  async step(o: Op): Promise<void> {
    if (o.op === 'spawn' || (this.procs.length === 0 && o.op !== 'unloan')) {
      if (this.procs.length < 6) this.spawn();
      if (o.op === 'spawn') return;
    }
    if (o.op === 'unloan') return this.unloan(o.which);
    const mp = this.procs[o.who % this.procs.length];
    if (mp === undefined) return;
    if (mp.regions.length === 0 && (o.op === 'write' || o.op === 'read' || o.op === 'munmap' || o.op === 'loan')) {
      // Nothing to touch yet: map something instead, so that sequences do real work.
      return this.step({ op: 'mmap', who: o.who, pages: 1 + (o.region % 4), shared: o.region % 3 === 0 });
    }
    switch (o.op) {
      case 'mmap': {
        const flags = MAP_ANON | (o.shared ? MAP_SHARED : MAP_PRIVATE);
        const start = (await mp.box.send((p) => p.mmap(0, o.pages * PAGE, PROT_READ | PROT_WRITE, flags))) as number;
        mp.regions.push({ start, pages: o.pages, base: 0, store: { bytes: new Map() }, shared: o.shared });
        return;
      }
      case 'munmap': {
        const r = mp.regions[o.region % Math.max(1, mp.regions.length)];
        if (r === undefined) return;
        const first = o.first % r.pages;
        const count = Math.min(o.count, r.pages - first);
        await mp.box.send((p) => p.munmap(r.start + first * PAGE, count * PAGE));
        const pieces: Region[] = [];
        if (first > 0) pieces.push({ ...r, pages: first });
        if (first + count < r.pages) pieces.push({ ...r, start: r.start + (first + count) * PAGE, pages: r.pages - first - count, base: r.base + first + count });
        mp.regions.splice(mp.regions.indexOf(r), 1, ...pieces);
        return;
      }
      case 'write': {
        const r = mp.regions[o.region % Math.max(1, mp.regions.length)];
        if (r === undefined) return;
        const size = r.pages * PAGE;
        const off = o.offset % size;
        const len = Math.min(o.len, size - off);
        await mp.box.send((p) => p.memset(r.start + off, o.byte, len));
        for (let k = 0; k < len; k++) r.store.bytes.set(r.base * PAGE + off + k, o.byte);
        return;
      }
      case 'read': {
        const r = mp.regions[o.region % Math.max(1, mp.regions.length)];
        if (r === undefined) return;
        const size = r.pages * PAGE;
        const off = o.offset % size;
        const len = Math.min(o.len, size - off);
        const got = (await mp.box.send((p) => p.peek(r.start + off, len))) as Uint8Array;
        for (let k = 0; k < len; k++) {
          const want = r.store.bytes.get(r.base * PAGE + off + k) ?? 0;
          if (got[k] !== want) throw new Error(`pid ${mp.proc.p_pid} read ${got[k]} at 0x${(r.start + off + k).toString(16)}, expected ${want}`);
        }
        return;
      }
      case 'fork': {
        if (this.procs.length >= 6) return;
        const box = new Mailbox();
        const pid = (await mp.box.send((p) => p.fork((c) => box.loop(c)))) as number;
        const child = this.m.procs.pfind(pid);
        if (child === undefined) throw new Error('child vanished');
        const copies = new Map<Store, Store>();
        const regions = mp.regions.map((r) => {
          if (r.shared) return { ...r };
          let s = copies.get(r.store);
          if (s === undefined) {
            s = { bytes: new Map(r.store.bytes) };
            copies.set(r.store, s);
          }
          return { ...r, store: s };
        });
        this.procs.push({ proc: child, box, regions, blocks: mp.blocks.map((b) => ({ ...b })) });
        return;
      }
      case 'exit': {
        await mp.box.send(EXIT);
        await mp.proc.exited;
        this.procs.splice(this.procs.indexOf(mp), 1);
        return;
      }
      case 'malloc': {
        const addr = (await mp.box.send((p) => p.malloc(o.size))) as number;
        if (addr === 0) throw new Error(`malloc(${o.size}) failed`);
        const align = o.size > 2048 ? PAGE : Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, o.size))));
        if (addr % align !== 0) throw new Error(`malloc(${o.size}) = 0x${addr.toString(16)} is not ${align}-aligned`);
        const size = Math.max(1, o.size);
        for (const b of mp.blocks) {
          if (addr < b.addr + b.size && b.addr < addr + size) throw new Error(`malloc(${o.size}) = 0x${addr.toString(16)} overlaps a live block`);
        }
        await mp.box.send((p) => p.memset(addr, o.byte, size));
        mp.blocks.push({ addr, size, byte: o.byte });
        return;
      }
      case 'free': {
        const b = mp.blocks[o.block % Math.max(1, mp.blocks.length)];
        if (b === undefined) return;
        await mp.box.send((p) => p.free(b.addr));
        mp.blocks.splice(mp.blocks.indexOf(b), 1);
        return;
      }
      case 'checkblock': {
        const b = mp.blocks[o.block % Math.max(1, mp.blocks.length)];
        if (b === undefined) return;
        const got = (await mp.box.send((p) => p.peek(b.addr, b.size))) as Uint8Array;
        if (got.some((x) => x !== b.byte)) throw new Error(`pid ${mp.proc.p_pid}: malloc'ed block at 0x${b.addr.toString(16)} changed`);
        return;
      }
      case 'loan': {
        const r = mp.regions[o.region % Math.max(1, mp.regions.length)];
        if (r === undefined) return;
        const va = r.start + (o.page % r.pages) * PAGE;
        await mp.box.send((p) => p.peek(va, 1)); // make it resident, as socow_setup requires
        const pa = pmap_extract(mp.proc.p_vmspace.vm_map.pmap, va);
        const m = PHYS_TO_VM_PAGE(this.m.vm, pa);
        if (m === null) throw new Error('resident page has no vm_page');
        vm_page_cowsetup(m);
        vm_page_wire(m);
        this.loans.push({ m, snapshot: m.bytes.slice() });
        return;
      }
    }
  }

  spawn(): void {
    const box = new Mailbox();
    const proc = this.m.procs.spawn((p) => box.loop(p));
    this.procs.push({ proc, box, regions: [], blocks: [] });
  }

  unloan(which: number): void {
    const loan = this.loans[which % Math.max(1, this.loans.length)];
    if (loan === undefined) return;
    this.loans.splice(this.loans.indexOf(loan), 1);
    if (loan.m.bytes.some((b, i) => b !== loan.snapshot[i])) throw new Error('a page on loan to the kernel changed');
    vm_page_cowclear(loan.m);
    vm_page_unwire(loan.m, false);
    if (loan.m.wire_count === 0 && loan.m.object === null) vm_page_free(loan.m);
  }

  async finish(): Promise<void> {
    while (this.procs.length > 0) await this.step({ op: 'exit', who: 0 });
    while (this.loans.length > 0) this.unloan(0);
    await this.m.procs.run();
  }
}

test('random mmap/munmap/fork/write/read/exit/malloc/free/loan sequences keep memory coherent and free every page at the end', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 80, size: 'max' }), async (ops) => {
      const w = new World();
      for (const o of ops) {
        await w.step(o);
        const bad = vm_check(w.m.vm);
        if (bad.length > 0) throw new Error(`after ${JSON.stringify(o)}: ${bad.join('; ')}`);
      }
      await w.finish();
      const bad = vm_check(w.m.vm);
      if (bad.length > 0) throw new Error(bad.join('; '));
      if (!all_memory_free(w.m.vm)) {
        throw new Error(`pages not freed: ${w.m.vm.cnt.v_page_count - w.m.vm.cnt.v_free_count}, objects left ${w.m.vm.vm_object_list.size}`);
      }
      if (w.m.log.length > 0) throw new Error(`unexpected kernel messages: ${w.m.log.join('; ')}`);
      if (w.m.procs.output !== '') throw new Error(`unexpected output: ${w.m.procs.output}`);
    }),
    { numRuns: 150 },
  );
  t.pass();
});
