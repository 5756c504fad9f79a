import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelCrash } from '../../harness/crash.js';
import { exploreVariant } from '../../harness/explore.js';
import { loadVariant } from '../../harness/loadVariant.js';
import { replaySchedules } from '../../harness/replay.js';
import type { Variant } from '../../model/variant.js';
import { v3_11 } from '../../model/variants/v3_11/index.js';
import { resolveScenarios } from '../../scenarios/index.js';
import { cliIn } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-crash-'));
const closeVsRmdir = resolveScenarios('close-vs-rmdir');

// Line 10 throws; the interface and type-only import above it vanish when transpiled, so the line moves.
writeFileSync(
  join(dir, 'throws.ts'),
  [
    "import { v3_11 } from 'cgsim';",
    "import type { Kernel, KGen, Variant, wait_queue_t } from 'cgsim';",
    '',
    'interface Unused {',
    '  a: number;',
    '}',
    '',
    'function* cgroup_event_wake(_k: Kernel, _w: wait_queue_t, _m: number, _s: number, _key: number): KGen<number> {',
    '  const x = {} as { y: { z: number } };',
    '  return x.y.z;',
    '}',
    '',
    "export default { ...v3_11, name: 'oops', cgroup_event_wake } satisfies Variant;",
    '',
  ].join('\n'),
);

function crashOf(f: () => unknown): ModelCrash {
  try {
    f();
  } catch (e) {
    if (e instanceof ModelCrash) return e;
    throw e;
  }
  throw new Error('expected a ModelCrash');
}

test("a throw in a user's module names the module, the function and the line of the user's file", async (t) => {
  const v = await loadVariant('throws.ts', dir);
  const crash = crashOf(() => exploreVariant({ variant: v, scenarios: closeVsRmdir, runs: 5, seed: '1' }));
  t.is(crash.userFrame, 'cgroup_event_wake (throws.ts:10)');
  t.regex(crash.message, /^variant 'throws\.ts' threw in actor '\w+' at step \d+: TypeError: Cannot read properties of undefined \(reading 'z'\), at cgroup_event_wake \(throws\.ts:10\)$/);
  t.regex(crash.replay, /^cgsim replay --variant throws\.ts --scenario close-vs-rmdir --schedule s1:\w+$/);
  // The printed replay reproduces the same throw.
  const schedule = /--schedule (\S+)$/.exec(crash.replay)![1]!;
  t.is(crashOf(() => replaySchedules(v, closeVsRmdir[0]!, [schedule])).message, crash.message);
});

test('the CLI prints the crash and its replay in two lines, exit 2', async (t) => {
  const r = await cliIn(dir, 'explore', '--variant', './throws.ts', '--scenario', 'close-vs-rmdir', '--runs', '2');
  t.is(r.code, 2);
  t.is(r.err.length, 2);
  t.regex(r.err[0]!, /^cgsim: variant '\.\/throws\.ts' threw in actor/);
  t.regex(r.err[1]!, /^cgsim: replay: cgsim replay --variant \.\/throws\.ts /);
});

test('a crash inside a --workers thread comes back as the same two lines, exit 2', async (t) => {
  const argv = ['explore', '--variant', './throws.ts', '--scenario', 'close-vs-rmdir', '--runs', '2'];
  const single = await cliIn(dir, ...argv);
  const parallel = await cliIn(dir, ...argv, '--workers', '2');
  t.is(parallel.code, 2);
  t.deepEqual(parallel.err, single.err);
});

test('a throw in shipped model code is an internal error of cgsim, with its replay', (t) => {
  const broken: Variant = {
    ...v3_11,
    name: 'v3.11',
    *cgroup_event_wake() {
      throw new RangeError('model bug');
    },
  };
  const crash = crashOf(() => exploreVariant({ variant: broken, scenarios: closeVsRmdir, runs: 2, seed: '1' }));
  t.is(crash.userFrame, null);
  t.regex(crash.message, /^internal error: the model of 'v3\.11' threw in actor '\w+' at step \d+: RangeError: model bug$/);
});
