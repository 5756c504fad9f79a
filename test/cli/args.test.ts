import test from 'ava';
import { formatOption, givenInt, intOption, parseArgs, UsageError, valueOf } from '../../cli/args.js';
import { closest, editDistance } from '../../cli/closest.js';
import { choice, flag, int, type CommandSpec } from '../../cli/options.js';

const TOY: CommandSpec = {
  name: 'toy',
  summary: 'a command to parse with',
  exits: '0',
  options: [
    int('runs', 'N', 1, 100, 'runs', 10),
    int('level', 'K', 0, 5, 'a level without a default'),
    choice('format', ['text', 'json'], 'format', 'text'),
    flag('json', '--format json'),
    { name: 'schedule', value: 'S', repeatable: true, about: 'schedules' },
    { name: 'seed', value: 'S', about: 'seed', check: (v) => (/^\w+$/.test(v) ? null : `--seed must be a word, got '${v}'`) },
  ],
};
const OTHER: CommandSpec = { name: 'other', summary: '', exits: '0', options: [flag('max-executions', '')] };

const problem = (argv: string[], spec: CommandSpec = TOY): UsageError => {
  try {
    parseArgs(argv, spec, { others: [TOY, OTHER], strayHint: (w) => (w === 'close-vs-rmdir' ? 'did you mean --scenario close-vs-rmdir?' : null) });
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`${argv.join(' ')} parsed`);
};

test('values in both forms, defaults from the table, a repeatable option kept in order', (t) => {
  const a = parseArgs(['--runs', '7', '--format=json', '--schedule', 's1:a', '--schedule=s1:b'], TOY);
  t.is(intOption(a, 'runs'), 7);
  t.is(valueOf(a, 'format'), 'json');
  t.deepEqual(a.options.get('schedule'), ['s1:a', 's1:b']);
  const b = parseArgs([], TOY);
  t.is(intOption(b, 'runs'), 10);
  t.is(givenInt(b, 'level'), undefined);
  t.is(formatOption(b), 'text');
  t.is(formatOption(parseArgs(['--json'], TOY)), 'json');
  t.is(givenInt(parseArgs(['--level', '0'], TOY), 'level'), 0);
});

test('a value out of its range, not among its choices or failing its check is refused with what is allowed', (t) => {
  t.is(problem(['--runs', '0']).message, "--runs must be an integer from 1 to 100, got '0'");
  t.is(problem(['--runs', '101']).message, "--runs must be an integer from 1 to 100, got '101'");
  t.is(problem(['--runs', '1.5']).message, "--runs must be an integer from 1 to 100, got '1.5'");
  t.is(problem(['--runs', '-1']).message, "--runs must be an integer from 1 to 100, got '-1'");
  t.is(problem(['--runs', '1e2']).message, "--runs must be an integer from 1 to 100, got '1e2'");
  t.is(problem(['--format', 'jsn']).message, "--format must be one of text, json, got 'jsn' (did you mean json?)");
  t.is(problem(['--seed', 'a b']).message, "--seed must be a word, got 'a b'");
});

test('an option without its value, a flag with one, an option given twice', (t) => {
  t.is(problem(['--runs']).message, '--runs needs a value (N)');
  t.is(problem(['--runs', '--json']).message, '--runs needs a value (N)');
  t.is(problem(['--runs=']).message, '--runs needs a value (N)');
  t.is(problem(['--json=yes']).message, '--json takes no value');
  t.is(problem(['--runs', '5', '--runs', '6']).message, "--runs is given twice ('5' and '6'); give it once");
  t.is(problem(['--json', '--json']).message, '--json is given twice; give it once');
});

test('an unknown option: the closest of the command, else the command that takes it, else the help', (t) => {
  const typo = problem(['--rusn', '5']);
  t.is(typo.message, 'unknown option --rusn (did you mean --runs?)');
  t.is(typo.helpFor, null);
  t.is(problem(['--max-executions']).message, 'unknown option --max-executions: an option of other, not of toy');
  const unknown = problem(['--frobnicate']);
  t.is(unknown.message, 'unknown option --frobnicate');
  t.is(unknown.helpFor, 'toy');
  t.is(problem(['-runs', '5']).message, 'unknown option -runs (did you mean --runs?)');
  t.is(problem(['-x']).message, 'unknown option -x');
});

test('a word the command does not take: what it probably meant, or that the flag before it takes no value', (t) => {
  t.is(problem(['close-vs-rmdir']).message, "unexpected argument 'close-vs-rmdir' (did you mean --scenario close-vs-rmdir?)");
  t.is(problem(['--json', '5']).message, "unexpected argument '5' (--json takes no value)");
  const extra = problem(['extra']);
  t.is(extra.message, "unexpected argument 'extra': toy takes options only");
  t.is(extra.helpFor, 'toy');
  const merge: CommandSpec = { ...TOY, operands: 'FILE...' };
  t.deepEqual(parseArgs(['a.json', '--json', 'b.json'], merge).operands, ['a.json', 'b.json']);
});

test('the first problem is the one reported; --help and --version are answered whatever the line holds', (t) => {
  t.is(problem(['--runs', '0', '--frob']).message, "--runs must be an integer from 1 to 100, got '0'");
  t.is(parseArgs(['--frob', 'extra', '--help'], TOY).asked, 'help');
  t.is(parseArgs(['-h'], TOY).asked, 'help');
  t.is(parseArgs(['--runs', '0', '-V'], TOY).asked, 'version');
  t.deepEqual(parseArgs(['--help', 'explore'], TOY).words, ['explore']);
});

test('the global --watchdog is taken by every command and checked as the supervisor checks it', (t) => {
  t.notThrows(() => parseArgs(['--watchdog', '2.5'], TOY));
  t.is(problem(['--watchdog', 'soon']).message, "--watchdog must be a number of seconds > 0 (at most 86400), got 'soon'");
});

test('closest: a typo within a third of the word, or the one word a prefix starts', (t) => {
  t.is(editDistance('kitten', 'sitting'), 3);
  t.is(editDistance('rusn', 'runs'), 1);
  t.is(closest('max-step', ['max-steps', 'max-executions']), 'max-steps');
  t.is(closest('exlpore', ['explore', 'verify']), 'explore');
  t.is(closest('frobnicate', ['format', 'runs']), null);
  t.is(closest('max-exec', ['max-steps', 'max-executions']), 'max-executions');
  t.is(closest('max', ['max-steps', 'max-executions']), null);
  t.is(closest('x', ['y']), 'y');
});
