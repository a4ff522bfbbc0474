// The Ethernet CRC-32, as a board's MAC computes a frame check sequence.
// Pure arithmetic (sys/libkern has the kernel's CRCs); the simulated wire
// and boards use it, and net/if_ethersubr.ts re-exports it under the name
// later FreeBSD gives it there.

// CRC-32 as Ethernet computes its FCS (IEEE 802.3, reflected, polynomial
// 0xedb88320), the function later if_ethersubr.c names ether_crc32_le.
const crc_table = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** ether_crc32_le: the FCS of `buf` (as the hardware appends it, before the final complement is stored). */
export function ether_crc32_le(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = (crc_table[(crc ^ (buf[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
