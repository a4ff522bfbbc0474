// Measuring the gain: the same netperf run between two Pentium III 733s with
// Tigon 2 boards at MTU 9000, once with a kernel that copies and once with
// ZERO_COPY_SOCKETS and TI_JUMBO_HDRSPLIT. -l is in virtual seconds.
import { netperf_pair, GENERIC } from 'zcsim';

const ZERO_COPY = `${GENERIC}
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
`;

async function run(title: string, config: string): Promise<void> {
  const { result, stderr } = await netperf_pair({
    nic: 'ti',
    mtu: 9000,
    machineClass: 'PIII_733',
    configA: config,
    configB: config,
    argv: ['-H', 'b', '-l', '0.02', '-c', '-C', '--', '-m', '64K', '-s', '128K', '-S', '128K'],
  });
  if (result === null) {
    console.log(`${title}: netperf failed: ${stderr.join(' / ')}`);
    return;
  }
  console.log(`== ${title}`);
  console.log(`   throughput ${result.throughput_mbps.toFixed(1)} Mbit/s, MSS ${result.mss}`);
  console.log(`   CPU: sender ${result.local_cpu_pct.toFixed(0)}%, receiver ${result.remote_cpu_pct.toFixed(0)}%`);
  console.log(`   service demand: sender ${result.local_sd_us_per_kb.toFixed(3)}, receiver ${result.remote_sd_us_per_kb.toFixed(3)} us/KB`);
  console.log(`   copy share: sender ${(result.local_cpu_by_category_pct.copy ?? 0).toFixed(0)}%, receiver ${(result.remote_cpu_by_category_pct.copy ?? 0).toFixed(0)}%`);
}

await run('GENERIC (every byte copied)', GENERIC);
await run('ZERO_COPY_SOCKETS + TI_JUMBO_HDRSPLIT', ZERO_COPY);
