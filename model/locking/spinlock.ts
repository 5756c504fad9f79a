import type { Cpu } from '../context.js';
import type { Kernel, KGen } from '../kernel.js';
import type { Allocation } from '../memory.js';
import type { Site } from '../site.js';
import { lock_acquired, lock_released, LockBase, LockClass } from './lockTypes.js';

/**
 * spinlock_t. Every acquire is one step: the CPU waits until the lock is free (a spinning CPU is blocked, not
 * runnable), then lockdep validates and the lock is taken. A CPU that spins forever never reaches that
 * point; lockdep's checkers validate such pending acquires when the run deadlocks, as the kernel's lockdep
 * would have before spinning. A CPU that already owns the lock does not wait: DEBUG_SPINLOCK sees the recursion
 * at once (after lockdep's own look), and the CPU is lost (spin_lock_recursion).
 */
export class spinlock_t extends LockBase {
  readonly sleeping = false;
}

/** spin_lock_init(): the class is the init site's, named as lockdep prints it (`&cgrp->event_list_lock`). */
export function spin_lock_init(mem: Allocation, name: string, className: string): spinlock_t {
  return new spinlock_t(mem, name, LockClass.of(className));
}

function* acquire(k: Kernel, lock: spinlock_t, site: Site, how: string): KGen {
  const recursion = owned_by_this_cpu(k, lock);
  yield k.op(how, lock, site, recursion ? null : lock);
  if (recursion) spin_lock_recursion(k, lock, site);
  lock_acquired(k, lock, site).preempt_count++;
}

/**
 * The lock's owner is the current CPU: the task running here, or the task an interrupt running here interrupted
 * (an interrupt runs on its host's CPU, and `current` there is still the interrupted task). Read from the CPUs'
 * own lists of what they hold, which only they change: no other CPU's step can make this true or false.
 */
function owned_by_this_cpu(k: Kernel, lock: spinlock_t): boolean {
  const host = k.cpu.actor.host?.local as Cpu | undefined;
  return [k.cpu, ...(host !== undefined ? [host] : [])].some((cpu) => cpu.held.some((h) => h.lock === lock));
}

/**
 * spin_lock() of a lock this CPU holds: lockdep validates the acquire (it reports the recursion), then
 * do_raw_spin_lock()'s debug check reports it (spin_bug, lib/spinlock_debug.c), and the CPU spins for good on a
 * lock only it could release: a fatal finding, which ends the run. Within the current step.
 */
function spin_lock_recursion(k: Kernel, lock: spinlock_t, site: Site): never {
  k.lockWord(lock, site, 'acquire');
  k.probes.lockAcquire(k.cpu, lock, site);
  return k.probes.spinBug(k.cpu, lock, site, 'recursion');
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
