import test from 'ava';
import type { Kernel, KGen } from '../../model/kernel.js';
import { percpu_ref, percpu_ref_get, percpu_ref_kill, percpu_ref_put, percpu_ref_tryget_live } from '../../model/percpuRefcount.js';
import { conflict, settle, type Footprint, type StepAccess } from '../../sim/footprint.js';
import type { Strategy } from '../../sim/strategy/strategy.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { lazy, pause, runOne, staticMem, T } from '../helpers/modelFixtures.js';

const ref = lazy((k) => new percpu_ref(staticMem(k, 'css_thing'), 'css_thing.refcnt', 'refcnt', 'css_release'));

/** One step that runs `body` (declared as a pause, then performed). */
function* step(k: Kernel, body: () => void): KGen {
  yield* pause(k);
  body();
}

test('in percpu mode gets and puts only count: an unbalanced put releases nothing and is reported by nobody', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    const r = ref(k);
    yield* step(k, () => seen.push(percpu_ref_put(k, r, T), percpu_ref_put(k, r, T), r.total(), r.describeState()));
    yield* step(k, () => {
      percpu_ref_get(k, r, T);
      seen.push(percpu_ref_tryget_live(k, r, T), r.total());
    });
  });
  t.deepEqual(seen, [false, false, -1, 'refcnt=-1 (percpu)', true, 1]);
  t.deepEqual(kinds, []);
});

test('balanced references: the kill drops the base one, and the last holder put afterwards releases', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    const r = ref(k);
    yield* step(k, () => {
      percpu_ref_get(k, r, T);
      percpu_ref_get(k, r, T);
      percpu_ref_put(k, r, T);
      seen.push(percpu_ref_kill(k, r, T), r.describeState(), percpu_ref_tryget_live(k, r, T));
      seen.push(percpu_ref_put(k, r, T), r.describeState());
    });
  });
  t.deepEqual(seen, [false, 'refcnt=1 (atomic, dead)', false, true, 'refcnt=0 (atomic, dead)']);
  t.deepEqual(kinds, []);
});

test('a kill with nobody else holding a reference releases at once', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    yield* step(k, () => seen.push(percpu_ref_kill(k, ref(k), T)));
  });
  t.deepEqual(seen, [true]);
  t.deepEqual(kinds, []);
});

test('one put too many before the kill is not caught by it: the release comes one put early, and the holder left over puts one too many', (t) => {
  const seen: unknown[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const r = ref(k);
    yield* step(k, () => {
      percpu_ref_get(k, r, T); // a holder
      percpu_ref_put(k, r, T); // and a put nobody took
      seen.push(percpu_ref_kill(k, r, T)); // the release, with the holder still holding
      seen.push(percpu_ref_put(k, r, T)); // the holder's: one too many
    });
  });
  t.deepEqual(seen, [true, false]);
  t.deepEqual(kinds, ['refcount-underflow']);
  t.like(outcome.findings[0], { title: 'cgsim: percpu_ref underflow: css_thing.refcnt put at 0, after the kill', site: 'test_body: put of css_thing.refcnt at 0 [test_body (test)]' });
});

test('more puts than gets at the kill is the warning of the switch to atomic, and the ref is never released', (t) => {
  const seen: unknown[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const r = ref(k);
    yield* step(k, () => {
      percpu_ref_put(k, r, T);
      percpu_ref_put(k, r, T);
      seen.push(percpu_ref_kill(k, r, T), r.describeState());
    });
  });
  t.deepEqual(seen, [false, 'refcnt=-2 (atomic, dead)']);
  t.deepEqual(kinds, ['refcount-underflow']);
  t.like(outcome.findings[0], {
    title: 'percpu ref (css_release) <= 0 (-1) after switching to atomic',
    site: 'test_body: css_thing.refcnt at -1 when switched to atomic [test_body (test)]',
    corrupts: true,
  });
});

/** Records what each step declared. */
class Recording implements Strategy {
  readonly name = 'recording';
  readonly observes = true;
  readonly steps: StepAccess[] = [];
  constructor(private readonly order: readonly number[]) {}
  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    return this.order[step] ?? runnable[0]!;
  }
  observe(step: number, actor: number, fp: Footprint): void {
    this.steps[step] = settle(actor, fp);
  }
}

test('gets and puts of two CPUs before the kill commute; the kill depends on each, and so does each put after it', (t) => {
  const at: Record<string, number> = {};
  const mark = (k: Kernel, name: string, body: () => void): KGen =>
    (function* () {
      yield* pause(k);
      at[name] = k.host.step;
      body();
    })();
  const strategy = new Recording([0, 0, 1, 1, 2, 2, 0, 0]);
  runKernel({
    strategy,
    actors: [
      { name: 'a', body: (k) => mark(k, 'get a', () => percpu_ref_get(k, ref(k), T)) },
      { name: 'b', body: (k) => mark(k, 'put b', () => percpu_ref_put(k, ref(k), T)) },
      { name: 'killer', body: (k) => mark(k, 'kill', () => percpu_ref_kill(k, ref(k), T)) },
    ],
  });
  const s = (name: string): StepAccess => strategy.steps[at[name]!]!;
  t.false(conflict(s('get a'), s('put b')));
  t.true(conflict(s('get a'), s('kill')));
  t.true(conflict(s('put b'), s('kill')));
});
