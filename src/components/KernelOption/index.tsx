// <KernelOption name="MSIZE" />: an option's facts as config(8) applies them,
// from the kernel's options table (src/plugins/kernel-options.ts): kind,
// default, allowed values, what it needs and what it excludes.
import React from 'react';
import Link from '@docusaurus/Link';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimGlobalData } from '../../plugins/zcsim-content.ts';
import styles from './styles.module.css';

function list(names: readonly string[], prefix: string): React.ReactNode {
  if (names.length === 0) return 'nothing';
  return names.map((n, i) => (
    <React.Fragment key={n}>
      {i > 0 ? ', ' : null}
      <code>{prefix} {n}</code>
    </React.Fragment>
  ));
}

export default function KernelOption({ name }: { name: string }): React.ReactElement {
  const { kernelOptions } = usePluginData('zcsim-content') as ZcsimGlobalData;
  const o = kernelOptions.find((x) => x.name === name);
  if (o === undefined) throw new Error(`<KernelOption name="${name}">: not one of the documented options`);
  const line = o.kind === 'boolean' ? `options ${o.name}` : `options ${o.name}=${o.kind === 'string' ? '"..."' : 'value'}`;
  return (
    <table className={styles.facts} data-option={o.name}>
      <tbody>
        <tr><th>Configuration line</th><td><code>{line}</code></td></tr>
        <tr><th>In our NOTES</th><td>{o.description}</td></tr>
        <tr><th>Default</th><td data-fact="default">{o.default === null ? 'off (not configured)' : <code>{o.default}</code>}</td></tr>
        <tr><th>Allowed values</th><td data-fact="allowed">{o.allowed ?? (o.kind === 'boolean' ? 'none: the option takes no value' : 'any')}</td></tr>
        <tr><th>Requires</th><td data-fact="requires">{o.requiresDevices.length + o.requiresOptions.length === 0 ? 'nothing' : <>{o.requiresDevices.length > 0 ? list(o.requiresDevices, 'device') : null}{o.requiresDevices.length > 0 && o.requiresOptions.length > 0 ? ', ' : null}{o.requiresOptions.length > 0 ? list(o.requiresOptions, 'options') : null}</>}</td></tr>
        <tr><th>Cannot be combined with</th><td data-fact="conflicts">{o.conflicts.length === 0 ? 'nothing' : o.conflicts.map((c, i) => <React.Fragment key={c}>{i > 0 ? ', ' : null}<Link to={`#${c}`}><code>options {c}</code></Link></React.Fragment>)}</td></tr>
      </tbody>
    </table>
  );
}
