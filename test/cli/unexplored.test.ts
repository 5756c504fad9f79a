import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exploreScenario, mergeScenarios, metaOf, unexploredScenarios, type ExploreRequest } from '../../harness/explore.js';
import { scenarioNamed, variantNamed } from '../../harness/resolve.js';
import { exploreStatus } from '../../cli/commands/explore.js';
import { exploreText } from '../../cli/format/exploreText.js';
import { cli } from '../helpers/cli.js';

const fixed = variantNamed('v6.10');
const req = (maxSteps: number): ExploreRequest => ({ variant: fixed, scenarios: [], runs: 8, seed: '1', maxSteps });
/** A scenario the step bound cuts in every run, and one it never cuts: both clean on the fixed variant. */
const cut = exploreScenario(req(5), scenarioNamed('close-vs-rmdir'));
const whole = exploreScenario(req(20_000), scenarioNamed('register-vs-close'));
const textOf = (results: Parameters<typeof mergeScenarios>[1]): { text: string[]; status: number } => {
  const r = mergeScenarios(metaOf(req(5)), results);
  return { text: exploreText(r, fixed.title, (c) => c, 5), status: exploreStatus(r) };
};

test('a scenario is not explored when every run was cut by the step bound and none found a bug', (t) => {
  t.deepEqual(unexploredScenarios([cut, whole]), ['close-vs-rmdir']);
  t.is(cut.summary.endings['step-bound'], cut.summary.runs);
});

test('every scenario cut: the headline says not explored, not "No bugs found", and the status is 4', (t) => {
  const { text, status } = textOf([cut]);
  t.is(status, 4);
  t.false(text.includes('No bugs found.'));
  t.true(text.includes('Not explored: every run was cut by the step bound (--max-steps 5) before it ended, so no bug could be found (raise --max-steps).'));
  t.true(text.includes('Not explored: close-vs-rmdir: every run hit the 5-step bound before it ended (raise --max-steps).'));
  // Its PCT runs promise nothing, and its cut runs are not counted again as a warning.
  t.false(text.some((l) => l.startsWith('PCT on')));
  t.false(text.some((l) => l.startsWith('warning:')));
});

test('some scenarios cut: clean in the others, the cut ones named, status 4; PCT speaks for the explored ones only', (t) => {
  const { text, status } = textOf([cut, whole]);
  t.is(status, 4);
  t.true(text.includes('No bugs found in 1 scenario(s); 1 not explored: every run was cut by the step bound (--max-steps 5) before it ended.'));
  t.true(text.includes('Not explored: close-vs-rmdir: every run hit the 5-step bound before it ended (raise --max-steps).'));
  for (const l of text.filter((x) => x.startsWith('PCT on'))) t.regex(l, /on the other 1 clean scenario\(s\)/);
});

test('nothing cut: "No bugs found." and 0', (t) => {
  const { text, status } = textOf([whole]);
  t.is(status, 0);
  t.true(text.includes('No bugs found.'));
  t.false(text.some((l) => l.startsWith('Not explored')));
});

test('a bug found is exit 1 even when another scenario was not explored', async (t) => {
  const r = await cli('explore', '--scenario', 'bad-write', '--max-steps', '230', '--runs', '4');
  t.is(r.code, 1);
  t.true(r.out.some((l) => l.startsWith('Not explored: ')));
});

test('the merge of shards that were not explored says so and exits 4, as the run unsharded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cgsim-unexplored-'));
  const argv = ['explore', '--variant', 'v6.10', '--scenario', 'bad-write', '--max-steps', '5', '--runs', '2'];
  const whole = await cli(...argv);
  t.is(whole.code, 4);
  const files = [1, 2].map((i) => join(dir, `shard-${i}.json`));
  for (const [i, f] of files.entries()) {
    const shard = await cli(...argv, '--shard', `${i + 1}/2`, '--json');
    t.is(shard.code, 4);
    writeFileSync(f, shard.out.join('\n'));
  }
  const merged = await cli('merge', ...files);
  t.is(merged.code, 4);
  t.deepEqual(merged.out, whole.out);
  t.deepEqual((await cli('merge', ...files, '--json')).out, (await cli(...argv, '--json')).out);
});
