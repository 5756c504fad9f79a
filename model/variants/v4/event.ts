import type { cftype, cgroup, cgroup_subsys_state } from '../../cgroup/cgroup.js';
import type { eventfd_ctx } from '../../eventfd.js';
import { list_head } from '../../list.js';
import { KObject, type Allocation, type Ptr } from '../../memory.js';
import { poll_table, wait_queue_t, type wait_queue_head_t } from '../../wait.js';
import { work_struct } from '../../workqueue.js';

/**
 * struct cgroup_event (seed, kernel/cgroup.c:158-183): the cgroup, the control file's cftype, the eventfd, the
 * cgroup's list link, and what unregistering on POLLHUP needs: the poll table, the eventfd's wait queue, the
 * entry on it and the work item that does the removal.
 */
export class cgroup_event extends KObject {
  cgrp: cgroup | null = null;
  /** The subsystem state the event pins (3.12 on); unused before. */
  css: cgroup_subsys_state | null = null;
  cft: Ptr<cftype> = null;
  eventfd: Ptr<eventfd_ctx> = null;
  readonly list: list_head;
  readonly pt: poll_table;
  wqh: wait_queue_head_t | null = null;
  readonly wait: wait_queue_t;
  readonly remove: work_struct;

  constructor(mem: Allocation) {
    super(mem, mem.name);
    this.list = new list_head(mem, `${mem.name}.list`, this);
    this.pt = new poll_table(this);
    this.wait = new wait_queue_t(mem, `${mem.name}.wait`);
    this.remove = new work_struct(mem, `${mem.name}.remove`);
  }

  override describeState(): string {
    return `on ${this.cgrp?.path ?? '?'}`;
  }
}

/** container_of(member, struct cgroup_event, field): the event a wait entry or work item is embedded in. */
export function event_of(member: KObject): cgroup_event {
  const e = member.mem.obj;
  if (!(e instanceof cgroup_event)) throw new Error(`container_of(${member.name}): not part of a cgroup_event`);
  return e;
}
