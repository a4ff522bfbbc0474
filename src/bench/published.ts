// Published figures of the era, as data. No FreeBSD counterpart. The figures
// and their sources are in ../shared/reference/freebsd-facts.md (sections 6
// and 7); the source ids (W-DUKE9 ...) are that file's.
//
// Only the 2002 announcement measured FreeBSD 5's own zero copy sockets, and
// it gave one number. The Duke figures measured the same code's ancestor
// (FreeBSD 4.0 with Gallatin's patches), some over Alteon gigabit Ethernet
// and most over Myrinet (Trapeze), which is another wire with its own
// packets and ran faster than 1 Gb/s. calibration.ts says which of them the
// model has to reproduce, and under what conditions; the others are shown
// for context.

/** The 2002 headline: "986Mbps throughput over gigabit ethernet with the patches". */
export const HEADLINE_MBPS = 986;

/** What a figure measures. */
export type FigureUnit = 'Mbps' | '% CPU' | '% of CPU';

/** One published figure. */
export interface PublishedFigure {
  readonly id: string;
  readonly what: string; // the measurement in a few words
  readonly machine: string; // the host as the source names it
  readonly network: string; // the link it ran over
  readonly gige: boolean; // measured over gigabit Ethernet (the only wire the model has)
  readonly value: number;
  readonly unit: FigureUnit;
  readonly source: string; // the reference id
  readonly url: string | null; // where the source was (may be gone)
}

const DUKE_PAPER_BW = 'http://www.cs.duke.edu/ari/trapeze/freenix/node9.html';
const DUKE_PAPER_CPU = 'http://www.cs.duke.edu/ari/trapeze/freenix/node11.html';
const DUKE_TABLE = 'http://www.cs.duke.edu/ari/trapeze/ip/';

export const PUBLISHED: readonly PublishedFigure[] = [
  {
    id: 'merry-2002',
    what: 'the headline of the 2002 zero copy page',
    machine: 'not recorded',
    network: 'gigabit Ethernet (Tigon 2, header splitting)',
    gige: true,
    value: HEADLINE_MBPS,
    unit: 'Mbps',
    source: 'the June 2002 announcement',
    url: null,
  },
  {
    id: 'duke-alpha-gige',
    what: 'TCP with zero copy sockets',
    machine: 'Compaq XP1000, Alpha 21264 500 MHz',
    network: 'Alteon gigabit Ethernet',
    gige: true,
    value: 988,
    unit: 'Mbps',
    source: 'W-DUKE13',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node13.html',
  },
  {
    id: 'duke-alpha-gige-cpu',
    what: 'CPU overhead "as low as 20 %" at that rate',
    machine: 'Compaq XP1000, Alpha 21264 500 MHz',
    network: 'Alteon gigabit Ethernet',
    gige: true,
    value: 20,
    unit: '% CPU',
    source: 'W-DUKE13',
    url: 'http://www.cs.duke.edu/ari/trapeze/freenix/node13.html',
  },
  {
    id: 'duke-pii-copy',
    what: 'peak when forced to copy (checksums in software)',
    machine: 'Pentium II 450 MHz, 440LX',
    network: 'Myrinet (Trapeze)',
    gige: false,
    value: 450,
    unit: 'Mbps',
    source: 'W-DUKE9',
    url: DUKE_PAPER_BW,
  },
  {
    id: 'duke-pii-zc',
    what: 'with zero copy sockets (checksums in software)',
    machine: 'Pentium II 450 MHz, 440LX',
    network: 'Myrinet (Trapeze)',
    gige: false,
    value: 780,
    unit: 'Mbps',
    source: 'W-DUKE9',
    url: DUKE_PAPER_BW,
  },
  {
    id: 'duke-share-1500',
    what: 'share of the receiver\'s CPU in packet handling (driver, stack, interrupts) at MTU 1500',
    machine: 'Alpha "Miata" receiver',
    network: 'Myrinet (Trapeze), 300-400 Mb/s',
    gige: false,
    value: 55,
    unit: '% of CPU',
    source: 'W-DUKE11',
    url: DUKE_PAPER_CPU,
  },
  {
    id: 'duke-share-8k',
    what: 'the same share with 8 KB payloads',
    machine: 'Alpha "Miata" receiver',
    network: 'Myrinet (Trapeze), 360 Mb/s',
    gige: false,
    value: 24,
    unit: '% of CPU',
    source: 'W-DUKE11',
    url: DUKE_PAPER_CPU,
  },
  {
    id: 'duke-miata-1500-cpu',
    what: 'receiver CPU at 300 Mb/s, MTU 1500',
    machine: 'Alpha "Miata" receiver',
    network: 'Myrinet (Trapeze)',
    gige: false,
    value: 80,
    unit: '% CPU',
    source: 'W-DUKE11',
    url: DUKE_PAPER_CPU,
  },
  {
    id: 'duke-monet-copy',
    what: 'enough memory bandwidth for 956 Mb/s at large MTUs while still copying',
    machine: 'Alpha 21264 500 MHz ("Monet")',
    network: 'Myrinet (Trapeze)',
    gige: false,
    value: 956,
    unit: 'Mbps',
    source: 'W-DUKE9',
    url: DUKE_PAPER_BW,
  },
  {
    id: 'duke-pii-ip-copy',
    what: 'netperf TCP, no zero copy (June 2000 table)',
    machine: 'Pentium II 450 MHz',
    network: 'Myrinet (Trapeze, LANai 4.1)',
    gige: false,
    value: 666,
    unit: 'Mbps',
    source: 'W-DUKEIP',
    url: DUKE_TABLE,
  },
  {
    id: 'duke-pii-ip-zc',
    what: 'netperf TCP with zero copy (June 2000 table)',
    machine: 'Pentium II 450 MHz',
    network: 'Myrinet (Trapeze, LANai 4.1)',
    gige: false,
    value: 808,
    unit: 'Mbps',
    source: 'W-DUKEIP',
    url: DUKE_TABLE,
  },
  {
    id: 'duke-xp1000-ip-copy',
    what: 'netperf TCP, no zero copy (June 2000 table)',
    machine: 'Compaq XP1000, 500 MHz',
    network: 'Myrinet (Trapeze, LANai 7)',
    gige: false,
    value: 970,
    unit: 'Mbps',
    source: 'W-DUKEIP',
    url: DUKE_TABLE,
  },
  {
    id: 'duke-xp1000-ip-zc',
    what: 'netperf TCP with zero copy (June 2000 table)',
    machine: 'Compaq XP1000, 500 MHz',
    network: 'Myrinet (Trapeze, LANai 7)',
    gige: false,
    value: 1147,
    unit: 'Mbps',
    source: 'W-DUKEIP',
    url: DUKE_TABLE,
  },
  {
    id: 'duke-pe4400-ip-zc',
    what: 'netperf TCP with zero copy, the fastest host of the June 2000 table',
    machine: 'Dell PowerEdge 4400, Pentium III 733 MHz',
    network: 'Myrinet (Trapeze, LANai 9)',
    gige: false,
    value: 1765,
    unit: 'Mbps',
    source: 'W-DUKEIP',
    url: DUKE_TABLE,
  },
];

/** The figure with this id; throws RangeError naming it if there is none. */
export function published_figure(id: string): PublishedFigure {
  const f = PUBLISHED.find((x) => x.id === id);
  if (f === undefined) throw new RangeError(`published: no figure "${id}"`);
  return f;
}
