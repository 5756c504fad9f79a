import test from 'ava';
import type { Kernel, KGen } from '../../model/kernel.js';
import { kref, kref_get, kref_init, kref_put } from '../../model/kref.js';
import { REFCOUNT_SATURATED } from '../../model/refcount.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

/** A kref in static memory whose release only counts (the memory is never freed, so no use-after-free). */
function counted(k: Kernel) {
  const r = new kref(k.newAllocation('obj', 0, 'static', null), 'obj#1.kref');
  kref_init(r);
  const released: number[] = [];
  const release = function* (k2: Kernel): KGen {
    released.push(k2.host.step);
  };
  return { r, released, release };
}

test('a second kref_put after the last one is a refcount underflow, and the counter saturates', (t) => {
  let value = 0;
  let releases = 0;
  const r = runKernel({
    actors: [
      {
        name: 'putter',
        body: function* (k) {
          const c = counted(k);
          yield* kref_put(k, c.r, c.release, site('first_put'));
          yield* kref_put(k, c.r, c.release, site('second_put', 8));
          value = c.r.value;
          releases = c.released.length;
        },
      },
    ],
  });
  const u = ofKind(r, 'refcount-underflow');
  t.is(u.length, 1);
  t.like(u[0], {
    title: 'refcount_t: underflow; use-after-free.',
    object: 'obj',
    site: 'second_put: put of obj.kref at 0 [second_put (test/checkers.c:8)]',
    actor: 'putter',
  });
  t.is(u[0]!.details[0], 'obj#1.kref was 0 when putter (step 3) dropped a reference in second_put (test/checkers.c:8)');
  t.is(value, REFCOUNT_SATURATED);
  t.is(releases, 1, 'the saturated counter is never released again');
});

test('a kref_get on a counter that reached zero is an addition on 0', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'getter',
        body: function* (k) {
          const c = counted(k);
          yield* kref_put(k, c.r, c.release, site('last_put'));
          yield* kref_get(k, c.r, site('late_get', 5));
        },
      },
    ],
  });
  const u = ofKind(r, 'refcount-underflow');
  t.is(u.length, 1);
  t.like(u[0], { title: 'refcount_t: addition on 0; use-after-free.', site: 'late_get: get of obj.kref at 0 [late_get (test/checkers.c:5)]' });
});

test('balanced gets and puts release once and report nothing', (t) => {
  let released = -1;
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const c = counted(k);
          yield* kref_get(k, c.r, site('get'));
          yield* kref_get(k, c.r, site('get'));
          for (let i = 0; i < 3; i++) yield* kref_put(k, c.r, c.release, site('put'));
          released = c.released.length;
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
  t.is(released, 1);
});
