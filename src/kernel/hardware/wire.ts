// The wire: a full-duplex point-to-point gigabit Ethernet link between two
// interfaces. No FreeBSD counterpart (it is the cable and the PHYs).
//
// How to use: wire_join(sim, port_a, port_b, { rate_bps, delay_ns, loss, corrupt, seed })
// plugs a cable between two boards' ports (a kernel reaches it through
// wire_connect of net/if_wire.ts, which takes two interfaces); a board
// implements WirePort and, to send, calls
//   port.port_wire.transmit(frame, () => tx_done())
// with the frame's bytes from the destination address to the end of the
// payload (no FCS). The wire calls the peer's port_rx(frame) when the frame's
// last bit has arrived, and `tx_done` when its last bit has left.
//
// Timing, per direction: frames are sent one after another, in order. A
// frame of L bytes (header + payload, padded to 60) occupies the line for
// (L + ETHER_CRC_LEN + 8 preamble/SFD + 12 inter-frame gap) bytes at rate_bps:
// at 1 Gb/s an MTU-1500 IP packet takes (1500 + 38) * 8 = 12304 ns. Its last
// bit arrives delay_ns after it leaves (before the gap). The two directions
// are independent (full duplex: no collisions, ever).
//
// Loss and corruption: each direction draws from its own deterministic PRNG
// seeded from `seed`, so a run repeats exactly and traffic one way does not
// change the losses the other way. A lost frame never arrives. A corrupted
// frame arrives with one bit flipped and carries the FCS of the bytes that
// were sent; the receiving MAC checks it (wire_fcs_ok) and drops the frame
// as a CRC error. Frames the wire did not touch carry no FCS: recomputing a
// CRC that must match would only cost the host time. `corrupt_undetected`
// damages a frame before its FCS is computed, as a store-and-forward
// switch with a bad memory does (Stone and Partridge, "When the CRC and TCP
// checksum disagree", SIGCOMM 2000): the MAC accepts it, and only the IP
// and TCP checksums (the board's, or the stack's) can catch it.

import { ETHER_CRC_LEN, ETHER_HDR_LEN, ETHER_MIN_LEN, ETHERMTU_JUMBO } from '../net/ethernet.ts';
import { ether_crc32_le } from '../libkern/crc32.ts';
import type { Simulation } from '../engine/simulation.ts';

/** Preamble (7 bytes) and start-of-frame delimiter (1) before every frame (IEEE 802.3). */
export const ETHER_PREAMBLE_SFD_LEN = 8;
/** Inter-frame gap: 96 bit times of silence after every frame (IEEE 802.3). */
export const ETHER_IFG_LEN = 12;
/**
 * Bytes of the wire per frame beyond the network-layer packet: preamble/SFD
 * 8, header 14, FCS 4, gap 12 = 38. The one place the overhead is added up.
 */
export const WIRE_OVERHEAD_BYTES = ETHER_PREAMBLE_SFD_LEN + ETHER_HDR_LEN + ETHER_CRC_LEN + ETHER_IFG_LEN;
/** Shortest frame a MAC sends without FCS: ETHER_MIN_LEN - ETHER_CRC_LEN = 60 (shorter ones are padded). */
export const WIRE_MIN_FRAME_BYTES = ETHER_MIN_LEN - ETHER_CRC_LEN;
/** Longest frame the wire carries, without FCS: a 9000-byte jumbo payload plus the header. */
export const WIRE_MAX_FRAME_BYTES = ETHERMTU_JUMBO + ETHER_HDR_LEN;
/** Gigabit Ethernet. */
export const WIRE_DEFAULT_RATE_BPS = 1e9;

/** Options of wire_join (and of net/if_wire.ts's wire_connect). */
export interface WireOptions {
  readonly rate_bps?: number; // line rate, default 1e9
  readonly delay_ns?: number; // propagation delay, default 0 (a short cable is ~5 ns/m)
  readonly loss?: number; // probability a frame is lost, 0..1, default 0
  readonly corrupt?: number; // probability a frame arrives with a bit flipped, 0..1, default 0
  readonly corrupt_undetected?: number; // probability a frame arrives with a bit flipped and a matching FCS, 0..1, default 0
  readonly seed?: number; // PRNG seed for loss and corruption, default 1
}

