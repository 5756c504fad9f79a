import test from 'ava';
import { cli } from '../helpers/cli.js';

test('explore, verify and fuzz: --format json is --json, byte for byte, and --format text is the default', async (t) => {
  for (const argv of [
    ['explore', '--scenario', 'register-vs-close', '--runs', '20'],
    ['verify', '--variant', 'v4', '--scenario', 'register-vs-close'],
    ['fuzz', '--variant', 'v4', '--runs', '10'],
  ]) {
    const json = await cli(...argv, '--json');
    const format = await cli(...argv, '--format', 'json');
    const both = await cli(...argv, '--json', '--format=json');
    t.is(format.code, json.code, argv[0]);
    t.deepEqual(format.out, json.out, argv[0]);
    t.deepEqual(both.out, json.out, argv[0]);
    t.notThrows(() => JSON.parse(format.out.join('\n')), argv[0]);
    const text = await cli(...argv, '--format', 'text');
    t.deepEqual(text.out, (await cli(...argv)).out, argv[0]);
    t.throws(() => JSON.parse(text.out.join('\n')), undefined, argv[0]);
  }
});

test('explore, verify and fuzz: --json with --format text, or an unknown format, is a usage error before any run', async (t) => {
  for (const command of ['explore', 'verify', 'fuzz']) {
    for (const [argv, message] of [
      [['--json', '--format', 'text'], /^cgsim: --json and --format text ask for two formats$/],
      [['--format', 'text', '--json'], /^cgsim: --json and --format text ask for two formats$/],
      [['--format', 'md'], /^cgsim: --format must be one of text, json, got 'md'$/],
      [['--format'], /^cgsim: --format needs a value \(text\|json\)$/],
    ] as const) {
      const r = await cli(command, '--variant', 'v4', ...argv);
      t.is(r.code, 2, `${command} ${argv.join(' ')}`);
      t.regex(r.err[0] ?? '', message, `${command} ${argv.join(' ')}`);
      t.deepEqual(r.out, [], `${command} ${argv.join(' ')}: nothing printed`);
      // One line, and refused before the run: no summary line on stderr.
      t.is(r.err.length, 1, `${command} ${argv.join(' ')}: ${r.err.join(' / ')}`);
    }
  }
});
