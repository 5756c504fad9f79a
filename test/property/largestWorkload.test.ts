import test from 'ava';
import fc from 'fast-check';
import { largestWorkload, workloadArbitrary, type WorkloadOptions } from '../../property/arbitraries.js';

const callsOf = (w: { setup: readonly unknown[]; tasks: readonly { calls: readonly unknown[] }[] }): number => w.setup.length + w.tasks.reduce((n, t) => n + t.calls.length, 0);

test('no generated workload is larger than largestWorkload says', (t) => {
  for (const options of [{}, { maxTasks: 5, maxCalls: 6 }, { maxTasks: 1, maxCalls: 1, softirq: false, otherHierarchy: false }] satisfies WorkloadOptions[]) {
    const bound = largestWorkload(options);
    let most = 0;
    for (const w of fc.sample(workloadArbitrary(options), { numRuns: 3000, seed: 7 })) {
      t.true(w.tasks.length <= bound.tasks, JSON.stringify(options));
      most = Math.max(most, callsOf(w));
    }
    t.true(most <= bound.calls, `${JSON.stringify(options)}: ${most} calls, bound ${bound.calls}`);
  }
});
