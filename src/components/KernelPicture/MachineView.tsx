// One machine at one moment, drawn as SVG: each process's resident pages as
// cells (a letter and a colour per state, so the states differ without
// colour too), each TCP socket's send and receive buffers as chains of
// mbuf boxes sized by their bytes, the NIC rings and the jumbo(9) pool as
// filled bars. Every cell and box has a <title> with the details.
import React from 'react';
import type { MachineSnapshot, MbufSnapshot, MbufStorage, PageSnapshot, PageState, SockbufSnapshot } from '../../kernel/index.ts';
import { hex } from './pictureModel.ts';
import styles from './styles.module.css';

const WIDTH = 600;
const PAD = 8;
const LEFT = 165; // the column of labels left of cells and chains
const CELL = 15;
const GAP = 2;
const COLS = Math.floor((WIDTH - PAD - LEFT - PAD) / (CELL + GAP));
const LINE = 17;
const MBUF_H = 14;
const PAGE_PX = 40; // width of a 4096-byte mbuf box
const BAR_W = 200;

export const PAGE_STATE_LETTER: Record<PageState, string> = {
  on_loan: 'L',
  flipped: 'F',
  copied: 'C',
  cow_copied: 'W',
  returned: 'r',
  resident: '',
};

export const PAGE_STATE_TEXT: Record<PageState, string> = {
  on_loan: 'on loan to a send in flight (wired, COW-marked)',
  flipped: 'flipped in: a kernel page that became the process’s',
  copied: 'copied: its data went out or came in by a copy',
  cow_copied: 'copied by a COW fault: written while on loan',
  returned: 'loaned earlier, loan ended',
  resident: 'resident',
};

export const STORAGE_TEXT: Record<MbufStorage, string> = {
  mbuf: 'in the mbuf itself',
  cluster: '2 KB cluster',
  socow: 'loaned user page (socow)',
  sf_buf: 'sf_buf',
  jumbo: 'jumbo(9) page',
  driver: 'driver buffer',
  other: 'other storage',
};

/** The part of the picture the selected event is about, to outline. */
export interface Focus {
  readonly host: string;
  readonly pid: number;
  readonly from: number; // first address
  readonly to: number; // first address past it
}

function pageTitle(pg: PageSnapshot): string {
  const parts = [`${hex(pg.uva)}: ${PAGE_STATE_TEXT[pg.state]}`];
  if (pg.reason) parts.push(pg.reason);
  parts.push(`phys ${hex(pg.phys)}, wired ${pg.wire_count}, COW loans ${pg.cow}, mapped ${pg.mappings}×${pg.mapped ? (pg.writable ? ', read-write here' : ', read-only here') : ', not mapped here'}${pg.shared ? ', shared' : ''}`);
  return parts.join('; ');
}

function mbufTitle(m: MbufSnapshot): string {
  const loan = m.loan ? `: page ${hex(m.loan.uva)} of ${m.loan.comm} (pid ${m.loan.pid}) send #${m.loan.call_seq}` : '';
  return `${m.len_bytes} bytes, ${STORAGE_TEXT[m.storage]}${loan}; data at offset ${m.data_off}; refs ${m.refs}; ${m.flags.join(' ') || 'no flags'}`;
}

interface Drawn {
  readonly height: number;
  readonly node: React.ReactNode;
}

function chain(label: string, sb: SockbufSnapshot, y: number, key: string): Drawn {
  const x0 = PAD + LEFT;
  const room = WIDTH - PAD - x0 - 50;
  const natural = sb.mbufs.reduce((w, m) => w + Math.max(4, (m.len_bytes / 4096) * PAGE_PX) + 1, 0);
  const scale = natural > room ? room / natural : 1;
  let x = x0;
  const boxes = sb.mbufs.map((m, i) => {
    const w = Math.max(2, Math.max(4, (m.len_bytes / 4096) * PAGE_PX) * scale);
    const box = (
      <rect key={i} x={x} y={y + 2} width={w} height={MBUF_H} className={styles[`mbuf_${m.storage}`]} data-mbuf-storage={m.storage}>
        <title>{mbufTitle(m)}</title>
      </rect>
    );
    x += w + 1;
    return box;
  });
  const more = sb.mbufs_total - sb.mbufs.length;
  const text = `${label} ${sb.cc_bytes} B, ${sb.mbufs_total} mbuf${sb.mbufs_total === 1 ? '' : 's'}`;
  return {
    height: MBUF_H + 6,
    node: (
      <g key={key}>
        <text x={PAD + 8} y={y + 13} className={styles.small}>{text}</text>
        {boxes}
        {more > 0 && <text x={x + 4} y={y + 13} className={styles.small}>+{more} more</text>}
      </g>
    ),
  };
}

function bar(label: string, used: number, size: number, y: number, key: string, cls: string): Drawn {
  const x0 = PAD + 8;
  const w = size === 0 ? 0 : Math.round((used / size) * BAR_W);
  return {
    height: LINE + 2,
    node: (
      <g key={key} data-ring={label}>
        <rect x={x0} y={y + 3} width={BAR_W} height={10} className={styles.barTrack} />
        <rect x={x0} y={y + 3} width={w} height={10} className={cls} />
        <text x={x0 + BAR_W + 8} y={y + 12} className={styles.small}>{label}: {used} of {size}</text>
      </g>
    ),
  };
}

