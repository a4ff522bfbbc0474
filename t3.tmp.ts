const t0 = performance.now();
await import('./examples/netperf-copy.ts');
console.error('run', (performance.now() - t0).toFixed(0), 'ms');
