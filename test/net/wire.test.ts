// The wire: serialization at the line rate with Ethernet's real overheads,
// goodput never above the arithmetic limit, seeded loss and corruption.

import test from 'ava';
import fc from 'fast-check';
import { ETHER_HDR_LEN, Simulation, WIRE_OVERHEAD_BYTES, wire_fcs_ok, wire_frame_bytes, type WireEnd, type WireFrame, type WireOptions, type WirePort } from 'zcsim';
import { wire_join } from '../../src/kernel/hardware/wire.ts';

// A bare port: records what arrives, no board or kernel behind it (the wire knows neither).
class Probe implements WirePort {
  readonly port_name: string;
  readonly port_enaddr = new Uint8Array(6);
  port_wire: WireEnd | null = null;
  readonly got: { at: number; frame: WireFrame }[] = [];
  constructor(
    name: string,
    private readonly sim: Simulation,
  ) {
    this.port_name = name;
  }
  port_rx(frame: WireFrame): void {
    this.got.push({ at: this.sim.now_ns, frame });
  }
  port_link(): void {}
}

function probes(o: WireOptions = {}): { sim: Simulation; p: Probe; q: Probe; end: WireEnd; back: WireEnd } {
  const sim = new Simulation();
  const p = new Probe('p0', sim);
  const q = new Probe('q0', sim);
  const w = wire_join(sim, p, q, o);
  return { sim, p, q, end: w.a, back: w.b };
}

const frame = (ip_bytes: number, tag = 0): Uint8Array => new Uint8Array(ETHER_HDR_LEN + ip_bytes).fill(tag);

test('Ethernet adds 38 bytes per frame: preamble/SFD 8, header 14, FCS 4, gap 12', (t) => {
  t.is(WIRE_OVERHEAD_BYTES, 38);
  t.is(wire_frame_bytes(ETHER_HDR_LEN + 1500), 1538);
  t.is(wire_frame_bytes(ETHER_HDR_LEN + 9000), 9038);
  t.is(wire_frame_bytes(ETHER_HDR_LEN + 1), 84); // padded to the 64-byte minimum
});

test('a frame with an N-byte IP packet takes (N + 38) * 8 ns of a gigabit line; its last bit arrives after the delay', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 46, max: 9000 }), fc.integer({ min: 0, max: 100_000 }), (n, delay) => {
      const { sim, q, end } = probes({ delay_ns: delay });
      let done = -1;
      end.transmit(frame(n), () => (done = sim.now_ns));
      end.transmit(frame(n), () => {});
      sim.runUntilIdle();
      // The gap follows the frame: done and arrival are before it, the next frame after it.
      return done === (n + 38 - 12) * 8 && q.got[0]?.at === done + delay && q.got[1]?.at === (n + 38) * 8 + done + delay;
    }),
  );
  t.pass();
});

test('back-to-back frames are limited to the line rate, so raw MTU-sized goodput is 975.3 Mbps at 1500 and 995.8 at 9000', (t) => {
  for (const [mtu, expect_mbps] of [[1500, 975.3], [9000, 995.8]] as const) {
    const { sim, q, end } = probes();
    for (let i = 0; i < 200; i++) end.transmit(frame(mtu), () => {});
    sim.runUntilIdle();
    const last = q.got[q.got.length - 1]!.at + 12 * 8; // the last frame's gap closes the interval
    const mbps = (200 * mtu * 8) / last * 1e3;
    t.is(Math.round(mbps * 10) / 10, expect_mbps);
  }
});

test('goodput never exceeds the arithmetic limit, whatever the frame sizes and send times', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 46, max: 1500 }), fc.integer({ min: 0, max: 20_000 })), { minLength: 1, maxLength: 60 }), (sends) => {
      const { sim, q, end } = probes();
      let at = 0;
      for (const [n, gap] of sends) {
        at += gap;
        sim.schedule_at(at, () => end.transmit(frame(n), () => {}));
      }
      sim.runUntilIdle();
      // By the time each frame arrives, the line has carried at most (time / 8) bytes
      // of frames, each with its 38 bytes of overhead.
      let carried = 0;
      return q.got.every(({ at: arrival, frame: f }) => {
        carried += wire_frame_bytes(f.data.length);
        return (carried - 12) * 8 <= arrival;
      });
    }),
  );
  t.pass();
});

