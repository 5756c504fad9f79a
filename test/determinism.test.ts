import test from 'ava';
import fc from 'fast-check';
import { exploreVariant } from '../harness/explore.js';
import { replaySchedules, replaySeed } from '../harness/replay.js';
import { v4 } from '../model/variants/v4/index.js';
import { resolveScenarios } from '../scenarios/index.js';

const scenario = (name: string) => resolveScenarios(name)[0]!;

/** A traced run as text: every step and every report, as the CLI would print it. */
function fingerprint(r: ReturnType<typeof replaySeed>): string {
  return JSON.stringify({ schedule: r.schedule, ending: r.outcome.ending, trace: r.outcome.trace, findings: r.outcome.findings });
}

test('the same seed and run give the same trace, byte for byte', (t) => {
  for (const name of ['close-vs-rmdir', 'register-close-rmdir', 'softirq-signal']) {
    const a = fingerprint(replaySeed(v4, scenario(name), 'det', 7));
    const b = fingerprint(replaySeed(v4, scenario(name), 'det', 7));
    t.is(a, b, name);
  }
});

test('replaying a schedule gives the trace of the run it was recorded from', (t) => {
  const original = replaySeed(v4, scenario('close-vs-rmdir'), 'det', 3);
  const replayed = replaySchedules(v4, scenario('close-vs-rmdir'), [original.schedule]);
  t.is(fingerprint(replayed), fingerprint(original));
});

test('replay round trip holds for any seed and run (property)', (t) => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.nat(500), fc.constantFrom('register-vs-rmdir', 'close-vs-rmdir', 'register-vs-close', 'signal-vs-close'), (seed, run, name) => {
      const original = replaySeed(v4, scenario(name), seed, run);
      const replayed = replaySchedules(v4, scenario(name), [original.schedule]);
      return fingerprint(replayed) === fingerprint(original);
    }),
    { seed: 7, numRuns: 60 },
  );
  t.pass();
});

test('an exploration with the same seed finds the same bugs with the same witnesses', (t) => {
  const run = () => JSON.stringify(exploreVariant({ variant: v4, scenarios: [scenario('close-vs-rmdir')], runs: 60, seed: 'again' }).bugs.map((b) => [b.key, b.hits, b.best.witness.schedule]));
  t.is(run(), run());
});
