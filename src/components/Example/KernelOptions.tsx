// The "Kernel options" disclosure of a sample: kernel options, the zero copy
// sysctls and the MTU, each "as the sample has it" unless the reader picks a
// value. The next Run applies them to every kernel the sample boots
// (kernelWrapper.ts). Collapsed by default; native <details> and <select>,
// so the keyboard works as everywhere else.
import React, { useId } from 'react';
import {
  CONTROLLED_MTUS,
  CONTROLLED_OPTIONS,
  CONTROLLED_SYSCTLS,
  describeOverrides,
  withMtu,
  withOption,
  withSysctl,
  type ControlledMtu,
  type KernelOverrides,
} from './kernelOverrides.ts';
import styles from './styles.module.css';

const AS_SAMPLE = '';

interface Props {
  value: KernelOverrides;
  onChange: (next: KernelOverrides) => void;
}

export default function KernelOptions({ value, onChange }: Props): React.ReactElement {
  const id = useId();
  const set = describeOverrides(value);
  return (
    <details className={styles.kernelOptions} data-kernel-options>
      <summary>
        Kernel options{' '}
        <span className={styles.hint} data-overrides-summary>
          {set.length === 0 ? '(as the sample sets them)' : `(${set.length} changed: ${set.join(', ')})`}
        </span>
      </summary>
      <div className={styles.kernelOptionsBody}>
        <p className={styles.hint}>
          Change what the sample builds, then Run: every kernel it boots (<code>boot</code>, <code>machine_pair</code>,{' '}
          <code>netperf_pair</code>) gets these options, then these sysctls; every interface it configures gets this MTU.
          config(8)'s rules still hold: <code>TI_JUMBO_HDRSPLIT</code> and <code>TI_PRIVATE_JUMBOS</code> exclude each
          other. The sysctls exist only in kernels with <code>ZERO_COPY_SOCKETS</code>.
        </p>
        <fieldset className={styles.controls}>
          <legend>Kernel configuration</legend>
          {CONTROLLED_OPTIONS.map((name) => {
            const current = value.options?.[name];
            return (
              <label key={name} htmlFor={`${id}-${name}`}>
                <code>options {name}</code>
                <select
                  id={`${id}-${name}`}
                  data-option={name}
                  value={current === undefined ? AS_SAMPLE : current ? 'on' : 'off'}
                  onChange={(e) =>
                    onChange(withOption(value, name, e.target.value === AS_SAMPLE ? undefined : e.target.value === 'on'))
                  }
                >
                  <option value={AS_SAMPLE}>as the sample has it</option>
                  <option value="on">add the line</option>
                  <option value="off">remove the line</option>
                </select>
              </label>
            );
          })}
        </fieldset>
        <fieldset className={styles.controls}>
          <legend>sysctl, after boot</legend>
          {CONTROLLED_SYSCTLS.map((name) => {
            const current = value.sysctls?.[name];
            return (
              <label key={name} htmlFor={`${id}-${name}`}>
                <code>{name}</code>
                <select
                  id={`${id}-${name}`}
                  data-sysctl={name}
                  value={current === undefined ? AS_SAMPLE : String(current)}
                  onChange={(e) =>
                    onChange(withSysctl(value, name, e.target.value === AS_SAMPLE ? undefined : e.target.value === '1' ? 1 : 0))
                  }
                >
                  <option value={AS_SAMPLE}>as the sample has it</option>
                  <option value="1">1 (on)</option>
                  <option value="0">0 (off)</option>
                </select>
              </label>
            );
          })}
        </fieldset>
        <fieldset className={styles.controls}>
          <legend>Interfaces</legend>
          <label htmlFor={`${id}-mtu`}>
            MTU
            <select
              id={`${id}-mtu`}
              data-mtu
              value={value.mtu_bytes === undefined ? AS_SAMPLE : String(value.mtu_bytes)}
              onChange={(e) =>
                onChange(withMtu(value, e.target.value === AS_SAMPLE ? undefined : (Number(e.target.value) as ControlledMtu)))
              }
            >
              <option value={AS_SAMPLE}>as the sample has it</option>
              {CONTROLLED_MTUS.map((mtu) => (
                <option key={mtu} value={String(mtu)}>
                  {mtu} bytes
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <button
          type="button"
          className="button button--secondary button--sm"
          data-action="reset-options"
          disabled={set.length === 0}
          onClick={() => onChange({})}
        >
          Use the sample's own settings
        </button>
      </div>
    </details>
  );
}
