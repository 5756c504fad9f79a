import type { Kernel, KGen } from '../kernel.js';
import type { Allocation } from '../memory.js';
import type { Site } from '../site.js';
import { lock_acquired, lock_released, LockBase, LockClass } from './lockTypes.js';

/** struct mutex: a sleeping lock. Taking one may sleep, so it is checked by might_sleep() first. */
export class mutex extends LockBase {
  readonly sleeping = true;
}

export function mutex_init(mem: Allocation, name: string, className: string): mutex {
  return new mutex(mem, name, LockClass.of(className, true));
}

/** Process context only: may sleep. */
export function* mutex_lock(k: Kernel, lock: mutex, site: Site): KGen {
  k.might_sleep(site, 'mutex_lock');
  yield k.op('mutex_lock', lock, site, lock);
  lock_acquired(k, lock, site);
}

export function* mutex_unlock(k: Kernel, lock: mutex, site: Site): KGen {
  yield k.op('mutex_unlock', lock, site);
  lock_released(k, lock, site);
}
