import type { Site } from './site.js';

/**
 * One block of kernel memory: a slab object (kmalloc/kzalloc/kmem_cache_alloc), a static object (a global
 * such as the system workqueue), or a local variable in a task's stack frame (`char local_buffer[64]`), which
 * lives from its function's call to its return. Memory is never reused: a freed block stays as a tombstone, so
 * every later access is detected and the report can say where the block was allocated and where it was freed,
 * as KASAN does with its quarantine; a returned frame stays too (see model/stackFrame.ts).
 */
export class Allocation {
  freed = false;
  allocStep = -1;
  allocActor = '';
  allocSite: Site | null = null;
  freeStep = -1;
  freeActor = '';
  freeSite: Site | null = null;
  /** Call traces of the allocation and the free, innermost first (traced runs only). */
  allocStack: readonly string[] = [];
  freeStack: readonly string[] = [];
  /**
   * Its bytes start uninitialised: a byte buffer from kmalloc() without __GFP_ZERO, a stack frame. Zeroed memory
   * (kzalloc, statics) and modelled structs, which their constructors fill, start initialised.
   */
  uninit = false;
  /** A stack frame's variable (`local_buffer`); its function is the allocation site's. Null for other blocks. */
  local: string | null = null;
  /** The object living in this block, for reports (its refcounts, its state). */
  obj: KObject | null = null;
  readonly name: string;
  /**
   * Its identity for the dependency analysis (sim/footprint.ts): who allocated it and how many blocks that actor
   * had allocated before, so one actor's block has the same key whatever the others did first.
   */
  key = 0;

  constructor(
    readonly id: number,
    /** The C type: `cgroup_event`, `eventfd_ctx`, `char[]`, ... */
    readonly type: string,
    /** Size in bytes; only byte buffers are checked against it. */
    readonly size: number,
    readonly kind: MemoryKind,
  ) {
    this.name = `${type}#${id}`;
  }
}

/** Where a block lives: the slab, the kernel image, or the stack of the task that allocated it. */
export type MemoryKind = 'slab' | 'static' | 'stack';

/** Object keys lie above every block key: 2^31 + block key * 2^21 + a hash of the place in the block. */
function objectKey(mem: Allocation, name: string): number {
  // The block's own numbering (`#3`) depends on what other actors allocated first: keep only the place.
  const place = name.startsWith(mem.name) ? name.slice(mem.name.length) : `/${name}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < place.length; i++) h = Math.imul(h ^ place.charCodeAt(i), 0x01000193) >>> 0;
  return 2 ** 31 + mem.key * 2 ** 21 + (h & (2 ** 21 - 1));
}

/**
 * Lets a test see every object the model creates, to check that each step declares what it touches (see
 * test/helpers/footprintAudit.ts). Null outside that audit; the model never sets it.
 */
export const objectAudit: { wrap: ((o: KObject) => KObject) | null } = { wrap: null };

/** A modelled kernel struct, or a struct embedded in one (a list_head inside a cgroup_event shares its block). */
export abstract class KObject {
  /**
   * Its identity for the dependency analysis: its block's key and its place in the block (`.list`), so two
   * structs embedded in one block (a cgroup and its event list) are told apart, and stable across executions.
   */
  readonly key: number;

  constructor(
    readonly mem: Allocation,
    /** `cgroup_event#3`, or `cgroup_event#3.list` for an embedded member. */
    readonly name: string,
  ) {
    this.key = objectKey(mem, name);
    // The audit hands back a proxy that sees every field access; `this` in subclasses is then that proxy.
    if (objectAudit.wrap !== null) return objectAudit.wrap(this) as this;
  }

  /** What a leak report should say about this object beyond its type (`kref=1`, `f_count=2`). */
  describeState(): string {
    return '';
  }
}

/** `ERR_PTR(-E)`: a pointer that carries an errno. Dereferencing it is a fault, like NULL. */
export class ErrPtr {
  constructor(readonly err: number) {}
  get name(): string {
    return `ERR_PTR(${this.err})`;
  }
}

/** A C pointer to T: the object, NULL, or an ERR_PTR. */
export type Ptr<T> = T | ErrPtr | null;

export function ERR_PTR(err: number): ErrPtr {
  return new ErrPtr(err);
}

export function IS_ERR(p: unknown): p is ErrPtr {
  return p instanceof ErrPtr;
}

export function IS_ERR_OR_NULL(p: unknown): p is ErrPtr | null {
  return p === null || p instanceof ErrPtr;
}

export function PTR_ERR(p: ErrPtr): number {
  return p.err;
}

/** A byte buffer (a `char *` allocation): the bytes and the size the allocation was asked for. */
export class char_buf extends KObject {
  constructor(
    mem: Allocation,
    readonly bytes: Uint8Array,
  ) {
    super(mem, mem.name);
  }
}

/** `char *`: a buffer and an offset into it. Offsets may point past the end; reading there is what KASAN catches. */
export interface CharPtr {
  readonly buf: char_buf;
  readonly off: number;
}
