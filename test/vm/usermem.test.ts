import test from 'ava';
import fc from 'fast-check';
import { utf8_decode, utf8_encode } from '../../src/kernel/i386/i386/usermem.ts';
import { MAP_ANON, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../src/kernel/sys/mman.ts';
import { machine, run1 } from './machine.ts';

test('strings are stored as UTF-8 and read back unchanged', (t) => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8_decode(utf8_encode(s)) === s));
  t.deepEqual([...utf8_encode('é€')], [0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  t.is(utf8_decode(Uint8Array.from([0x41, 0xff, 0x42])), 'A\ufffdB');
});

test('strcpy, strlen, memcpy and memcmp work across a page boundary', async (t) => {
  const m = machine();
  await run1(m, (p) => {
    const a = p.mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_ANON | MAP_PRIVATE);
    const s = 'spans two pages';
    p.strcpy(a + 4090, s);
    t.is(p.strlen(a + 4090), s.length);
    t.is(p.peekstr(a + 4090), s);
    p.memcpy(a + 8190, a + 4090, s.length + 1);
    t.is(p.memcmp(a + 4090, a + 8190, s.length), 0);
    t.is(p.memcmp(a + 4090, 'spans', 5), 0);
    t.true(p.memcmp(a + 4090, 'spant', 5) < 0);
    p.strcpy(a, a + 8190);
    t.is(p.peekstr(a), s);
    p.memcpy(a + 1, a, 10); // overlapping, like memmove
    t.is(p.peekstr(a, 11), 'sspans two ');
  });
});
