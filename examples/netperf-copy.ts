// netperf between two 2002 PCs (Pentium III 733) with copying em(4) NICs at
// MTU 1500: netserver runs on b, netperf on a, and both machines' CPU time
// is measured. -l is in virtual seconds; 0.02 keeps the sample well under a
// second of real time, and a longer run gives the same figures.
import { netperf_pair } from 'zcsim';

const { lines, result } = await netperf_pair({
  mtu: 1500,
  machineClass: 'PIII_733',
  argv: ['-H', 'b', '-l', '0.02', '-c', '-C', '--', '-m', '32K'],
});
for (const line of lines) console.log(line);

if (result) {
  // Where each machine's CPU time went, largest share first.
  const top = (by: Record<string, number>) => {
    const shares = Object.entries(by).filter(([, pct]) => pct >= 1);
    shares.sort((x, y) => y[1] - x[1]);
    return shares.map(([what, pct]) => `${what} ${pct.toFixed(0)}%`).join(', ');
  };
  console.log();
  console.log(`MSS ${result.mss}, ${result.bytes} bytes in ${result.sends} sends, ${result.retransmissions} retransmitted`);
  console.log(`sender CPU:   ${top(result.local_cpu_by_category_pct)}`);
  console.log(`receiver CPU: ${top(result.remote_cpu_by_category_pct)}`);
}
