import test from 'ava';
import type { ActorSpec } from '../../../sim/actor.js';
import { RandomStrategy } from '../../../sim/strategy/random.js';
import { encodeSchedule } from '../../../sim/schedule.js';
import { runToy, steps } from '../../helpers/toy.js';

const three = (): ActorSpec[] => [
  { name: 'a', body: () => steps(5) },
  { name: 'b', body: () => steps(5) },
  { name: 'c', body: () => steps(5) },
];

const scheduleOf = (seed: string | number, run: number): string => encodeSchedule(runToy(three, new RandomStrategy(seed, run)).outcome.schedule);

test('the same seed and run give the same schedule', (t) => {
  for (let run = 0; run < 10; run++) t.is(scheduleOf('abc', run), scheduleOf('abc', run));
});

test('a numeric seed is the same as its decimal string', (t) => {
  t.is(scheduleOf(42, 3), scheduleOf('42', 3));
});

test('different runs of one seed usually give different schedules', (t) => {
  const schedules = new Set<string>();
  for (let run = 0; run < 20; run++) schedules.add(scheduleOf('abc', run));
  t.true(schedules.size >= 18, `only ${schedules.size} distinct schedules in 20 runs`);
});

test('different seeds give different schedules for the same run', (t) => {
  t.not(scheduleOf('abc', 0), scheduleOf('abd', 0));
});

test('a pick is always one of the runnable actors', (t) => {
  const s = new RandomStrategy('pick', 0);
  for (let i = 0; i < 500; i++) {
    const runnable = [3, 7, 11, 20].slice(0, 1 + (i % 4));
    t.true(runnable.includes(s.pick(runnable, runnable.length)));
  }
});

test('only the first `count` runnable entries are candidates', (t) => {
  const s = new RandomStrategy('count', 0);
  for (let i = 0; i < 200; i++) t.true([0, 1].includes(s.pick([0, 1, 99, 99], 2)));
});

test('picks are close to uniform over the runnable actors', (t) => {
  const s = new RandomStrategy('uniform', 0);
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[s.pick([0, 1, 2], 3)]!++;
  for (const c of counts) t.true(c > 900 && c < 1100, `counts ${counts.join(', ')}`);
});

test('a forced step draws nothing, so it does not reshuffle the later choices', (t) => {
  const plain = new RandomStrategy('forced', 1);
  const withForced = new RandomStrategy('forced', 1);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 50; i++) {
    a.push(plain.pick([0, 1, 2], 3));
    t.is(withForced.pick([5], 1), 5);
    t.is(withForced.pick([6], 1), 6);
    b.push(withForced.pick([0, 1, 2], 3));
  }
  t.deepEqual(b, a);
});
