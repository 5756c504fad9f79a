import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exploreVariant } from '../../harness/explore.js';
import { loadVariant, missingFromVariant, VariantLoadError } from '../../harness/loadVariant.js';
import { resolveVariant } from '../../harness/resolve.js';
import { replaySchedules } from '../../harness/replay.js';
import { observeReplay } from '../../report/observe.js';
import { replayDoc } from '../../report/replayDoc.js';
import { v3_11 } from '../../model/variants/v3_11/index.js';
import { resolveScenarios } from '../../scenarios/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cgsim-variant-'));

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** The README's walkthrough variant, exactly as the README shows it, so the walkthrough stays true. */
function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const m = /<!-- user-variant-example -->\s*```ts\n([\s\S]*?)```/.exec(readme);
  if (m === null) throw new Error('README.md lost its user-variant-example block');
  return m[1]!;
}

test("the README's walkthrough variant loads, and cgsim finds what dropping list_empty() does", async (t) => {
  const v = await loadVariant(write('no-list-empty.ts', readmeExample()), dir);
  t.is(v.name, 'v3.11-no-list-empty');
  t.is(v.ref, 'no-list-empty.ts');
  t.not(v.cgroup_event_wake, v3_11.cgroup_event_wake);
  const scenarios = resolveScenarios('close-vs-rmdir');
  const mine = exploreVariant({ variant: v, scenarios, runs: 400, seed: '1' });
  const theirs = exploreVariant({ variant: v3_11, scenarios, runs: 400, seed: '1' });
  const uaf = mine.bugs.find((b) => b.kind === 'use-after-free' && b.object === 'cgroup_event');
  t.truthy(uaf, mine.bugs.map((b) => b.key).join('\n'));
  t.regex(uaf!.best.replay, /--variant no-list-empty\.ts /);
  t.deepEqual(theirs.bugs, []);
});

test('a JavaScript variant module loads too', async (t) => {
  const file = write('copy.js', "import { v4 } from 'cgsim';\nexport default { ...v4, name: 'v4-copy' };\n");
  const v = await loadVariant(file, dir);
  t.is(v.name, 'v4-copy');
});

test('a shipped name resolves without touching the disk; a path loads the module', async (t) => {
  t.is((await resolveVariant('v3.11', '/nonexistent')).name, 'v3.11');
  await t.throwsAsync(resolveVariant('./nope.ts', dir), { instanceOf: VariantLoadError, message: /cannot load variant '\.\/nope\.ts': no such file/ });
});

test('a type error is reported with the file, line and column', async (t) => {
  const file = write('typo.ts', "import { v4 } from 'cgsim';\nimport type { Variant } from 'cgsim';\nexport default { ...v4, name: 42 } satisfies Variant;\n");
  const e = await t.throwsAsync(loadVariant(file, dir), { instanceOf: VariantLoadError });
  t.regex(e!.message, /^variant 'typo\.ts' does not compile: typo\.ts:3:\d+ Type 'number' is not assignable to type 'string'/);
  t.false(e!.message.includes('\n'));
});

test('a syntax error in a JavaScript module is one line naming the file', async (t) => {
  const file = write('broken.js', 'export default {\n');
  const e = await t.throwsAsync(loadVariant(file, dir), { instanceOf: VariantLoadError });
  t.regex(e!.message, /^cannot load variant 'broken\.js': SyntaxError/);
});

test('a module that throws while loading is reported, not crashed on', async (t) => {
  const file = write('throws.js', "throw new Error('not today');\n");
  await t.throwsAsync(loadVariant(file, dir), { instanceOf: VariantLoadError, message: "cannot load variant 'throws.js': Error: not today" });
});

test('a module that lacks part of the interface is told exactly what', async (t) => {
  const file = write('partial.js', "import { v4 } from 'cgsim';\nconst { cgroup_event_wake, ...rest } = v4;\nexport default { ...rest, name: 'partial' };\n");
  await t.throwsAsync(loadVariant(file, dir), {
    instanceOf: VariantLoadError,
    message: "variant 'partial.js' does not implement the variant interface: missing cgroup_event_wake (a function)",
  });
  const none = write('none.js', 'export const x = 1;\n');
  await t.throwsAsync(loadVariant(none, dir), { message: /missing a default export that is a variant object/ });
});

test('missingFromVariant names every absent member', (t) => {
  t.deepEqual(missingFromVariant({ ...v3_11 }), []);
  const { name: _n, subsystems: _s, cgroup_rmdir: _r, ...rest } = v3_11;
  t.deepEqual(missingFromVariant(rest), ['name (a string)', 'subsystems (an array)', 'cgroup_rmdir (a function)']);
});

test("a report's call trace shows the user's own functions", async (t) => {
  const file = write(
    'wrapped.ts',
    [
      "import { v4 } from 'cgsim';",
      "import type { cftype, cgroup, CharPtr, Kernel, KGen, Variant } from 'cgsim';",
      '',
      'function* my_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr): KGen<number> {',
      '  return yield* v4.cgroup_write_event_control(k, cgrp, cft, buffer);',
      '}',
      '',
      "export default { ...v4, name: 'wrapped', cgroup_write_event_control: my_write_event_control } satisfies Variant;",
      '',
    ].join('\n'),
  );
  const v = await loadVariant(file, dir);
  const scenario = resolveScenarios('bad-write:bad-cfd')[0]!;
  const explored = exploreVariant({ variant: v, scenarios: [scenario], runs: 1, seed: '1' });
  const { outcome } = replaySchedules(v, scenario, [explored.bugs[0]!.best.witness.schedule]);
  const trace = outcome.findings[0]!.details.join('\n');
  t.regex(trace, /Call Trace:\n( \w+.*\n)* my_write_event_control\n( \w+.*\n)* sys_write/);
});

test("the replay document points a step of the user's module at the user's file and line", async (t) => {
  const source = readmeExample();
  const v = await loadVariant(write('where.ts', source), dir);
  const scenario = resolveScenarios('close-vs-rmdir')[0]!;
  const explored = exploreVariant({ variant: v, scenarios: [scenario], runs: 400, seed: '1' });
  const doc = replayDoc(observeReplay(v, scenario, [explored.bugs[0]!.best.witness.schedule]), { variant: v.name, scenario: scenario.name, replay: '' });
  const mine = doc.trace.filter((s) => s.where?.startsWith('where.ts:'));
  t.true(mine.length > 0, doc.trace.map((s) => s.where).join(' '));
  const lines = source.split('\n');
  for (const s of mine) {
    const line = lines[Number(s.where!.slice('where.ts:'.length)) - 1] ?? '';
    // The step is declared on that line of the user's own text (its op, or the call that performs it).
    t.regex(line, /yield|k\.op|spin_lock|list_del|schedule_work|remove_wait_queue/, `${s.where}: ${line}`);
  }
});
