import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exploreVariant } from '../../harness/explore.js';
import { loadVariant } from '../../harness/loadVariant.js';
import { scenarios } from '../../scenarios/index.js';

/*
 * One-line changes a reviewer tries on a shipped version, as modules of their own outside the checkout: what cgsim
 * must say about each, and where it must point.
 */

const outside = mkdtempSync(join(tmpdir(), 'cgsim-reviewer-'));

function module(name: string, text: string): string {
  const file = join(outside, name);
  writeFileSync(file, text);
  return file;
}

const keys = (r: ReturnType<typeof exploreVariant>): string[] => r.bugs.map((b) => b.key);

test("3.11 whose removal no longer signals the eventfd: the lost notification names the removal's unregister, not the registration", async (t) => {
  const file = module(
    'v3_11-silent-remove.ts',
    `import { dput, event_of, eventfd_ctx_put, fnSites, kfree, remove_wait_queue, v3_11 } from 'cgsim';
import type { Kernel, KGen, Variant, work_struct } from 'cgsim';

const L = fnSites('versions.md', 'cgroup_event_remove');
const D = fnSites('versions.md', 'cgroup_dput');

/** cgroup_event_remove() of 3.11 without its eventfd_signal(): the unregister still happens. */
function* cgroup_event_remove(k: Kernel, work: work_struct): KGen {
  const event = event_of(work);
  const cgrp = k.rd(event, L(453)).cgrp!;
  yield* remove_wait_queue(k, k.rd(event, L(455)).wqh!, event.wait, L(455));
  const cft = k.ptr(k.rd(event, L(457)).cft, L(457));
  yield* cft.unregister_event!(k, cgrp, cft, k.ptr(event.eventfd, L(457)), L(457));
  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(462)).eventfd, L(462)), L(462));
  yield* kfree(k, event, L(463));
  yield* dput(k, k.rd(cgrp, D(445)).dentry!, D(445));
}

export default { ...v3_11, name: 'v3.11-silent-remove', cgroup_event_remove } satisfies Variant;
`,
  );
  const mine = keys(exploreVariant({ variant: await loadVariant(file, outside), scenarios, runs: 60, seed: 'reviewer' }));
  const lost = mine.filter((k) => k.startsWith('lost-notification | '));
  t.true(lost.includes('lost-notification | registration dropped without a signal by cgroup_event_remove on a cgroup that rmdir removed [cgroup_event_remove (versions.md:457)]'), lost.join('\n'));
});

test("3.11 whose teardown calls a helper that takes event_list_lock again: lockdep's recursion, then the spinlock's, not a lockup", async (t) => {
  const file = module(
    'v3_11-relock.ts',
    `import { container_of, cgroup_event, fnSites, list_del_init, list_next, schedule_work, spin_lock, spin_unlock, v3_11 } from 'cgsim';
import type { cgroup, Kernel, KGen, Variant } from 'cgsim';

const L = fnSites('versions.md', 'cgroup_destroy_locked');

/** Detaches one event under the lock: meant to be called without it. */
function* cgroup_event_detach(k: Kernel, cgrp: cgroup, event: cgroup_event): KGen {
  yield* spin_lock(k, cgrp.event_list_lock, L(520));
  yield* list_del_init(k, event.list, L(520));
  yield* spin_unlock(k, cgrp.event_list_lock, L(520));
}

function* cgroup_destroy_events(k: Kernel, cgrp: cgroup): KGen {
  yield* spin_lock(k, cgrp.event_list_lock, L(518));
  const head = cgrp.event_list;
  for (let pos = list_next(k, head, L(519)), tmp = list_next(k, pos, L(519)); pos !== head; pos = tmp, tmp = list_next(k, pos, L(519))) {
    const event = container_of(pos, cgroup_event);
    yield* cgroup_event_detach(k, cgrp, event);
    yield* schedule_work(k, event.remove, L(521));
  }
  yield* spin_unlock(k, cgrp.event_list_lock, L(523));
}

export default { ...v3_11, name: 'v3.11-relock', cgroup_rmdir_events: cgroup_destroy_events } satisfies Variant;
`,
  );
  const mine = keys(exploreVariant({ variant: await loadVariant(file, outside), scenarios, runs: 30, seed: 'reviewer' }));
  t.true(mine.includes('lock-recursion | &cgrp->event_list_lock taken again in cgroup_destroy_locked, held since cgroup_destroy_locked'), mine.join('\n'));
  t.true(mine.includes('deadlock | spinlock recursion on &cgrp->event_list_lock in cgroup_destroy_locked'), mine.join('\n'));
  t.false(mine.some((k) => k.startsWith('deadlock | ') && !k.includes('spinlock recursion')), mine.join('\n'));
});
