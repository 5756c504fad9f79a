/**
 * A struct the patch defines, made into a model object type: a KObject subclass whose fields are the C fields,
 * pointers and integers starting zeroed (kzalloc), embedded kernel structs built as the model's own classes
 * (list_head, wait_queue_t, work_struct, poll_table, spinlock_t), named `block.field` as the model names them.
 */
import { list_head } from '../../model/list.js';
import { spin_lock_init } from '../../model/locking/spinlock.js';
import { KObject, type Allocation } from '../../model/memory.js';
import { poll_table, wait_queue_t } from '../../model/wait.js';
import { work_struct } from '../../model/workqueue.js';
import { CFrontError } from '../cfrontError.js';
import type { ParsedDefinition } from '../parse.js';
import { baseOf, declared, layoutSize, sizeOf, type CType } from './types.js';

/** The model's classes for embedded kernel structs, by C type; each builds the member inside its owner's block. */
const EMBEDDED: Record<string, (owner: KObject, mem: Allocation, name: string, field: string) => unknown> = {
  'struct list_head': (owner, mem, name) => new list_head(mem, name, owner),
  wait_queue_t: (_o, mem, name) => new wait_queue_t(mem, name),
  'struct work_struct': (_o, mem, name) => new work_struct(mem, name),
  poll_table: (owner) => new poll_table(owner),
  spinlock_t: (_o, mem, name, field) => spin_lock_init(mem, name, `&obj->${field}`),
};

export interface StructField {
  readonly name: string;
  readonly type: CType;
}

/** A patch's struct as an object type. */
export interface StructType {
  readonly name: string;
  readonly fields: readonly StructField[];
  readonly size: number;
  readonly cls: new (mem: Allocation) => KObject;
}

export function structType(p: ParsedDefinition): StructType {
  const body = p.node.childForFieldName('body');
  if (body === null) throw new CFrontError(p.def.path, p.def.firstLine, `struct ${p.def.name} has no body`);
  const fields: StructField[] = [];
  for (const f of body.namedChildren) {
    if (f === null || f.type === 'comment') continue;
    const t = f.childForFieldName('type');
    if (f.type !== 'field_declaration' || t === null) throw new CFrontError(p.def.path, p.lineOf(f), `unsupported construct in struct ${p.def.name}: ${f.type}`);
    for (const d of f.childrenForFieldName('declarator')) {
      if (d === null) continue;
      const decl = declared(d, baseOf(t));
      if (decl.type.ptr === 0 && !(decl.type.base in EMBEDDED) && sizeOf(decl.type, () => null) === null) {
        throw new CFrontError(p.def.path, p.lineOf(d), `unsupported field type in struct ${p.def.name}: ${decl.type.base} ${decl.name}`);
      }
      fields.push({ name: decl.name, type: decl.type });
    }
  }
  const size = layoutSize(fields.map((f) => sizeOf(f.type, () => null)!));
  return { name: p.def.name, fields, size, cls: objectClass(p.def.name, fields) };
}

function objectClass(name: string, fields: readonly StructField[]): new (mem: Allocation) => KObject {
  const describeBy = fields.find((f) => f.type.base === 'struct cgroup' && f.type.ptr === 1)?.name;
  const cls = class extends KObject {
    constructor(mem: Allocation) {
      super(mem, mem.name);
      const self = this as unknown as Record<string, unknown>;
      for (const f of fields) {
        const make = f.type.ptr === 0 ? EMBEDDED[f.type.base] : undefined;
        self[f.name] = make !== undefined ? make(this, mem, `${mem.name}.${f.name}`, f.name) : f.type.ptr > 0 ? null : 0;
      }
    }

    override describeState(): string {
      if (describeBy === undefined) return super.describeState();
      const c = (this as unknown as Record<string, { path?: string } | null>)[describeBy];
      return `on ${c?.path ?? '?'}`;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
