import test from 'ava';
import { exploreScenario } from '../../harness/explore.js';
import { variantNamed } from '../../harness/resolve.js';
import { checkRaces } from '../../property/check.js';
import { caseSize, formatSize, type CaseSize, type Counterexample } from '../../property/counterexample.js';
import { fewestSwitches } from '../../property/fewestSwitches.js';
import { minimizeCase } from '../../property/minimize.js';
import { runWorkload, showing } from '../../property/runCase.js';
import { workloadScenario } from '../../scenarios/workload/scenario.js';
import { callCount, type Workload } from '../../scenarios/workload/workload.js';
import { findingKey, type Finding } from '../../sim/finding.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import { FIXTURES, fixture, withNoise } from './fixtures.js';

export const v4 = variantNamed('v4');

/**
 * Every v4 bug the fixtures show under exploration, each with the smallest fixture that shows it (fewest tasks,
 * then the witness with the fewest context switches) and exploration's witness there.
 */
export function fixtureBugs(): Map<string, { fixture: string; tasks: number; schedule: string; switches: number }> {
  const bugs = new Map<string, { fixture: string; tasks: number; schedule: string; switches: number }>();
  for (const name of Object.keys(FIXTURES)) {
    const tasks = fixture(name).tasks.length;
    const r = exploreScenario({ variant: v4, scenarios: [], runs: 80, seed: '1' }, workloadScenario(fixture(name)));
    for (const b of r.summary.bugs) {
      // A bug reported only after an earlier corruption of the same run may be its consequence: a property run
      // does not count it as a bug of its own (runCase.ts bugOf), so there is nothing to shrink towards.
      if (b.witness.finding.priorRuns !== undefined || b.witness.after.length > 0) continue;
      const known = bugs.get(b.key);
      if (known === undefined || tasks < known.tasks || (tasks === known.tasks && b.witness.switches < known.switches)) {
        bugs.set(b.key, { fixture: name, tasks, schedule: b.witness.schedule, switches: b.witness.switches });
      }
    }
  }
  return bugs;
}

/** The fewest context switches random search (100 runs) and context-bounded search found for `key` on `w`. */
function searchBest(w: Workload, accept: (f: Finding) => boolean, key: string): number {
  const shows = showing(key);
  let best = fewestSwitches(v4, w, key, accept, 1000)?.switches ?? Infinity;
  for (let run = 0; run < 100; run++) {
    const r = runWorkload(v4, w, new RandomStrategy('shrink-baseline', run), accept);
    if (shows(r)) best = Math.min(best, r.switches);
  }
  return best;
}

/**
 * One test per v4 bug (those with index = part mod parts): a fixture with generated noise, run as a property
 * until it shows the bug, shrinks to no more tasks and calls than the scenario has, and no more context
 * switches than random or context-bounded search needs for the same bug. A bug generated schedules do not
 * reach in 400 cases starts from exploration's witness instead (the test says so in its log).
 */
export function shrinkTests(part: number, parts: number): void {
  [...fixtureBugs()].forEach(([key, b], i) => {
    if (i % parts !== part) return;
    test(`${b.fixture}, ${key}: shrinks to a minimal race`, async (t) => {
      // Let ava hear about the tests before this one: each test is one long synchronous computation.
      await new Promise((resolve) => setImmediate(resolve));
      const start = fixture(b.fixture);
      const accept = (f: Finding): boolean => findingKey(f) === key;
      const r = checkRaces({ variant: v4, workload: withNoise(start), bugs: accept, seed: 1, numRuns: 400 });
      let min: Counterexample;
      let first: CaseSize;
      if (r.failed) {
        t.is(findingKey(r.shrunk!.bug), key, "fast-check's shrinking kept the bug");
        min = r.minimal!;
        first = r.first!.size;
      } else {
        t.log('not reached by 400 generated schedules: reduced from exploration\'s witness');
        min = minimizeCase(v4, start, b.schedule, accept);
        first = caseSize(start, b.switches);
      }
      t.is(findingKey(min.bug), key, 'the reduced case shows the same bug, at the same site');
      t.true(min.size.tasks <= start.tasks.length, `${min.size.tasks} tasks, the scenario has ${start.tasks.length}`);
      t.true(min.size.calls <= callCount(start), `${min.size.calls} calls, the scenario has ${callCount(start)}`);
      const baseline = searchBest(start, accept, key);
      t.true(min.size.switches <= baseline, `${min.size.switches} context switches; search found ${baseline}`);
      t.log(`first ${formatSize(first)}; minimal ${formatSize(min.size)}; search on ${b.fixture}: ${baseline} switches`);
    });
  });
}
