import test from 'ava';
import type { Kernel, KGen } from '../../model/kernel.js';
import { kref, kref_get, kref_init, kref_put } from '../../model/kref.js';
import { REFCOUNT_SATURATED } from '../../model/refcount.js';
import { runOne, staticMem, T } from '../helpers/modelFixtures.js';

/** A kref in a static block, and a release that only counts its calls (so nothing is freed under the test). */
function counted(k: Kernel): { r: kref; releases: () => number; release: (k: Kernel, r: kref) => KGen } {
  const r = new kref(staticMem(k, 'obj'), 'obj.kref');
  kref_init(r);
  let n = 0;
  return {
    r,
    releases: () => n,
    release: function* () {
      n++;
    },
  };
}

test('kref_put of the last reference runs the release once and returns 1', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const c = counted(k);
    yield* kref_get(k, c.r, T);
    seen.push(`after get: ${c.r.value}`);
    const first = yield* kref_put(k, c.r, c.release, T);
    seen.push(`put=${first} value=${c.r.value} releases=${c.releases()}`);
    const last = yield* kref_put(k, c.r, c.release, T);
    seen.push(`put=${last} value=${c.r.value} releases=${c.releases()}`);
  });
  t.deepEqual(seen, ['after get: 2', 'put=0 value=1 releases=0', 'put=1 value=0 releases=1']);
  t.deepEqual(kinds, []);
});

test('a kref_put below zero is a refcount-underflow and does not run the release again', (t) => {
  const seen: string[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const c = counted(k);
    yield* kref_put(k, c.r, c.release, T);
    const again = yield* kref_put(k, c.r, c.release, T);
    seen.push(`put=${again} saturated=${c.r.value === REFCOUNT_SATURATED} releases=${c.releases()}`);
  });
  t.deepEqual(seen, ['put=0 saturated=true releases=1']);
  t.deepEqual(kinds, ['refcount-underflow']);
  t.is(outcome.findings[0]!.title, 'refcount_t: underflow; use-after-free.');
});

test('the release receives the kref and the put site', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const r = new kref(staticMem(k, 'obj'), 'obj.kref');
    kref_init(r);
    yield* kref_put(
      k,
      r,
      function* (_k, got, site) {
        seen.push(`${got === r} ${site.fn}`);
      },
      T,
    );
  });
  t.deepEqual(seen, ['true test_body']);
});
