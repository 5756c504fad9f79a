import test from 'ava';
import { PrefixStrategy } from '../../../sim/strategy/prefix.js';
import { SwitchStrategy } from '../../../sim/strategy/switches.js';

/** Picks `steps` times from a fixed runnable set, returning the actor chosen at each step. */
function drive(s: { pick(r: ArrayLike<number>, n: number, step: number): number }, runnable: (step: number) => number[], steps: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = runnable(i);
    out.push(s.pick(r, r.length, i));
  }
  return out;
}

test('with no switches nothing preempts: the actor that ran keeps the CPU, the lowest runnable starts', (t) => {
  t.deepEqual(drive(new SwitchStrategy([]), () => [1, 2, 3], 4), [1, 1, 1, 1]);
  t.deepEqual(drive(new SwitchStrategy([]), (i) => (i < 2 ? [2, 3] : [1, 3]), 4), [2, 2, 1, 1]);
});

test('a switch fires once the actor has run that many more steps with a choice, to its actor or the next runnable one', (t) => {
  t.deepEqual(drive(new SwitchStrategy([{ after: 2, to: 3 }]), () => [1, 3], 5), [1, 1, 1, 3, 3]);
  t.deepEqual(drive(new SwitchStrategy([{ after: 0, to: 2 }]), () => [1, 3], 2), [3, 3]);
  t.deepEqual(drive(new SwitchStrategy([{ after: 0, to: 9 }]), () => [1, 3], 2), [1, 1], 'past the last id it wraps to the first');
});

test('steps without a choice do not use a switch up', (t) => {
  t.deepEqual(drive(new SwitchStrategy([{ after: 1, to: 2 }]), (i) => (i < 3 ? [0] : [1, 2]), 6), [0, 0, 0, 1, 1, 2]);
});

test('a prefix is followed while it fits, then the other strategy decides', (t) => {
  t.deepEqual(drive(new PrefixStrategy([2, 1], new SwitchStrategy([])), () => [1, 2], 4), [2, 1, 1, 1]);
  t.deepEqual(drive(new PrefixStrategy([5, 2], new SwitchStrategy([])), () => [1, 2], 3), [1, 1, 1], 'a step that does not fit ends the prefix');
});
