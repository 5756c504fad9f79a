import test from 'ava';
import type { CompareResult } from '../../../harness/compare.js';
import { compareMarkdown, compareText } from '../../../cli/format/compareTable.js';

const found = (run: number, after: string[] = []) => ({ found: true as const, runsToFirstHit: run, scenario: 's', hits: 3, replay: `cgsim replay --variant x --scenario s --schedule s1:a${run}`, site: 's', after });
const absent = { found: false as const, runs: 10 };

/** Two variants; bug B is only ever seen after bug A, in both. */
const result: CompareResult = {
  variants: ['old', 'new'],
  scenarios: ['s'],
  runs: 10,
  seed: '1',
  rows: [
    { key: 'A', kind: 'use-after-free', object: 'o', site: 'o accessed after free in f (f.c) [f (f.c:1)]', title: 'BUG: KASAN', cells: [found(2), absent], consequence: false },
    { key: 'C', kind: 'leak', object: 'p', site: 'g | h', title: 'unreferenced object', cells: [found(1), found(4)], consequence: false },
    { key: 'B', kind: 'double-free', object: 'o', site: 'o freed again', title: 'BUG: KASAN: double-free', cells: [found(2, ['A']), absent], consequence: true },
  ],
};

test('Markdown: the table, then the possible consequences with the rows they follow, then every replay', (t) => {
  const md = compareMarkdown(result, (c) => c);
  t.deepEqual(md.slice(0, 6), [
    '**cgsim compare**: `old`, `new` (1 scenario(s), 10 seeded random runs each, seed 1)',
    '',
    '| # | bug | old | new |',
    '|---|---|---|---|',
    '| 1 | **use-after-free**: o accessed after free in f (f.c) | found (run 2) | not found |',
    '| 2 | **leak**: g \\| h | found (run 1) | found (run 4) |',
  ]);
  t.deepEqual(md.slice(6, 12), [
    '',
    'Found only after another bug in the same run (possibly its consequence):',
    '',
    '| # | bug | old | new |',
    '|---|---|---|---|',
    '| 3 | **double-free**: o freed again | found (run 2, after 1) | not found |',
  ]);
  t.true(md.includes('- 3, old: `cgsim replay --variant x --scenario s --schedule s1:a2`'));
  t.false(md.some((l) => l.startsWith('- 1, new')));
});

test('text: a star marks a consequence, and the detail says which bug it followed', (t) => {
  const text = compareText(result, (c) => c).join('\n');
  t.regex(text, /-- found only after another bug in the same run \(possibly consequences\):\n 3  double-free: o freed again\s+run 2\*\s+-/);
  t.regex(text, /old: 3 hit\(s\), first in run 2 \(s\), found only after 1; replay: cgsim replay/);
});

test("text: a cell whose own site has a source position says where in that variant's code it is", (t) => {
  const at = { ...result, rows: [{ ...result.rows[0]!, cells: [{ ...found(2), site: 'o accessed after free in f (f.c) [f (f.c:7)]' }, absent] }] };
  t.regex(compareText(at, (c) => c).join('\n'), /old: 3 hit\(s\), first in run 2 \(s\) at f \(f\.c:7\); replay:/);
});

test('no bug in any variant says so', (t) => {
  t.deepEqual(compareMarkdown({ ...result, rows: [] }, (c) => c).slice(-1), ['No bugs found in any variant.']);
});
