import test from 'ava';
import { cgroup_lookup } from '../../../../../model/cgroup/lookup.js';
import { mem_cgroup_subsys_id, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import { css_put, css_tryget } from '../../../../../model/variants/eras/core-3.12/css.js';
import { v3_12 } from '../../../../../model/variants/v3_12/index.js';
import { v6_10 } from '../../../../../model/variants/v6_10/index.js';
import type { Variant } from '../../../../../model/variant.js';
import type { Kernel, KGen } from '../../../../../model/kernel.js';
import { Userspace } from '../../../../../scenarios/userspace.js';
import { flush_scheduled_work } from '../../../../../model/workqueue.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { T } from '../../../../helpers/modelFixtures.js';

/** mkdir /a, `between` with its memcg, then rmdir /a; what `seen` collects along the way. */
function lifetime(variant: Variant, between: (k: Kernel, m: mem_cgroup, seen: string[]) => KGen) {
  const seen: string[] = [];
  const run = runKernel({
    variant,
    kworkers: 1,
    tracing: true,
    actors: [
      {
        name: 'admin',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('admin');
          yield* u.mkdir(p, '/a');
          const a = cgroup_lookup(k, '/a', T)!;
          const m = a.subsys[mem_cgroup_subsys_id] as mem_cgroup;
          yield* between(k, m, seen);
          seen.push(`before rmdir: freed=${m.mem.freed} ${m.describeState()}`);
          seen.push(`rmdir=${yield* u.rmdir(p, '/a')}`);
          yield* flush_scheduled_work(k, T);
          seen.push(`after: freed=${m.mem.freed} ${m.describeState()} cgroup freed=${a.mem.freed}`);
        },
      },
    ],
  });
  return { seen, run };
}

for (const variant of [v3_12, v6_10]) {
  test(`${variant.name}: balanced css references keep the memcg through rmdir and free it with the last put`, (t) => {
    const { seen, run } = lifetime(variant, function* (k, m, seen) {
      seen.push(`tryget=${css_tryget(k, m, T)} ${m.describeState()}`);
      yield* css_put(k, m, T);
    });
    t.deepEqual(seen, ['tryget=true of /a, css.refcnt=2 (percpu)', 'before rmdir: freed=false of /a, css.refcnt=1 (percpu)', 'rmdir=0', 'after: freed=true of /a, css.refcnt=0 (atomic, dead) cgroup freed=true']);
    t.deepEqual(run.kinds, []);
  });

  test(`${variant.name}: a css_put without its tryget on a live css frees nothing and nobody notices; the kill then releases the css before its offline`, (t) => {
    const { seen, run } = lifetime(variant, function* (k, m) {
      yield* css_put(k, m, T);
    });
    t.is(seen[0], 'before rmdir: freed=false of /a, css.refcnt=0 (percpu)');
    // The kill's own reference is the one the stray put took away: the switch to atomic sees 1 (no warning), and
    // dropping the switch's reference releases the css before its offline ran, which then finds no memcg.
    const kinds = run.outcome.findings.map((f) => `${f.kind} | ${f.site}`);
    if (variant === v3_12) t.deepEqual(kinds, ['null-deref | mem_cgroup_pre_destroy dereferences NULL [mem_cgroup_pre_destroy (mm/memcontrol.c)]']);
    else t.regex(kinds[0]!, /^list-corruption \| cgroup_destroy_locked: list_add corruption of mem_cgroup/, 'the offline queued on the destroy_work the release queued already');
    t.is(run.outcome.findings[0]!.actor, 'admin', 'nothing before the rmdir');
  });

  test(`${variant.name}: two css_puts too many are the warning of the switch to atomic, and the memcg is never freed`, (t) => {
    const { seen, run } = lifetime(variant, function* (k, m) {
      yield* css_put(k, m, T);
      yield* css_put(k, m, T);
    });
    t.is(seen.at(-1), 'after: freed=false of /a, css.refcnt=-2 (atomic, dead) cgroup freed=false');
    t.deepEqual(run.kinds.slice(0, 1), ['refcount-underflow'], run.outcome.findings.map((f) => `${f.title} ${f.site}`).join('\n'));
    t.is(run.outcome.findings[0]!.title, 'percpu ref (css_release) <= 0 (0) after switching to atomic');
  });
}
