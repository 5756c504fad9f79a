/** --patch on the command line: explore prints replays that name the patch, replay runs them, compare agrees with v4. */
import test from 'ava';
import { cli } from '../helpers/cli.js';
import { SEED } from './seed.js';

test('explore --patch prints replay commands with --patch, and each replays its bug', async (t) => {
  const r = await cli('explore', '--patch', SEED, '--scenario', 'register-vs-close', '--runs', '60');
  t.is(r.code, 1, r.err.join('\n'));
  t.regex(r.out[0]!, new RegExp(`^cgsim explore: variant ${SEED.replace(/[.]/g, '\\.')} \\(C of `));
  const replays = r.out.filter((l) => l.includes('replay: ')).map((l) => l.slice(l.indexOf('replay: ') + 8));
  t.true(replays.length > 0);
  for (const cmd of replays) {
    t.regex(cmd, new RegExp(`^cgsim replay --patch ${SEED.replace(/[.]/g, '\\.')} --scenario register-vs-close --schedule `));
    const again = await cli(...cmd.split(' ').slice(1));
    t.is(again.code, 1, again.err.join('\n'));
  }
});

test('compare --variants v4 --patch SEED: the two columns agree, exit 0', async (t) => {
  const r = await cli('compare', '--variants', 'v4', '--patch', SEED, '--scenario', 'close-vs-rmdir', '--runs', '60');
  t.is(r.code, 0, r.out.join('\n'));
  t.is(r.out[0], `cgsim compare: v4, ${SEED}`);
});

test('--variant and --patch together, or --base alone, are usage errors', async (t) => {
  const both = await cli('explore', '--variant', 'v4', '--patch', SEED);
  t.is(both.code, 2);
  t.regex(both.err[0]!, /^cgsim: --variant and --patch both name the variant/);
  const base = await cli('verify', '--base', 'v4');
  t.is(base.code, 2);
  t.regex(base.err[0]!, /^cgsim: --base is the variant a --patch is laid over/);
});

test('--base of a version with its own event teardown is refused before anything runs: one line, exit 2', async (t) => {
  for (const base of ['v2.6.34', 'v3.8', 'v3.11', 'v3.12', 'v6.10']) {
    const r = await cli('explore', '--patch', SEED, '--base', base, '--scenario', 'close-vs-rmdir', '--runs', '5');
    t.is(r.code, 2, `${base}: ${r.err.join('\n')}`);
    t.deepEqual(r.out, []);
    t.is(r.err.length, 1);
    t.regex(r.err[0]!, new RegExp(`^cgsim: --base ${base.replace(/[.]/g, '\\.')}: it tears events down in code of its own \\(cgroup_rmdir_events\\)`));
  }
});
