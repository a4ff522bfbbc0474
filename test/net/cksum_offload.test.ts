// Checksum offload as the 2002 drivers had it: ti(4) and em(4) compute and
// check IP/TCP checksums on the board by default, ifconfig -rxcsum -txcsum
// puts the work back on the CPU, and a frame damaged where its FCS cannot
// see it is still caught, by the board's sums or the stack's.

import test from 'ava';
import {
  accept, AF_INET, bind, close, connect, cpu_snapshot, cpu_usage, CSR_READ_4, ifconfig, ifioctl, ifreq_for, ifunit, IFCAP_VLAN_MTU,
  IFCAP_HWCSUM, IFCAP_VLAN_HWTAGGING, ip_state, listen, machine_pair, proc_table, read, sched_run, SIOCSIFCAP, SOCK_STREAM,
  sockaddr_in, socket, tcp_state, ti_softc_of, write, cksum_ns, machine_costs, CSUM_IP, CSUM_TCP, CSUM_UDP, CSUM_IP_FRAGS,
  type Kernel, type MachinePair, type PciBoard, type WireOptions,
} from 'zcsim';
import { EINVAL } from '../../src/kernel/sys/errno.ts';
import { TI_GCR_OPMODE, TI_OPMODE_1_DMA_ACTIVE } from '../../src/kernel/dev/ti/if_tireg.ts';
import { pattern } from '../lib/pattern.ts';

interface Sent {
  received: Uint8Array;
  checksum_ns: { a: number; b: number }; // CPU time each side spent summing
}

// `bytes` from a to b through a socket, both machines booted with `nic` at `mtu`.
async function transfer(m: MachinePair, bytes: Uint8Array): Promise<Sent> {
  const received = new Uint8Array(bytes.length);
  let got = 0;
  const a0 = cpu_snapshot(m.a);
  const b0 = cpu_snapshot(m.b);
  proc_table(m.b).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    bind(p, s, sockaddr_in('0.0.0.0', 5001));
    listen(p, s, 1);
    const c = await accept(p, s);
    const buf = p.malloc(65536);
    for (let n; (n = await read(p, c, buf, 65536)) > 0; got += n) received.set(p.peek(buf, n), got);
    close(p, c);
    close(p, s);
  });
  proc_table(m.a).spawn(async (p) => {
    const s = socket(p, AF_INET, SOCK_STREAM, 0);
    await connect(p, s, sockaddr_in('10.0.0.2', 5001));
    const buf = p.malloc(bytes.length);
    p.poke(buf, bytes);
    for (let off = 0; off < bytes.length; ) off += await write(p, s, buf + off, Math.min(32768, bytes.length - off));
    close(p, s);
  });
  await sched_run(m.sim, { limit_ns: 60e9 });
  const checksum_ns = {
    a: cpu_usage(a0, cpu_snapshot(m.a)).busy_ns.checksum,
    b: cpu_usage(b0, cpu_snapshot(m.b)).busy_ns.checksum,
  };
  return { received: received.subarray(0, got), checksum_ns };
}

function pair(nic: PciBoard, link: WireOptions = {}, mtu = 9000): MachinePair {
  return machine_pair({ nic, mtu, link });
}

function options_line(k: Kernel, ifname: string): string | undefined {
  return ifconfig(k, [ifname]).find((l) => l.startsWith('\toptions='));
}

test('ti_attach enables IFCAP_HWCSUM and VLAN tagging; ti_chipinit hands the board TI_CSUM_FEATURES and keeps both DMA channels', (t) => {
  const m = pair('ti');
  const ifp = ifunit(m.a, 'ti0')!;
  t.is(ifp.if_capabilities, IFCAP_HWCSUM | IFCAP_VLAN_HWTAGGING);
  t.is(ifp.if_capenable, IFCAP_HWCSUM | IFCAP_VLAN_HWTAGGING);
  t.is(ifp.if_hwassist, CSUM_IP | CSUM_TCP | CSUM_UDP | CSUM_IP_FRAGS);
  t.is(options_line(m.a, 'ti0'), '\toptions=13<RXCSUM,TXCSUM,VLAN_HWTAGGING>');
  t.is(CSR_READ_4(ti_softc_of(ifp), TI_GCR_OPMODE) & TI_OPMODE_1_DMA_ACTIVE, 0);
});

