import test from 'ava';
import fc from 'fast-check';
import { boot, ConfigError, GENERIC, LINT, parseConfig } from 'zcsim';

// A minimal valid kernel; the line under test is line 5.
const base = (line5: string, after = ''): string =>
  `# test kernel\nmachine\ti386\ncpu\tI686_CPU\nident\tTEST\n${line5}\n${after}`;

function config_error(t: import('ava').ExecutionContext, text: string, file?: string): ConfigError {
  const error = t.throws(() => boot(text, file === undefined ? {} : { file }), { instanceOf: ConfigError });
  if (error === undefined) throw new Error('unreachable: t.throws failed');
  return error as ConfigError;
}

const cases: [title: string, line5: string, line: number, reason: string][] = [
  ['a misspelled option, with a suggestion', 'options ZERO_COPY_SOCKET', 5, 'unknown option "ZERO_COPY_SOCKET" (did you mean "ZERO_COPY_SOCKETS"?)'],
  ['an unknown option with nothing close', 'options FROBNICATE', 5, 'unknown option "FROBNICATE"'],
  ['an unknown device', 'device tii', 5, 'unknown device "tii" (did you mean "ti"?)'],
  ['a value out of range', 'options MSIZE=300', 5, 'option MSIZE=300 is out of range (allowed: a power of two from 128 to 1024)'],
  ['MCLSHIFT above the page shift', 'options MCLSHIFT=13', 5, 'option MCLSHIFT=13 is out of range (allowed: from 11 to 12)'],
  ['a value that is not a number', 'options MSIZE=big', 5, 'option MSIZE: "big" is not a number'],
  ['a numeric option without a value', 'options MCLSHIFT', 5, 'option MCLSHIFT needs a value (from 11 to 12)'],
  ['a value given to a boolean option', 'options ZERO_COPY_SOCKETS=1', 5, 'option ZERO_COPY_SOCKETS does not take a value'],
  ['an unknown keyword', 'opshuns INET', 5, 'unknown keyword "opshuns"'],
  ['a keyword without its argument', 'options', 5, '"options" needs an argument'],
  ['a second machine line', 'machine i386', 5, 'only one machine directive is allowed (first at line 2)'],
  ['a malformed option list', 'options INET,,FFS', 5, 'syntax error: empty item in "options" list'],
  ['an unterminated quote', 'options ROOTDEVNAME="ufs:da0', 5, 'syntax error: unterminated quoted string'],
  ['an unknown cpu', 'cpu I686CPU', 5, 'unknown cpu "I686CPU" (did you mean "I686_CPU"?)'],
  ['maxusers that is not a number', 'maxusers lots', 5, 'maxusers "lots" is not a number'],
  ['an option whose device is missing', 'options TI_JUMBO_HDRSPLIT', 5, 'option TI_JUMBO_HDRSPLIT requires device ti'],
  ['a device whose bus is missing', 'device ti', 5, 'device ti requires device pci'],
];

for (const [title, line5, line, reason] of cases) {
  test(`config rejects ${title} at its line`, (t) => {
    const error = config_error(t, base(line5));
    t.is(error.line, line);
    t.is(error.reason, reason);
    t.is(error.message, `config: line ${line}: ${reason}`);
  });
}

test('config rejects a machine other than i386', (t) => {
  const error = config_error(t, 'machine alpha\ncpu I686_CPU\nident X\n');
  t.is(error.message, 'config: line 1: machine "alpha" is not supported (only i386 is simulated)');
});

test('config reports a missing cpu line at the end of the file', (t) => {
  const error = config_error(t, 'machine i386\nident X');
  t.is(error.line, 2);
  t.is(error.reason, 'cpu type must be specified');
});

test('config names the file in the message when boot is given one', (t) => {
  const error = config_error(t, base('options ZERO_COPY_SOCKET'), 'MYKERNEL');
  t.is(error.file, 'MYKERNEL');
  t.true(error.message.startsWith('config: MYKERNEL: line 5: unknown option'));
});

