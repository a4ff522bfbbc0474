// <SysctlTable />: every sysctl of the reference kernel, as the site plugin
// read it out of a booted kernel (src/plugins/sysctl-reference.ts). Each row
// has the sysctl's name as its id, so /kernel/sysctls#kern.ipc.maxsockbuf
// lands on it.
import React from 'react';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import { usePluginData } from '@docusaurus/useGlobalData';
import type { ZcsimGlobalData } from '../../plugins/zcsim-content.ts';
import styles from './styles.module.css';

export default function SysctlTable(): React.ReactElement {
  const { sysctls } = usePluginData('zcsim-content') as ZcsimGlobalData;
  const brokenLinks = useBrokenLinks();
  for (const row of sysctls) brokenLinks.collectAnchor(row.name);
  return (
    <table className={styles.table} data-sysctl-table>
      <thead>
        <tr><th>Name</th><th>Type</th><th>Access</th><th>Value after boot</th><th>Description</th></tr>
      </thead>
      <tbody>
        {sysctls.map((row) => {
          const depth = row.name.split('.').length - 1;
          return (
            <tr key={row.name} id={row.name} data-sysctl={row.name} className={row.value === null ? styles.node : undefined}>
              <td data-col="name"><code style={{ marginLeft: `${depth}ch` }}>{row.name}</code></td>
              <td data-col="type">{row.type}</td>
              <td data-col="access">{row.access}</td>
              <td data-col="value">{row.value === null ? '' : <code>{row.value === '' ? '""' : row.value}</code>}</td>
              <td data-col="descr">{row.descr}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