/** A frame in flight. */
export interface WireFrame {
  readonly data: Uint8Array; // destination address .. end of payload (padded to 60), no FCS
  readonly fcs: number | undefined; // FCS of the bytes sent, when the wire damaged them
}

/** What a board's PHY offers the wire. */
export interface WirePort {
  readonly port_name: string; // for messages: the interface it serves, e.g. "em0"
  readonly port_enaddr: Uint8Array; // the station address of its MAC (what ARP would learn of it)
  port_wire: WireEnd | null; // this port's end of its wire, once connected
  /** The last bit of `frame` has arrived. */
  port_rx(frame: WireFrame): void;
  /** The wire was connected (the PHYs see each other: link up). */
  port_link(up: boolean): void;
}

/** Counters of one direction. */
export interface WireStats {
  frames: number; // frames sent into the wire
  bytes: number; // their bytes (header + payload, no FCS, no padding)
  wire_bytes: number; // line bytes used, overheads and padding included
  lost: number; // frames that vanished
  corrupted: number; // frames delivered with a flipped bit (and the FCS of the original)
  corrupted_undetected: number; // frames delivered with a flipped bit and an FCS that matches it
  delivered: number; // frames whose last bit reached the peer
}

/** True if the frame passes the receiving MAC's FCS check. */
export function wire_fcs_ok(frame: WireFrame): boolean {
  return frame.fcs === undefined || ether_crc32_le(frame.data) === frame.fcs;
}

/** Line bytes (overheads, padding) a frame of `frame_bytes` (header + payload, no FCS) uses. */
export function wire_frame_bytes(frame_bytes: number): number {
  return Math.max(frame_bytes, WIRE_MIN_FRAME_BYTES) + ETHER_CRC_LEN + ETHER_PREAMBLE_SFD_LEN + ETHER_IFG_LEN;
}

// mulberry32: small, fast, and good enough to pick which frames to lose.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One direction's sending end, owned by the port that transmits on it. */
export class WireEnd {
  readonly wire: Wire; // the wire this end belongs to
  readonly port: WirePort; // the port sending on this end
  peer!: WireEnd; // the other end (whose port receives what this one sends)
  readonly stats: WireStats = { frames: 0, bytes: 0, wire_bytes: 0, lost: 0, corrupted: 0, corrupted_undetected: 0, delivered: 0 };
  private line_free_ns = 0; // when the line is free after the frames already given
  private queued = 0; // frames given but not yet fully sent
  private readonly rand: () => number; // this direction's loss/corruption stream

  constructor(wire: Wire, port: WirePort, seed: number) {
    this.wire = wire;
    this.port = port;
    this.rand = mulberry32(seed);
  }

  /** Frames waiting for or in serialization on this end. */
  get tx_queue_frames(): number {
    return this.queued;
  }

  /** When this end's line is next idle (now, if it is idle). */
  get busy_until_ns(): number {
    return Math.max(this.line_free_ns, this.wire.sim.now_ns);
  }

  /**
   * Sends `frame` (header + payload, 14..9014 bytes; shorter than 60 is
   * padded with zeros) after the frames already queued, and not before
   * `not_before_ns` (when the board has it: its DMA from the host may still
   * be running). `done` runs when its last bit has left. The wire keeps `frame`: the caller must not change it
   * afterwards (a NIC DMAs each frame into a fresh buffer). Throws
   * RangeError for a frame outside those sizes.
   */
  transmit(frame: Uint8Array, done: () => void, not_before_ns = 0): void {
    if (frame.length < ETHER_HDR_LEN || frame.length > WIRE_MAX_FRAME_BYTES) {
      throw new RangeError(`wire: frame of ${frame.length} bytes outside ${ETHER_HDR_LEN}..${WIRE_MAX_FRAME_BYTES}`);
    }
    const sim = this.wire.sim;
    const data = frame.length < WIRE_MIN_FRAME_BYTES ? pad(frame) : frame;
    const line_bytes = wire_frame_bytes(frame.length);
    const start = Math.max(sim.now_ns, this.line_free_ns, not_before_ns);
    const last_bit = start + this.wire.ns_for_bytes(line_bytes - ETHER_IFG_LEN);
    this.line_free_ns = start + this.wire.ns_for_bytes(line_bytes);
    this.queued++;
    this.stats.frames++;
    this.stats.bytes += frame.length;
    this.stats.wire_bytes += line_bytes;
    const arriving = this.damage(data);
    sim.schedule_at(last_bit, () => {
      this.queued--;
      done();
    });
    if (arriving === null) return;
    sim.schedule_at(last_bit + this.wire.delay_ns, () => {
      this.stats.delivered++;
      this.peer.port.port_rx(arriving);
    });
  }

