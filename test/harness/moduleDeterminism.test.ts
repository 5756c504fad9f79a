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
