import test from 'ava';
import fc from 'fast-check';
import { contextSwitches, decodeSchedule, encodeSchedule, ScheduleSyntaxError } from '../../sim/schedule.js';

test('a schedule is run-length encoded with one letter per actor', (t) => {
  t.is(encodeSchedule([0, 0, 0, 2, 1, 1, 1]), 's1:a3cb3');
});

test('decoding reverses encoding', (t) => {
  t.deepEqual(decodeSchedule('s1:a3cb3'), [0, 0, 0, 2, 1, 1, 1]);
});

test('encode then decode is the identity on any schedule (property)', (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 51 }), { minLength: 1, maxLength: 300 }), (steps) => {
      t.deepEqual(decodeSchedule(encodeSchedule(steps)), steps);
    }),
    { seed: 42, numRuns: 300 },
  );
});

test('an unknown version is refused with the version named', (t) => {
  const e = t.throws(() => decodeSchedule('s9:a3'), { instanceOf: ScheduleSyntaxError });
  t.regex(e.message, /unsupported schedule version 's9:'/);
});

test('a malformed schedule names the offending position', (t) => {
  t.throws(() => decodeSchedule('s1:a3#b'), { instanceOf: ScheduleSyntaxError, message: /unexpected '#' at position 6/ });
  t.throws(() => decodeSchedule('s1:'), { instanceOf: ScheduleSyntaxError, message: /no steps/ });
  t.throws(() => decodeSchedule('a3b'), { instanceOf: ScheduleSyntaxError, message: /expected 's1:'/ });
  t.throws(() => decodeSchedule('s1:a03'), { instanceOf: ScheduleSyntaxError, message: /bad step count/ });
});

test('context switches count the changes of actor', (t) => {
  t.is(contextSwitches([0, 0, 1, 1, 0, 2]), 3);
  t.is(contextSwitches([0, 0, 1, 1, 0, 2], 3), 1);
});
