import type { Waitable } from '../../sim/actor.js';
import type { Cpu } from '../context.js';
import type { Kernel } from '../kernel.js';
import { KObject, type Allocation } from '../memory.js';
import type { Site } from '../site.js';

/**
 * A lock class as lockdep knows it: every lock initialised at the same place shares one class, so every
 * eventfd_ctx's `wqh.lock` is the one class `&ctx->wqh`. Classes are interned by name and outlive executions,
 * as lockdep's graph outlives the tasks that built it.
 */
export class LockClass {
  private static readonly classes = new Map<string, LockClass>();

  private constructor(
    readonly name: string,
    readonly sleeping: boolean,
  ) {}

  static of(name: string, sleeping = false): LockClass {
    let c = LockClass.classes.get(name);
    if (c === undefined) {
      c = new LockClass(name, sleeping);
      LockClass.classes.set(name, c);
    }
    return c;
  }
}

/** A lock held by a CPU, as an entry of lockdep's held_locks stack. */
export interface HeldLock {
  readonly lock: LockBase;
  readonly site: Site;
}

/** What spinlock_t and struct mutex share: an owner, a class, and being something a CPU can wait for. */
export abstract class LockBase extends KObject implements Waitable {
  owner: Cpu | null = null;
  ownerSite: Site | null = null;
  abstract readonly sleeping: boolean;
  /**
   * The lock as the dependency analysis knows it (sim/footprint.ts): taking it is an acquire of this id,
   * dropping it a release, rather than writes of the struct it lives in.
   */
  readonly lockKey: number;
  /** A waiter's wait ends when the lock is released; the step that ends it takes the lock. */
  readonly deps: readonly number[];
  readonly acquire = true;

  constructor(
    mem: Allocation,
    name: string,
    readonly cls: LockClass,
  ) {
    super(mem, name);
    this.lockKey = this.key;
    this.deps = [this.lockKey];
  }

  ready(): boolean {
    return this.owner === null;
  }

  describe(): string {
    const how = this.sleeping ? 'sleeps in mutex_lock' : 'spins in spin_lock';
    const by = this.owner === null ? 'free' : `held by ${this.owner.name}`;
    return `${how}(${this.name}) [${this.cls.name}], ${by}`;
  }
}

/**
 * The current CPU takes `lock`, which the engine only lets it reach when the lock is free: the memory access,
 * lockdep's validation (with the lock not yet among those held), then ownership. Within the current step.
 */
export function lock_acquired(k: Kernel, lock: LockBase, site: Site): Cpu {
  const cpu = k.cpu;
  k.lockWord(lock, site, 'acquire');
  k.probes.lockAcquire(cpu, lock, site);
  lock.owner = cpu;
  lock.ownerSite = site;
  cpu.held.push({ lock, site });
  return cpu;
}

/** The current CPU releases `lock`. Within the current step. */
export function lock_released(k: Kernel, lock: LockBase, site: Site): Cpu {
  const cpu = k.cpu;
  k.lockWord(lock, site, 'release');
  k.probes.lockRelease(cpu, lock, site);
  const i = cpu.held.findIndex((h) => h.lock === lock);
  if (i >= 0) cpu.held.splice(i, 1);
  if (lock.owner === cpu) {
    lock.owner = null;
    lock.ownerSite = null;
  }
  return cpu;
}
