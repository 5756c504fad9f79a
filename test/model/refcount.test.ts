import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import {
  REFCOUNT_SATURATED,
  refcount_dec_and_test,
  refcount_inc,
  refcount_inc_not_zero,
  refcount_set,
  refcount_t,
} from '../../model/refcount.js';
import { pause, runOne, staticMem, T } from '../helpers/modelFixtures.js';

function counter(k: Kernel, n: number): refcount_t {
  const r = new refcount_t(staticMem(k, 'obj'), 'obj.refcnt', 'refcnt');
  refcount_set(r, n);
  return r;
}

test('refcount_dec_and_test is true only for the decrement that reaches zero', (t) => {
  const seen: boolean[] = [];
  runOne(function* (k) {
    const r = counter(k, 2);
    seen.push(refcount_dec_and_test(k, r, T), refcount_dec_and_test(k, r, T));
    yield* pause(k);
  });
  t.deepEqual(seen, [false, true]);
});

test('a decrement at zero is reported and saturates the counter for good', (t) => {
  const seen: unknown[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const r = counter(k, 0);
    seen.push(refcount_dec_and_test(k, r, T), r.value === REFCOUNT_SATURATED);
    // Saturated means never released: further gets and puts never reach zero.
    refcount_inc(k, r, T);
    seen.push(refcount_dec_and_test(k, r, T), r.describeState());
    yield* pause(k);
  });
  t.deepEqual(seen, [false, true, false, 'refcnt=saturated']);
  // The put at 0, and each use of the saturated counter after it.
  t.deepEqual(kinds, ['refcount-underflow', 'refcount-underflow', 'refcount-underflow']);
  t.regex(outcome.findings[0]!.site, /^test_body: put of obj\.refcnt at 0/);
});

test('an increment from zero is reported as addition on 0 and saturates', (t) => {
  const seen: unknown[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const r = counter(k, 0);
    refcount_inc(k, r, T);
    seen.push(r.value === REFCOUNT_SATURATED);
    yield* pause(k);
  });
  t.deepEqual(seen, [true]);
  t.deepEqual(kinds, ['refcount-underflow']);
  t.is(outcome.findings[0]!.title, 'refcount_t: addition on 0; use-after-free.');
});

test('refcount_inc_not_zero takes a reference only while the count is above zero, silently', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    const live = counter(k, 1);
    const dying = counter(k, 0);
    seen.push(refcount_inc_not_zero(k, live, T), live.value, refcount_inc_not_zero(k, dying, T), dying.value);
    yield* pause(k);
  });
  t.deepEqual(seen, [true, 2, false, 0]);
  t.deepEqual(kinds, []);
});
