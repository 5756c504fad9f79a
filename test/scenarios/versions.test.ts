import test from 'ava';
import { exploreVariant } from '../../harness/explore.js';
import { replaySchedules } from '../../harness/replay.js';
import { variants } from '../../model/variants/index.js';
import { resolveScenarios, scenarios } from '../../scenarios/index.js';
import { findingKey } from '../../sim/finding.js';

const SEED = 'ci';
const RUNS = 250;

/**
 * What exploring each shipped version finds (kind | site), with this seed and budget. A change here changes what
 * cgsim says about a version of the code: it needs a reason in the commit message.
 */
const PINNED: Record<string, string[]> = {
  'v4': [
    // Found by cgsim fuzz on a generated workload (one eventfd registered twice, then rmdir): scenario rmdir-one-eventfd-twice.
    'contract-violation | the subsystem freed its state for the cgroup before unregister_event [__mem_cgroup_free frees, unregister_event from cgroup_event_remove (kernel/cgroup.c:2860)]',
    'deadlock | cgroup_call_pre_destroy / cgroup_event_wake',
    'irq-lock-inversion | SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock (cgroup_event_wake)',
    'kernel-bug | mem_cgroup_unregister_event: BUG_ON(!thresholds)',
    'leak | mem_cgroup_create allocates mem_cgroup that is never freed [mem_cgroup allocated at mem_cgroup_create (mm/memcontrol.c)]',
    'leak | mem_cgroup_unregister_event allocates mem_cgroup_threshold_ary that is never freed [mem_cgroup_threshold_ary allocated at mem_cgroup_unregister_event (mm/memcontrol.c)]',
    'list-corruption | cgroup_event_wake: list_del corruption of cgroup_event [cgroup_event_wake (kernel/cgroup.c:2877)]',
    'lock-order-inversion | &cgrp->event_list_lock vs &ctx->wqh (cgroup_call_pre_destroy, cgroup_event_wake)',
    'lost-notification | registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (kernel/cgroup.c:2958)]',
    'lost-notification | registration dropped by cgroup_event_remove while its cgroup lives [cgroup_event_remove (kernel/cgroup.c:2860)]',
    'null-deref | cgroup_write_event_control dereferences NULL [cgroup_write_event_control (kernel/cgroup.c:2980)]',
    'null-deref | mem_cgroup_register_event dereferences NULL [mem_cgroup_register_event (mm/memcontrol.c)]',
    'uninit-value | res_counter_memparse_write_strategy uses uninitialised local_buffer of cgroup_write_string [res_counter_memparse_write_strategy (kernel/res_counter.c)]',
    'use-after-free | cgroup accessed after free in cgroup_event_wake (kernel/cgroup.c)',
    'use-after-free | cgroup accessed after free in mem_cgroup_unregister_event (mm/memcontrol.c)',
    'use-after-free | eventfd_ctx accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)',
    'use-after-free | eventfd_ctx accessed after free in __wake_up_common (kernel/sched.c)',
    'use-after-free | eventfd_ctx accessed after free in cgroup_event_remove (kernel/cgroup.c)',
    'use-after-free | mem_cgroup accessed after free in mem_cgroup_unregister_event (mm/memcontrol.c)',
  ],
  'v2.6.34': [
    'deadlock | cgroup_event_wake / cgroup_rmdir',
    'irq-lock-inversion | SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock (cgroup_event_wake)',
    'kernel-bug | mem_cgroup_unregister_event: BUG_ON(!thresholds)',
    // umount while the removal work holds the last reference on a removed cgroup's directory (rmdir-then-umount).
    'kernel-bug | shrink_dcache_for_umount: dentry still in use',
    'leak | mem_cgroup_unregister_event allocates mem_cgroup_threshold_ary that is never freed [mem_cgroup_threshold_ary allocated at mem_cgroup_unregister_event (mm/memcontrol.c)]',
    'lock-order-inversion | &cgrp->event_list_lock vs &ctx->wqh (cgroup_event_wake, cgroup_rmdir)',
    'lost-notification | registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (versions.md:162)]',
    'null-deref | mem_cgroup_register_event dereferences NULL [mem_cgroup_register_event (mm/memcontrol.c)]',
    'uninit-value | res_counter_memparse_write_strategy uses uninitialised local_buffer of cgroup_write_string [res_counter_memparse_write_strategy (kernel/res_counter.c)]',
    'use-after-free | eventfd_ctx accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)',
  ],
  'v3.8': [
    'contract-violation | unregister_event called after ->destroy() [from cgroup_event_remove (versions.md:320)]',
    'contract-violation | unregister_event called more often than register_event succeeded [from cgroup_event_remove (versions.md:320)]',
    'double-free | cgroup_event freed again at cgroup_event_remove (versions.md:323)',
    'irq-lock-inversion | SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock (cgroup_event_wake)',
    'kernel-bug | shrink_dcache_for_umount: dentry still in use',
    'list-corruption | cgroup_rmdir: list_del corruption of cgroup_event [cgroup_rmdir (versions.md:422)]',
    'lost-notification | registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (versions.md:162)]',
    'null-deref | mem_cgroup_usage_register_event dereferences NULL [mem_cgroup_usage_register_event (mm/memcontrol.c)]',
    'null-deref | mem_cgroup_usage_unregister_event dereferences NULL [mem_cgroup_usage_unregister_event (mm/memcontrol.c)]',
    'refcount-underflow | cgroup_event_remove: put of dentry.d_count at 0 [cgroup_event_remove (versions.md:324)]',
    'refcount-underflow | cgroup_event_remove: put of eventfd_ctx.kref at 0 [cgroup_event_remove (versions.md:322)]',
    'refcount-underflow | do_rmdir: put of dentry.d_count at 0 [do_rmdir (fs/namei.c)]',
    'refcount-underflow | eventfd_release: put of eventfd_ctx.kref at 0 [eventfd_release (fs/eventfd.c)]',
    'soft-lockup | cgroup_rmdir loops without end (versions.md)',
    'uninit-value | res_counter_memparse_write_strategy uses uninitialised local_buffer of cgroup_write_string [res_counter_memparse_write_strategy (kernel/res_counter.c)]',
    'use-after-free | cgroup accessed after free in cgroup_event_remove (versions.md)',
    'use-after-free | cgroup accessed after free in mem_cgroup_usage_unregister_event (mm/memcontrol.c)',
    'use-after-free | cgroup_event accessed after free in cgroup_event_remove (versions.md)',
    'use-after-free | cgroup_event accessed after free in cgroup_rmdir (versions.md)',
    'use-after-free | cgroup_event accessed after free in run_workqueue (kernel/workqueue.c)',
    'use-after-free | dentry accessed after free in cgroup_event_remove (versions.md)',
    'use-after-free | dentry accessed after free in do_rmdir (fs/namei.c)',
    'use-after-free | eventfd_ctx accessed after free in cgroup_event_remove (versions.md)',
    'use-after-free | eventfd_ctx accessed after free in cgroup_rmdir (versions.md)',
    'use-after-free | eventfd_ctx accessed after free in eventfd_release (fs/eventfd.c)',
    'use-after-free | mem_cgroup accessed after free in mem_cgroup_usage_unregister_event (mm/memcontrol.c)',
    // 3.3-5.6's unregister frees the last array before unpublishing it and before synchronize_rcu().
    'use-after-free | mem_cgroup_threshold_ary accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)',
  ],
  'v3.11': [
    'irq-lock-inversion | SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock (cgroup_event_wake)',
    'lost-notification | registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (versions.md:162)]',
    'null-deref | mem_cgroup_usage_unregister_event dereferences NULL [mem_cgroup_usage_unregister_event (mm/memcontrol.c)]',
    'uninit-value | res_counter_memparse_write_strategy uses uninitialised local_buffer of cgroup_write_string [res_counter_memparse_write_strategy (kernel/res_counter.c)]',
    'use-after-free | mem_cgroup_threshold_ary accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)',
  ],
  'v3.12': [
    'irq-lock-inversion | SOFTIRQ-safe &ctx->wqh -> SOFTIRQ-unsafe &cgrp->event_list_lock (cgroup_event_wake)',
    'lost-notification | registration by cgroup_write_event_control on a cgroup that rmdir removed [cgroup_write_event_control (versions.md:162)]',
    'null-deref | mem_cgroup_usage_unregister_event dereferences NULL [mem_cgroup_usage_unregister_event (mm/memcontrol.c)]',
    'uninit-value | res_counter_memparse_write_strategy uses uninitialised local_buffer of cgroup_write_string [res_counter_memparse_write_strategy (kernel/res_counter.c)]',
    'use-after-free | mem_cgroup_threshold_ary accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)',
  ],
  'v6.10': [
    'out-of-bounds | strcmp past the end of char[] [strcmp (lib/string.c)]',
  ],
};

