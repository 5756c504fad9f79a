/**
 * cgsim's library API: what a user-written variant module (`cgsim explore --variant ./my-patch.ts`) and a
 * user's own tests import, as `from 'cgsim'`.
 */

// The shipped versions, to derive from.
export * from './model/variants/api.js';
export type { Variant } from './model/variant.js';
export type { KernelFacts, ListDebugRules, UnregisterContract } from './model/facts.js';

// The kernel objects a variant's functions are written with.
export type { Kernel, KGen } from './model/kernel.js';
export { at, fnSites, type Site } from './model/site.js';
export { spin_lock, spin_unlock, spin_lock_irq, spin_unlock_irq, spin_lock_irqsave, spin_unlock_irqrestore } from './model/locking/spinlock.js';
export { mutex_lock, mutex_unlock } from './model/locking/mutex.js';
export { rcu_read_lock, rcu_read_unlock, synchronize_rcu } from './model/locking/rcu.js';
export { INIT_LIST_HEAD, container_of, list_add, list_add_tail, list_del, list_del_init, list_empty, list_next, list_splice_init, list_head } from './model/list.js';
export { kzalloc, kmalloc, kfree, GFP_KERNEL, GFP_ATOMIC } from './model/slab.js';
export { eventfd_signal, eventfd_ctx_put, eventfd_ctx_fileget, eventfd_fget, type eventfd_ctx } from './model/eventfd.js';
export { add_wait_queue, remove_wait_queue, __remove_wait_queue, init_poll_funcptr, init_waitqueue_func_entry, POLLHUP, POLLIN, type wait_queue_t, type wait_queue_head_t, type poll_table } from './model/wait.js';
export { INIT_WORK, schedule_work, type work_struct } from './model/workqueue.js';
export { fget } from './model/fs/fdtable.js';
export { fput, file_permission, MAY_READ, type file } from './model/fs/file.js';
export { dget, dput } from './model/fs/dcache.js';
export type { cgroup, cftype, cgroup_subsys } from './model/cgroup/cgroup.js';
export { IS_ERR, IS_ERR_OR_NULL, PTR_ERR, ERR_PTR, type Ptr, type CharPtr } from './model/memory.js';
export * from './model/errno.js';

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
