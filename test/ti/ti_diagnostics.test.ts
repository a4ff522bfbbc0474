// The ti(4) diagnostics the simulation can produce, each under the
// condition the man page gives for it, and the PCI bus they come from.

import test from 'ava';
import { boot, CSR_READ_4, GENERIC, ifconfig, ifunit, netperf_pair, ti_softc_of, type MachineClassName, type PciOptions } from 'zcsim';
import { TI_PCI_STATE, TI_PCISTATE_32BIT_BUS } from '../../src/kernel/dev/ti/if_tireg.ts';
import { pci_of } from '../../src/kernel/kern/kern_machine.ts';

// netperf with zero copy both ways between two machines, checksums in software (as Duke's were):
// throughput, the sender's CPU, and how busy the sender's bus was.
async function pci_probe(o: { machineClass: MachineClassName; pci?: PciOptions }): Promise<{ mbps: number; cpu_pct: number; bus_busy_pct: number }> {
  const zc = `${GENERIC}options ZERO_COPY_SOCKETS\noptions TI_JUMBO_HDRSPLIT\n`;
  const r = await netperf_pair({
    nic: 'ti', mtu: 9000, machineClass: o.machineClass, configA: zc, configB: zc, ...(o.pci === undefined ? {} : { pci: o.pci }),
    argv: ['-H', 'b', '-l', '0.1', '-c', '-C', '--', '-m', '64K', '-s', '128K', '-S', '128K'],
    on_boot: ({ a, b }) => { for (const k of [a, b]) ifconfig(k, ['ti0', '-rxcsum']); },
  });
  if (r.result === null) throw new Error(r.stderr.join(' / '));
  const bus = pci_of(r.a);
  return { mbps: r.result.throughput_mbps, cpu_pct: r.result.local_cpu_pct, bus_busy_pct: (100 * bus.stats.busy_ns) / r.sim.now_ns };
}

test('a board whose ROM self-test fails: "board self-diagnostics failed!", then "chip initialization failed", and no ti0', (t) => {
  const k = boot(GENERIC, { nics: ['ti'], board_faults: { 0: 'rom_selftest' } });
  t.true(k.dmesg.includes('ti0: board self-diagnostics failed!'));
  t.true(k.dmesg.includes('ti0: chip initialization failed'));
  t.is(ifunit(k, 'ti0'), null);
});

test('a Tigon 2 prototype (chip revision 5): "unsupported chip revision", and no ti0', (t) => {
  const k = boot(GENERIC, { nics: ['ti'], board_faults: { 0: 'chip_rev5' } });
  t.true(k.dmesg.includes('ti0: unsupported chip revision'));
  t.true(k.dmesg.includes('ti0: chip initialization failed'));
  t.is(ifunit(k, 'ti0'), null);
});

test('a BIOS that sets a 32-bit slot up as 64 bits: a Tigon 1 cannot attach, a Tigon 2 is told TI_PCISTATE_32BIT_BUS and works', (t) => {
  const t1 = boot(GENERIC, { nics: ['ti-tigon1'], pci: { width_bits: 32, bios_64bit_bug: true } });
  t.true(t1.dmesg.includes("ti0: bios thinks we're in a 64 bit slot, but we aren't"));
  t.is(ifunit(t1, 'ti0'), null);
  const t2 = boot(GENERIC, { nics: ['ti'], pci: { width_bits: 32, bios_64bit_bug: true } });
  t.false(t2.dmesg.some((l) => l.includes('64 bit slot')));
  const ifp = ifunit(t2, 'ti0');
  if (ifp === null) return t.fail('no ti0');
  t.not(CSR_READ_4(ti_softc_of(ifp), TI_PCI_STATE) & TI_PCISTATE_32BIT_BUS, 0);
  // Without the BIOS bug neither board needs the workaround, in either slot width.
  for (const width_bits of [32, 64] as const) {
    for (const nics of [['ti'], ['ti-tigon1']] as const) {
      const k = boot(GENERIC, { nics: [...nics], pci: { width_bits } });
      t.not(ifunit(k, 'ti0'), null, `${nics[0]} in a ${width_bits}-bit slot`);
    }
  }
});

test('TI_PRIVATE_JUMBOS on a machine too small for the pool: "no memory for jumbo buffers!", then "jumbo buffer allocation failed"', (t) => {
  const k = boot(`${GENERIC}options TI_PRIVATE_JUMBOS\noptions MAXMEM=16384\n`, { nics: ['ti'] });
  t.true(k.dmesg.includes('ti0: no memory for jumbo buffers!'));
  t.true(k.dmesg.includes('ti0: jumbo buffer allocation failed'));
  t.is(ifunit(k, 'ti0'), null);
  // With the default memory the pool fits.
  const big = boot(`${GENERIC}options TI_PRIVATE_JUMBOS\n`, { nics: ['ti'] });
  t.not(ifunit(big, 'ti0'), null);
});

test('boot refuses a fault for a slot the machine does not have, an unknown fault and a bus that does not exist', (t) => {
  t.throws(() => boot(GENERIC, { nics: ['ti'], board_faults: { 1: 'rom_selftest' } }), { instanceOf: RangeError, message: /slot 1/ });
  t.throws(() => boot(GENERIC, { nics: ['ti'], board_faults: { 0: 'smoke' as 'rom_selftest' } }), { instanceOf: RangeError, message: /unknown board fault/ });
  t.throws(() => boot(GENERIC, { nics: ['ti'], pci: { width_bits: 48 as 32 } }), { instanceOf: RangeError, message: /PCI width/ });
});

test("the Pentium II's 32-bit, 33 MHz bus, not its CPU or the wire, holds zero copy near 780 Mb/s; 64-bit slots lift it to the wire", async (t) => {
  const slow = await pci_probe({ machineClass: 'PII_450' });
  const fast = await pci_probe({ machineClass: 'PII_450', pci: { width_bits: 64, clock_mhz: 66 } });
  t.log(`P-II zero copy: ${slow.mbps.toFixed(1)} Mbps on 32/33 (bus ${slow.bus_busy_pct.toFixed(0)} % busy), ${fast.mbps.toFixed(1)} on 64/66`);
  t.true(slow.mbps > 700 && slow.mbps < 820);
  t.true(slow.bus_busy_pct > 90, 'the bus is the bottleneck');
  t.true(slow.cpu_pct < 60, 'the CPU is not');
  t.true(fast.mbps > 960);
  t.true(fast.bus_busy_pct < 40);
});
