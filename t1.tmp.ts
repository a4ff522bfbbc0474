import { netperf_pair } from 'zcsim';
const t0 = performance.now();
const mtu = process.env.MTU ? Number(process.env.MTU) : undefined; const r = await netperf_pair({ argv: process.argv.slice(2), ...(mtu ? { mtu } : {}) });
for (const l of r.lines) console.log(l);
for (const l of r.stderr) console.error('E: ' + l);
console.log(r.status, JSON.stringify(r.result));
console.log((performance.now() - t0).toFixed(0), 'ms');