test('the TCP goodput limits of the reference table follow from the frame arithmetic', (t) => {
  // MSS + IP 20 + TCP 20 (+ 12 timestamp option) + Ethernet header, then the frame's overheads.
  const limit = (mss: number, opts: number): number => Math.round((mss / wire_frame_bytes(ETHER_HDR_LEN + mss + 40 + opts)) * 1e4) / 10;
  t.is(limit(8192, 12), 989.1);
  t.is(limit(8192, 0), 990.6);
  t.is(limit(1448, 12), 941.5);
  t.is(limit(1460, 0), 949.3);
});

test('a slower line takes proportionally longer', (t) => {
  const { sim, q, end } = probes({ rate_bps: 100e6 });
  end.transmit(frame(1500), () => {});
  sim.runUntilIdle();
  t.is(q.got[0]!.at, (1500 + 38 - 12) * 80);
});

test('the two directions are independent: full duplex, no collisions', (t) => {
  const { sim, p, q, end, back } = probes();
  end.transmit(frame(1500, 1), () => {});
  back.transmit(frame(1500, 2), () => {});
  sim.runUntilIdle();
  t.is(q.got[0]!.at, 1526 * 8);
  t.is(p.got[0]!.at, 1526 * 8);
});

test('a frame outside 14..9014 bytes is refused', (t) => {
  const { end } = probes();
  t.throws(() => end.transmit(new Uint8Array(13), () => {}), { instanceOf: RangeError });
  t.throws(() => end.transmit(new Uint8Array(9015), () => {}), { instanceOf: RangeError });
});

function lossy_run(seed: number, reverse_traffic: boolean): { delivered: number[]; corrupt: number[] } {
  const { sim, q, end, back } = probes({ loss: 0.1, corrupt: 0.05, seed });
  for (let i = 0; i < 2000; i++) {
    const f = frame(100);
    new DataView(f.buffer).setUint32(ETHER_HDR_LEN, i);
    end.transmit(f, () => {});
    if (reverse_traffic) back.transmit(frame(100), () => {});
  }
  sim.runUntilIdle();
  const delivered = q.got.map((g) => new DataView(g.frame.data.buffer).getUint32(ETHER_HDR_LEN));
  const corrupt = q.got.flatMap((g, i) => (wire_fcs_ok(g.frame) ? [] : [i]));
  return { delivered, corrupt };
}

test('loss and corruption are seeded: the same seed loses and damages the same frames', (t) => {
  const a = lossy_run(42, false);
  const b = lossy_run(42, false);
  const c = lossy_run(43, false);
  t.deepEqual(a, b);
  t.notDeepEqual(a.delivered, c.delivered);
  t.true(a.delivered.length > 1700 && a.delivered.length < 1900); // ~10 % lost
  t.true(a.corrupt.length > 50 && a.corrupt.length < 150); // ~5 % of the rest
});

test('traffic in one direction does not change the losses in the other', (t) => {
  t.deepEqual(lossy_run(7, false), lossy_run(7, true));
});

test('a corrupted frame fails its FCS check; the wire counts what it lost and damaged', (t) => {
  const { sim, q, end } = probes({ corrupt: 1, seed: 3 });
  end.transmit(frame(500, 0xaa), () => {});
  sim.runUntilIdle();
  const f = q.got[0]!.frame;
  t.false(wire_fcs_ok(f));
  t.is(f.data.filter((b, i) => i >= ETHER_HDR_LEN && b !== 0xaa).length, 1); // one byte differs, by one bit
  t.is(end.stats.corrupted, 1);
  t.is(end.stats.delivered, 1);
});
