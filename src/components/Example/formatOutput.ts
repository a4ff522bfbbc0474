// console.log formatting inside the sample worker. Samples print strings and
// numbers, which this formats exactly as Node's console.log does, so a
// sample's output in the browser equals its output under Node.

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

export function formatArgs(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ');
}
