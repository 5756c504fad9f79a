import type { Actor } from '../sim/actor.js';
import { FatalFinding, type Finding } from '../sim/finding.js';
import type { SimHost } from '../sim/execution.js';
import type { Cpu } from './context.js';
import type { LockBase } from './locking/lockTypes.js';
import type { Allocation, ErrPtr } from './memory.js';
import type { Site } from './site.js';
import type { KernelFacts } from './facts.js';

/**
 * Bug kinds cgsim reports (the `kind` of a finding): the one list of them, which `cgsim fuzz --bugs` checks its
 * kinds against and the schemas' `kind` enums are tested against.
 */
export const BUG_KINDS = [
  'use-after-free',
  'double-free',
  'out-of-bounds',
  'uninit-value',
  'null-deref',
  'leak',
  'list-corruption',
  'deadlock',
  'lock-order-inversion',
  'lock-recursion',
  'irq-lock-inversion',
  'sleep-in-atomic',
  'soft-lockup',
  'refcount-underflow',
  'contract-violation',
  'lost-notification',
  'kernel-bug',
] as const;

export type BugKind = (typeof BUG_KINDS)[number];

/**
 * A finding as a checker builds it; the engine stamps step and actor. The body is a function: it is rendered
 * only when the run is traced (a replay), never while exploring.
 */
export type Report = Omit<Finding, 'step' | 'actor' | 'kind' | 'details'> & { readonly kind: BugKind; readonly details: () => readonly string[] };

/** A counted reference as the model keeps it (kref, f_count, d_count, ...). */
export interface Counted {
  readonly name: string;
  readonly mem: Allocation;
  /** `kref`, `f_count`, `d_count`, `refcnt`. */
  readonly counter: string;
  /** A percpu_ref (css->refcnt) rather than a refcount_t: the kernel checks it only when it switches to atomic. */
  readonly type?: 'percpu_ref';
}

/** A list_head, as DEBUG_LIST looks at it. */
export interface ListNode {
  readonly name: string;
  readonly mem: Allocation;
  next: ListNode | Poison | null;
  prev: ListNode | Poison | null;
}

/** LIST_POISON1/2: what list_del leaves in a deleted entry. */
export class Poison {
  constructor(
    readonly name: string,
    readonly address: string,
  ) {}
}

/** What checkers receive from the model: the hooks a kernel built with its debug options would run. */
export interface Checker {
  readonly name: string;
  /** A new execution starts; per-run state resets here (lockdep keeps its graph across runs). */
  beginRun?(ctx: CheckContext): void;
  /** The execution ended; `schedule()` encodes its schedule string (only call it when needed: it costs). */
  endRun?(schedule: () => string): void;

  alloc?(mem: Allocation): void;
  /** Called before the slab marks the block free. */
  free?(mem: Allocation, site: Site): void;
  access?(mem: Allocation, write: boolean, site: Site, what: string): void;
  /**
   * Bytes are loaded or stored (checked against the block's bounds and life). A store writes a defined value: it
   * initialises the bytes; a copy follows with copyBytes.
   */
  accessBytes?(mem: Allocation, offset: number, size: number, write: boolean, site: Site): void;
  /** The value of bytes already loaded decides a branch or reaches a result (KMSAN checks it here). */
  useBytes?(mem: Allocation, offset: number, size: number, site: Site): void;
  /**
   * `size` bytes were copied from `src` to `dst` (both accesses announced before): the stored bytes are as
   * initialised as the loaded ones were, so a copy propagates, not reports. A source outside any block (user
   * memory) is null: its bytes are defined.
   */
  copyBytes?(dst: Allocation, dstOffset: number, src: Allocation | null, srcOffset: number, size: number, site: Site): void;
  /** A NULL, ERR_PTR or poison dereference of `what` (a C type) through `field`: the checker must throw (it is an oops). */
  badPointer?(p: null | ErrPtr | Poison, site: Site, what: string, field: string): void;

