// ifnet, ether_output/ether_input, ifconfig, netstat -i and the simulated
// em(4): two machines exchange raw Ethernet frames and agree on the counts.

import test from 'ava';
import {
  boot,
  copy_ns,
  cpu_run,
  cpu_snapshot,
  cpu_usage,
  EINVAL,
  EMSGSIZE,
  ENETDOWN,
  ENXIO,
  em_softc_of,
  EM_RXD,
  GENERIC,
  ifconfig,
  ifioctl,
  ifnet_list,
  ifreq_for,
  ifunit,
  IFF_RUNNING,
  IFF_UP,
  machine_costs,
  mb_inuse,
  m_freem,
  netisr_queue_stats,
  netisr_register,
  NETISR_IP,
  netstat_i,
  SIOCGIFFLAGS,
  SIOCSIFMTU,
  Simulation,
  SyscallError, wire_connect,
} from 'zcsim';
import { listen, pair, payload, send } from './helpers.ts';

test('two machines exchange raw Ethernet frames through em(4); bytes arrive intact and in order', (t) => {
  const { sim, a, b, ia, ib } = pair({ delay_ns: 1000 });
  const at_b = listen(b, sim);
  const at_a = listen(a, sim);
  const sizes = [46, 100, 1000, 1500, 1499, 64, 777];
  sizes.forEach((n, i) => t.is(send(ia, payload(i, n)), 0));
  t.is(send(ib, payload(99, 1500)), 0);
  sim.runUntilIdle();
  t.deepEqual(at_b.map((g) => g.data), sizes.map((n, i) => payload(i, n)));
  t.deepEqual(at_a.map((g) => g.data), [payload(99, 1500)]);
  t.is(ia.if_opackets, sizes.length);
  t.is(ib.if_ipackets, sizes.length);
  t.is(ia.if_obytes, ib.if_ibytes);
  t.is(ib.if_opackets, 1);
  t.is(ia.if_ipackets, 1);
  t.is(ia.if_ierrors + ib.if_ierrors + ia.if_oerrors + ib.if_oerrors, 0);
});

test('short frames are padded to the 64-byte minimum by the sending MAC', (t) => {
  const { sim, b, ia, ib } = pair();
  const got = listen(b, sim);
  send(ia, payload(1, 10));
  sim.runUntilIdle();
  t.is(got[0]!.data.length, 46);
  t.deepEqual(got[0]!.data.subarray(0, 10), payload(1, 10));
  t.is(ia.if_obytes, 24);
  t.is(ib.if_ibytes, 60);
});

test('on a lossy, corrupting wire the receiver counts FCS errors as input errors, and the counts on both sides agree', (t) => {
  const { sim, b, ia, ib, wire } = pair({ loss: 0.05, corrupt: 0.05, seed: 9 });
  const got = listen(b, sim);
  let sent = 0;
  const pump = (): void => {
    while (sent < 3000 && ia.if_snd.ifq_len < 100) send(ia, payload(sent++, 1200));
    if (sent < 3000) sim.schedule_after(100_000, pump);
  };
  pump();
  sim.runUntilIdle();
  t.is(ia.if_opackets, 3000);
  t.is(wire.a.stats.frames, 3000);
  t.is(ib.if_ierrors, wire.a.stats.corrupted);
  t.is(em_softc_of(ib).stats.crcerrs, wire.a.stats.corrupted);
  t.is(ib.if_ipackets + ib.if_ierrors + wire.a.stats.lost, ia.if_opackets);
  t.is(got.length, ib.if_ipackets);
  t.true(wire.a.stats.lost > 100 && wire.a.stats.corrupted > 100);
  // Whatever arrived is intact.
  for (const g of got) t.deepEqual(g.data, payload(new DataView(g.data.buffer).getUint32(0), 1200));
});

test('ifconfig mtu outside 72..9000 fails with EINVAL and changes nothing', (t) => {
  const { a, ia } = pair();
  const before = { mtu: ia.if_mtu, flags: ia.if_flags, ring: em_softc_of(ia).rx_free.length, mbufs: mb_inuse(a) };
  for (const bad of [71, 0, 9001, 16114, 65536]) {
    const err = t.throws(() => ifconfig(a, ['em0', 'mtu', String(bad)]), { instanceOf: SyscallError });
    t.is(err?.errno, EINVAL);
    t.is(err?.message, `ioctl("em0", "SIOCSIFMTU", ${bad}): EINVAL (Invalid argument)`);
    const ifr = ifreq_for('em0');
    ifr.ifr_mtu = bad;
    t.is(ifioctl(a, SIOCSIFMTU, ifr), EINVAL);
  }
  t.deepEqual({ mtu: ia.if_mtu, flags: ia.if_flags, ring: em_softc_of(ia).rx_free.length, mbufs: mb_inuse(a) }, before);
  t.deepEqual(ifconfig(a, ['em0', 'mtu', '9000']), []);
  t.is(ia.if_mtu, 9000);
  t.deepEqual(ifconfig(a, ['em0', 'mtu', '72']), []);
  t.is(ia.if_mtu, 72);
});

