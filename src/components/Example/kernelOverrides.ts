// The "Kernel options" controls of a sample: kernel options, sysctls and the
// MTU the reader sets over what the sample itself configures. This file is
// the pure part: what may be overridden, how an override edits a kernel
// configuration text (config(5)) and an ifconfig(8) command line, and how
// the overrides read in words. kernelWrapper.ts applies them to the module.
//
//   editConfig(GENERIC, { options: { ZERO_COPY_SOCKETS: true } }).text
//   // GENERIC plus a last line "options ZERO_COPY_SOCKETS"
//
// Removing an option comments its line out rather than deleting it, so the
// line numbers of the sample's own configuration (and of config(8)'s
// messages about it) do not move; added options go after the last line.

/** The kernel options the controls can add or remove. */
export const CONTROLLED_OPTIONS = ['ZERO_COPY_SOCKETS', 'TI_JUMBO_HDRSPLIT', 'TI_PRIVATE_JUMBOS'] as const;
export type ControlledOption = (typeof CONTROLLED_OPTIONS)[number];

/** The sysctls the controls can set after each kernel boots (both exist only with ZERO_COPY_SOCKETS). */
export const CONTROLLED_SYSCTLS = ['kern.ipc.zero_copy.send', 'kern.ipc.zero_copy.receive'] as const;
export type ControlledSysctl = (typeof CONTROLLED_SYSCTLS)[number];

/** The MTUs the controls offer: Ethernet's, and the jumbo frames zero copy receive needs. */
export const CONTROLLED_MTUS = [1500, 9000] as const;
export type ControlledMtu = (typeof CONTROLLED_MTUS)[number];

/** What the reader set; anything absent stays as the sample has it. */
export interface KernelOverrides {
  readonly options?: Readonly<Partial<Record<ControlledOption, boolean>>>; // true: add the line; false: remove it
  readonly sysctls?: Readonly<Partial<Record<ControlledSysctl, 0 | 1>>>;
  readonly mtu_bytes?: ControlledMtu; // every Ethernet interface the sample configures
}

/** A configuration text after the overrides, and which lines they touched. */
export interface EditedConfig {
  readonly text: string;
  readonly added: ReadonlyMap<number, ControlledOption>; // 1-based line -> option added there
  readonly removed: ReadonlyMap<number, ControlledOption>; // 1-based line -> option taken out of it
}

/** True if nothing is overridden: the sample runs against the plain module. */
export function isEmptyOverrides(o: KernelOverrides | undefined): boolean {
  return o === undefined || (optionEntries(o).length === 0 && sysctlEntries(o).length === 0 && o.mtu_bytes === undefined);
}

export function optionEntries(o: KernelOverrides): [ControlledOption, boolean][] {
  return CONTROLLED_OPTIONS.flatMap((name) => {
    const v = o.options?.[name];
    return v === undefined ? [] : [[name, v] as [ControlledOption, boolean]];
  });
}

export function sysctlEntries(o: KernelOverrides): [ControlledSysctl, 0 | 1][] {
  return CONTROLLED_SYSCTLS.flatMap((name) => {
    const v = o.sysctls?.[name];
    return v === undefined ? [] : [[name, v] as [ControlledSysctl, 0 | 1]];
  });
}

// `options A, B=1` or `option A`, up to a comment; group 1 the keyword, 2 the list, 3 the comment.
const OPTIONS_LINE_RE = /^(\s*options?\s+)([^#]*?)(\s*#.*)?$/;

/** Applies the option overrides to a kernel configuration text. */
export function editConfig(text: string, o: KernelOverrides): EditedConfig {
  const lines = text.split(/\r?\n/);
  const removed = new Map<number, ControlledOption>();
  const present = new Set<string>();
  const entries = optionEntries(o);
  const off = new Set(entries.filter(([, on]) => !on).map(([name]) => name));
  lines.forEach((line, i) => {
    const m = OPTIONS_LINE_RE.exec(line);
    if (!m) return;
    const items = (m[2] ?? '').split(',').map((item) => item.trim());
    const nameOf = (item: string) => item.split('=')[0]?.trim() ?? '';
    const kept = items.filter((item) => !off.has(nameOf(item) as ControlledOption));
    for (const item of kept) present.add(nameOf(item));
    if (kept.length === items.length) return;
    for (const item of items) if (off.has(nameOf(item) as ControlledOption)) removed.set(i + 1, nameOf(item) as ControlledOption);
    lines[i] =
      kept.length === 0
        ? `#${line} # removed by the Kernel options controls`
        : `${m[1] ?? ''}${kept.join(', ')}${m[3] ?? ''} # ${[...off].filter((n) => items.some((it) => nameOf(it) === n)).join(', ')} removed by the Kernel options controls`;
  });
  // A text ending in a newline has an empty last "line": add before it, keeping the newline.
  const trailingNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const added = new Map<number, ControlledOption>();
  for (const [name, on] of entries) {
    if (!on || present.has(name)) continue;
    lines.push(`options ${name} # added by the Kernel options controls`);
    added.set(lines.length, name);
  }
  if (trailingNewline) lines.push('');
  return { text: lines.join('\n'), added, removed };
}

const IFACE_RE = /^[a-z]+[0-9]+$/;

/**
 * Applies the MTU override to one ifconfig(8) argument list: an existing
 * `mtu N` gets the new value; a command that brings an interface up or gives
 * it an address gets `mtu N` right after the interface name, so the MTU is
 * in place before `up` (ti(4) sizes its receive rings when it comes up).
 * The loopback and commands that only query or take an interface down are left alone.
 */
export function editIfconfigArgs(args: readonly string[], o: KernelOverrides): readonly string[] {
  const mtu = o.mtu_bytes;
  const [iface, ...rest] = args;
  if (mtu === undefined || iface === undefined || !IFACE_RE.test(iface) || iface.startsWith('lo')) return args;
  const at = rest.indexOf('mtu');
  if (at >= 0) return [iface, ...rest.slice(0, at + 1), String(mtu), ...rest.slice(at + 2)];
  if (rest.includes('up') || rest.includes('inet')) return [iface, 'mtu', String(mtu), ...rest];
  return args;
}

/** The overrides in words, one item each, e.g. ["options ZERO_COPY_SOCKETS removed", "MTU 9000"]. */
export function describeOverrides(o: KernelOverrides): string[] {
  return [
    ...optionEntries(o).map(([name, on]) => `options ${name} ${on ? 'added' : 'removed'}`),
    ...sysctlEntries(o).map(([name, v]) => `${name}=${v}`),
    ...(o.mtu_bytes === undefined ? [] : [`MTU ${o.mtu_bytes}`]),
  ];
}

/** A copy of `o` with one setting changed; `undefined` returns it to the sample's own. */
export function withOption(o: KernelOverrides, name: ControlledOption, value: boolean | undefined): KernelOverrides {
  const options = { ...o.options };
  if (value === undefined) delete options[name];
  else options[name] = value;
  return { ...o, options };
}

export function withSysctl(o: KernelOverrides, name: ControlledSysctl, value: 0 | 1 | undefined): KernelOverrides {
  const sysctls = { ...o.sysctls };
  if (value === undefined) delete sysctls[name];
  else sysctls[name] = value;
  return { ...o, sysctls };
}

export function withMtu(o: KernelOverrides, mtu_bytes: ControlledMtu | undefined): KernelOverrides {
  const { mtu_bytes: _old, ...rest } = o;
  return mtu_bytes === undefined ? rest : { ...rest, mtu_bytes };
}
