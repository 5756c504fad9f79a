/**
 * cgsim's library API: what a user-written variant module (`cgsim explore --variant ./my-patch.ts`) and a
 * user's own tests import, as `from 'cgsim'`.
 */

// The shipped versions, to derive from, and the pieces of their code a module copies or reuses (model/variants/api.ts).
export * from './model/variants/api.js';
export type { Variant } from './model/variant.js';
export type { KernelFacts, ListDebugRules, UnregisterContract } from './model/facts.js';

// Running model code: the kernel of one execution, a step's generator, the labels of each step, BUG_ON(), what a step may wait for.
export type { Kernel, KGen } from './model/kernel.js';
export { at, fnSites, type Site } from './model/site.js';
export { BUG_ON } from './model/bug.js';
export type { Waitable } from './sim/actor.js';

// Memory: pointers and errors, kernel structs (KObject), the slab.
export { IS_ERR, IS_ERR_OR_NULL, PTR_ERR, ERR_PTR, KObject, type Allocation, type ErrPtr, type Ptr, type CharPtr } from './model/memory.js';
export { kzalloc, kmalloc, kmalloc_buf, kfree, GFP_KERNEL, GFP_ATOMIC } from './model/slab.js';
export * from './model/errno.js';

// Locks and RCU.
export { spin_lock_init, spin_lock, spin_unlock, spin_lock_irq, spin_unlock_irq, spin_lock_irqsave, spin_unlock_irqrestore, lock_is_held, type spinlock_t } from './model/locking/spinlock.js';
export { mutex_init, mutex_lock, mutex_unlock, type mutex } from './model/locking/mutex.js';
export { rcu_read_lock, rcu_read_unlock, synchronize_rcu } from './model/locking/rcu.js';

// Reference counts: refcount_t (kref, f_count, d_count are of it), and percpu_ref (css->refcnt).
export { refcount_set, refcount_inc, refcount_dec_and_test, refcount_inc_not_zero, type refcount_t } from './model/refcount.js';
export { percpu_ref_get, percpu_ref_tryget_live, percpu_ref_put, percpu_ref_kill, type percpu_ref } from './model/percpuRefcount.js';

// Lists (with DEBUG_LIST) and strings (lib/string.c, lib/vsprintf.c, lib/cmdline.c: a buffer is read byte by byte, as KASAN checks it).
export { INIT_LIST_HEAD, container_of, list_add, list_add_tail, list_del, list_del_init, list_empty, list_next, list_splice_init, list_head } from './model/list.js';
export { read_byte, ptr_add, simple_strtoul, simple_strtoull, strstrip, memparse, strcmp } from './model/lib/string.js';

// Wait queues and poll, the workqueue, eventfd.
export { add_wait_queue, remove_wait_queue, __remove_wait_queue, init_poll_funcptr, init_waitqueue_func_entry, POLLHUP, POLLIN, type wait_queue_t, type wait_queue_head_t, type poll_table, type wait_queue_func_t, type poll_queue_proc } from './model/wait.js';
export { INIT_WORK, schedule_work, type work_struct, type work_func_t } from './model/workqueue.js';
export { eventfd_signal, eventfd_ctx_put, eventfd_ctx_fileget, eventfd_fget, type eventfd_ctx } from './model/eventfd.js';

// Files and dentries.
export { fget } from './model/fs/fdtable.js';
export { fput, file_permission, MAY_READ, type file } from './model/fs/file.js';
export { dget, dput, type dentry } from './model/fs/dcache.js';
export { deactivate_super, generic_shutdown_super, sb_grab_active, mntget, mntput, super_block, vfsmount, type kill_sb_t } from './model/fs/super.js';
export { cgroup_mount } from './model/cgroup/mount.js';

// The cgroup core: its structs and callbacks, a control file's identity (__d_cft, __d_cgrp, cgroup_file_operations), rmdir's steps.
export type { cgroup, cftype, cgroup_subsys, cgroup_subsys_state, write_string_t, register_event_t, unregister_event_t } from './model/cgroup/cgroup.js';
export { define_cftype } from './model/cgroup/cftype.js';
export { cgroup_file_operations, __d_cft, __d_cgrp } from './model/cgroup/files.js';
export { cgroup_busy, cgroup_mark_removed, cgroup_remove_dir } from './model/cgroup/rmdir.js';

// The memory controller: struct mem_cgroup, its lookup and references, thresholds, and the skeleton every era's controller is made of.
export { mem_cgroup, mem_cgroup_subsys_id, mem_cgroup_from_cont, mem_cgroup_get, mem_cgroup_put, mem_cgroup_usage, type mem_cgroup_threshold, type mem_cgroup_threshold_ary } from './model/memcg/memcontrol.js';
export { __mem_cgroup_threshold } from './model/memcg/thresholdCheck.js';
export { memcg_subsys, type MemcgEra } from './model/memcg/subsys.js';

// Property-based runs (fast-check): workloads, schedules, the property, and the ava helper.
export { parseWorkload, formatWorkload } from './scenarios/workload/text.js';
export { validateWorkload, WorkloadError } from './scenarios/workload/validate.js';
export { workloadScenario } from './scenarios/workload/scenario.js';
export type { Workload, Task, Call, FdRef } from './scenarios/workload/workload.js';
export { workloadArbitrary, type WorkloadOptions } from './property/arbitraries.js';
export { scheduleArbitrary, type ScheduleOptions } from './property/schedule.js';
export { raceProperty, raceCases, RaceFound, type RaceOptions, type RaceCase } from './property/raceProperty.js';
export { checkRaces, assertRaceFree, raceFree, type CheckOptions, type CheckResult, type TestContext } from './property/check.js';
export { minimizeCase } from './property/minimize.js';
export { replayOf, describeCounterexample, type Counterexample, type CaseSize } from './property/counterexample.js';
export type { Switch } from './sim/strategy/switches.js';

// Reports of a replayed execution: the replay document and every view of it.
export { observeReplay, type ObservedReplay } from './report/observe.js';
export { replayDoc, REPLAY_FORMAT, type ReplayDoc, type DocStep, type DocFinding } from './report/replayDoc.js';
export { kernelReport } from './report/kernelText.js';
export { raceDiagram } from './report/diagram.js';
export { raceMermaid } from './report/mermaid.js';
export { viewerHtml } from './report/html/page.js';
export { parsePatch, readPatch, type PatchText } from './report/patchText.js';
