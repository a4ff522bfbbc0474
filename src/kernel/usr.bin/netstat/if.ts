// netstat -i: the interface table with its packet counters.
// Mirrors intpr() in usr.bin/netstat/if.c (FreeBSD 5.0), link-level rows.
//
//   for (const line of netstat_i(kernel)) console.log(line);
//   netstat_i(kernel, { bflag: true, dflag: true })   // -b: bytes, -d: drops
// One <Link#N> row per interface with its Ethernet address; a name marked
// `*` is down. Rows for protocol addresses (inet) belong to the IP layer and
// are not printed until it exists. Column widths are 5.0's printf formats,
// so wide counters push the row right exactly as the real tool does.

import type { Kernel } from '../../kern/init_main.ts';
import { ether_sprintf } from '../../net/ethernet.ts';
import { IFF_UP, ifnet_list } from '../../net/if.ts';

/** netstat -i options. */
export interface NetstatIfOptions {
  readonly bflag?: boolean; // -b: also Ibytes and Obytes
  readonly dflag?: boolean; // -d: also Drop (the send queue's drops)
}

const l = (s: string, w: number): string => s.slice(0, w).padEnd(w); // %-w.ws
const r = (n: number | string, w: number): string => String(n).padStart(w); // %wlu

/** `netstat -i` for `kernel`, one string per output line. */
export function netstat_i(kernel: Kernel, o: NetstatIfOptions = {}): string[] {
  let head = `${l('Name', 5)} ${l('Mtu', 5)} ${l('Network', 13)} ${l('Address', 17)} ${r('Ipkts', 8)} ${r('Ierrs', 5)}`;
  if (o.bflag === true) head += ` ${r('Ibytes', 10)}`;
  head += ` ${r('Opkts', 8)} ${r('Oerrs', 5)}`;
  if (o.bflag === true) head += ` ${r('Obytes', 10)}`;
  head += ` ${r('Coll', 5)}`;
  if (o.dflag === true) head += ' Drop';
  const out = [head];
  for (const ifp of ifnet_list(kernel)) {
    const name = ifp.if_xname + ((ifp.if_flags & IFF_UP) === 0 ? '*' : '');
    let line = `${l(name, 5)} ${r(ifp.if_mtu, 5)} ${l(`<Link#${ifp.if_index}>`, 13)} `;
    // hexprint: the address and its trailing blank, padded to 32 columns with the Network field.
    const addr = ifp.if_addrlen > 0 ? `${ether_sprintf(ifp.ac_enaddr)} ` : '';
    line += addr.padEnd(32 - 14);
    line += `${r(ifp.if_ipackets, 8)} ${r(ifp.if_ierrors, 5)} `;
    if (o.bflag === true) line += `${r(ifp.if_ibytes, 10)} `;
    line += `${r(ifp.if_opackets, 8)} ${r(ifp.if_oerrors, 5)} `;
    if (o.bflag === true) line += `${r(ifp.if_obytes, 10)} `;
    line += r(ifp.if_collisions, 5);
    if (o.dflag === true) line += ` ${r(ifp.if_snd.ifq_drops, 3)}`;
    out.push(line);
  }
  return out;
}
