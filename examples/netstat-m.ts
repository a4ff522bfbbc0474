// netstat -m on two kernels: the default mbuf geometry, and the one NOTES
// suggests for zero copy (MSIZE=512, MCLSHIFT=12, so a cluster is a page).
import { boot, GENERIC, m_gethdr, m_get, m_clget, m_freem, netstat_m, M_DONTWAIT, MT_DATA } from 'zcsim';

function show(title: string, config: string): void {
  const kernel = boot(config);
  const p = kernel.param;
  console.log(`== ${title}: MSIZE ${p.MSIZE}, MCLBYTES ${p.MCLBYTES}, MLEN ${p.MLEN}, MHLEN ${p.MHLEN}`);

  // A 3-mbuf chain: a packet header with a cluster, then two small mbufs.
  const head = m_gethdr(kernel, M_DONTWAIT, MT_DATA);
  if (head === null) throw new Error('no mbufs');
  m_clget(head, M_DONTWAIT);
  head.m_next = m_get(kernel, M_DONTWAIT, MT_DATA);
  if (head.m_next) head.m_next.m_next = m_get(kernel, M_DONTWAIT, MT_DATA);

  for (const line of netstat_m(kernel)) console.log(line);
  m_freem(head);
}

show('GENERIC', GENERIC);
show('GENERIC + MSIZE=512, MCLSHIFT=12', `${GENERIC}
options MSIZE=512
options MCLSHIFT=12
`);
