// The zcsim module a sample sees under the Kernel options controls
// (kernelWrapper.ts), run on the real samples the way the site's worker runs them.
import test from 'ava';
import * as zcsim from 'zcsim';
import { readExamples } from '../../src/plugins/examples.ts';
import { withKernelOverrides } from '../../src/components/Example/kernelWrapper.ts';
import type { KernelOverrides } from '../../src/components/Example/kernelOverrides.ts';
import { runSampleInNode } from './helpers.ts';

const examples = readExamples('.');
const code = (slug: string) => examples[slug]?.code ?? '';

test('no overrides: the module itself', (t) => {
  t.is(withKernelOverrides(zcsim, undefined), zcsim);
  t.is(withKernelOverrides(zcsim, { options: {}, sysctls: {} }), zcsim);
});

// kern.ipc.zero_copy.* are 1 at boot, so setting them to 1 changes nothing but
// sends every boot, machine_pair and netperf_pair through the wrapper.
const NO_OP: KernelOverrides = { sysctls: { 'kern.ipc.zero_copy.send': 1, 'kern.ipc.zero_copy.receive': 1 } };
for (const example of Object.values(examples)) {
  test(`wrapped with no-op sysctls, ${example.slug} prints its documented output`, async (t) => {
    const run = await runSampleInNode(example.code, withKernelOverrides(zcsim, NO_OP));
    t.is(run.error, undefined);
    t.is(run.output, example.expected);
  });
}

test('ZERO_COPY_SOCKETS removed: zc-send-aligned loans no page and copies every byte', async (t) => {
  const plain = await runSampleInNode(code('zc-send-aligned'), zcsim);
  t.regex(plain.output, /"pages_loaned":7/);
  const run = await runSampleInNode(code('zc-send-aligned'), withKernelOverrides(zcsim, { options: { ZERO_COPY_SOCKETS: false } }));
  t.is(run.error, undefined);
  t.regex(run.output, /"pages_loaned":0/);
  t.regex(run.output, /"bytes_copied_send":50008/);
  t.regex(run.output, /sink received 50008 bytes/);
});

test('kern.ipc.zero_copy.send=0: the same, with the option still compiled in', async (t) => {
  const run = await runSampleInNode(code('zc-send-aligned'), withKernelOverrides(zcsim, { sysctls: { 'kern.ipc.zero_copy.send': 0 } }));
  t.is(run.error, undefined);
  t.regex(run.output, /"pages_loaned":0/);
  t.regex(run.output, /sink received 50008 bytes/);
});

test('sysctls on netperf_pair reach both machines before netperf starts', async (t) => {
  const plain = examples['guide-netperf']?.expected ?? '';
  const run = await runSampleInNode(code('guide-netperf'), withKernelOverrides(zcsim, { sysctls: { 'kern.ipc.zero_copy.send': 0, 'kern.ipc.zero_copy.receive': 0 } }));
  t.is(run.error, undefined);
  const copyShares = (text: string) => [...text.matchAll(/copy share: .*/g)].map((m) => m[0]);
  // As documented, the zero copy kernel copies nothing; with both halves off it copies like GENERIC.
  const [genericPlain, zcPlain] = copyShares(plain);
  const [genericRun, zcRun] = copyShares(run.output);
  t.is(zcPlain, 'copy share: sender 0%, receiver 0%');
  t.not(genericPlain, zcPlain);
  t.is(genericRun, genericPlain);
  t.is(zcRun, genericPlain);
});

test('adding a conflicting option fails as config(8) would, naming the added line', async (t) => {
  const run = await runSampleInNode(code('zc-receive-rules'), withKernelOverrides(zcsim, { options: { TI_PRIVATE_JUMBOS: true } }));
  t.true(run.error instanceof zcsim.ConfigError);
  const message = run.error instanceof Error ? run.error.message : '';
  t.regex(message, /^config: line (\d+): options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive \(line \1 is "options TI_PRIVATE_JUMBOS", added by the Kernel options controls\)$/);
});

test('a sample that catches ConfigError still catches the one the controls cause', async (t) => {
  // config-error's second kernel is valid as written; forcing the private pool makes it fail like the first.
  const run = await runSampleInNode(code('config-error'), withKernelOverrides(zcsim, { options: { TI_PRIVATE_JUMBOS: true } }));
  t.true(run.error instanceof zcsim.ConfigError);
  t.regex(run.output, /^config: TIGON: line 8: options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive\n$/);
});

test('MTU 1500 on a sample that asks for 9000: ti(4) gets no jumbo frames', async (t) => {
  const plain = await runSampleInNode(code('zc-sysctl-off'), zcsim);
  const run = await runSampleInNode(code('zc-sysctl-off'), withKernelOverrides(zcsim, { mtu_bytes: 1500 }));
  t.is(run.error, undefined);
  t.regex(plain.output, /flipped/);
  t.notRegex(run.output, /flipped/);
});

test('machine_pair gets the MTU and the options', async (t) => {
  const pair = withKernelOverrides(zcsim, { mtu_bytes: 1500, options: { ZERO_COPY_SOCKETS: true } }).machine_pair({ nic: 'ti', mtu: 9000 });
  t.true(pair.a.hasOption('ZERO_COPY_SOCKETS'));
  t.true(pair.b.hasOption('ZERO_COPY_SOCKETS'));
  t.regex(zcsim.ifconfig(pair.a, ['ti0'])[0] ?? '', /mtu 1500$/);
});
