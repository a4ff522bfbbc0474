// Interface media: the list of media a driver supports, the current
// selection, and the SIOCSIFMEDIA / SIOCGIFMEDIA requests ifconfig(8) uses.
// Mirrors sys/net/if_media.c and the constants of sys/net/if_media.h
// (FreeBSD 5.0), Ethernet only.
//
// How to use (a driver; see dev/ti/if_ti.ts):
//   ifmedia_init(sc.ifmedia, IFM_IMASK, ti_ifmedia_upd, ti_ifmedia_sts);
//   ifmedia_add(sc.ifmedia, IFM_ETHER | IFM_1000_SX | IFM_FDX, 0, null);
//   ifmedia_set(sc.ifmedia, IFM_ETHER | IFM_AUTO);
//   case SIOCSIFMEDIA: case SIOCGIFMEDIA: return ifmedia_ioctl(ifp, ifr, sc.ifmedia, cmd);
// and from userland: ifconfig ti0 media 1000baseSX mediaopt full-duplex;
// ifconfig ti0 prints "media: Ethernet autoselect (1000baseSX <full-duplex>)".
// A word not in the driver's list is refused with ENXIO and changes nothing.

import { ENXIO } from '../sys/errno.ts';
import { _IOWR } from '../sys/ioccom.ts';
import type { ifnet, ifreq } from './if_var.ts';

// Media words: type | subtype | options.
export const IFM_ETHER = 0x00000020;
export const IFM_AUTO = 0; // negotiate with the link partner
export const IFM_MANUAL = 1; // set on the board itself
export const IFM_NONE = 2; // no media selected
export const IFM_10_T = 3; // 10 Mb/s, twisted pair
export const IFM_10_2 = 4; // 10 Mb/s, thin coax
export const IFM_10_5 = 5; // 10 Mb/s, thick coax through an AUI
export const IFM_100_TX = 6; // 100 Mb/s, two pairs of category 5
export const IFM_100_FX = 7; // 100 Mb/s, fiber
export const IFM_100_T4 = 8; // 100 Mb/s, four pairs of category 3
export const IFM_100_VG = 9; // 100 Mb/s, voice grade (802.12)
export const IFM_100_T2 = 10; // 100 Mb/s, two pairs of category 3
export const IFM_1000_SX = 11; // 1 Gb/s, short-wave multi-mode fiber
export const IFM_10_STP = 12; // 10 Mb/s, shielded twisted pair
export const IFM_10_FL = 13; // 10 Mb/s, fiber
export const IFM_1000_LX = 14; // 1 Gb/s, long-wave single-mode fiber
export const IFM_1000_CX = 15; // 1 Gb/s, short copper jumpers
export const IFM_1000_TX = 16; // 1 Gb/s, four pairs of category 5 (5.0's name)
export const IFM_1000_T = IFM_1000_TX; // the later name of the same subtype

export const IFM_FDX = 0x00100000; // full duplex, not negotiated
export const IFM_HDX = 0x00200000; // half duplex, not negotiated
export const IFM_FLAG0 = 0x01000000;
export const IFM_NMASK = 0x000000e0; // bits of the network type
export const IFM_TMASK = 0x0000001f; // bits of the subtype
export const IFM_IMASK = 0xf0000000; // bits of the PHY instance
export const IFM_OMASK = 0x0000ff00; // bits of options that depend on the type
export const IFM_GMASK = 0x0ff00000; // bits of options for every type

// ifm_status bits.
export const IFM_AVALID = 0x00000001; // IFM_ACTIVE means something
export const IFM_ACTIVE = 0x00000002; // a live link

/** sizeof(struct ifmediareq) on i386: ifm_name[16], five ints and an int pointer. */
export const SIZEOF_IFMEDIAREQ = 40;
/** sizeof(struct ifreq) on i386. */
const SIZEOF_IFREQ = 32;
export const SIOCSIFMEDIA = _IOWR('i', 55, SIZEOF_IFREQ); // select media
export const SIOCGIFMEDIA = _IOWR('i', 56, SIZEOF_IFMEDIAREQ); // read the media list and state

/** IFM_TYPE, IFM_SUBTYPE, IFM_OPTIONS. */
export const IFM_TYPE = (x: number): number => x & IFM_NMASK;
export const IFM_SUBTYPE = (x: number): number => x & IFM_TMASK;
export const IFM_OPTIONS = (x: number): number => x & (IFM_OMASK | IFM_GMASK);

/** struct ifmediareq: what SIOCGIFMEDIA returns. */
export interface ifmediareq {
  ifm_current: number; // current media word (the selection)
  ifm_mask: number; // don't-care mask
  ifm_status: number; // IFM_AVALID | IFM_ACTIVE
  ifm_active: number; // media actually in use (what autoselect found)
  ifm_ulist: number[]; // every supported media word
}

/** struct ifmedia_entry. */
export interface ifmedia_entry {
  readonly ifm_media: number; // the media word
  readonly ifm_data: number; // driver-specific
}

export type ifm_change_cb_t = (ifp: ifnet) => number;
export type ifm_stat_cb_t = (ifp: ifnet, ifmr: ifmediareq) => void;

