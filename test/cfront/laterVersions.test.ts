/**
 * The later versions' C, as versions.md quotes it, interpreted (--source over the era's hand-written variant) and
 * held against that variant, as oracle.test.ts holds the seed's C against v4: on every scenario, with the same
 * seed and runs, the same distinct bugs. The C is read from versions.md at run time into a temporary .c file whose
 * lines keep their versions.md numbers, so the sites match the hand model's (which cite versions.md by line);
 * only the file's name differs, and it is put back to versions.md before comparing.
 */
import test from 'ava';
import { exploreScenario, type ScenarioResult } from '../../harness/explore.js';
import { patchSpec } from '../../harness/patchSpec.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenarios } from '../../scenarios/index.js';
import { cli } from '../helpers/cli.js';
import { quotedC } from './versionsC.js';

const RUNS = 100;
const SEED_TEXT = 'later-versions';

const bugs = (r: ScenarioResult, file: string): string[] =>
  [...new Set(r.summary.bugs.map((b) => `${b.witness.finding.kind} | ${b.witness.finding.object} | ${b.witness.finding.site}`.split(file).join('versions.md')))].sort();

interface Era {
  readonly heading: string;
  readonly base: string;
  /** The slots quoted whole whose C is interpreted (the rest of the quoted functions are only called). */
  readonly slots: readonly string[];
  /** What the section quotes with an elision: not interpreted, the hand model's kept. */
  readonly elided: readonly string[];
}

const ERAS: readonly Era[] = [
  { heading: '### 2c.', base: 'v2.6.34', slots: ['cgroup_event_remove', 'cgroup_event_wake'], elided: [] },
  { heading: '## 4.', base: 'v3.11', slots: ['cgroup_event_remove'], elided: ['cgroup_event_wake'] },
  // 6.x's names: memcg_event_remove fills the cgroup_event_remove slot, memcg_event_wake cgroup_event_wake.
  { heading: '## 6.', base: 'v6.10', slots: ['memcg_event_remove', 'memcg_event_wake'], elided: ['memcg_write_event_control'] },
];

for (const era of ERAS) {
  const c = quotedC(era.heading);
  const spec = patchSpec([], era.base, [`${c.file}:${era.slots.join(',')}`]);

  test(`${era.base}: versions.md quotes ${era.slots.join(', ')} whole${era.elided.length > 0 ? `, and ${era.elided.join(', ')} only with an elision (the hand model's is kept)` : ''}`, async (t) => {
    for (const s of era.slots) t.true(c.complete.includes(s), s);
    t.deepEqual(c.elided, [...era.elided]);
    const v = await resolveVariant(spec, '.');
    for (const s of era.slots) t.regex(v.title, new RegExp(`${s} \\(`));
    t.regex(v.title, new RegExp(`from base ${era.base.replace(/\./g, '\\.')}: the rest`));
  });

  for (const s of scenarios) {
    test(`${era.base} ${s.name}: the quoted C finds what the hand-written ${era.base} finds`, async (t) => {
      const hand = await resolveVariant(era.base, '.');
      const fromC = await resolveVariant(spec, '.');
      const req = { scenarios: [s], runs: RUNS, seed: SEED_TEXT };
      const h = exploreScenario({ ...req, variant: hand }, s);
      const r = exploreScenario({ ...req, variant: fromC }, s);
      t.deepEqual(bugs(r, c.file), bugs(h, c.file));
      // Every witness replays on both into the same trace and reports, line for line (the file named as versions.md).
      const norm = (out: readonly string[]) => out.slice(1).filter((l) => !l.startsWith('replay: ')).map((l) => l.split(c.file).join('versions.md'));
      for (const b of h.summary.bugs) {
        const schedules = [...(b.witness.finding.priorRuns?.map((p) => p.schedule) ?? []), b.witness.schedule].flatMap((x) => ['--schedule', x]);
        const replay = (...variant: string[]) => cli('replay', ...variant, '--scenario', s.name, ...schedules);
        t.deepEqual(norm((await replay('--source', `${c.file}:${era.slots.join(',')}`, '--base', era.base)).out), norm((await replay('--variant', era.base)).out), b.key);
      }
    });
  }
}

// 6.10's memcg1_css_offline(memcg) is quoted whole, but the variant's teardown slot (cgroup_rmdir_events) takes the
// cgroup, not the memcg: it is not laid over v6.10, and the hand model's is kept (said here, not skipped).
test('v6.10: memcg1_css_offline is quoted whole but fills no slot (it takes the memcg): the hand model is kept', (t) => {
  const c = quotedC('## 6.');
  t.true(c.complete.includes('memcg1_css_offline'));
  t.false(ERAS.find((e) => e.base === 'v6.10')!.slots.includes('memcg1_css_offline'));
});
