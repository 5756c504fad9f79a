import type { Kernel, KGen } from './kernel.js';
import type { Allocation } from './memory.js';
import { refcount_dec_and_test, refcount_inc, refcount_set, refcount_t } from './refcount.js';
import type { Site } from './site.js';

/** struct kref. */
export class kref extends refcount_t {
  constructor(mem: Allocation, name: string) {
    super(mem, name, 'kref');
  }
}

/** kref_init() on an object nobody else can see yet: no step of its own. */
export function kref_init(r: kref): void {
  refcount_set(r, 1);
}

export function* kref_get(k: Kernel, r: kref, site: Site): KGen {
  yield k.op('kref_get', r, site);
  refcount_inc(k, r, site);
}

/** Drops a reference; the last one calls `release`. Returns 1 when it did. */
export function* kref_put(k: Kernel, r: kref, release: (k: Kernel, r: kref, site: Site) => KGen, site: Site): KGen<number> {
  yield k.op('kref_put', r, site);
  if (!refcount_dec_and_test(k, r, site)) return 0;
  yield* release(k, r, site);
  return 1;
}