/** struct ifmedia: a driver's media list and selection. */
export class ifmedia {
  ifm_mask = 0; // bits that do not need a change of hardware
  ifm_media = 0; // the user-set media word
  ifm_cur: ifmedia_entry | null = null; // currently selected entry
  readonly ifm_list: ifmedia_entry[] = []; // every supported entry
  ifm_change: ifm_change_cb_t = () => 0; // driver: apply a new selection
  ifm_status: ifm_stat_cb_t = () => {}; // driver: report status
}

/** ifmedia_init: an empty list with the driver's callbacks. */
export function ifmedia_init(ifm: ifmedia, dontcare_mask: number, change: ifm_change_cb_t, status: ifm_stat_cb_t): void {
  ifm.ifm_list.length = 0;
  ifm.ifm_cur = null;
  ifm.ifm_media = 0;
  ifm.ifm_mask = dontcare_mask;
  ifm.ifm_change = change;
  ifm.ifm_status = status;
}

/** ifmedia_add: one more supported media word. */
export function ifmedia_add(ifm: ifmedia, mword: number, data: number, _aux: null): void {
  ifm.ifm_list.push({ ifm_media: mword, ifm_data: data });
}

function ifmedia_match(ifm: ifmedia, target: number, mask: number): ifmedia_entry | null {
  const m = ~mask;
  return ifm.ifm_list.find((e) => ((e.ifm_media ^ target) & m) === 0) ?? null;
}

/** ifmedia_set: selects `target` without telling the driver (attach time). Throws if it is not in the list. */
export function ifmedia_set(ifm: ifmedia, target: number): void {
  const match = ifmedia_match(ifm, target, ifm.ifm_mask);
  if (match === null) throw new Error(`ifmedia_set: no match for 0x${target.toString(16)}`);
  ifm.ifm_cur = match;
  ifm.ifm_media = target;
}

/**
 * ifmedia_ioctl: SIOCSIFMEDIA selects ifr.ifr_media (ENXIO if the driver
 * does not list it; the driver may refuse, and then the old selection
 * stays); SIOCGIFMEDIA fills `ifmr`. Returns 0 or an errno.
 */
export function ifmedia_ioctl(ifp: ifnet, ifr: ifreq, ifm: ifmedia, cmd: number, ifmr?: ifmediareq): number {
  if (cmd === SIOCSIFMEDIA) {
    const newmedia = ifr.ifr_media;
    const match = ifmedia_match(ifm, newmedia, ifm.ifm_mask);
    if (match === null) return ENXIO;
    const oldentry = ifm.ifm_cur;
    const oldmedia = ifm.ifm_media;
    ifm.ifm_cur = match;
    ifm.ifm_media = newmedia;
    const error = ifm.ifm_change(ifp);
    if (error !== 0) {
      ifm.ifm_cur = oldentry;
      ifm.ifm_media = oldmedia;
    }
    return error;
  }
  if (cmd === SIOCGIFMEDIA) {
    if (ifmr === undefined) return ENXIO;
    ifmr.ifm_active = ifmr.ifm_current = ifm.ifm_cur?.ifm_media ?? 0;
    ifmr.ifm_mask = ifm.ifm_mask;
    ifmr.ifm_status = 0;
    ifm.ifm_status(ifp, ifmr);
    ifmr.ifm_ulist = ifm.ifm_list.map((e) => e.ifm_media);
    return 0;
  }
  return ENXIO;
}

const SUBTYPE_NAMES: Readonly<Record<number, string>> = {
  [IFM_AUTO]: 'autoselect',
  [IFM_MANUAL]: 'manual',
  [IFM_NONE]: 'none',
  [IFM_10_T]: '10baseT/UTP',
  [IFM_10_2]: '10base2/BNC',
  [IFM_10_5]: '10base5/AUI',
  [IFM_100_TX]: '100baseTX',
  [IFM_100_FX]: '100baseFX',
  [IFM_100_T4]: '100baseT4',
  [IFM_100_VG]: '100baseVG',
  [IFM_100_T2]: '100baseT2',
  [IFM_1000_SX]: '1000baseSX',
  [IFM_10_STP]: '10baseSTP',
  [IFM_10_FL]: '10baseFL',
  [IFM_1000_LX]: '1000baseLX',
  [IFM_1000_CX]: '1000baseCX',
  [IFM_1000_TX]: '1000baseTX',
};

/** ifconfig's name of a subtype, e.g. "1000baseSX". */
export function ifmedia_subtype_name(mword: number): string {
  return SUBTYPE_NAMES[IFM_SUBTYPE(mword)] ?? `unknown subtype ${IFM_SUBTYPE(mword)}`;
}

/** The subtype ifconfig's `media NAME` means, or undefined (names compare without case, as ifconfig's do). */
export function ifmedia_subtype_by_name(name: string): number | undefined {
  const n = name.toLowerCase();
  for (const [k, v] of Object.entries(SUBTYPE_NAMES)) if (v.toLowerCase() === n || (n === 'auto' && Number(k) === IFM_AUTO)) return Number(k);
  if (n === '10baset') return IFM_10_T;
  return undefined;
}

/** ifconfig's text for a media word: "1000baseSX <full-duplex>". */
export function ifmedia_print(mword: number): string {
  const opts: string[] = [];
  if ((mword & IFM_FDX) !== 0) opts.push('full-duplex');
  if ((mword & IFM_HDX) !== 0) opts.push('half-duplex');
  return ifmedia_subtype_name(mword) + (opts.length > 0 ? ` <${opts.join(',')}>` : '');
}
