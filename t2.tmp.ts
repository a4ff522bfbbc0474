import { machine_pair, boot, GENERIC, Simulation } from 'zcsim';
let t0 = performance.now();
boot(GENERIC);
console.log('boot1', (performance.now() - t0).toFixed(0)); t0 = performance.now();
boot(GENERIC, { nics: ['em'], sim: new Simulation() });
console.log('boot2', (performance.now() - t0).toFixed(0)); t0 = performance.now();
machine_pair();
console.log('pair', (performance.now() - t0).toFixed(0));
