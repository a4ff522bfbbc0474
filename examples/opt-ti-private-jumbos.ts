// options TI_PRIVATE_JUMBOS: where ti(4) takes its jumbo receive buffers.
// Bring ti0 up at MTU 9000 on two kernels and look at the first slot of the
// jumbo ring and at the two pools that could have filled it.
import {
  boot, GENERIC, ConfigError, ifunit, ifconfig, ti_softc_of, ti_ring_usage, ti_jpool_inuse, jumbo_stats,
  M_EXT, EXT_CLUSTER, EXT_DISPOSABLE, EXT_NET_DRV, type mbuf,
} from 'zcsim';

const EXT_NAMES: Record<number, string> = { [EXT_CLUSTER]: 'EXT_CLUSTER', [EXT_DISPOSABLE]: 'EXT_DISPOSABLE', [EXT_NET_DRV]: 'EXT_NET_DRV' };

// The buffers behind one ring slot: an mbuf's own data area (bytes posted),
// or its external storage (type and size).
function chain(m: mbuf | null): string {
  const parts: string[] = [];
  for (; m !== null; m = m.m_next) {
    const ext = m.m_ext;
    parts.push((m.m_flags & M_EXT) === 0 ? `mbuf ${m.m_len}` : `${EXT_NAMES[ext.ext_type] ?? `type ${ext.ext_type}`} ${ext.ext_size}`);
  }
  return parts.join(' + ');
}

function show(title: string, options: string): void {
  const kernel = boot(`${GENERIC}${options}\n`, { nics: ['ti'] });
  ifconfig(kernel, ['ti0', 'mtu', '9000', 'up']); // MTU > 1518: ti_init fills the jumbo ring
  const sc = ti_softc_of(ifunit(kernel, 'ti0')!);
  console.log(`== ${title}`);
  console.log(`   jumbo ring: ${ti_ring_usage(sc).jumbo} slots filled; slot 0: ${chain(sc.ti_rx_jumbo_chain[0] ?? null)}`);
  console.log(`   jumbo(9) pages in use: ${jumbo_stats(kernel).in_use}`);
  console.log(`   private pool slots in use: ${ti_jpool_inuse(sc)}`);
}

show('GENERIC', '');
show('GENERIC + TI_PRIVATE_JUMBOS', 'options TI_PRIVATE_JUMBOS');

// The private pool belongs to ti(4): without the driver there is nothing to
// give it to, and header splitting needs page-sized buffers it cannot offer.
for (const [file, text] of [
  ['NOTI', GENERIC.replace(/^device\s+ti\b.*$/m, '') + 'options TI_PRIVATE_JUMBOS\n'],
  ['BOTH', `${GENERIC}options TI_PRIVATE_JUMBOS\noptions TI_JUMBO_HDRSPLIT\n`],
] as const) {
  try {
    boot(text, { file });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.log(e.message);
  }
}
