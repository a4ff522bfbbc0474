// How the Kernel options controls edit a configuration and an ifconfig line.
// The edited text is checked by the kernel's own config(8).
import test from 'ava';
import { GENERIC, parseConfig, ConfigError } from 'zcsim';
import {
  describeOverrides,
  editConfig,
  editIfconfigArgs,
  isEmptyOverrides,
  withMtu,
  withOption,
  withSysctl,
} from '../../src/components/Example/kernelOverrides.ts';

const ZC = `${GENERIC}
options ZERO_COPY_SOCKETS
options TI_JUMBO_HDRSPLIT
`;

test('adding an option appends one line after the last, and config(8) sees it', (t) => {
  const edited = editConfig(GENERIC, { options: { ZERO_COPY_SOCKETS: true } });
  const lines = edited.text.split('\n');
  const at = [...edited.added.keys()][0] ?? 0;
  t.is(lines[at - 1], 'options ZERO_COPY_SOCKETS # added by the Kernel options controls');
  t.is(at, GENERIC.replace(/\n$/, '').split('\n').length + 1, 'right after the last line of GENERIC');
  t.true(parseConfig(edited.text).options.has('ZERO_COPY_SOCKETS'));
  t.false(parseConfig(GENERIC).options.has('ZERO_COPY_SOCKETS'));
  t.true(edited.text.endsWith('\n'), 'a text ending in a newline still does');
});

test('adding an option already there changes nothing', (t) => {
  const edited = editConfig(ZC, { options: { ZERO_COPY_SOCKETS: true } });
  t.is(edited.text, ZC);
  t.is(edited.added.size, 0);
});

test('removing an option comments its line out, so every other line keeps its number', (t) => {
  const edited = editConfig(ZC, { options: { ZERO_COPY_SOCKETS: false } });
  const before = ZC.split('\n');
  const after = edited.text.split('\n');
  t.is(after.length, before.length);
  const line = [...edited.removed.keys()][0] ?? 0;
  t.is(edited.removed.get(line), 'ZERO_COPY_SOCKETS');
  t.regex(after[line - 1] ?? '', /^#options ZERO_COPY_SOCKETS # removed by the Kernel options controls$/);
  after.forEach((l, i) => i !== line - 1 && t.is(l, before[i] ?? ''));
  const conf = parseConfig(edited.text);
  t.false(conf.options.has('ZERO_COPY_SOCKETS'));
  t.true(conf.options.has('TI_JUMBO_HDRSPLIT'));
});

test('removing one option of a list keeps the others on that line', (t) => {
  const text = 'machine i386\ncpu I686_CPU\nident X\ndevice pci\ndevice ti\noptions   INET, ZERO_COPY_SOCKETS # fast\n';
  const edited = editConfig(text, { options: { ZERO_COPY_SOCKETS: false } });
  const line6 = edited.text.split('\n')[5] ?? '';
  t.regex(line6, /^options {3}INET # fast # ZERO_COPY_SOCKETS removed by the Kernel options controls$/);
  const conf = parseConfig(edited.text);
  t.deepEqual([...conf.options.keys()], ['INET']);
});

test('a commented-out option is not "present": forcing it on adds a line', (t) => {
  const text = 'machine i386\ncpu I686_CPU\nident X\ndevice pci\ndevice ti\n#options TI_PRIVATE_JUMBOS\n';
  const edited = editConfig(text, { options: { TI_PRIVATE_JUMBOS: true } });
  t.deepEqual([...edited.added], [[7, 'TI_PRIVATE_JUMBOS']]);
  t.true(parseConfig(edited.text).options.has('TI_PRIVATE_JUMBOS'));
});

test('an invalid combination fails in config(8) at the added line', (t) => {
  const edited = editConfig(ZC, { options: { TI_PRIVATE_JUMBOS: true } });
  const at = [...edited.added.keys()][0];
  const error = t.throws(() => parseConfig(edited.text, 'TIGON'), { instanceOf: ConfigError });
  t.is(error?.line, at ?? -1);
  t.is(error?.message, `config: TIGON: line ${at}: options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive`);
});

test('ifconfig: an existing mtu gets the new value; up or inet gets one before them', (t) => {
  const o = { mtu_bytes: 1500 } as const;
  t.deepEqual(editIfconfigArgs(['ti0', 'inet', '10.0.0.1/24', 'mtu', '9000', 'up'], o), ['ti0', 'inet', '10.0.0.1/24', 'mtu', '1500', 'up']);
  t.deepEqual(editIfconfigArgs(['em0', 'inet', '10.0.0.1/24', 'up'], { mtu_bytes: 9000 }), ['em0', 'mtu', '9000', 'inet', '10.0.0.1/24', 'up']);
  t.deepEqual(editIfconfigArgs(['ti0', 'down'], o), ['ti0', 'down']);
  t.deepEqual(editIfconfigArgs(['ti0'], o), ['ti0']);
  t.deepEqual(editIfconfigArgs(['-a'], o), ['-a']);
  t.deepEqual(editIfconfigArgs(['lo0', 'inet', '127.0.0.1', 'up'], o), ['lo0', 'inet', '127.0.0.1', 'up']);
  t.deepEqual(editIfconfigArgs(['em0', 'up'], {}), ['em0', 'up']);
});

test('the overrides in words, and back to the sample\'s own', (t) => {
  let o = withOption({}, 'ZERO_COPY_SOCKETS', false);
  o = withSysctl(o, 'kern.ipc.zero_copy.send', 0);
  o = withMtu(o, 9000);
  t.deepEqual(describeOverrides(o), ['options ZERO_COPY_SOCKETS removed', 'kern.ipc.zero_copy.send=0', 'MTU 9000']);
  t.false(isEmptyOverrides(o));
  o = withOption(o, 'ZERO_COPY_SOCKETS', undefined);
  o = withSysctl(o, 'kern.ipc.zero_copy.send', undefined);
  o = withMtu(o, undefined);
  t.deepEqual(describeOverrides(o), []);
  t.true(isEmptyOverrides(o));
  t.true(isEmptyOverrides(undefined));
});
