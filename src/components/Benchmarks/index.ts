// The benchmarks page's components, for docs/benchmarks.mdx.
export { default as ComparisonTable } from './ComparisonTable.tsx';
export { default as RerunForm } from './RerunForm.tsx';
export { default as CalibrationTable } from './CalibrationTable.tsx';
export { default as SensitivityTable } from './SensitivityTable.tsx';
export { default as BenchValue, BenchRatio, BenchRunLength } from './BenchValue.tsx';
export { ThroughputChart, MachinesChart, CostChart } from './Charts.tsx';
export { default as BrowserSpeed } from './BrowserSpeed.tsx';