  /**
   * A CPU takes a lock (lockdep validates here); `cpu.held` does not contain it yet, unless the CPU takes a lock it
   * holds (a recursion).
   */
  lockAcquire?(cpu: Cpu, lock: LockBase, site: Site): void;
  /**
   * DEBUG_SPINLOCK's check before spinning found `lock` in a state it cannot be taken from (`recursion`: this CPU
   * owns it). The checker must throw: the CPU spins for good.
   */
  spinBug?(cpu: Cpu, lock: LockBase, site: Site, what: 'recursion'): void;
  lockRelease?(cpu: Cpu, lock: LockBase, site: Site): void;
  mightSleep?(cpu: Cpu, site: Site, what: string): void;
  /** A counter changed by `delta`; `before` is its value before the change. */
  refcount?(ref: Counted, before: number, delta: number, site: Site): void;
  /** A percpu_ref was killed and switched to atomic mode with `count` references left (its base one dropped). */
  percpuRefAtomic?(ref: Counted & { readonly release: string }, count: number, site: Site): void;

  /**
   * DEBUG_LIST, as the running kernel's lib/list_debug.c does it (CheckContext.facts): return false to refuse the
   * operation (it has been reported).
   */
  listAdd?(node: ListNode, prev: ListNode, next: ListNode, site: Site): boolean;
  listDel?(entry: ListNode, site: Site): boolean;

  /** The soft-lockup watchdog: `cpu` has run `steps` steps without a chance to schedule; it is at `site`. */
  softLockup?(cpu: Cpu, steps: number, site: Site): void;

  /** No CPU can run and some are not done. */
  stuck?(blocked: readonly Actor[]): void;
  /** Every actor finished: end-of-run checks. */
  finished?(): void;

  /** API probes: the cgroup notification API as userspace and the subsystem see it. */
  api?(event: ApiEvent): void;
}

/** What the cgroup event API does, as the contract and notification checkers follow it. */
export type ApiEvent =
  | { type: 'register_event'; cgrp: object; cft: string; eventfd: object; css: { mem: Allocation } | null; ret: number; site: Site }
  | { type: 'unregister_event'; cgrp: object; cgrpMem: Allocation; cft: string; eventfd: object; css: { mem: Allocation } | null; site: Site; ret: number | null }
  | { type: 'destroy'; cgrp: object; subsys: string; site: Site }
  | { type: 'eventfd_signal'; ctx: object }
  | { type: 'eventfd_release'; ctx: object }
  | { type: 'write_done'; cgrp: object; file: string; ret: number }
  | { type: 'rmdir_begin'; cgrp: object }
  | { type: 'rmdir_done'; cgrp: object; cgroupName: string; ret: number }
  | { type: 'quiescent' };

/** What a checker may ask about the running execution. */
export interface CheckContext {
  readonly host: SimHost;
  /** The facts of the running kernel, the same for the whole execution: how its debug options react. */
  readonly facts: KernelFacts;
  /** Index of this execution within the exploration (0 for a single replay). */
  readonly run: number;
  /** The kernel CPU state of an actor. */
  cpuOf(actor: Actor): Cpu;
  /** Records a finding. */
  report(r: Report): void;
  /** Records a fatal finding and stops the CPU: never returns. */
  oops(r: Report): never;
  /** A short description of the current position: `close (step 17)`. */
  where(): string;
  /** The modelled call chain at this point (only while tracing; empty otherwise). */
  stack(): string[];
}

/**
 * The hub between the model and the checkers: the model calls one method per debug hook, the hub calls every
 * checker that implements it. Checkers never see which variant runs; they see only what the code does.
 */
export class Probes {
  private readonly allocs: Checker[];
  private readonly frees: Checker[];
  private readonly accesses: Checker[];
  private readonly byteAccesses: Checker[];
  private readonly byteUses: Checker[];
  private readonly byteCopies: Checker[];
  private readonly badPointers: Checker[];
  private readonly acquires: Checker[];
  private readonly releases: Checker[];
  private readonly spinBugs: Checker[];
  private readonly sleeps: Checker[];
  private readonly refcounts: Checker[];
  private readonly percpuRefs: Checker[];
  private readonly listAdds: Checker[];
  private readonly listDels: Checker[];
  private readonly apis: Checker[];

