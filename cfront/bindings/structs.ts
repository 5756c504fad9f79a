/**
 * The model's own structs, for C that uses a struct it does not define (a source file quoting only functions):
 * container_of(work, struct cgroup_event, remove) then finds the model's object the hand-written write handler
 * of the base allocated. Fields as the kernel declares them (versions.md section 1: struct cgroup_event).
 * A struct the C defines itself always comes first (cfront/program.ts).
 */
import type { KObject } from '../../model/memory.js';
import { cgroup_event } from '../../model/variants/v4/event.js';
import { mem_cgroup_event } from '../../model/variants/v6_10/event.js';
import { layoutSize, sizeOf, type CType } from '../interp/types.js';
import type { StructField, StructType } from '../interp/structs.js';

const p = (base: string): CType => ({ base, ptr: 1 });
const v = (base: string): CType => ({ base, ptr: 0 });

function modelStruct(name: string, cls: new (...a: never[]) => KObject, fields: Record<string, CType>): StructType {
  const list: StructField[] = Object.entries(fields).map(([n, type]) => ({ name: n, type }));
  const size = layoutSize(list.map((f) => sizeOf(f.type, () => null)!));
  return { name, fields: list, size, cls: cls as unknown as StructType['cls'] };
}

export const MODEL_STRUCTS: ReadonlyMap<string, StructType> = new Map([
  [
    'cgroup_event',
    modelStruct('cgroup_event', cgroup_event, {
      cgrp: p('struct cgroup'),
      cft: p('struct cftype'),
      eventfd: p('struct eventfd_ctx'),
      list: v('struct list_head'),
      pt: v('poll_table'),
      wqh: p('wait_queue_head_t'),
      wait: v('wait_queue_t'),
      remove: v('struct work_struct'),
    }),
  ],
  [
    'mem_cgroup_event',
    modelStruct('mem_cgroup_event', mem_cgroup_event, {
      memcg: p('struct mem_cgroup'),
      eventfd: p('struct eventfd_ctx'),
      list: v('struct list_head'),
      register_event: p('void'),
      unregister_event: p('void'),
      pt: v('poll_table'),
      wqh: p('wait_queue_head_t'),
      wait: v('wait_queue_t'),
      remove: v('struct work_struct'),
    }),
  ],
]);
