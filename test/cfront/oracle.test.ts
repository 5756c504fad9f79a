/**
 * The oracle: the seed patch's C, interpreted, against the hand-written model of the same code (v4). On every
 * scenario, with the same seed and runs, both must find the same distinct bugs, by kind, object type and site
 * (whose function and, for the line-keyed kinds, line the interpreter labels as the hand model does); and every
 * witness must replay on both into the same trace and reports, line for line.
 */
import test from 'ava';
import { exploreScenario } from '../../harness/explore.js';
import { verifyScenario } from '../../harness/verify.js';
import { patchSpec } from '../../harness/patchSpec.js';
import { resolveVariant } from '../../harness/resolve.js';
import { scenarios } from '../../scenarios/index.js';
import type { ScenarioResult } from '../../harness/explore.js';
import { cli } from '../helpers/cli.js';
import { SEED } from './seed.js';

const RUNS = 150;
const SEED_TEXT = 'oracle';

const bugs = (r: ScenarioResult): string[] => [...new Set(r.summary.bugs.map((b) => `${b.witness.finding.kind} | ${b.witness.finding.object} | ${b.witness.finding.site}`))].sort();

/** A replay's output without what names the variant (its header, the replay command). */
const traceOf = (out: readonly string[]): string[] => out.slice(1).filter((l) => !l.startsWith('replay: '));

const variants = async () => ({ hand: await resolveVariant('v4', '.'), fromC: await resolveVariant(patchSpec([SEED]), '.') });

test('the variant from the seed says which functions came from its C and which from the base', async (t) => {
  const { fromC } = await variants();
  t.is(fromC.name, SEED);
  t.is(fromC.base, 'v4');
  for (const fn of ['cgroup_event_wake', 'cgroup_event_remove', 'cgroup_event_ptable_queue_proc', 'cgroup_write_event_control', 'cgroup_call_pre_destroy']) {
    t.regex(fromC.title, new RegExp(`${fn} \\(kernel/cgroup\\.c:\\d+-\\d+\\)`));
    t.not((fromC as unknown as Record<string, unknown>)[fn], (await resolveVariant('v4', '.') as unknown as Record<string, unknown>)[fn]);
  }
  // Not a slot, but called by the handler: interpreted too, through the model's stand-ins for dentry and inode.
  t.regex(fromC.title, /, __file_cft \(kernel\/cgroup\.c:1992-1997\);/);
  t.regex(fromC.title, /from base v4: the rest/);
});

for (const s of scenarios) {
  test(`${s.name}: the seed's C finds what the hand-written v4 finds`, async (t) => {
    const { hand, fromC } = await variants();
    const req = { scenarios: [s], runs: RUNS, seed: SEED_TEXT };
    const h = exploreScenario({ ...req, variant: hand }, s);
    const c = exploreScenario({ ...req, variant: fromC }, s);
    t.deepEqual(bugs(c), bugs(h));
    t.is(c.summary.runs, h.summary.runs);
    // Every witness replays on both into the same trace and reports, line for line, call traces included.
    for (const b of h.summary.bugs) {
      const schedules = [...(b.witness.finding.priorRuns?.map((p) => p.schedule) ?? []), b.witness.schedule].flatMap((x) => ['--schedule', x]);
      const replay = (...variant: string[]) => cli('replay', ...variant, '--scenario', s.name, ...schedules);
      t.deepEqual(traceOf((await replay('--patch', SEED)).out), traceOf((await replay('--variant', 'v4')).out), b.key);
    }
  });
}

// verify on every 3-actor scenario (two syscall paths and the kworker): the same verdict, the same bugs, and, now
// that the hand model makes exactly the C's accesses, the same search: the same executions and traces.
const VERIFIED = [
  'register-vs-close',
  'signal-vs-close',
  'rmdir-vs-attach',
  'close-vs-register',
  'close-vs-rmdir',
  'register-vs-rmdir',
  'unregister-enomem',
  'one-eventfd-twice',
  'two-eventfds-vs-rmdir',
  'charge-vs-rmdir',
  'rmdir-umount-vs-close',
];

for (const name of VERIFIED) {
  test(`verify ${name}: the seed's C gets the hand-written v4's verdict, bugs and search`, async (t) => {
    const { hand, fromC } = await variants();
    const scenario = scenarios.find((s) => s.name === name)!;
    const h = verifyScenario({ variant: hand, scenario, maxExecutions: 20_000 });
    const c = verifyScenario({ variant: fromC, scenario, maxExecutions: 20_000 });
    t.true(h.proven);
    t.is(c.proven, h.proven);
    t.deepEqual(bugs(c.result), bugs(h.result));
    t.deepEqual([c.stats.executions, c.stats.traces], [h.stats.executions, h.stats.traces]);
  });
}
