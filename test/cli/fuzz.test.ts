import test from 'ava';
import { cli } from '../helpers/cli.js';

test('fuzz finds a v4 bug, prints the reduced case, its sizes and the commands that bring it back', async (t) => {
  const res = await cli('fuzz', '--variant', 'v4', '--runs', '200', '--seed', '3');
  const r = { code: res.code, out: res.out.join('\n') };
  t.is(r.code, 1);
  t.regex(r.out, /reduced by cgsim: +\d+ task\(s\), \d+ system call\(s\), \d+ context switch\(es\)/);
  const replay = /replay: cgsim replay --variant v4 --workload '([^']*)' --schedule (s1:\w+)/.exec(r.out);
  t.truthy(replay, r.out);
  const res2 = await cli('replay', '--variant', 'v4', '--workload', replay![1]!, '--schedule', replay![2]!);
  const again = { code: res2.code, out: res2.out.join('\n') };
  t.is(again.code, 1);
  const kind = /^(\S+): /m.exec(r.out.split('\n')[2]!)![1]!;
  t.regex(again.out, new RegExp(`^cgsim: report \\d+: ${kind} \\| `, "m"), "the replay shows the same kind of bug");
  t.regex(r.out, /fast-check: again with cgsim fuzz --variant v4 --seed 3 --path [0-9:]+/);
});

test('fuzz is clean on v6.10 and exits 0', async (t) => {
  const r = await cli('fuzz', '--variant', 'v6.10', '--runs', '100');
  t.is(r.code, 0);
  t.regex(r.out.join('\n'), /no bug in 100 generated case\(s\)/);
});

test('fuzz refuses bad input with exit 2', async (t) => {
  t.is((await cli('fuzz', '--seed', 'abc')).code, 2);
  t.is((await cli('fuzz', '--path', 'x:y')).code, 2);
  t.is((await cli('fuzz', '--variant', 'v9')).code, 2);
  const bad = await cli('fuzz', '--workload', 'task a: bogus');
  t.is(bad.code, 2);
  t.regex(bad.err.join('\n'), /unknown call 'bogus'/);
});
