import type { Kernel, KGen } from '../kernel.js';
import type { Allocation } from '../memory.js';
import type { Site } from '../site.js';
import { lock_acquired, lock_released, LockBase, LockClass } from './lockTypes.js';

/**
 * spinlock_t. Every acquire is one step: the CPU waits until the lock is free (a spinning CPU is blocked, not
 * runnable), then lockdep validates and the lock is taken. A CPU that spins forever never reaches that
 * point; lockdep's checkers validate such pending acquires when the run deadlocks, as the kernel's lockdep
 * would have before spinning.
 */
export class spinlock_t extends LockBase {
  readonly sleeping = false;
}

/** spin_lock_init(): the class is the init site's, named as lockdep prints it (`&cgrp->event_list_lock`). */
export function spin_lock_init(mem: Allocation, name: string, className: string): spinlock_t {
  return new spinlock_t(mem, name, LockClass.of(className));
}

function* acquire(k: Kernel, lock: spinlock_t, site: Site, how: string): KGen {
  yield k.op(how, lock, site, lock);
  lock_acquired(k, lock, site).preempt_count++;
}

function* release(k: Kernel, lock: spinlock_t, site: Site, how: string): KGen {
  yield k.op(how, lock, site);
  lock_released(k, lock, site).preempt_count--;
}

/** Any context. */
export function* spin_lock(k: Kernel, lock: spinlock_t, site: Site): KGen {
  yield* acquire(k, lock, site, 'spin_lock');
}

export function* spin_unlock(k: Kernel, lock: spinlock_t, site: Site): KGen {
  yield* release(k, lock, site, 'spin_unlock');
}

/** Disables interrupts, then spins with them off. */
export function* spin_lock_irq(k: Kernel, lock: spinlock_t, site: Site): KGen {
  k.cpu.local_irq_disable();
  yield* acquire(k, lock, site, 'spin_lock_irq');
}

export function* spin_unlock_irq(k: Kernel, lock: spinlock_t, site: Site): KGen {
  yield* release(k, lock, site, 'spin_unlock_irq');
  k.cpu.local_irq_enable();
}

/** Returns the saved interrupt state, to hand back to spin_unlock_irqrestore(). */
export function* spin_lock_irqsave(k: Kernel, lock: spinlock_t, site: Site): KGen<boolean> {
  const flags = k.cpu.local_irq_save();
  yield* acquire(k, lock, site, 'spin_lock_irqsave');
  return flags;
}

export function* spin_unlock_irqrestore(k: Kernel, lock: spinlock_t, flags: boolean, site: Site): KGen {
  yield* release(k, lock, site, 'spin_unlock_irqrestore');
  k.cpu.local_irq_restore(flags);
}

/** lockdep_assert_held(): true when the current CPU holds `lock`. */
export function lock_is_held(k: Kernel, lock: LockBase): boolean {
  return k.cpu.held.some((h) => h.lock === lock);
}
