import test from 'ava';
import { cli } from '../helpers/cli.js';
import { copy, docOf, errorsOf, validator } from '../helpers/schema.js';

const validate = validator('cgsim-compare-1');

test('cgsim compare --format json documents validate against schema/cgsim-compare-1.schema.json', async (t) => {
  for (const argv of [
    ['compare', '--variants', 'v4,v6.10', '--scenario', 'register-vs-close', '--runs', '20', '--format', 'json'],
    ['compare', '--variants', 'v3.11,v3.12', '--scenario', 'softirq-signal', '--runs', '10', '--format', 'json'],
    // No bug in either: no rows.
    ['compare', '--variants', 'v6.10', '--scenario', 'signal-vs-close', '--runs', '5', '--format', 'json'],
  ]) {
    const doc = docOf(await cli(...argv));
    t.is(doc['format'], 'cgsim-compare/1');
    t.true(validate(doc), `${argv.join(' ')}: ${errorsOf(validate)}`);
  }
});

test('the compare schema refuses a broken document', async (t) => {
  const doc = docOf(await cli('compare', '--variants', 'v4,v6.10', '--scenario', 'register-vs-close', '--runs', '20', '--format', 'json')) as Record<string, unknown> & {
    rows: { kind: string; cells: Record<string, Record<string, unknown>> }[];
  };
  t.true(validate(doc), errorsOf(validate));
  const { format: _dropped, ...missing } = copy(doc);
  t.false(validate(missing), 'no format');
  const wrongKind = copy(doc);
  wrongKind.rows[0]!.kind = 'oops';
  t.false(validate(wrongKind), 'an unknown bug kind');
  const noReplay = copy(doc);
  delete noReplay.rows[0]!.cells['v4']!['replay'];
  t.false(validate(noReplay), 'a found cell without its replay command');
  const halfFound = copy(doc);
  halfFound.rows[0]!.cells['v6.10']!['found'] = true;
  t.false(validate(halfFound), 'a cell found without where');
});
