import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StopSignal } from '../../cli/interrupt.js';
import { cli, cliWith } from '../helpers/cli.js';
import { copy, docOf, errorsOf, validator } from '../helpers/schema.js';

const validate = validator('cgsim-verify-1');
const dir = mkdtempSync(join(tmpdir(), 'cgsim-schema-verify-'));

test('cgsim verify --json documents validate against schema/cgsim-verify-1.schema.json', async (t) => {
  for (const argv of [
    ['verify', '--variant', 'v6.10', '--scenario', 'signal-vs-close', '--json'],
    ['verify', '--variant', 'v4', '--scenario', 'register-vs-close', '--format', 'json'],
    ['verify', '--variant', 'v4', '--scenario', 'close-vs-rmdir', '--preemptions', '1', '--max-executions', '50', '--json'],
  ]) {
    const doc = docOf(await cli(...argv));
    t.is(doc['format'], 'cgsim-verify/1');
    t.true(validate(doc), `${argv.join(' ')}: ${errorsOf(validate)}`);
  }
});

test('an interrupted verify --json (with `interrupted`) validates', async (t) => {
  let asked = 0;
  const stopSignal = (): StopSignal | null => (++asked > 8 ? 'SIGTERM' : null);
  const doc = docOf(await cliWith({ stopSignal }, 'verify', '--variant', 'v6.10', '--scenario', 'close-vs-rmdir', '--max-executions', '400', '--json'));
  t.deepEqual(doc['interrupted'], { signal: 'SIGTERM', executions: 8, unfinished: ['close-vs-rmdir'] });
  t.true(validate(doc), errorsOf(validate));
});

test('the shards of a verify run and their merge validate', async (t) => {
  const argv = ['verify', '--variant', 'v4', '--scenario', 'bad-write', '--preemptions', '1'];
  const files: string[] = [];
  for (const i of [1, 2]) {
    const shard = docOf(await cli(...argv, '--shard', `${i}/2`, '--json'));
    t.true(validate(shard), `shard ${i}: ${errorsOf(validate)}`);
    const f = join(dir, `shard-${i}.json`);
    writeFileSync(f, JSON.stringify(shard));
    files.push(f);
  }
  const merged = docOf(await cli('merge', ...files, '--json'));
  t.is(merged['format'], 'cgsim-verify/1');
  t.true(validate(merged), `merge: ${errorsOf(validate)}`);
});

test('the verify schema refuses a broken document', async (t) => {
  const doc = docOf(await cli('verify', '--variant', 'v4', '--scenario', 'register-vs-close', '--json')) as Record<string, unknown> & {
    results: { proven: unknown; stats: Record<string, unknown> }[];
    bugs: { kind: string }[];
  };
  t.true(validate(doc), errorsOf(validate));
  const { bounds: _dropped, ...missing } = copy(doc);
  t.false(validate(missing), 'a missing field');
  t.false(validate({ ...copy(doc), seconds: 1.5 }), 'a field the format does not have (timings are left out)');
  const wrongType = copy(doc);
  wrongType.results[0]!.proven = 'yes';
  t.false(validate(wrongType), 'a verdict that is not a boolean');
  const wrongStats = copy(doc);
  wrongStats.results[0]!.stats['executions'] = -1;
  t.false(validate(wrongStats), 'a negative count');
  const wrongKind = copy(doc);
  wrongKind.bugs[0]!.kind = 'oops';
  t.false(validate(wrongKind), 'an unknown bug kind');
});

test('a verification the step bound cut entirely names its scenarios in `unexplored`, exit 4, and validates', async (t) => {
  const r = await cli('verify', '--scenario', 'close-vs-rmdir', '--max-steps', '5', '--json');
  t.is(r.code, 4);
  const doc = docOf(r);
  t.deepEqual(doc['unexplored'], ['close-vs-rmdir']);
  t.true(validate(doc), errorsOf(validate));
  const { unexplored: _dropped, ...missing } = copy(doc);
  t.false(validate(missing));
});