test('TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive, reported at the second', (t) => {
  const text = base('device pci', 'device ti\noptions TI_PRIVATE_JUMBOS\n# comment\noptions TI_JUMBO_HDRSPLIT\n');
  const error = config_error(t, text);
  t.is(error.line, 9);
  t.is(error.reason, 'options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive');
});

test('the mutual exclusion is reported the same way whichever option comes second', (t) => {
  const error = config_error(t, base('device pci, ti', 'options TI_JUMBO_HDRSPLIT\noptions TI_PRIVATE_JUMBOS\n'));
  t.is(error.message, 'config: line 7: options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive');
});

test('LINT with TI_PRIVATE_JUMBOS uncommented fails as in NOTES', (t) => {
  const error = config_error(t, LINT.replace('#options \tTI_PRIVATE_JUMBOS', 'options \tTI_PRIVATE_JUMBOS'));
  t.is(error.reason, 'options TI_JUMBO_HDRSPLIT and TI_PRIVATE_JUMBOS are mutually exclusive');
});

test('each TI jumbo option alone boots with device ti', (t) => {
  for (const opt of ['TI_PRIVATE_JUMBOS', 'TI_JUMBO_HDRSPLIT']) {
    t.true(boot(base('device pci, ti', `options ${opt}\n`)).hasOption(opt));
  }
});

test('GENERIC boots without zero copy options', (t) => {
  const kernel = boot(GENERIC);
  t.is(kernel.ident, 'GENERIC');
  t.false(kernel.hasOption('ZERO_COPY_SOCKETS'));
  t.true(kernel.hasOption('INET'));
  t.is(kernel.options.get('SCSI_DELAY'), 15000);
  t.true(kernel.hasDevice('ti'));
});

test('LINT boots with every option except TI_PRIVATE_JUMBOS', (t) => {
  const kernel = boot(LINT);
  t.is(kernel.ident, 'LINT');
  for (const opt of ['ZERO_COPY_SOCKETS', 'TI_JUMBO_HDRSPLIT', 'MSIZE', 'MCLSHIFT']) t.true(kernel.hasOption(opt), opt);
  t.false(kernel.hasOption('TI_PRIVATE_JUMBOS'));
  t.is(kernel.options.get('ROOTDEVNAME'), 'ufs:da0s2e');
});

test('config accepts comma lists, quoted values, makeoptions, counts and comments', (t) => {
  const conf = parseConfig(
    base('options INET, FFS, SOFTUPDATES # trailing comment', 'options ROOTDEVNAME="ufs:#da0"\nmakeoptions DEBUG=-g\ndevice pci, ti\ndevice ppp 2\n'),
  );
  t.deepEqual([...conf.options.keys()], ['INET', 'FFS', 'SOFTUPDATES', 'ROOTDEVNAME']);
  t.is(conf.options.get('ROOTDEVNAME'), 'ufs:#da0');
  t.is(conf.makeoptions.get('DEBUG'), '-g');
  t.is(conf.devices.get('ppp'), 2);
  t.deepEqual(conf.cpus, ['I686_CPU']);
});

test('a repeated option is accepted only with the same value', (t) => {
  t.notThrows(() => boot(base('options MSIZE=512', 'options MSIZE=512\n')));
  const error = config_error(t, base('options MSIZE=512', 'options MSIZE=0x400\n'));
  t.is(error.message, 'config: line 6: option MSIZE redefined (was 512 at line 5)');
});

test('a failed boot throws ConfigError and nothing else, whatever the garbage line', (t) => {
  const garbage = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.tuple(fc.constantFrom('options', 'device', 'cpu', 'machine', 'ident', 'maxusers', 'makeoptions', 'hints'), fc.string({ maxLength: 20 })).map(([k, v]) => `${k} ${v}`),
  );
  fc.assert(
    fc.property(fc.array(garbage, { maxLength: 4 }), fc.nat(20), (lines, at) => {
      const all = GENERIC.split('\n');
      all.splice(Math.min(at, all.length), 0, ...lines);
      try {
        boot(all.join('\n'));
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        if (!(e.line >= 1 && e.line <= all.length)) throw new Error(`line ${e.line} out of 1..${all.length}`);
      }
    }),
    { numRuns: 300 },
  );
  t.pass();
});