  // Decides, at send time and in send order, what happens to the frame.
  private damage(data: Uint8Array): WireFrame | null {
    if (this.wire.loss > 0 && this.rand() < this.wire.loss) {
      this.stats.lost++;
      return null;
    }
    if (this.wire.corrupt > 0 && this.rand() < this.wire.corrupt) {
      this.stats.corrupted++;
      return { data: this.flip_bit(data), fcs: ether_crc32_le(data) };
    }
    if (this.wire.corrupt_undetected > 0 && this.rand() < this.wire.corrupt_undetected) {
      this.stats.corrupted_undetected++;
      return { data: this.flip_bit(data), fcs: undefined };
    }
    return { data, fcs: undefined };
  }

  // A copy of `data` with one bit, drawn from this direction's stream, flipped.
  private flip_bit(data: Uint8Array): Uint8Array {
    const bad = data.slice();
    const bit = Math.floor(this.rand() * bad.length * 8);
    bad[bit >> 3] = ((bad[bit >> 3] as number) ^ (1 << (bit & 7))) & 0xff;
    return bad;
  }
}

function pad(frame: Uint8Array): Uint8Array {
  const p = new Uint8Array(WIRE_MIN_FRAME_BYTES);
  p.set(frame);
  return p;
}

/** A full-duplex link; `a` is the first interface given to connect(). */
export class Wire {
  readonly sim: Simulation; // whose clock times the frames
  readonly rate_bps: number; // line rate
  readonly delay_ns: number; // propagation delay
  readonly loss: number; // per-frame loss probability
  readonly corrupt: number; // per-frame corruption probability
  readonly corrupt_undetected: number; // per-frame probability of damage the FCS does not catch
  readonly a: WireEnd; // sending end of the first interface
  readonly b: WireEnd; // sending end of the second interface

  constructor(sim: Simulation, pa: WirePort, pb: WirePort, o: WireOptions) {
    this.sim = sim;
    this.rate_bps = o.rate_bps ?? WIRE_DEFAULT_RATE_BPS;
    this.delay_ns = o.delay_ns ?? 0;
    this.loss = o.loss ?? 0;
    this.corrupt = o.corrupt ?? 0;
    this.corrupt_undetected = o.corrupt_undetected ?? 0;
    const seed = o.seed ?? 1;
    this.a = new WireEnd(this, pa, seed);
    this.b = new WireEnd(this, pb, (seed ^ 0x9e3779b9) >>> 0);
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  /** ns the line needs for `bytes` (rounded to the ns; exact at 1 Gb/s and its divisors). */
  ns_for_bytes(bytes: number): number {
    return Math.round((bytes * 8 * 1e9) / this.rate_bps);
  }
}

/**
 * Validates options and plugs a wire into ports `pa` and `pb`: both see the
 * link come up. Throws Error for a port wired to itself or already wired,
 * RangeError for bad options.
 */
export function wire_join(sim: Simulation, pa: WirePort, pb: WirePort, o: WireOptions): Wire {
  if (pa === pb) throw new Error(`connect: ${pa.port_name} to itself`);
  if (pa.port_wire !== null || pb.port_wire !== null) throw new Error(`connect: ${pa.port_wire !== null ? pa.port_name : pb.port_name} is already wired`);
  const rate = o.rate_bps ?? WIRE_DEFAULT_RATE_BPS;
  const delay = o.delay_ns ?? 0;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`connect: rate_bps ${rate} is not a positive number`);
  if (!Number.isSafeInteger(delay) || delay < 0) throw new RangeError(`connect: delay_ns ${delay} is not an integer >= 0`);
  for (const [k, v] of [['loss', o.loss ?? 0], ['corrupt', o.corrupt ?? 0], ['corrupt_undetected', o.corrupt_undetected ?? 0]] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`connect: ${k} ${v} is not a probability`);
  }
  const w = new Wire(sim, pa, pb, o);
  pa.port_wire = w.a;
  pb.port_wire = w.b;
  pa.port_link(true);
  pb.port_link(true);
  return w;
}