  constructor(readonly checkers: readonly Checker[]) {
    const having = (k: keyof Checker): Checker[] => checkers.filter((c) => typeof c[k] === 'function');
    this.allocs = having('alloc');
    this.frees = having('free');
    this.accesses = having('access');
    this.byteAccesses = having('accessBytes');
    this.byteUses = having('useBytes');
    this.byteCopies = having('copyBytes');
    this.badPointers = having('badPointer');
    this.acquires = having('lockAcquire');
    this.releases = having('lockRelease');
    this.spinBugs = having('spinBug');
    this.sleeps = having('mightSleep');
    this.refcounts = having('refcount');
    this.percpuRefs = having('percpuRefAtomic');
    this.listAdds = having('listAdd');
    this.listDels = having('listDel');
    this.apis = having('api');
  }

  alloc(mem: Allocation): void {
    for (const c of this.allocs) c.alloc!(mem);
  }
  free(mem: Allocation, site: Site): void {
    for (const c of this.frees) c.free!(mem, site);
  }
  access(mem: Allocation, write: boolean, site: Site, what: string): void {
    for (const c of this.accesses) c.access!(mem, write, site, what);
  }
  accessBytes(mem: Allocation, offset: number, size: number, write: boolean, site: Site): void {
    for (const c of this.byteAccesses) c.accessBytes!(mem, offset, size, write, site);
  }
  useBytes(mem: Allocation, offset: number, size: number, site: Site): void {
    for (const c of this.byteUses) c.useBytes!(mem, offset, size, site);
  }
  copyBytes(dst: Allocation, dstOffset: number, src: Allocation | null, srcOffset: number, size: number, site: Site): void {
    for (const c of this.byteCopies) c.copyBytes!(dst, dstOffset, src, srcOffset, size, site);
  }
  /** Never returns: a checker throws the oops; without one, the model still cannot go on. */
  badPointer(p: null | ErrPtr | Poison, site: Site, what: string, field = ''): never {
    for (const c of this.badPointers) c.badPointer!(p, site, what, field);
    throw new FatalFinding({
      kind: 'null-deref',
      object: what,
      site: site.fn,
      title: `BUG: bad pointer dereference in ${site.fn}`,
      details: [],
      fatal: true,
      corrupts: false,
      step: -1,
      actor: '',
    });
  }
  lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void {
    for (const c of this.acquires) c.lockAcquire!(cpu, lock, site);
  }
  lockRelease(cpu: Cpu, lock: LockBase, site: Site): void {
    for (const c of this.releases) c.lockRelease!(cpu, lock, site);
  }
  /** Never returns: a checker throws the report; without one, the CPU is lost all the same. */
  spinBug(cpu: Cpu, lock: LockBase, site: Site, what: 'recursion'): never {
    for (const c of this.spinBugs) c.spinBug!(cpu, lock, site, what);
    throw new FatalFinding({
      kind: 'deadlock',
      object: lock.cls.name,
      site: site.fn,
      title: `BUG: spinlock ${what} in ${site.fn}`,
      details: [],
      fatal: true,
      corrupts: false,
      step: -1,
      actor: '',
    });
  }
  mightSleep(cpu: Cpu, site: Site, what: string): void {
    for (const c of this.sleeps) c.mightSleep!(cpu, site, what);
  }
  refcount(ref: Counted, before: number, delta: number, site: Site): void {
    for (const c of this.refcounts) c.refcount!(ref, before, delta, site);
  }
  percpuRefAtomic(ref: Counted & { readonly release: string }, count: number, site: Site): void {
    for (const c of this.percpuRefs) c.percpuRefAtomic!(ref, count, site);
  }
  listAdd(node: ListNode, prev: ListNode, next: ListNode, site: Site): boolean {
    let ok = true;
    for (const c of this.listAdds) ok = c.listAdd!(node, prev, next, site) && ok;
    return ok;
  }
  listDel(entry: ListNode, site: Site): boolean {
    let ok = true;
    for (const c of this.listDels) ok = c.listDel!(entry, site) && ok;
    return ok;
  }
  api(event: ApiEvent): void {
    for (const c of this.apis) c.api!(event);
  }
  softLockup(cpu: Cpu, steps: number, site: Site): void {
    for (const c of this.checkers) c.softLockup?.(cpu, steps, site);
  }
  stuck(blocked: readonly Actor[]): void {
    for (const c of this.checkers) c.stuck?.(blocked);
  }
  finished(): void {
    for (const c of this.checkers) c.finished?.();
  }
}
