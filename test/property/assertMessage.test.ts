import test from 'ava';
import fc from 'fast-check';
import { raceCases, raceProperty, RaceFound } from '../../property/raceProperty.js';
import { replayOf } from '../../property/counterexample.js';
import { fixture } from './fixtures.js';

/** What fc.assert throws, and its message (fast-check 4 keeps the property's own error only as `cause`). */
function assertError(run: () => void): Error & { cause?: unknown } {
  try {
    run();
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  }
  throw new Error('fc.assert did not fail');
}

test("fc.assert(raceProperty(...))'s own message carries cgsim's report and the replay command", (t) => {
  const e = assertError(() => fc.assert(raceProperty({ variant: 'v4' }), { seed: 1 }));
  t.true(e.cause instanceof RaceFound);
  const found = (e.cause as RaceFound).counterexample;
  t.true(e.message.startsWith('Property failed after'), e.message);
  t.true(e.message.includes(`${found.bug.kind}: ${found.bug.object} -- ${found.bug.title}`), e.message);
  t.true(e.message.includes(`  site: ${found.bug.site}`), e.message);
  t.true(e.message.includes(`replay: ${replayOf(found)}`), e.message);
  t.regex(e.message, /replay: cgsim replay --variant v4 --workload '.*' --schedule s1:/);
});

test('the report is the one of the shrunk case fast-check prints, for a fixed workload too', (t) => {
  const prop = raceProperty({ variant: 'v4', workload: fixture('close-vs-rmdir'), bugs: ['list-corruption'], scheduleOptions: { maxGap: 12 } });
  const e = assertError(() => fc.assert(prop, { seed: 3, numRuns: 1000 }));
  const shrunk = (e.cause as RaceFound).counterexample;
  t.is(shrunk.bug.kind, 'list-corruption');
  t.true(e.message.includes(`schedule: ${shrunk.schedule}\n`), e.message);
  t.true(e.message.includes(`replay: ${replayOf(shrunk)}\n`), e.message);
  // One report: that of the case printed, not of every case that failed on the way.
  t.is(e.message.split(' -- cgsim:').length, 2, e.message);
});

test('a case that did not fail prints as its workload and schedule only', (t) => {
  const [c] = fc.sample(raceCases({ variant: 'v4' }), { seed: 1, numRuns: 1 });
  t.regex(fc.stringify(c), /^\{ workload: '.*', schedule: .* \}$/s);
  t.false(fc.stringify(c).includes('cgsim:'));
});
