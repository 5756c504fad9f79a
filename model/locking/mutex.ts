import type { Kernel, KGen } from '../kernel.js';
import type { Allocation } from '../memory.js';
import type { Site } from '../site.js';
import { LockBase, LockClass } from './lockTypes.js';

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
  const cpu = k.cpu;
  k.wr(lock, site, lock.name);
  k.probes.lockAcquire(cpu, lock, site);
  lock.owner = cpu;
  lock.ownerSite = site;
  cpu.held.push({ lock, site });
}

export function* mutex_unlock(k: Kernel, lock: mutex, site: Site): KGen {
  const cpu = k.cpu;
  yield k.op('mutex_unlock', lock, site);
  k.wr(lock, site, lock.name);
  k.probes.lockRelease(cpu, lock, site);
  const i = cpu.held.findIndex((h) => h.lock === lock);
  if (i >= 0) cpu.held.splice(i, 1);
  if (lock.owner === cpu) {
    lock.owner = null;
    lock.ownerSite = null;
  }
}
