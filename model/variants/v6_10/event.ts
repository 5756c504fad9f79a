import type { cftype, unregister_event_t, register_event_t } from '../../cgroup/cgroup.js';
import type { eventfd_ctx } from '../../eventfd.js';
import { list_head } from '../../list.js';
import type { mem_cgroup } from '../../memcg/memcontrol.js';
import { KObject, type Allocation, type Ptr } from '../../memory.js';
import { poll_table, wait_queue_t, type wait_queue_head_t } from '../../wait.js';
import { work_struct } from '../../workqueue.js';

/**
 * struct mem_cgroup_event (6.x, mm/memcontrol-v1.c): the memcg, the eventfd, the memcg's list link, the
 * (un)register callbacks the control file's name chose, and what unregistering on EPOLLHUP needs.
 */
export class mem_cgroup_event extends KObject {
  memcg: mem_cgroup | null = null;
  eventfd: Ptr<eventfd_ctx> = null;
  register_event: register_event_t | null = null;
  unregister_event: unregister_event_t | null = null;
  /** The control file's cftype, whose callbacks the two above are (the model keeps it to call them). */
  cft: cftype | null = null;
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
    return `on ${this.memcg?.cgroup.path ?? '?'}`;
  }
}

/** container_of(member, struct mem_cgroup_event, field). */
export function memcg_event_of(member: KObject): mem_cgroup_event {
  const e = member.mem.obj;
  if (!(e instanceof mem_cgroup_event)) throw new Error(`container_of(${member.name}): not part of a mem_cgroup_event`);
  return e;
}
