import test from 'ava';
import { readFileSync } from 'node:fs';
import { parseArgs, UsageError } from '../../cli/args.js';
import { SPECS } from '../../cli/commandTable.js';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from '../../cli/options.js';
import { cli } from '../helpers/cli.js';

/** The options a help text lists: the names on its option lines (`  --runs N  ...`, `  -h, --help  ...`). */
function optionsIn(lines: readonly string[]): string[] {
  return lines.flatMap((l) => {
    const m = /^ {2}(?:-\w, )?--([a-z][a-z-]*)\b/.exec(l);
    return m === null ? [] : [m[1]!];
  });
}

/** A value the parser takes for an option: the low end of its range, its first choice, or one its check passes. */
const SAMPLE: Record<string, string> = { seed: 'x1', shard: '1/2', path: '0:1', bugs: 'leak', watchdog: '5' };
function sample(o: OptionSpec): string {
  return o.range !== undefined ? String(o.range.min) : o.choices !== undefined ? o.choices[0]! : (SAMPLE[o.name] ?? 'x');
}
const asArgs = (o: OptionSpec): string[] => (o.value === undefined ? [`--${o.name}`] : [`--${o.name}`, sample(o)]);

const everyOption = [...new Set(SPECS.flatMap((c) => c.options.map((o) => o.name)))];

for (const spec of SPECS) {
  test(`${spec.name} --help lists exactly the options the parser takes, and the parser takes each`, async (t) => {
    const r = await cli(spec.name, '--help');
    t.is(r.code, 0);
    t.deepEqual(r.err, []);
    const listed = optionsIn(r.out);
    const table = [...spec.options, ...GLOBAL_OPTIONS];
    t.deepEqual([...listed].sort(), table.map((o) => o.name).sort());
    // Each listed option is one the parser takes, with a value of its form ...
    for (const name of listed) {
      const o = table.find((x) => x.name === name)!;
      t.notThrows(() => parseArgs(asArgs(o), spec), `${spec.name} --${name}`);
    }
    // ... and every other command's option that is not listed is refused.
    for (const name of everyOption.filter((n) => !listed.includes(n))) {
      const e = t.throws(() => parseArgs([`--${name}`, 'x'], spec), { instanceOf: UsageError }, `${spec.name} --${name}`);
      t.regex(e?.message ?? '', new RegExp(`^unknown option --${name}\\b`));
    }
  });

  test(`${spec.name}: -h, --help and help ${spec.name} print the same usage and run nothing`, async (t) => {
    const help = await cli(spec.name, '--help');
    t.regex(help.out[0]!, new RegExp(`^usage: cgsim ${spec.name}\\b`));
    for (const argv of [[spec.name, '-h'], ['help', spec.name], ['--help', spec.name], [spec.name, '--runs', 'many', '--help']]) {
      const r = await cli(...argv);
      t.is(r.code, 0, argv.join(' '));
      t.deepEqual(r.out, help.out, argv.join(' '));
      t.deepEqual(r.err, [], argv.join(' '));
    }
  });

  test(`${spec.name} --help: each option's line shows its value's form, its range and its default`, async (t) => {
    const lines = (await cli(spec.name, '--help')).out;
    for (const o of [...spec.options, ...GLOBAL_OPTIONS]) {
      const line = lines.find((l) => new RegExp(`^ {2}(?:-\\w, )?--${o.name}(?: |$)`).test(l));
      t.truthy(line, o.name);
      if (o.value !== undefined) t.true(line!.includes(`--${o.name} ${o.value}`), line);
      if (o.range !== undefined) t.true(line!.includes(`${o.range.min} to ${o.range.max}`), line);
      if (o.default !== undefined) t.true(line!.includes(`default ${o.default}`), line);
    }
  });
}

test('explore -h prints the usage and explores nothing (no run summary)', async (t) => {
  const r = await cli('explore', '-h');
  t.is(r.code, 0);
  t.false(r.out.some((l) => l.startsWith('cgsim explore: variant')));
  t.deepEqual(r.err, []);
});

test('cgsim --help, -h and help print the overview: every command and the global options', async (t) => {
  const overview = await cli('--help');
  t.is(overview.code, 0);
  for (const argv of [['-h'], ['help'], ['help', 'help']]) t.deepEqual((await cli(...argv)).out, overview.out, argv.join(' '));
  for (const spec of SPECS) t.true(overview.out.some((l) => l.startsWith(`  ${spec.name} `)), spec.name);
  t.deepEqual(optionsIn(overview.out), GLOBAL_OPTIONS.map((o) => o.name));
  t.true(overview.out.some((l) => /^ {2}--watchdog SECONDS .*\(default 10\)$/.test(l)));
});

test("--version and -V print the package's version", async (t) => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  for (const argv of [['--version'], ['-V'], ['explore', '--version']]) {
    const r = await cli(...argv);
    t.is(r.code, 0);
    t.deepEqual(r.out, [`cgsim ${pkg.version}`], argv.join(' '));
  }
});

test('help of an unknown command, or of two, is a usage error', async (t) => {
  for (const [argv, message] of [
    [['help', 'bogus'], /^cgsim: unknown command 'bogus' \(see cgsim --help\)$/],
    [['help', 'exlpore'], /^cgsim: unknown command 'exlpore' \(did you mean explore\?\)$/],
    [['help', 'explore', 'verify'], /^cgsim: help takes one command, got 2: explore verify/],
  ] as const) {
    const r = await cli(...argv);
    t.is(r.code, 2, argv.join(' '));
    t.deepEqual(r.out, []);
    t.is(r.err.length, 1);
    t.regex(r.err[0]!, message);
  }
});

test('the printed usage names the command as it was run', async (t) => {
  const { cliWith } = await import('../helpers/cli.js');
  const r = await cliWith({ prog: 'node bin/cgsim.js' }, 'replay', '--help');
  t.regex(r.out[0]!, /^usage: node bin\/cgsim\.js replay /);
});

/** Keeps the table honest: every command spec names its options once. */
test('no command lists an option twice, or a global option as its own', (t) => {
  for (const spec of SPECS as readonly CommandSpec[]) {
    const names = spec.options.map((o) => o.name);
    t.is(new Set(names).size, names.length, spec.name);
    for (const g of GLOBAL_OPTIONS) t.false(names.includes(g.name), `${spec.name} --${g.name}`);
  }
});
