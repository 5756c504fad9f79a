import type { Kernel } from './kernel.js';
import { KObject, type Allocation } from './memory.js';
import type { Counted } from './probes.js';
import type { Site } from './site.js';

/** Where refcount_t parks a counter after misuse: it is never released again (a leak, not a use-after-free). */
export const REFCOUNT_SATURATED = -(2 ** 30);

/**
 * A reference counter with refcount_t's semantics: decrementing past zero or incrementing from zero is
 * reported and saturates the counter instead of wrapping. These are atomic operations inside the current step;
 * the caller declares the step (kref_put, fput, dput, ...).
 */
export class refcount_t extends KObject implements Counted {
  value = 0;

  constructor(
    mem: Allocation,
    name: string,
    /** How the kernel calls this counter: `kref`, `f_count`, `d_count`, `refcnt`. */
    readonly counter: string,
  ) {
    super(mem, name);
  }

  override describeState(): string {
    return `${this.counter}=${this.value === REFCOUNT_SATURATED ? 'saturated' : this.value}`;
  }
}

export function refcount_set(r: refcount_t, n: number): void {
  r.value = n;
}

export function refcount_inc(k: Kernel, r: refcount_t, site: Site): void {
  k.wr(r, site, r.name);
  const before = r.value;
  k.probes.refcount(r, before, +1, site);
  r.value = before <= 0 ? REFCOUNT_SATURATED : before + 1;
}

/** atomic_inc(): an increment with no zero check, for counters where zero is a legal, live state (d_count). */
export function atomic_inc(k: Kernel, r: refcount_t, site: Site): void {
  k.wr(r, site, r.name);
  r.value++;
}

/** True when the counter dropped to zero: the caller releases the object. */
export function refcount_dec_and_test(k: Kernel, r: refcount_t, site: Site): boolean {
  k.wr(r, site, r.name);
  const before = r.value;
  k.probes.refcount(r, before, -1, site);
  if (before <= 0) {
    r.value = REFCOUNT_SATURATED;
    return false;
  }
  r.value = before - 1;
  return r.value === 0;
}

/** atomic_long_inc_not_zero(): takes a reference unless the object is already on its way out. */
export function refcount_inc_not_zero(k: Kernel, r: refcount_t, site: Site): boolean {
  k.wr(r, site, r.name);
  if (r.value <= 0) return false;
  r.value++;
  return true;
}