test('ioctls on an interface that does not exist fail with ENXIO', (t) => {
  const k = boot();
  t.is(ifioctl(k, SIOCGIFFLAGS, ifreq_for('em0')), ENXIO);
  t.is(t.throws(() => ifconfig(k, ['em0', 'up']), { instanceOf: SyscallError })?.errno, ENXIO);
});

test('up and down: em_init fills the receive ring, down frees it, and no mbuf is left behind after a run', (t) => {
  const { sim, a, b, ia, ib } = pair();
  t.deepEqual(mb_inuse(a), { mbufs: EM_RXD, clusters: EM_RXD });
  listen(b, sim);
  for (let i = 0; i < 100; i++) send(ia, payload(i, 1500));
  send(ib, payload(0, 100));
  sim.runUntilIdle();
  ifconfig(a, ['em0', 'down']);
  ifconfig(b, ['em0', 'down']);
  t.is(ia.if_flags & (IFF_UP | IFF_RUNNING), 0);
  t.deepEqual(mb_inuse(a), { mbufs: 0, clusters: 0 });
  t.deepEqual(mb_inuse(b), { mbufs: 0, clusters: 0 });
});

test('ether_output refuses a packet on a down interface (ENETDOWN) or longer than the MTU (EMSGSIZE)', (t) => {
  const { a, ia } = pair();
  t.is(send(ia, payload(0, 1501)), EMSGSIZE);
  ifconfig(a, ['em0', 'down']);
  t.is(send(ia, payload(0, 100)), ENETDOWN);
  t.deepEqual(mb_inuse(a), { mbufs: 0, clusters: 0 });
});

test('jumbo frames: at MTU 9000 a 9000-byte packet arrives as a chain of five clusters; a 1500-MTU receiver drops it as an input error', (t) => {
  const { sim, b, ia, ib } = pair({}, { mtu: 9000 });
  let chain = 0;
  netisr_register(b, NETISR_IP, (m) => {
    for (let p: typeof m | null = m; p !== null; p = p.m_next) chain++;
    m_freem(m);
  });
  t.is(send(ia, payload(0, 9000)), 0);
  sim.runUntilIdle();
  t.is(chain, 5);
  ifconfig(b, ['em0', 'mtu', '1500']);
  send(ia, payload(1, 9000));
  sim.runUntilIdle();
  t.is(ib.if_ierrors, 1);
  t.is(em_softc_of(ib).stats.rlec, 1);
});

test('netstat -i prints the interface table in FreeBSD 5.0 format', (t) => {
  const { sim, b, ia } = pair();
  listen(b, sim);
  for (let i = 0; i < 3; i++) send(ia, payload(i, 1000));
  sim.runUntilIdle();
  t.deepEqual(netstat_i(ia.if_kernel), [
    'Name  Mtu   Network       Address              Ipkts Ierrs    Opkts Oerrs  Coll',
    'em0    1500 <Link#1>      00:02:b3:00:00:00        0     0        3     0     0',
  ]);
  t.deepEqual(netstat_i(b, { bflag: true, dflag: true }), [
    'Name  Mtu   Network       Address              Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll Drop',
    'em0    1500 <Link#1>      00:02:b3:00:01:00        3     0       3042        0     0          0     0   0',
  ]);
  ifconfig(b, ['em0', 'down']);
  t.true(netstat_i(b)[1]!.startsWith('em0*   1500 '));
});

test('ifconfig shows flags, address, media and link status', (t) => {
  const sim = new Simulation();
  const a = boot(GENERIC, { sim, nics: ['em', 'em'] });
  const b = boot(GENERIC, { sim, nics: ['em'] });
  wire_connect(ifunit(a, 'em1')!, ifunit(b, 'em0')!);
  ifconfig(a, ['em1', 'up']);
  t.deepEqual(ifconfig(a, []), [
    'em0: flags=8802<BROADCAST,SIMPLEX,MULTICAST> mtu 1500',
    '\toptions=3<RXCSUM,TXCSUM>',
    '\tether 00:02:b3:00:00:00',
    '\tmedia: Ethernet autoselect',
    '\tstatus: no carrier',
    'em1: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500',
    '\toptions=3<RXCSUM,TXCSUM>',
    '\tether 00:02:b3:00:00:01',
    '\tmedia: Ethernet autoselect (1000baseTX <full-duplex>)',
    '\tstatus: active',
  ]);
  t.true(a.dmesg.includes('em1: Link is up 1000 Mbps Full Duplex'));
});

