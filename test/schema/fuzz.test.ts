import test from 'ava';
import type { StopSignal } from '../../cli/interrupt.js';
import { cli, cliWith } from '../helpers/cli.js';
import { copy, docOf, errorsOf, validator } from '../helpers/schema.js';

const validate = validator('cgsim-fuzz-1');

test('cgsim fuzz --json documents validate against schema/cgsim-fuzz-1.schema.json, failed or not', async (t) => {
  const failed = docOf(await cli('fuzz', '--variant', 'v4', '--runs', '20', '--json'));
  t.is(failed['format'], 'cgsim-fuzz/1');
  t.true(failed['failed']);
  t.true(validate(failed), errorsOf(validate));
  const clean = docOf(await cli('fuzz', '--variant', 'v6.10', '--runs', '20', '--format', 'json'));
  t.false(clean['failed']);
  t.is(clean['minimal'], null);
  t.true(validate(clean), errorsOf(validate));
  const given = docOf(await cli('fuzz', '--variant', 'v3.8', '--workload', 'cgroups /A | setup: e0 = eventfd; c = open /A/memory.usage_in_bytes; w = open-w /A/cgroup.event_control | task t1: write w "$e0 $c 1" | task t2: rmdir /A', '--runs', '20', '--no-minimize', '--json'));
  t.true(validate(given), errorsOf(validate));
});

test('an interrupted fuzz --json (with `interrupted`) validates', async (t) => {
  let asked = 0;
  const stopSignal = (): StopSignal | null => (++asked > 5 ? 'SIGINT' : null);
  const doc = docOf(await cliWith({ stopSignal }, 'fuzz', '--variant', 'v6.10', '--runs', '1000', '--json'));
  t.deepEqual(doc['interrupted'], { signal: 'SIGINT', cases: 5 });
  t.true(validate(doc), errorsOf(validate));
});

test('the fuzz schema refuses a broken document', async (t) => {
  const doc = docOf(await cli('fuzz', '--variant', 'v4', '--runs', '20', '--json')) as Record<string, unknown> & {
    minimal: { workload: { setup: { op: string }[]; tasks: { calls: Record<string, unknown>[] }[] }; bug: { kind: string }; size: Record<string, unknown> };
  };
  t.true(validate(doc), errorsOf(validate));
  const { minimal: _dropped, ...missing } = copy(doc);
  t.false(validate(missing), 'a missing field');
  t.false(validate({ ...copy(doc), cases: -1 }), 'a negative count');
  t.false(validate({ ...copy(doc), seed: '1' }), "fast-check's seed is a number");
  const wrongOp = copy(doc);
  wrongOp.minimal.workload.setup[0]!.op = 'fork';
  t.false(validate(wrongOp), 'an unknown system call');
  const extraArg = copy(doc);
  extraArg.minimal.workload.tasks[0]!.calls[0]!['flags'] = 0;
  t.false(validate(extraArg), 'a call with an argument it does not take');
  const wrongKind = copy(doc);
  wrongKind.minimal.bug.kind = 'oops';
  t.false(validate(wrongKind), 'an unknown bug kind');
  const { tasks: _t, ...noTasks } = copy(doc).minimal.size;
  t.false(validate({ ...copy(doc), first: noTasks }), 'a size without its tasks');
});
