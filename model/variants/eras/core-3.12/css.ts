import type { Kernel, KGen } from '../../../kernel.js';
import { mem_cgroup, mem_cgroup_subsys_id } from '../../../memcg/memcontrol.js';
import { cgroup_put } from '../../../cgroup/put.js';
import { BUG_ON } from '../../../bug.js';
import type { dentry } from '../../../fs/dcache.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { deactivate_super } from '../../../fs/super.js';
import { percpu_ref_get, percpu_ref_kill, percpu_ref_put, percpu_ref_tryget_live } from '../../../percpuRefcount.js';
import { at, type Site } from '../../../site.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import { INIT_WORK, schedule_work, type work_struct } from '../../../workqueue.js';
import type { cgroup, cgroup_subsys_state } from '../../../cgroup/cgroup.js';
import { cgroup_rmdir_of } from '../core-3.8/rmdir.js';

/*
 * css reference counting as 3.12 on has it [RECON, reduced]: a subsystem state lives while references to it do.
 * css->refcnt is a percpu_ref (model/percpuRefcount.ts) [RECON: from memory, css references became a percpu_ref
 * in the 3.11 cycle; versions.md does not quote it]: until rmdir kills the css, gets and puts are per-CPU and none
 * can release it. rmdir kills it (kill_css: a reference of its own to keep the css through its offline, then
 * percpu_ref_kill, which drops the base reference; from then on css_tryget fails), offlines it and drops the
 * reference it took; the put that reaches zero frees the state and then lets go of the cgroup, which the css keeps
 * alive as long as it lives. Only the memory controller has per-cgroup state in the model, so css here is a
 * mem_cgroup.
 */

const L_free = at('kernel/cgroup.c', 'css_free_work_fn');
const L_release = at('kernel/cgroup.c', 'css_release');
const L_diput = at('kernel/cgroup.c', 'cgroup_diput');

/** css_tryget() / css_tryget_online(): a reference, unless the css was killed. Within the current step. */
export function css_tryget(k: Kernel, css: cgroup_subsys_state, site: Site): boolean {
  return percpu_ref_tryget_live(k, k.rd(css as mem_cgroup, site, 'css').css_refcnt, site);
}

/**
 * Drops a css reference. Before the kill it only counts; after it, the put that reaches zero releases the css
 * (css_release()): the cgroup's pointer to it is cleared
 * (rcu_assign_pointer(NULL): a reader under rcu_read_lock() finds either NULL or a state that lives until its
 * section ends), and its memory goes after an RCU grace period, from the workqueue (call_rcu, then
 * css_free_work_fn), so a reader that found it may still look at it (css_tryget then fails). Any context.
 */
export function* css_put(k: Kernel, css: cgroup_subsys_state, site: Site): KGen {
  yield k.op('css_put', css, site);
  const m = k.rd(css as mem_cgroup, site, 'css');
  if (percpu_ref_put(k, m.css_refcnt, site)) yield* css_release(k, m, site);
}

/** css_release(): the percpu_ref's release, from the put (or the kill) that dropped the last reference. */
function* css_release(k: Kernel, m: mem_cgroup, site: Site): KGen {
  yield k.op('rcu_assign_pointer(cgrp->subsys[], NULL)', m.cgroup, L_release);
  const slots = k.wr(m.cgroup, L_release, 'cgroup').subsys;
  for (let i = 0; i < slots.length; i++) if (slots[i] === m) slots[i] = null;
  INIT_WORK(m.destroy_work, css_free_work_fn);
  yield* schedule_work(k, m.destroy_work, site);
}

/**
 * css_free_work_fn(): after a grace period, the subsystem frees its state (->css_free), then the cgroup it kept
 * is let go.
 */
function* css_free_work_fn(k: Kernel, work: work_struct): KGen {
  const m = work.mem.obj as mem_cgroup;
  const cgrp = m.cgroup;
  yield* synchronize_rcu(k, L_free);
  const ss = cgrp.root.subsystems.find((s) => s.subsys_id === mem_cgroup_subsys_id)!;
  yield* ss.css_free!(k, ss, m);
  yield* cgroup_put(k, cgrp, L_free);
}

/**
 * cgroup_diput() where the states live by css references: they are not destroyed here (their last css_put does
 * it); the cgroup is counted out of its hierarchy, the superblock's active reference goes, and the dentry's hold
 * on the cgroup. Whatever context drops the dentry's last reference; it sleeps. [RECON, reduced as the 2.6.33 one
 * is: 3.12 frees the cgroup and drops the superblock reference from a work item after a grace period, and each css
 * holds the dentry; the model lets each css hold the struct instead.]
 */
export function* cgroup_diput(k: Kernel, d: dentry): KGen {
  const cgrp = d.d_fsdata as cgroup;
  BUG_ON(k, !k.rd(cgrp, L_diput).removed, L_diput, '!cgroup_is_removed(cgrp)');
  yield* synchronize_rcu(k, L_diput);
  yield* mutex_lock(k, k.s.cgroup_mutex, L_diput);
  cgrp.root.number_of_cgroups--;
  yield* mutex_unlock(k, k.s.cgroup_mutex, L_diput);
  yield* deactivate_super(k, k.rd(cgrp, L_diput).root.sb!, L_diput);
  yield* cgroup_put(k, cgrp, L_diput);
}

/**
 * kill_css(): a reference that keeps the css until its offline is done (the caller's css_put drops it then), and
 * percpu_ref_kill_and_confirm(), which drops the base reference; no css_tryget succeeds from now. The kernel's
 * kill takes effect once an RCU grace period confirms it, before the offline runs: the model kills at once.
 */
export function* css_kill(k: Kernel, css: cgroup_subsys_state, site: Site): KGen {
  yield k.op('percpu_ref_kill_and_confirm(css)', css, site);
  const m = k.rd(css as mem_cgroup, site, 'css');
  percpu_ref_get(k, m.css_refcnt, site);
  // Only with more puts than gets before the kill is the kill's the last reference: the release comes early.
  if (percpu_ref_kill(k, m.css_refcnt, site)) yield* css_release(k, m, site);
}

/** cgroup_create() of 3.12: each css holds the cgroup (the kernel: a reference on its directory's dentry). */
export function init_css(k: Kernel, css: cgroup_subsys_state, cgrp: cgroup): void {
  cgrp.refs++;
}

/** 3.12's rmdir: every state of the cgroup lives by css references, killed first and put once offline. */
export const cgroup_rmdir_312 = cgroup_rmdir_of({
  counted: (cgrp) => cgrp.subsys.filter((s): s is cgroup_subsys_state => s !== null && s !== undefined),
  kill: css_kill,
  put: css_put,
});
