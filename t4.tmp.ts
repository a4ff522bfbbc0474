const t = performance.now(); await import('zcsim'); const t0 = performance.now(); console.error('load', (t0-t).toFixed(0));
await import('./examples/netperf-copy.ts');
console.error('run', (performance.now() - t0).toFixed(0), 'ms');
