// A scenario as text: netperf's command line and a one-line summary of the
// machines. Kernel-free, so the page can print them beside a row without
// bundling the simulator.
import type { Scenario } from './scenario.ts';
import { zero_copy_mode } from './zero_copy_mode.ts';

/** netperf's command line for `s` (without -H: netperf_pair adds "-H b"). */
export function scenario_argv(s: Scenario): string[] {
  const g = ['-l', String(s.run_length_s), '-c', '-C'];
  if (s.send_offset_bytes > 0) g.push('-o', `${s.send_offset_bytes},`);
  if (s.recv_offset_bytes > 0) g.push('-O', `,${s.recv_offset_bytes}`);
  if (s.dirty_bytes > 0) g.push('-k', `${s.dirty_bytes},`);
  const t = ['-m', String(s.send_size_bytes), '-s', String(s.send_socket_bytes), '-S', String(s.recv_socket_bytes)];
  if (s.send_buffers > 0) g.push('-W', String(s.send_buffers));
  return [...g, '--', ...t];
}

/** The command lines that reproduce `s` with the CLI, for the page's "how to run this" line. */
export function scenario_command(s: Scenario): string {
  const cksum = s.hw_cksum ? '' : `ifconfig ${s.nic.split('-')[0] ?? s.nic}0 -rxcsum -txcsum; `;
  return `${cksum}netperf -H b ${scenario_argv(s).join(' ')}`;
}

/** The kernel options a scenario adds to GENERIC, by name. */
export function scenario_options(s: Scenario): string[] {
  const o: string[] = [];
  if (s.zero_copy_sockets) o.push('ZERO_COPY_SOCKETS');
  if (s.ti_jumbo_hdrsplit) o.push('TI_JUMBO_HDRSPLIT');
  if (s.ti_private_jumbos) o.push('TI_PRIVATE_JUMBOS');
  return o;
}

/** "PIII_733, ti, MTU 9000, ZERO_COPY_SOCKETS TI_JUMBO_HDRSPLIT, zero copy both" (and ", checksums in software", ", costs: copy x2"). */
export function scenario_summary(s: Scenario): string {
  const options = scenario_options(s);
  const cksum = s.hw_cksum ? '' : ', checksums in software';
  const scale = Object.entries(s.cost_scale).map(([g, f]) => `${g} x${f}`);
  const costs = scale.length === 0 ? '' : `, costs: ${scale.join(' ')}`;
  return `${s.machine_class}, ${s.nic}, MTU ${s.mtu}, ${options.length > 0 ? options.join(' ') : 'GENERIC'}, zero copy ${zero_copy_mode(s)}${cksum}${costs}`;
}
