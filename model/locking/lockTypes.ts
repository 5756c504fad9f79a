import type { Waitable } from '../../sim/actor.js';
import type { Cpu } from '../context.js';
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

  constructor(
    mem: Allocation,
    name: string,
    readonly cls: LockClass,
  ) {
    super(mem, name);
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
