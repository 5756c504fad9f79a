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
];

for (const era of ERAS) {
  const c = quotedC(era.heading);
  const spec = patchSpec([], era.base, [`${c.file}:${era.slots.join(',')}`]);

  test(`${era.base}: versions.md quotes ${era.slots.join(', ')} whole${era.elided.length > 0 ? `, and ${era.elided.join(', ')} only with an elision (the hand model's is kept)` : ''}`, async (t) => {
    for (const s of era.slots) t.true(c.complete.includes(s), s);
    t.deepEqual(c.elided.filter((n) => n.startsWith('cgroup_')), [...era.elided]);
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

// 6.10: memcg owns the events; its functions are memcg_event_remove and memcg_event_wake, names that are not the
// variant's slots, so a --source of them lays nothing over v6.10 (and says so): not interpreted yet.
test('v6.10: the quoted memcg_* functions are not the variant slots: --source refuses in one line, exit 2', async (t) => {
  const c = quotedC('## 6.');
  t.true(c.complete.includes('memcg_event_remove') && c.complete.includes('memcg_event_wake'));
  const r = await cli('explore', '--source', c.file, '--base', 'v6.10', '--runs', '1');
  t.is(r.code, 2);
  t.deepEqual(r.err, [`cgsim: ${c.file}: defines none of cgroup_event_wake, cgroup_event_remove, cgroup_event_ptable_queue_proc, cgroup_write_event_control, cgroup_call_pre_destroy whole; nothing of it to interpret`]);
});
