import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliIn } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-compare-'));
writeFileSync(join(dir, 'v4-copy.js'), "import { v4 } from 'cgsim';\nexport default { ...v4, name: 'v4-copy' };\n");

interface CompareJson {
  variants: string[];
  rows: { kind: string; site: string; cells: Record<string, { found: boolean; runsToFirstHit?: number; replay?: string }> }[];
}

test('two versions that differ: exit 1, one column each, the difference in the rows', async (t) => {
  const r = await cli('compare', '--variants', 'v4,v2.6.34', '--scenario', 'close-vs-rmdir', '--runs', '60', '--format', 'json');
  t.is(r.code, 1);
  const j = JSON.parse(r.out.join('\n')) as CompareJson;
  t.deepEqual(j.variants, ['v4', 'v2.6.34']);
  const onlyV4 = j.rows.filter((row) => row.cells['v4']!.found && !row.cells['v2.6.34']!.found);
  t.true(onlyV4.length > 0);
  for (const row of j.rows) {
    for (const [name, cell] of Object.entries(row.cells)) {
      if (cell.found) t.regex(cell.replay!, new RegExp(`^cgsim replay --variant ${name.replace(/\./g, '\\.')} --scenario close-vs-rmdir --schedule s1:`));
    }
  }
});

test('a variant and a copy of it agree: exit 0, every row found by both in the same run', async (t) => {
  const r = await cliIn(dir, 'compare', '--variants', 'v4,./v4-copy.js', '--scenario', 'register-vs-close', '--runs', '40', '--format', 'json');
  t.is(r.code, 0, r.err.join('\n'));
  const j = JSON.parse(r.out.join('\n')) as CompareJson;
  t.deepEqual(j.variants, ['v4', 'v4-copy']);
  t.true(j.rows.length > 0);
  for (const row of j.rows) t.is(row.cells['v4']!.runsToFirstHit, row.cells['v4-copy']!.runsToFirstHit);
  t.true(j.rows.every((row) => row.cells['v4-copy']!.replay!.includes('--variant ./v4-copy.js ')));
});

test('--format md is a Markdown table with a replay list', async (t) => {
  const r = await cli('compare', '--variants', 'v3.11,v6.10', '--scenario', 'softirq-signal', '--runs', '20', '--format', 'md');
  t.is(r.code, 1);
  const text = r.out.join('\n');
  t.regex(text, /^\*\*cgsim compare\*\*: `v3\.11`, `v6\.10`/);
  t.regex(text, /\n\| # \| bug \| v3\.11 \| v6\.10 \|\n\|---\|---\|---\|---\|\n/);
  t.regex(text, /\| \*\*irq-lock-inversion\*\*: SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock \(cgroup_event_wake\) \| found \(run \d+\) \| not found \|/);
  t.regex(text, /\n- 1, v3\.11: `cgsim replay --variant v3\.11 --scenario softirq-signal --schedule s1:\w+`/);
});

test('the text table lines the variants up in columns', async (t) => {
  const r = await cli('compare', '--variants', 'v3.11,v3.12', '--scenario', 'bad-write:no-args', '--runs', '3');
  t.is(r.code, 0);
  t.regex(r.out.join('\n'), /\n 1  uninit-value: res_counter_memparse_write_strategy uses uninitialised [^\n]*?\s{2}run 1\s+run 1 *\n/);
});

test('compare refuses bad input with one line and exit 2', async (t) => {
  for (const [argv, message] of [
    [['compare', '--format', 'html'], /^cgsim: --format must be one of text, md, json, got 'html'$/],
    [['compare', '--variants', 'v4,v9'], /unknown variant 'v9'/],
    [['compare', '--variants', 'v4,./missing.ts'], /cannot load variant '\.\/missing\.ts': no such file/],
  ] as const) {
    const r = await cliIn(dir, ...argv);
    t.is(r.code, 2);
    t.regex(r.err[0] ?? '', message);
    t.deepEqual(r.out, []);
  }
});
