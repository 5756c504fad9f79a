import test from 'ava';
import { exploreVariant } from '../../../harness/explore.js';
import { createdSites } from '../../../model/site.js';
import { v4 } from '../../../model/variants/v4/index.js';
import { scenarios } from '../../../scenarios/index.js';
import { functionAt, patchedLines } from '../../helpers/patch.js';

// Running every scenario creates every site the v4 model uses.
exploreVariant({ variant: v4, scenarios, runs: 40, seed: 'labels' });

test('every step label of v4 with a line points into the named function of the seed patch', (t) => {
  const patch = patchedLines();
  const labelled = createdSites.filter((s) => s.line > 0);
  t.true(labelled.length >= 35, `only ${labelled.length} labelled sites`);
  for (const s of labelled) {
    const lines = patch.get(s.file);
    t.truthy(lines, `${s.file} is not in the patch`);
    t.true(lines!.has(s.line), `${s.fn} (${s.file}:${s.line}) is not a line the patch shows`);
    t.is(functionAt(lines!, s.line), s.fn, `${s.file}:${s.line} is not inside ${s.fn}`);
  }
});

test('every function the seed adds to kernel/cgroup.c is labelled somewhere in the model', (t) => {
  const fns = new Set(createdSites.filter((s) => s.file === 'kernel/cgroup.c' && s.line > 0).map((s) => s.fn));
  for (const fn of ['cgroup_call_pre_destroy', 'cgroup_event_remove', 'cgroup_event_wake', 'cgroup_event_ptable_queue_proc', 'cgroup_write_event_control']) t.true(fns.has(fn), fn);
});
