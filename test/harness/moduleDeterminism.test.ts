import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nondeterminismOf } from '../../harness/moduleDeterminism.js';
import { cliIn } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-nondet-'));

test('a clock, a random source or a timer, at import or in a function, is named with its line', (t) => {
  t.is(nondeterminismOf('v.js', './v.js', 'const t = Date.now();\n'), 'Date: wall-clock time at ./v.js:1');
  t.regex(nondeterminismOf('v.ts', './v.ts', 'export function* f() {\n  if (Math.random() < 0.5) yield 1;\n}\n')!, /^Math\.random: .* at \.\/v\.ts:2$/);
  t.regex(nondeterminismOf('v.ts', './v.ts', "import { performance } from 'node:perf_hooks';\nsetTimeout(() => {}, 1);\n")!, /at \.\/v\.ts:1 \(and \d+ more\)$/);
});

test('ordinary code is not refused: for-in, process output, Maps', (t) => {
  t.is(nondeterminismOf('v.ts', './v.ts', "const m = new Map();\nfor (const k in { a: 1 }) m.set(k, 1);\nprocess.stderr.write('x');\n"), null);
});

test('the command refuses such a module with one line, exit 2, under every strategy', async (t) => {
  writeFileSync(join(dir, 'rand.ts'), "import { v4 } from 'cgsim';\nimport type { Variant } from 'cgsim';\nexport default { ...v4, name: 'r', title: String(Math.random()) } satisfies Variant;\n");
  for (const strategy of ['portfolio', 'random', 'pct', 'dfs']) {
    const r = await cliIn(dir, 'explore', '--variant', './rand.ts', '--scenario', 'close-vs-rmdir', '--strategy', strategy, '--runs', '3');
    t.is(r.code, 2);
    t.is(r.err.length, 1);
    t.regex(r.err[0]!, /^cgsim: variant '\.\/rand\.ts' is not deterministic: Math\.random: .* at \.\/rand\.ts:3; remove it/);
  }
});

// State kept between runs: after its 40th wake in the process the module reports a BUG. The search finds it in
// a late run; a fresh process (what the printed replay is) would not. Caught by replaying the witness on the
// module's twin instance before printing, under every strategy that prints a replay.
test('a module that keeps state between runs is refused before a replay that would fail is printed', async (t) => {
  writeFileSync(
    join(dir, 'counts.ts'),
    [
      "import { v4, BUG_ON, at } from 'cgsim';",
      "import type { Kernel, KGen, Variant, wait_queue_t } from 'cgsim';",
      'let wakes = 0;',
      'function* cgroup_event_wake(k: Kernel, w: wait_queue_t, m: number, s: number, key: number): KGen<number> {',
      "  BUG_ON(k, ++wakes >= 40, at('counts.ts', 'cgroup_event_wake', 5), 'wakes');",
      '  return yield* v4.cgroup_event_wake(k, w, m, s, key);',
      '}',
      "export default { ...v4, name: 'counts', cgroup_event_wake } satisfies Variant;",
      '',
    ].join('\n'),
  );
  for (const strategy of ['random', 'pct', 'portfolio']) {
    const r = await cliIn(dir, 'explore', '--variant', './counts.ts', '--scenario', 'close-vs-rmdir', '--strategy', strategy, '--runs', '200');
    t.is(r.code, 2, r.err.join('\n'));
    t.is(r.err.length, 1, r.err.join('\n'));
    t.regex(r.err[0]!, /^cgsim: the model is not deterministic: run \d+ of close-vs-rmdir found \S+ in .*cgroup_event_wake.*, and its schedule \(s1:\w+\) does not find it when replayed; a variant must depend on nothing but the schedule/);
  }
});