export default function MachineView({ machine, focus }: { machine: MachineSnapshot; focus: Focus | null }): React.ReactElement {
  const parts: React.ReactNode[] = [];
  let y = PAD;
  const add = (d: Drawn) => {
    parts.push(d.node);
    y += d.height;
  };
  const zc = machine.zero_copy;
  const zcText = zc.configured ? `zero copy send ${zc.send ? 'on' : 'off'}, receive ${zc.receive ? 'on' : 'off'}` : 'no options ZERO_COPY_SOCKETS';
  add({ height: LINE + 4, node: <text key="h" x={PAD} y={y + 12} className={styles.host}>{machine.host}: {zcText}</text> });
  const mb = machine.mbufs;
  add({
    height: LINE + 4,
    node: (
      <text key="mb" x={PAD} y={y + 12} className={styles.small}>
        mbufs {mb.mbufs_in_use}, clusters {mb.clusters_in_use}, pages on loan (sf_bufs) {mb.sf_bufs_in_use} of {mb.sf_bufs}
      </text>
    ),
  });

  const counts: Record<PageState, number> = { on_loan: 0, flipped: 0, copied: 0, cow_copied: 0, returned: 0, resident: 0 };
  for (const p of machine.procs) {
    for (const pg of p.pages) counts[pg.state]++;
    const label = `pid ${p.pid} ${p.comm} (${p.status}): ${p.pages.length + p.pages_omitted} resident pages${p.pages_omitted > 0 ? `, first ${p.pages.length} shown` : ''}`;
    add({ height: LINE + 2, node: <text key={`p${p.pid}`} x={PAD} y={y + 12} className={styles.label}>{label}</text> });
    // One block of cells per mapping, its address and protection on the left.
    for (const r of p.regions) {
      const pages = p.pages.filter((pg) => pg.uva >= r.start && pg.uva < r.end);
      if (pages.length === 0) continue;
      const y0 = y;
      const cells = pages.map((pg, i) => {
        const cx = PAD + LEFT + (i % COLS) * (CELL + GAP);
        const cy = y0 + Math.floor(i / COLS) * (CELL + GAP);
        const focused = focus !== null && focus.host === machine.host && focus.pid === p.pid && pg.uva + 4096 > focus.from && pg.uva < focus.to;
        const letter = PAGE_STATE_LETTER[pg.state];
        return (
          <g key={pg.uva}>
            <rect
              x={cx}
              y={cy}
              width={CELL}
              height={CELL}
              className={`${styles[`page_${pg.state}`] ?? ''} ${focused ? styles.focused ?? '' : ''}`}
              data-page-state={pg.state}
              data-page-uva={hex(pg.uva)}
              data-focused={focused ? 'true' : undefined}
            >
              <title>{pageTitle(pg)}</title>
            </rect>
            {letter !== '' && (
              <text x={cx + CELL / 2} y={cy + CELL - 4} className={styles.cellLetter} aria-hidden="true">
                {letter}
              </text>
            )}
          </g>
        );
      });
      parts.push(
        <g key={`c${p.pid}-${r.start}`}>
          <text x={PAD + 8} y={y0 + 11} className={styles.small}>{`${hex(r.start)} ${r.prot} ${r.kind}`}</text>
          {cells}
        </g>,
      );
      y += Math.ceil(pages.length / COLS) * (CELL + GAP) + 3;
    }
    y += 2;
  }
  if (machine.procs.length === 0) add({ height: LINE + 2, node: <text key="np" x={PAD} y={y + 12} className={styles.small}>no processes</text> });

  for (const so of machine.sockets) {
    const owner = so.owners.length > 0 ? ` (pid ${so.owners.join(', ')})` : '';
    add({
      height: LINE + 2,
      node: <text key={`s${so.id}`} x={PAD} y={y + 12} className={styles.label}>TCP {so.local} → {so.foreign} {so.state}{owner}</text>,
    });
    if (so.snd.mbufs_total > 0 || so.rcv.mbufs_total > 0 || so.state !== 'LISTEN') {
      add(chain('so_snd', so.snd, y, `s${so.id}snd`));
      add(chain('so_rcv', so.rcv, y, `s${so.id}rcv`));
    }
  }

  for (const nic of machine.nics) {
    const variant = nic.jumbo_variant !== null ? `, jumbo buffers: ${nic.jumbo_variant}` : '';
    add({ height: LINE + 2, node: <text key={`n${nic.name}`} x={PAD} y={y + 12} className={styles.label}>{nic.name} (MTU {nic.mtu}{variant})</text> });
    for (const r of nic.rings) add(bar(`${r.name} ring`, r.used, r.size, y, `n${nic.name}${r.name}`, styles.barRing ?? ''));
    if (nic.jumbo_private_inuse > 0) add({ height: LINE, node: <text key={`n${nic.name}jp`} x={PAD + 8} y={y + 12} className={styles.small}>private jumbo buffers lent out: {nic.jumbo_private_inuse}</text> });
  }
  if (machine.jumbo !== null) {
    const j = machine.jumbo;
    add(bar(`jumbo(9) pool, pages in use`, j.in_use, j.kva_pages, y, 'jumbo', styles.barJumbo ?? ''));
    if (j.flipped_away > 0) add({ height: LINE, node: <text key="jf" x={PAD + 8} y={y + 12} className={styles.small}>{j.flipped_away} slots recycled after their page was flipped to a process</text> });
  }

  const height = y + PAD;
  const summary = (Object.keys(counts) as PageState[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${PAGE_STATE_TEXT[s].split(':')[0]}`)
    .join(', ');
  const label = `Machine ${machine.host}: ${machine.procs.length} processes${summary ? ` with pages: ${summary}` : ''}; ${machine.sockets.length} TCP sockets; ${machine.nics.map((n) => n.name).join(', ') || 'no interfaces'}.`;
  return (
    <svg
      className={styles.machine}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={label}
      data-machine={machine.host}
      data-pages-on-loan={counts.on_loan}
      data-pages-flipped={counts.flipped}
      data-pages-copied={counts.copied}
    >
      {parts}
    </svg>
  );
}
