import { unexploredScenarios, type ExploreResult } from '../../harness/explore.js';
import type { VerifyResult } from '../../harness/verify.js';

/** What a checker reports, in the words of the tool it stands for. */
const CHECKERS = 'KASAN (use-after-free, double-free, out-of-bounds), KMSAN (uninit-value), NULL dereferences, DEBUG_LIST, lockdep (lock order, irq safety), deadlocks, the soft-lockup watchdog, might_sleep, refcount_t, kmemleak, BUG_ON, the register_event/unregister_event contract and lost notifications';

function result(r: Omit<VerifyResult, 'seconds'>, preemptions: number | null, unexplored: readonly string[]): string {
  if (r.result.summary.bugs.length > 0) return `${r.result.summary.bugs.length} bug(s)`;
  if (r.proven) return preemptions === null ? 'proven clean' : `clean within ${preemptions} preemption(s)`;
  if (unexplored.includes(r.scenario)) return 'not explored (every execution cut by the step bound)';
  const why = [r.executionCap ? 'execution cap' : '', r.stepBound > 0 ? `${r.stepBound} execution(s) cut by the step bound` : '', r.stats.boundCuts > 0 ? 'preemption bound' : ''].filter((x) => x !== '');
  return `not proven (${why.join(', ') || 'incomplete'})`;
}

export function verifyText(
  variant: string,
  title: string,
  bounds: { preemptions: number | null; maxExecutions: number; maxSteps: number },
  perScenario: readonly (Omit<VerifyResult, 'seconds'> & { readonly seconds?: number })[],
  merged: ExploreResult,
  asInvoked: (cmd: string) => string,
  /** Scenarios an interrupt cut short: not proven for that reason, not for a bound. */
  interrupted: readonly string[] = [],
): string[] {
  const out: string[] = [];
  const unexplored = unexploredScenarios(perScenario.map((r) => r.result));
  const bound = bounds.preemptions === null ? 'no preemption bound' : `at most ${bounds.preemptions} preemption(s) per execution`;
  out.push(`cgsim verify: variant ${variant} (${title})`);
  out.push(`DPOR (source sets and sleep sets): every Mazurkiewicz trace of each scenario; ${bound}; at most ${bounds.maxExecutions} executions per scenario and ${bounds.maxSteps} steps per execution`);
  out.push('');
  const width = Math.max(8, ...perScenario.map((r) => r.scenario.length));
  out.push(`${'scenario'.padEnd(width)}  executions   traces     time  result`);
  for (const r of perScenario) {
    out.push(`${r.scenario.padEnd(width)}  ${String(r.stats.executions).padStart(10)}  ${String(r.stats.traces).padStart(7)}  ${(r.seconds === undefined ? '-' : `${r.seconds.toFixed(1)} s`).padStart(7)}  ${result(r, bounds.preemptions, unexplored)}`);
  }
  if (merged.bugs.length > 0) {
    out.push('', `${merged.bugs.length} distinct bug(s) found (by kind and code site):`);
    merged.bugs.forEach((b, i) => {
      out.push('', `[${i + 1}] ${b.kind}: ${b.object}`, `    ${b.title}`, `    site: ${b.site}`, `    in: ${b.sightings.map((s) => s.scenario).join(', ')}`);
      out.push(`    replay: ${asInvoked(b.best.replay)}`);
    });
  }
  const proven = perScenario.filter((r) => r.proven && r.result.summary.bugs.length === 0);
  const open = perScenario.filter((r) => !r.proven && !interrupted.includes(r.scenario) && !unexplored.includes(r.scenario));
  out.push('');
  if (proven.length > 0) {
    out.push(
      `Proven for ${proven.length} of ${perScenario.length} scenario(s): ${
        bounds.preemptions === null
          ? 'every ordering of their dependent steps was run'
          : `every ordering of their dependent steps that bounded DPOR reaches with at most ${bounds.preemptions} preemption(s) was run (it can miss one that needs an actor to block on a lock to stay within the bound; see README)`
      }, and none reaches a report of any checker (${CHECKERS}).`,
      `Bounds: the scenarios as written (each actor's program fixed); the model's steps and abstractions (README); ${bound}; no execution reached the ${bounds.maxSteps}-step bound.`,
    );
  }
  if (unexplored.length > 0) {
    out.push(`Not explored: ${unexplored.join(', ')}: every execution hit the ${bounds.maxSteps}-step bound before it ended (raise --max-steps).`);
  }
  if (open.length > 0) {
    // Say which bound to raise: the step bound when it cut executions, the cap (or a preemption bound) otherwise.
    const advice = [
      ...(open.some((r) => r.stepBound > 0) ? ['raise --max-steps'] : []),
      ...(open.some((r) => r.stepBound === 0 || r.executionCap) ? ['raise --max-executions, or bound the search with --preemptions k'] : []),
    ];
    out.push(`Not proven: ${open.map((r) => r.scenario).join(', ')} (${advice.join('; ')}).`);
  }
  return out;
}