/** The bad writes every version handles correctly: a finding there would be a false alarm. */
const CLEAN = ['empty', 'missing-cfd', 'no-separator', 'not-numbers', 'cfd-not-a-number', 'cfd-not-a-control-file', 'no-register-event', 'no-read-permission', 'alloc-fails', 'register-fails', 'bad-threshold'].map((c) => `bad-write:${c}`);

for (const variant of variants) {
  const result = exploreVariant({ variant, scenarios, runs: RUNS, seed: SEED });

  test(`${variant.name}: exploration finds exactly its pinned bugs`, (t) => {
    t.deepEqual(result.bugs.map((b) => b.key).sort(), PINNED[variant.name]);
  });

  test(`${variant.name}: every finding replays from its schedule to the same bug, stopping where it was cut`, (t) => {
    for (const bug of result.bugs) {
      const scenario = resolveScenarios(bug.best.scenario)[0]!;
      const prior = bug.best.witness.finding.priorRuns?.map((p) => p.schedule) ?? [];
      const { outcome } = replaySchedules(variant, scenario, [...prior, bug.best.witness.schedule]);
      t.true(outcome.findings.map(findingKey).includes(bug.key), `${bug.key} did not replay from ${bug.best.replay}`);
      t.is(outcome.steps, bug.best.witness.steps, bug.key);
    }
  });

  test(`${variant.name}: the bad writes it handles correctly come out clean, and no run hits the step bound`, (t) => {
    for (const p of result.perScenario) {
      if (CLEAN.includes(p.scenario)) t.deepEqual(p.summary.bugs.map((b) => b.key), [], p.scenario);
      t.is(p.summary.endings['step-bound'], 0, p.scenario);
    }
  });
}
