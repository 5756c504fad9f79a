import test from 'ava';
import { lintDirectories, lintSource } from '../../scripts/lintDeterminism.js';

const rules = (text: string): string[] => lintSource('x.ts', text).map((f) => f.rule.split(': ')[0]!);

test('unseeded randomness, clocks, timers and the environment are flagged', (t) => {
  t.deepEqual(rules('const r = Math.random();'), ['Math.random']);
  t.deepEqual(rules('const n = Date.now();'), ['Date']);
  t.deepEqual(rules('const d = new Date();'), ['Date']);
  t.deepEqual(rules('setTimeout(() => 0, 1);'), ['setTimeout']);
  t.deepEqual(rules('const t = performance.now();'), ['performance']);
  t.deepEqual(rules('const e = process.env.X;'), ['process']);
  t.deepEqual(rules("import { randomUUID } from 'node:crypto';"), ["import of 'node:crypto'"]);
  t.deepEqual(rules("import { createHash, randomBytes } from 'crypto';"), ["import of 'crypto'"]);
  t.deepEqual(rules("import * as c from 'node:crypto';"), ["import of 'node:crypto'"]);
});

test('a hash is no randomness: createHash alone may be imported', (t) => {
  t.deepEqual(rules("import { createHash } from 'node:crypto';"), []);
});

test('iteration whose order the language does not fix is flagged', (t) => {
  t.deepEqual(rules('for (const k in o) f(k);'), ['for-in']);
  t.deepEqual(rules("const s = a.localeCompare(b);"), ['localeCompare']);
});

test('names that merely look alike are not flagged', (t) => {
  t.deepEqual(rules('const o = { process: 1, Date: 2 }; o.process; x.date; const r = rng.random();'), []);
  t.deepEqual(rules('for (const k of list) f(k); const s = String(1); n.toString();'), []);
});

test('the simulated world itself is clean', (t) => {
  t.deepEqual(lintDirectories(['sim', 'model', 'checkers', 'scenarios', 'property', 'report', 'cfront'], process.cwd()), []);
});
