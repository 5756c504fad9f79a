import test from 'ava';
import { RunPlan, type PlanOptions } from '../../harness/runPlan.js';
import { Execution } from '../../sim/execution.js';
import { toyFactory, type ToyProgram } from '../helpers/sharedMemory.js';

/** Actor 0 writes one variable twice, actor 1 once: 3 traces, by where actor 1's write falls. */
const racy: ToyProgram = [
  [{ w: 0, v: 1 }, { w: 0, v: 2 }],
  [{ w: 0, v: 3 }],
];

/** Runs the plan until it ends or `cap` runs; the strategy name and schedule of each run. */
function runPlan(o: PlanOptions, cap: number): { names: string[]; schedules: string[]; plan: RunPlan } {
  const plan = new RunPlan(o);
  const names: string[] = [];
  const schedules: string[] = [];
  for (let run = 0; run < cap; run++) {
    const s = plan.next(run);
    if (s === null) break;
    const outcome = new Execution(toyFactory(racy).factory, s).run();
    plan.done(outcome.ending);
    names.push(s.name);
    schedules.push(outcome.schedule.join(''));
  }
  return { names, schedules, plan };
}

const base = { seed: '3', actors: 2, steps: 5 } as const;

test('the portfolio cycles random, PCT of depth 2 and 3, and DPOR, then random once DPOR is done', (t) => {
  const { names, plan } = runPlan({ ...base, strategy: 'portfolio' }, 24);
  t.deepEqual(names.slice(0, 8), ['random', 'pct-d2', 'pct-d3', 'dpor', 'random', 'pct-d2', 'pct-d3', 'dpor']);
  const r = plan.report();
  t.true(r.dfs!.complete);
  t.deepEqual(r.pct, [{ depth: 2, runs: 6 }, { depth: 3, runs: 6 }]);
  // Every fourth run after DPOR is exhausted is random.
  t.is(names.filter((n) => n === 'dpor').length, r.dfs!.executions);
  t.is(names[23], 'random');
});

test('random and PCT runs depend on the seed and run index only, whatever ran before', (t) => {
  const portfolio = runPlan({ ...base, strategy: 'portfolio' }, 12).schedules;
  const pct = runPlan({ ...base, strategy: 'pct', depth: 2 }, 12).schedules;
  // Run 1 of the portfolio is PCT depth 2 with run index 1, as is run 1 of a pure PCT depth-2 plan.
  t.is(portfolio[1], pct[1]);
  t.is(portfolio[5], pct[5]);
  t.deepEqual(runPlan({ ...base, strategy: 'random' }, 12).schedules, runPlan({ ...base, strategy: 'random' }, 12).schedules);
});

test('dfs ends when every trace is explored, one execution per trace here', (t) => {
  const { names, plan } = runPlan({ ...base, strategy: 'dfs' }, 100);
  const stats = plan.report().dfs!;
  t.true(stats.complete);
  t.is(names.length, stats.executions);
  // The second write of actor 0 and actor 1's write: 3 orders of actor 1's write among the two of actor 0.
  t.is(stats.traces, 3);
});

test('bounded explores every interleaving with 0 preemptions, then 1, up to the bound, and says which level it completed', (t) => {
  const zero = runPlan({ ...base, strategy: 'bounded', preemptions: 0 }, 100);
  const one = runPlan({ ...base, strategy: 'bounded', preemptions: 1 }, 100);
  t.is(zero.plan.report().boundedLevel, 0);
  t.is(one.plan.report().boundedLevel, 1);
  // Level 1 reaches the interleaving that runs actor 1 between actor 0's writes; level 0 cannot.
  const between = (ss: string[]): boolean => ss.some((s) => /^0+1+0+$/.test(s));
  t.false(between(zero.schedules));
  t.true(between(one.schedules));
  // Cut after one run, not even level 0 is complete.
  t.is(runPlan({ ...base, strategy: 'bounded', preemptions: 1 }, 1).plan.report().boundedLevel, -1);
  t.is(runPlan({ ...base, strategy: 'bounded', preemptions: 1 }, zero.schedules.length).plan.report().boundedLevel, 0);
});
