import type { Kernel, KGen } from '../../model/kernel.js';
import { spin_lock, spin_lock_irqsave, spin_unlock, spin_unlock_irqrestore } from '../../model/locking/spinlock.js';
import { site, spin } from './checkerKit.js';

/** spin_lock(outer); spin_lock(inner); then both unlocked, all labelled as lines 1-4 of `fn`. */
export function* nested(k: Kernel, outer: string, inner: string, fn: string): KGen {
  yield* spin_lock(k, spin(k, outer), site(fn, 1));
  yield* spin_lock(k, spin(k, inner), site(fn, 2));
  yield* spin_unlock(k, spin(k, inner), site(fn, 3));
  yield* spin_unlock(k, spin(k, outer), site(fn, 4));
}

/** spin_lock(name) and spin_unlock(name), as lines 1-2 of `fn`. */
export function* lockOnce(k: Kernel, name: string, fn: string): KGen {
  yield* spin_lock(k, spin(k, name), site(fn, 1));
  yield* spin_unlock(k, spin(k, name), site(fn, 2));
}

/** spin_lock_irqsave(outer), then spin_lock(inner) with interrupts off; both released. */
export function* nestedIrqsave(k: Kernel, outer: string, inner: string, fn: string): KGen {
  const flags = yield* spin_lock_irqsave(k, spin(k, outer), site(fn, 1));
  yield* spin_lock(k, spin(k, inner), site(fn, 2));
  yield* spin_unlock(k, spin(k, inner), site(fn, 3));
  yield* spin_unlock_irqrestore(k, spin(k, outer), flags, site(fn, 4));
}
