import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StopSignal } from '../../cli/interrupt.js';
import { cli, cliWith } from '../helpers/cli.js';
import { copy, docOf, errorsOf, validator } from '../helpers/schema.js';

const validate = validator('cgsim-explore-1');
const dir = mkdtempSync(join(tmpdir(), 'cgsim-schema-explore-'));

/** Stops the run after `calls` questions (one per scenario and one per run: interrupt.test.ts). */
const signalAfter = (calls: number, signal: StopSignal = 'SIGINT'): (() => StopSignal | null) => {
  let asked = 0;
  return () => (++asked > calls ? signal : null);
};

test('cgsim explore --json documents validate against schema/cgsim-explore-1.schema.json', async (t) => {
  for (const argv of [
    ['explore', '--scenario', 'register-vs-close', '--runs', '40', '--json'],
    ['explore', '--variant', 'v6.10', '--scenario', 'register-vs-close', '--runs', '10', '--format', 'json'],
    ['explore', '--scenario', 'close-vs-rmdir', '--strategy', 'pct', '--depth', '3', '--runs', '20', '--json'],
    ['explore', '--scenario', 'register-vs-close', '--strategy', 'bounded', '--preemptions', '1', '--runs', '20', '--json'],
    // Every scenario: lock-order reports that rest on earlier runs (priorRuns, priorSchedules), leaks, oopses.
    ['explore', '--scenario', 'all', '--runs', '12', '--json'],
  ]) {
    const r = await cli(...argv);
    const doc = docOf(r);
    t.is(doc['format'], 'cgsim-explore/1');
    t.true(validate(doc), `${argv.join(' ')}: ${errorsOf(validate)}`);
  }
});

test('an interrupted explore --json (with `interrupted`) validates', async (t) => {
  const r = await cliWith({ stopSignal: signalAfter(30) }, 'explore', '--scenario', 'close-vs-rmdir', '--runs', '1000', '--json');
  const doc = docOf(r);
  t.truthy(doc['interrupted']);
  t.true(validate(doc), errorsOf(validate));
});

test('the shards of an explore run and their merge validate', async (t) => {
  const argv = ['explore', '--scenario', 'all', '--runs', '6'];
  const files: string[] = [];
  for (const i of [1, 2]) {
    const shard = docOf(await cli(...argv, '--shard', `${i}/2`, '--json'));
    t.deepEqual(shard['shard'], { index: i, count: 2 });
    t.true(validate(shard), `shard ${i}: ${errorsOf(validate)}`);
    const f = join(dir, `shard-${i}.json`);
    writeFileSync(f, JSON.stringify(shard));
    files.push(f);
  }
  const merged = docOf(await cli('merge', ...files, '--json'));
  t.is(merged['shard'], null);
  t.true(validate(merged), `merge: ${errorsOf(validate)}`);
});

test('the explore schema refuses a broken document', async (t) => {
  const doc = docOf(await cli('explore', '--scenario', 'register-vs-close', '--runs', '40', '--json')) as Record<string, unknown> & {
    results: { summary: { endings: Record<string, number>; bugs: { witness: { finding: { kind: string } } }[] } }[];
    bugs: { kind: string }[];
  };
  t.true(validate(doc), errorsOf(validate));
  const { results: _dropped, ...missing } = copy(doc);
  t.false(validate(missing), 'a missing field');
  t.false(validate({ ...copy(doc), extra: 1 }), 'a field the format does not have');
  t.false(validate({ ...copy(doc), strategy: 'oops' }), 'an unknown strategy');
  t.false(validate({ ...copy(doc), format: 'cgsim-explore/2' }), 'another format');
  t.false(validate({ ...copy(doc), interrupted: { signal: 'SIGKILL', runs: 1, unfinished: [] } }), 'an unknown signal');
  const wrongKind = copy(doc);
  wrongKind.bugs[0]!.kind = 'oops';
  t.false(validate(wrongKind), 'an unknown bug kind');
  const wrongFinding = copy(doc);
  wrongFinding.results[0]!.summary.bugs[0]!.witness.finding.kind = 'oops';
  t.false(validate(wrongFinding), 'an unknown finding kind');
  const wrongEnding = copy(doc);
  wrongEnding.results[0]!.summary.endings['crashed'] = 1;
  t.false(validate(wrongEnding), 'an unknown ending');
});

test('a run the step bound cut entirely names its scenarios in `unexplored`, exit 4, and validates; a document without the field does not', async (t) => {
  const r = await cli('explore', '--scenario', 'close-vs-rmdir', '--max-steps', '5', '--runs', '10', '--json');
  t.is(r.code, 4);
  const doc = docOf(r);
  t.deepEqual(doc['unexplored'], ['close-vs-rmdir']);
  t.true(validate(doc), errorsOf(validate));
  const { unexplored: _dropped, ...missing } = copy(doc);
  t.false(validate(missing));
  t.deepEqual(docOf(await cli('explore', '--scenario', 'close-vs-rmdir', '--runs', '10', '--json'))['unexplored'], []);
});
