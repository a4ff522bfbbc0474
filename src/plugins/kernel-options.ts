// The kernel options the options page documents, with their facts taken from
// the kernel's own table (src/kernel/conf/options.ts) so the page cannot
// disagree with what config(8) accepts.
import { OPTIONS } from '../kernel/index.ts';

/** The options of the 2002 work that NOTES describes, in the page's order. */
export const DOCUMENTED_OPTIONS = ['ZERO_COPY_SOCKETS', 'TI_PRIVATE_JUMBOS', 'TI_JUMBO_HDRSPLIT', 'MSIZE', 'MCLSHIFT'] as const;

export const OPTIONS_ROUTE = '/kernel/options';
export const SYSCTLS_ROUTE = '/kernel/sysctls';

/** An option as the page shows it: plain JSON, the range check reduced to its words. */
export interface OptionFacts {
  name: string;
  kind: 'boolean' | 'number' | 'string';
  description: string;
  /** null: off unless configured. */
  default: string | null;
  allowed: string | null;
  requiresDevices: string[];
  requiresOptions: string[];
  conflicts: string[];
}

export function optionFacts(name: string): OptionFacts {
  const spec = Object.hasOwn(OPTIONS, name) ? OPTIONS[name] : undefined;
  if (spec === undefined) throw new Error(`kernel options: config(8) knows no option ${name}`);
  return {
    name,
    kind: spec.kind,
    description: spec.description,
    default: spec.default === undefined || spec.default === true ? null : String(spec.default),
    allowed: spec.allowed ?? null,
    requiresDevices: [...(spec.requires?.devices ?? [])],
    requiresOptions: [...(spec.requires?.options ?? [])],
    conflicts: [...(spec.conflicts ?? [])],
  };
}

export function isKernelOption(name: string): boolean {
  return Object.hasOwn(OPTIONS, name);
}

export function kernelOptionNames(): Set<string> {
  return new Set(Object.keys(OPTIONS));
}
