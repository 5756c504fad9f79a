import test from 'ava';
import { pctConfidence, PctStrategy } from '../../../sim/strategy/pct.js';

/** Runs PCT over actors that never block: actor i has lengths[i] steps. Returns the order of the steps. */
function drive(s: PctStrategy, lengths: readonly number[]): number[] {
  const left = [...lengths];
  const order: number[] = [];
  for (let step = 0; left.some((n) => n > 0); step++) {
    const runnable = left.flatMap((n, a) => (n > 0 ? [a] : []));
    const a = s.pick(runnable, runnable.length, step);
    t_assert(runnable.includes(a));
    left[a]!--;
    order.push(a);
  }
  return order;
}

function t_assert(ok: boolean): void {
  if (!ok) throw new Error('PCT picked an actor that is not runnable');
}

const switches = (order: readonly number[], lengths: readonly number[]): number => {
  const done = lengths.map(() => 0);
  let n = 0;
  order.forEach((a, i) => {
    done[a]!++;
    const prev = order[i - 1];
    // A switch away from an actor that could have gone on: a preemption.
    if (prev !== undefined && prev !== a && done[prev]! < lengths[prev]!) n++;
  });
  return n;
};

test('the same seed and run give the same schedule; other runs give others', (t) => {
  const lengths = [6, 6, 6];
  const one = drive(new PctStrategy('s', 3, 3, 18, 3), lengths);
  t.deepEqual(drive(new PctStrategy('s', 3, 3, 18, 3), lengths), one);
  const others = new Set(Array.from({ length: 20 }, (_, run) => drive(new PctStrategy('s', run, 3, 18, 3), lengths).join('')));
  t.true(others.size > 5);
});

test('depth d preempts at most d - 1 times: the highest priority runs until a change point', (t) => {
  const lengths = [8, 8, 8];
  for (const depth of [1, 2, 3, 4]) {
    for (let run = 0; run < 50; run++) {
      const order = drive(new PctStrategy('seed', run, 3, 24, depth), lengths);
      t.true(switches(order, lengths) <= depth - 1, `depth ${depth} run ${run}: ${order.join('')}`);
    }
  }
});

test('a depth-2 ordering is hit as often as the PCT bound 1/(n k) promises', (t) => {
  // Actor 1's single step must fall right after actor 0's 5th of 10 steps: one ordering constraint each side.
  const lengths = [10, 1];
  const runs = 2000;
  let hits = 0;
  for (let run = 0; run < runs; run++) {
    const order = drive(new PctStrategy('bound', run, 2, 11, 2), lengths);
    if (order.indexOf(1) === 5) hits++;
  }
  // Here the bound is exact (actor 0 must start on top, and the change point fall on step 5), so the count is
  // binomial around it: allow three standard deviations below.
  const p = 1 / (2 * 11);
  t.true(hits >= runs * p - 3 * Math.sqrt(runs * p * (1 - p)), `${hits} of ${runs}`);
});

test('the confidence of R clean runs is 1 - (1 - 1/(n k^(d-1)))^R', (t) => {
  t.is(pctConfidence(1, 4, 100, 1), 1 / 4);
  t.true(Math.abs(pctConfidence(10, 2, 10, 2) - (1 - Math.pow(1 - 1 / 20, 10))) < 1e-12);
  t.true(pctConfidence(100, 3, 50, 3) < pctConfidence(1000, 3, 50, 3));
  t.true(pctConfidence(100, 3, 50, 2) > pctConfidence(100, 3, 50, 3));
});

test('a depth beyond the steps places one change point per step, and ends', (t) => {
  const s = new PctStrategy('1', 0, 3, 4, 50);
  const order = drive(s, [2, 1, 1]);
  t.is(order.length, 4);
});