test('boot attaches the boards the machine has for the drivers the configuration has', (t) => {
  t.deepEqual(ifnet_list(boot()), []);
  t.deepEqual(boot().dmesg, boot(GENERIC, { nics: [] }).dmesg);
  const k = boot(GENERIC, { nics: ['em', 'ti', 'em'], hostname: 'zc1' });
  t.deepEqual(ifnet_list(k).map((i) => i.if_xname), ['em0', 'ti0', 'em1']);
  const noti = boot(GENERIC.replace(/^device\s+ti\b.*$/m, ''), { nics: ['em', 'ti', 'em'] });
  t.deepEqual(ifnet_list(noti).map((i) => i.if_xname), ['em0', 'em1']);
  t.true(noti.dmesg.includes('pci0: <network, ethernet> at device 10.0 (no driver attached)'));
  t.true(k.dmesg.includes('em1: Ethernet address: 00:02:b3:00:00:01'));
  t.is(k.sysctl('kern.hostname'), 'zc1');
  const noem = boot(GENERIC.replace(/^device\s+em\b.*$/m, ''), { nics: ['em'] });
  t.deepEqual(ifnet_list(noem), []);
  t.true(noem.dmesg.includes('pci0: <network, ethernet> at device 9.0 (no driver attached)'));
  // @ts-expect-error: not a board
  t.throws(() => boot(GENERIC, { nics: ['de'] }), { instanceOf: RangeError });
});

test('connect refuses interfaces already wired, without a port, or from another simulation', (t) => {
  const { sim, ia, ib } = pair();
  t.throws(() => wire_connect(ia, ib), { message: /already wired/ });
  const other = boot(GENERIC, { nics: ['em'] });
  t.throws(() => wire_connect(ia, ifunit(other, 'em0')!), { message: /another Simulation/ });
});

test('an idle receiver takes one interrupt per frame; interrupts cost CPU on the receiving machine', (t) => {
  const { sim, b, ia, ib } = pair({}, { machineClass: 'PII_450' });
  listen(b, sim);
  const t0 = cpu_snapshot(b);
  let i = 0;
  const tick = (): void => {
    send(ia, payload(i, 1000));
    if (++i < 10) sim.schedule_after(50_000, tick);
  };
  tick();
  sim.runUntilIdle();
  const u = cpu_usage(t0, cpu_snapshot(b));
  const c = machine_costs(b);
  t.is(em_softc_of(ib).stats.intrs, 10);
  t.is(u.busy_ns.interrupt, 10 * c.interrupt_ns);
  t.is(u.busy_ns.driver, 10 * c.driver_rx_desc_ns);
  t.is(u.busy_ns.protocol, 10 * (c.ether_input_ns + c.netisr_ns));
});

test('a copy-bound receiver limits throughput by itself: goodput falls to what its CPU can copy, and it drops the rest', (t) => {
  const sim = new Simulation();
  const a = boot(GENERIC, { sim, nics: ['em'], machineClass: 'PIII_733' });
  const b = boot(GENERIC, { sim, nics: ['em'], machineClass: 'PII_450' });
  const ia = ifunit(a, 'em0')!;
  const ib = ifunit(b, 'em0')!;
  wire_connect(ia, ib);
  ifconfig(a, ['em0', 'mtu', '9000', 'up']);
  ifconfig(b, ['em0', 'mtu', '9000', 'up']);
  // What soreceive's copyout would do: copy each packet before it counts as delivered.
  let delivered = 0;
  netisr_register(b, NETISR_IP, (m) => {
    const len = m.m_pkthdr.len;
    m_freem(m);
    cpu_run(b, 'copy', copy_ns(machine_costs(b), len), () => (delivered += len));
  });
  const run_ns = 50_000_000;
  const pump = (): void => {
    while (ia.if_snd.ifq_len < 20) send(ia, payload(0, 9000));
    if (sim.now_ns < run_ns) sim.schedule_after(20_000, pump);
  };
  pump();
  sim.runUntil(5_000_000);
  const d0 = delivered;
  const t0 = cpu_snapshot(b);
  sim.runUntil(run_ns);
  const u = cpu_usage(t0, cpu_snapshot(b));
  const mbps = ((delivered - d0) * 8) / (run_ns - 5_000_000) * 1e3;
  const copy_limit_mbps = (8e6 / copy_ns(machine_costs(b), 1e6)) * 1e3; // copying alone: ~680
  t.true(mbps < copy_limit_mbps, `${mbps} < ${copy_limit_mbps}`);
  t.true(mbps > 0.75 * copy_limit_mbps, `${mbps}`);
  t.true(u.busy_pct > 99);
  t.true(u.util_pct.copy > 75);
  const dropped = ib.if_ierrors + netisr_queue_stats(b, NETISR_IP).ifq_drops;
  t.true(dropped > 0);
  t.true(ia.if_opackets > ib.if_ipackets);
  sim.runUntilIdle(run_ns + 10_000_000);
});
