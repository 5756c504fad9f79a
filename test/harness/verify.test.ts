import test from 'ava';
import { allCheckers } from '../../checkers/index.js';
import { runOnce } from '../../harness/run.js';
import { verifyScenario } from '../../harness/verify.js';
import { findVariant as byName } from '../../model/variants/index.js';
import { resolveScenarios } from '../../scenarios/index.js';
import { DporExplorer, type DporOptions } from '../../sim/dpor/explorer.js';
import { findingKey } from '../../sim/finding.js';

/** The traces (canonical hashes) and bugs (kind and site) of one exhaustive search of a kernel scenario. */
function search(variant: string, scenario: string, opts: DporOptions): { traces: string[]; bugs: string[]; executions: number } {
  const v = byName(variant)!;
  const sc = resolveScenarios(scenario)[0]!;
  const verified = verifyScenario({ variant: v, scenario: sc, ...opts });
  const explorer = new DporExplorer(verified.result.actors, opts);
  const checkers = allCheckers();
  const bugs = new Set<string>();
  for (let run = 0; ; run++) {
    const strategy = explorer.next();
    if (strategy === null) break;
    const { outcome } = runOnce({ variant: v, scenario: sc, strategy, checkers, run });
    explorer.finish(outcome.ending !== 'pruned');
    for (const f of outcome.findings) bugs.add(findingKey(f));
  }
  // The explorer the harness drives and this one agree: the harness adds nothing and loses nothing.
  if (explorer.stats.traces !== verified.stats.traces || explorer.stats.executions !== verified.stats.executions) throw new Error('verifyScenario and a bare DPOR loop disagree');
  return { traces: [...explorer.traces].sort(), bugs: [...bugs].sort(), executions: explorer.stats.executions };
}

const cases: [string, string][] = [
  ['v4', 'register-vs-close'],
  ['v4', 'close-vs-rmdir'],
  ['v4', 'one-eventfd-twice'],
  ['v4', 'unregister-enomem'],
  ['v6.10', 'register-vs-rmdir'],
  ['v6.10', 'close-vs-rmdir'],
];

test('without preemptions, DPOR and naive enumeration reach the same traces and the same bugs on kernel scenarios', (t) => {
  // close-vs-rmdir on v4 oopses with the kworker still runnable: its traces where the kworker ran first are
  // reached only because an oops counts the actors it stopped as racing with everything before it.
  for (const [variant, scenario] of cases) {
    const naive = search(variant, scenario, { mode: 'naive', preemptions: 0 });
    const dpor = search(variant, scenario, { preemptions: 0 });
    t.deepEqual(dpor.traces, naive.traces, `${variant} ${scenario}: traces`);
    t.deepEqual(dpor.bugs, naive.bugs, `${variant} ${scenario}: bugs`);
    t.true(dpor.executions <= naive.executions);
  }
});

test('within 1 preemption, DPOR finds every bug naive enumeration finds, and only traces it reaches', (t) => {
  // Not every trace: where blocking saves a preemption (an actor that waits on a lock is switched away from
  // for free), a trace may be reachable within the bound only by a schedule no race reversal proposes.
  for (const [variant, scenario] of cases.slice(0, 3)) {
    const naive = search(variant, scenario, { mode: 'naive', preemptions: 1 });
    const dpor = search(variant, scenario, { preemptions: 1 });
    t.deepEqual(dpor.bugs, naive.bugs, `${variant} ${scenario}: bugs`);
    t.true(dpor.traces.every((h) => naive.traces.includes(h)), `${variant} ${scenario}: traces`);
    t.true(dpor.executions < naive.executions);
  }
});

test('the lockdep graph spans the search: the event_list_lock/wqh inversion is reported from the first few executions', (t) => {
  const r = verifyScenario({ variant: byName('v4')!, scenario: resolveScenarios('close-vs-rmdir')[0]!, preemptions: 0 });
  t.true(r.stats.executions <= 5);
  t.true(r.result.summary.bugs.some((b) => b.key.startsWith('lock-order-inversion')));
});

test('a proof runs at most 1.2 executions per distinct trace', (t) => {
  for (const scenario of ['register-vs-close', 'close-vs-rmdir']) {
    const r = verifyScenario({ variant: byName('v6.10')!, scenario: resolveScenarios(scenario)[0]!, maxExecutions: 5000 });
    t.true(r.proven, scenario);
    t.true(r.stats.executions <= 1.2 * r.stats.traces, `${scenario}: ${r.stats.executions} executions, ${r.stats.traces} traces`);
  }
});
