// ti(4) interrupt coalescing, changed at run time through /dev/ti0: the same
// netperf run against a receiver that takes an interrupt after 170 us (the
// 2002 default) and after 1000 us. TIIOCGETSTATS then shows the interrupts:
// fewer per frame, but each ACK leaves later, and TCP's window feels it.
import {
  machine_pair, sched_run, netserver_main, netperf_main, open, close, ioctl, O_RDWR,
  TIIOCGETPARAMS, TIIOCSETPARAMS, TIIOCGETSTATS, SIZEOF_TI_PARAMS, SIZEOF_TI_STATS,
  TI_PARAM_RX_COAL_TICKS, TI_PARAM_STAT_TICKS, ti_params_decode, ti_params_encode, ti_stats_decode, ti_stat,
  type Proc,
} from 'zcsim';

// Each run is 10 ms of virtual time, so the sample also runs quickly in a browser.
async function run(rxCoalTicksUs: number): Promise<void> {
  const pair = machine_pair({ nic: 'ti', mtu: 9000 });
  const params = (p: Proc, fd: number) => {
    const buf = p.malloc(SIZEOF_TI_PARAMS);
    ioctl(p, fd, TIIOCGETPARAMS, buf);
    const t = ti_params_decode(p.peek(buf, SIZEOF_TI_PARAMS));
    // Statistics every 1 ms instead of 2 s, so TIIOCGETSTATS is current.
    t.ti_rx_coal_ticks = rxCoalTicksUs;
    t.ti_stat_ticks = 1000;
    t.param_mask = TI_PARAM_RX_COAL_TICKS | TI_PARAM_STAT_TICKS;
    p.poke(buf, ti_params_encode(t));
    ioctl(p, fd, TIIOCSETPARAMS, buf);
  };
  pair.b.spawn((p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    params(p, fd);
    close(p, fd);
  }, { comm: 'tiset' });
  await sched_run(pair.sim);

  pair.b.spawn((p) => netserver_main(p, [], { tests: 1 }), { comm: 'netserver' });
  pair.a.spawn((p) => netperf_main(p, ['-H', 'b', '-l', '0.01', '-P', '0', '--', '-m', '32K', '-s', '128K', '-S', '128K']), { comm: 'netperf' });
  await sched_run(pair.sim, { limit_ns: pair.sim.now_ns + 50_000_000 });

  pair.b.spawn((p) => {
    const fd = open(p, '/dev/ti0', O_RDWR);
    const buf = p.malloc(SIZEOF_TI_STATS);
    ioctl(p, fd, TIIOCGETSTATS, buf);
    const s = ti_stats_decode(p.peek(buf, SIZEOF_TI_STATS));
    const frames = ti_stat(s, 'ifHCInUcastPkts');
    const interrupts = ti_stat(s, 'nicInterrupts');
    p.printf('rx_coal_ticks %4d us: %4d frames in, %3d interrupts, %d per 100 frames\n',
      rxCoalTicksUs, frames, interrupts, Math.round((100 * interrupts) / frames));
    close(p, fd);
  }, { comm: 'tistat' });
  await sched_run(pair.sim);
  console.log(`netperf: ${pair.a.output.trim()}`);
  console.log(pair.b.output.trim());
}

await run(170);
await run(1000);
