import test from 'ava';
import fc from 'fast-check';
import type { ActorSpec } from '../../../sim/actor.js';
import { ExecutionError, type SimHost } from '../../../sim/execution.js';
import { RandomStrategy } from '../../../sim/strategy/random.js';
import { ReplayStrategy } from '../../../sim/strategy/replay.js';
import { ScheduleMismatchError } from '../../../sim/strategy/strategy.js';
import { decodeSchedule, encodeSchedule } from '../../../sim/schedule.js';
import { doneOf, finding, runToy, steps, toyExecution } from '../../helpers/toy.js';

test('replay picks the recorded actor at every step and ends when the schedule is used up', (t) => {
  const s = new ReplayStrategy([2, 0]);
  t.is(s.pick([0, 1, 2], 3, 0), 2);
  t.is(s.pick([0], 1, 1), 0);
  t.is(s.pick([0, 1], 2, 2), -1);
});

test('a recorded actor that is not among the first `count` runnable ones is a mismatch', (t) => {
  const s = new ReplayStrategy([2]);
  const e = t.throws(() => s.pick([0, 1, 2], 2, 0), { instanceOf: ScheduleMismatchError });
  t.is(e.step, 0);
  t.is(e.wanted, 2);
  t.deepEqual(e.runnable, [0, 1]);
  t.is(e.message, 'step 1: the schedule runs actor 2, which is not runnable');
});

/** a: 2 steps; b: blocked until a is done, 1 step; c: after a, 1 step. */
function program(host: SimHost): ActorSpec[] {
  return [
    { name: 'a', body: () => steps(1) },
    {
      name: 'b',
      body: function* () {
        host.current.waitOn = doneOf(host, 'a');
        yield;
      },
    },
    { name: 'c', body: () => steps(0), after: ['a'] },
  ];
}

function mismatch(schedule: number[]): ExecutionError {
  const { exec } = toyExecution(program, new ReplayStrategy(schedule));
  let caught: unknown;
  try {
    exec.run();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof ExecutionError)) throw new Error(`expected an ExecutionError, got ${String(caught)}`);
  return caught;
}

test('a schedule running an actor that has not started says which actors it waits for', (t) => {
  const e = mismatch([2]);
  t.is(e.message, 'schedule does not fit: step 1 runs c, but c has not started (it waits for a); runnable: a, b');
  t.is(e.step, 0);
  t.is(e.schedule, 's1:');
});

test('a schedule running a blocked actor says what it is blocked on', (t) => {
  const e = mismatch([1, 1]);
  t.is(e.message, 'schedule does not fit: step 2 runs b, but b is blocked: waits for a to finish; runnable: a');
  t.is(e.step, 1);
  t.is(e.schedule, 's1:b');
});

test('a schedule running a finished actor says it has finished', (t) => {
  const e = mismatch([0, 0, 0]);
  t.is(e.message, 'schedule does not fit: step 3 runs a, but a has finished; runnable: b, c');
  t.is(e.schedule, 's1:a2');
});

test('a schedule naming an actor the program does not have says how many it has', (t) => {
  const e = mismatch([0, 7]);
  t.is(e.message, 'schedule does not fit: step 2 runs actor #7, but the scenario has no actor number 7 (it has 3); runnable: a, b');
});

test('a schedule running an interrupted actor says so', (t) => {
  const { exec } = toyExecution(
    () => [
      { name: 'cpu', body: () => steps(2) },
      { name: 'irq', body: () => steps(1), interrupts: 'cpu' },
    ],
    new ReplayStrategy([0, 1, 0]),
  );
  t.throws(() => exec.run(), {
    instanceOf: ExecutionError,
    message: 'schedule does not fit: step 3 runs cpu, but cpu is interrupted by irq; runnable: irq',
  });
});

test('an interrupt whose CPU has interrupts off has not started, waiting for its CPU', (t) => {
  const { exec } = toyExecution(
    (host) => [
      {
        name: 'cpu',
        body: function* () {
          host.current.interruptible = false;
          yield;
        },
      },
      { name: 'irq', body: () => steps(1), interrupts: 'cpu' },
    ],
    new ReplayStrategy([0, 1]),
  );
  t.throws(() => exec.run(), {
    instanceOf: ExecutionError,
    message: 'schedule does not fit: step 2 runs irq, but irq has not started (it waits for its CPU to take interrupts); runnable: cpu',
  });
});

/** Three actors sharing a counter, one of them reporting when it sees an odd value. */
function racy(host: SimHost): ActorSpec[] {
  let shared = 0;
  const body = (name: string) =>
    function* () {
      for (let i = 0; i < 4; i++) {
        shared++;
        if (name === 'c' && shared % 2 === 1) host.report(finding('odd', `${name}${i}`));
        yield;
      }
    };
  return [
    { name: 'a', body: body('a') },
    { name: 'b', body: body('b') },
    { name: 'c', body: body('c'), after: ['a'] },
  ];
}

test('the schedule of any run replays to the same schedule, ending and findings (property)', (t) => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.nat(1000), (seed, run) => {
      const first = runToy(racy, new RandomStrategy(seed, run)).outcome;
      const again = runToy(racy, new ReplayStrategy(decodeSchedule(encodeSchedule(first.schedule)))).outcome;
      t.deepEqual(again.schedule, first.schedule);
      t.is(again.ending, 'complete');
      t.is(first.ending, 'complete');
      t.deepEqual(
        again.findings.map((f) => `${f.site}@${f.step}`),
        first.findings.map((f) => `${f.site}@${f.step}`),
      );
    }),
    { seed: 7, numRuns: 200 },
  );
});
