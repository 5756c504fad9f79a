import test from 'ava';
import fc from 'fast-check';
import { exploreVariant } from '../../harness/explore.js';
import { variants } from '../../model/variants/index.js';
import { raceCases } from '../../property/raceProperty.js';
import { runWorkload, switchStrategy } from '../../property/runCase.js';
import { scenarios } from '../../scenarios/index.js';

/**
 * Generated workloads, with a fixed seed, against every shipped version: every kind of bug they show is one
 * `cgsim explore` reports for that version. (The other direction is not required: some bugs need a fault at a
 * given allocation and a crossing after it, or follow an earlier corruption; the shrink tests list which.)
 */
for (const v of variants) {
  test(`generated workloads on ${v.name} show only kinds of bug exploration confirms`, async (t) => {
    await new Promise((resolve) => setImmediate(resolve));
    const explored = new Set(exploreVariant({ variant: v, scenarios, runs: 60, seed: '1' }).bugs.map((b) => b.kind));
    const seen = new Map<string, string>();
    for (const c of fc.sample(raceCases({ variant: v }), { seed: 7, numRuns: 600 })) {
      const r = runWorkload(v, c.workload, switchStrategy(c.schedule));
      for (const f of r.outcome.findings) if (!seen.has(f.kind)) seen.set(f.kind, f.site);
    }
    for (const [kind, site] of seen) t.true(explored.has(kind), `${kind} (${site}) is not confirmed by exploration of ${v.name}`);
    t.pass();
    t.log(`${v.name}: generated ${[...seen.keys()].join(', ') || 'nothing'}; explored ${[...explored].join(', ') || 'nothing'}`);
  });
}