test('ifconfig ti0 -rxcsum turns both checksum directions off (the driver toggles IFCAP_HWCSUM whole) and one DMA channel on', (t) => {
  const m = pair('ti');
  const ifp = ifunit(m.a, 'ti0')!;
  t.deepEqual(ifconfig(m.a, ['ti0', '-rxcsum']), []);
  t.is(ifp.if_capenable, IFCAP_VLAN_HWTAGGING);
  t.is(ifp.if_hwassist, 0);
  t.is(options_line(m.a, 'ti0'), '\toptions=10<VLAN_HWTAGGING>');
  t.not(CSR_READ_4(ti_softc_of(ifp), TI_GCR_OPMODE) & TI_OPMODE_1_DMA_ACTIVE, 0);
  t.deepEqual(ifconfig(m.a, ['ti0', 'txcsum']), []);
  t.is(ifp.if_hwassist, CSUM_IP | CSUM_TCP | CSUM_UDP | CSUM_IP_FRAGS);
});

test('SIOCSIFCAP refuses a capability the board does not have with EINVAL and changes nothing', (t) => {
  const m = pair('em');
  const ifp = ifunit(m.a, 'em0')!;
  const ifr = ifreq_for('em0');
  ifr.ifr_reqcap = IFCAP_HWCSUM | IFCAP_VLAN_MTU;
  t.is(ifioctl(m.a, SIOCSIFCAP, ifr), EINVAL);
  t.is(ifp.if_capenable, IFCAP_HWCSUM);
  t.is(options_line(m.a, 'em0'), '\toptions=3<RXCSUM,TXCSUM>');
});

for (const nic of ['ti', 'em'] as const) {
  test(`${nic}: with offload neither TCP sums a byte, and the bytes arrive as sent`, async (t) => {
    const data = pattern(300_000, 11);
    const r = await transfer(pair(nic), data);
    t.deepEqual(r.received, data);
    t.deepEqual(r.checksum_ns, { a: 0, b: 0 });
  });

  test(`${nic}: offload on the sender and off on the receiver: the board's sums check out in software`, async (t) => {
    const m = pair(nic);
    ifconfig(m.b, [`${nic}0`, '-rxcsum', '-txcsum']);
    const data = pattern(300_000, 12);
    const r = await transfer(m, data);
    t.deepEqual(r.received, data);
    t.is(r.checksum_ns.a, 0);
    t.true(r.checksum_ns.b > 0);
    t.is(tcp_state(m.b).tcpstat.tcps_rcvbadsum, 0);
    t.is(ip_state(m.b).ipstat.ips_badsum, 0);
  });

  for (const offload of [true, false]) {
    test(`${nic}: damage the FCS cannot see is caught by the ${offload ? "board's" : "stack's"} checksums, and TCP recovers every byte`, async (t) => {
      const m = pair(nic, { corrupt_undetected: 0.05, seed: 3 });
      if (!offload) for (const k of [m.a, m.b]) ifconfig(k, [`${nic}0`, '-rxcsum', '-txcsum']);
      const data = pattern(400_000, 13);
      const r = await transfer(m, data);
      t.deepEqual(r.received, data);
      const damaged = m.wire.a.stats.corrupted_undetected + m.wire.b.stats.corrupted_undetected;
      t.true(damaged > 0);
      const caught =
        tcp_state(m.a).tcpstat.tcps_rcvbadsum + tcp_state(m.b).tcpstat.tcps_rcvbadsum + ip_state(m.a).ipstat.ips_badsum + ip_state(m.b).ipstat.ips_badsum;
      t.true(caught > 0, `${damaged} frames damaged, none caught by a checksum`);
      t.true(tcp_state(m.a).tcpstat.tcps_sndrexmitpack > 0);
      const summed_ns = r.checksum_ns.a + r.checksum_ns.b;
      if (!offload) t.true(summed_ns > 0);
      // ti reports its sum whatever it is (tcp_input finds it wrong); em reports nothing for a bad
      // sum, so the stack sums just those frames again itself.
      else if (nic === 'ti') t.is(summed_ns, 0);
      else t.true(summed_ns > 0 && summed_ns <= damaged * cksum_ns(machine_costs(m.b), 9000), `${summed_ns} ns for ${damaged} frames`);
    });
  }
}
