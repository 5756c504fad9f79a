import test from 'ava';
import type { Ending, Outcome } from '../../sim/execution.js';
import { BugCollector } from '../../sim/explore.js';
import type { Finding } from '../../sim/finding.js';
import { finding } from '../helpers/toy.js';

/** An outcome of `schedule` whose findings were made at the given steps. */
function outcome(schedule: number[], findings: Finding[], ending: Ending = 'complete'): Outcome {
  return { ending, pending: [], steps: schedule.length, schedule, findings, trace: null, actorNames: ['a', 'b', 'c'] };
}

const at = (step: number, kind = 'use-after-free', site = 'f', extra: Partial<Finding> = {}): Finding => finding(kind, site, { step, actor: 'a', ...extra });

test('findings of one kind and site are one bug, whatever run they come from', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1, 0], [at(1)]));
  c.add(1, outcome([0, 0, 1], [at(2)]));
  t.is(c.bugs.length, 1);
  t.like(c.bugs[0], { key: 'use-after-free | f', hits: 2, firstRun: 0 });
});

test('another site or another kind is another bug, listed in the order first found', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1], [at(0, 'leak', 'f'), at(1, 'leak', 'g')]));
  c.add(1, outcome([0, 1], [at(0, 'double-free', 'f')]));
  t.deepEqual(
    c.bugs.map((b) => `${b.key} (run ${b.firstRun})`),
    ['leak | f (run 0)', 'leak | g (run 0)', 'double-free | f (run 1)'],
  );
});

test('a bug found twice in one run counts one hit for that run', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1, 2, 0], [at(1), at(3)]));
  c.add(1, outcome([0, 1, 2, 0], [at(0), at(2), at(3)]));
  t.is(c.bugs[0]!.hits, 2);
});

test('the witness schedule is cut right after the step of the finding', (t) => {
  const c = new BugCollector();
  c.add(4, outcome([0, 0, 1, 1, 2, 2, 0], [at(3)]));
  t.like(c.bugs[0]!.witness, { run: 4, steps: 4, switches: 1, schedule: 's1:a2b2' });
  t.is(c.bugs[0]!.witness.finding.step, 3);
});

test('a finding made after the last step (an end-of-run check) keeps the whole schedule', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1, 1], [at(3, 'leak')]));
  t.like(c.bugs[0]!.witness, { steps: 3, schedule: 's1:ab2' });
});

test('the witness with fewer steps is kept', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 0, 0, 0, 0, 1], [at(5)]));
  c.add(1, outcome([1, 1, 0, 0, 0, 0], [at(2)]));
  c.add(2, outcome([0, 1, 0, 1, 0, 1], [at(4)]));
  t.like(c.bugs[0]!.witness, { run: 1, steps: 3, schedule: 's1:b2a' });
  t.is(c.bugs[0]!.hits, 3);
});

test('between witnesses of equal length, the one with fewer context switches is kept', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1, 0, 1], [at(3)]));
  c.add(1, outcome([0, 0, 1, 1], [at(3)]));
  c.add(2, outcome([1, 0, 1, 0], [at(3)]));
  t.like(c.bugs[0]!.witness, { run: 1, switches: 1, schedule: 's1:a2b2' });
});

test('an equally good later witness does not replace the first one', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 0, 1], [at(2)]));
  c.add(1, outcome([1, 1, 0], [at(2)]));
  t.is(c.bugs[0]!.witness.run, 0);
});

const prior = [{ run: 0, schedule: 's1:a2', what: 'A -> B' }];

test('between witnesses of equal length and switches, one that needs no earlier run is kept', (t) => {
  const c = new BugCollector();
  c.add(1, outcome([0, 0, 1], [at(2, 'lock-order-inversion', 'A vs B', { priorRuns: prior })]));
  c.add(2, outcome([1, 1, 0], [at(2, 'lock-order-inversion', 'A vs B')]));
  t.is(c.bugs[0]!.witness.run, 2);
  t.is(c.bugs[0]!.witness.finding.priorRuns, undefined);
});

test('a witness that replays alone beats a shorter one that needs an earlier run (as documented)', (t) => {
  const c = new BugCollector();
  c.add(1, outcome([0, 1], [at(1, 'lock-order-inversion', 'A vs B', { priorRuns: prior })]));
  c.add(2, outcome([0, 1, 0, 1, 0, 1], [at(5, 'lock-order-inversion', 'A vs B')]));
  t.like(c.bugs[0]!.witness, { run: 2, steps: 6 });
  c.add(3, outcome([0, 0], [at(1, 'lock-order-inversion', 'A vs B', { priorRuns: prior })]));
  t.is(c.bugs[0]!.witness.run, 2, 'a shorter witness needing an earlier run does not replace it');
});

test('a witness records the earlier corrupting findings of other bugs in its run', (t) => {
  const c = new BugCollector();
  const uaf = at(0, 'use-after-free', 'f', { corrupts: true });
  const sleep = at(1, 'sleep-in-atomic', 's');
  c.add(0, outcome([0, 1, 0, 1], [uaf, sleep, at(2, 'use-after-free', 'f', { corrupts: true }), at(3, 'list-corruption', 'g')]));
  t.deepEqual(
    c.bugs.map((b) => `${b.key}: ${b.witness.after.join(', ')}`),
    ['use-after-free | f: ', 'sleep-in-atomic | s: use-after-free | f', 'list-corruption | g: use-after-free | f'],
  );
});

test('a witness where the bug comes first beats a shorter one that follows another corruption', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1], [at(0, 'double-free', 'd', { corrupts: true }), at(1, 'list-corruption', 'g')]));
  t.like(c.bugs[1]!.witness, { run: 0, steps: 2 });
  c.add(1, outcome([0, 1, 0, 1, 0], [at(0, 'sleep-in-atomic', 's'), at(4, 'list-corruption', 'g')]));
  t.like(c.bugs[1]!.witness, { run: 1, steps: 5, after: [] });
  c.add(2, outcome([1], [at(0, 'use-after-free', 'u', { corrupts: true }), at(0, 'list-corruption', 'g')]));
  t.is(c.bugs[1]!.witness.run, 1, 'a one-step witness after a use-after-free does not replace it');
});

test('runs, steps and endings are summed, and the summary is a snapshot of the endings', (t) => {
  const c = new BugCollector();
  c.add(0, outcome([0, 1], [], 'complete'));
  c.add(1, outcome([0, 1, 1], [], 'deadlock'));
  c.add(2, outcome([0], [at(0, 'null-deref', 'f', { fatal: true })], 'fatal'));
  const s = c.summary();
  t.is(s.runs, 3);
  t.is(s.steps, 6);
  t.deepEqual(s.endings, { complete: 1, deadlock: 1, fatal: 1, 'step-bound': 0, 'schedule-end': 0, stopped: 0, pruned: 0 });
  t.is(s.bugs.length, 1);
  c.add(3, outcome([0], [], 'step-bound'));
  t.is(s.endings['step-bound'], 0);
  t.is(c.summary().endings['step-bound'], 1);
});
