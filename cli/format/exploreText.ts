import { unexploredScenarios, type ExploreResult, type ScenarioResult } from '../../harness/explore.js';
import type { StrategyName } from '../../harness/runPlan.js';
import { pctConfidence } from '../../sim/strategy/pct.js';

const HOW: Record<StrategyName, string> = {
  portfolio: 'portfolio: random, PCT of depth 2 and 3, and DPOR, in turn',
  random: 'seeded random',
  pct: 'PCT',
  dfs: 'DPOR (depth-first, source sets and sleep sets)',
  bounded: 'iterative context bounding',
};

/** What the systematic part of a scenario's runs covered: `all 80` when every trace was explored. */
function coverage(p: ScenarioResult): string {
  const d = p.plan.dfs;
  // Traces that the step bound cut were not explored to their end: not all of them, whatever DPOR counted.
  if (d !== null) return d.complete && p.summary.endings['step-bound'] === 0 ? `all ${d.traces}` : `${d.traces} so far`;
  if (p.plan.boundedLevel >= 0) return `<=${p.plan.boundedLevel} preemptions`;
  return '-';
}

/** The weakest PCT guarantee among the clean scenarios, per depth: "depth <= 2: >= 0.83 (close-vs-rmdir)". */
function pctLines(r: ExploreResult, unexplored: readonly string[]): string[] {
  const proven = r.perScenario.filter((p) => p.summary.bugs.length === 0 && p.plan.dfs?.complete === true && p.summary.endings['step-bound'] === 0);
  // A scenario whose every run was cut promises nothing: its PCT runs never got past the bound.
  const clean = r.perScenario.filter((p) => p.summary.bugs.length === 0 && p.plan.pct.length > 0 && !proven.includes(p) && !unexplored.includes(p.scenario));
  const lines =
    proven.length === 0
      ? []
      : [`Every trace of ${proven.length} clean scenario(s) was explored (DPOR): no interleaving of their modelled steps reaches a report.`];
  if (clean.length === 0) return lines;
  const depths = [...new Set(clean.flatMap((p) => p.plan.pct.map((x) => x.depth)))].sort((a, b) => a - b);
  const pctParts = depths.map((d) => {
    let worst: { p: number; scenario: string } | null = null;
    for (const s of clean) {
      const runs = s.plan.pct.find((x) => x.depth === d)?.runs ?? 0;
      const p = pctConfidence(runs, s.actors, s.steps, d);
      if (worst === null || p < worst.p) worst = { p, scenario: s.scenario };
    }
    return `PCT on the other ${clean.length} clean scenario(s): a bug of depth <= ${d} would have been found with probability >= ${worst!.p.toPrecision(3)} (lowest: ${worst!.scenario})`;
  });
  return [...lines, ...pctParts];
}

/** The first line of the findings: the bugs, or that there are none, or that the runs explored nothing. */
function headline(r: ExploreResult, unexplored: readonly string[], maxSteps: number): string {
  if (r.bugs.length > 0) return `${r.bugs.length} distinct bug(s) found (by kind and code site):`;
  if (unexplored.length === 0) return 'No bugs found.';
  const cut = `every run was cut by the step bound (--max-steps ${maxSteps}) before it ended`;
  if (unexplored.length === r.perScenario.length) return `Not explored: ${cut}, so no bug could be found (raise --max-steps).`;
  return `No bugs found in ${r.perScenario.length - unexplored.length} scenario(s); ${unexplored.length} not explored: ${cut}.`;
}

export function exploreText(r: ExploreResult, title: string, asInvoked: (cmd: string) => string, maxSteps: number): string[] {
  const out: string[] = [];
  const unexplored = unexploredScenarios(r.perScenario);
  out.push(`cgsim explore: variant ${r.variant} (${title})`);
  out.push(`${r.perScenario.length} scenario(s), up to ${r.runs} runs each (${HOW[r.strategy]}), seed ${r.seed}`);
  out.push('');
  out.push(headline(r, unexplored, maxSteps));
  r.bugs.forEach((b, i) => {
    out.push('');
    out.push(`[${i + 1}] ${b.kind}: ${b.object}`);
    out.push(`    ${b.title}`);
    out.push(`    site: ${b.site}`);
    out.push(`    hit in ${b.hits} run(s): ${b.sightings.map((s) => `${s.scenario} ${s.hits}`).join(', ')}`);
    const w = b.best.witness;
    out.push(`    shortest: ${b.best.scenario}, ${w.steps} steps, ${w.switches} context switches${w.finding.priorRuns !== undefined ? `, after ${w.finding.priorRuns.length} earlier run(s)` : ''}`);
    const follows = w.after.map((k) => r.bugs.findIndex((x) => x.key === k) + 1).filter((n) => n > 0);
    if (follows.length > 0) out.push(`    found only after ${follows.map((n) => `[${n}]`).join(', ')} in the same run: possibly a consequence`);
    out.push(`    replay: ${asInvoked(b.best.replay)}`);
  });
  out.push('');
  const width = Math.max(8, ...r.perScenario.map((p) => p.scenario.length));
  out.push(`${'scenario'.padEnd(width)}  runs  complete  deadlock  fatal  step-bound  bugs  systematic`);
  for (const p of r.perScenario) {
    const e = p.summary.endings;
    out.push(
      `${p.scenario.padEnd(width)}  ${String(p.summary.runs).padStart(4)}  ${String(e.complete).padStart(8)}  ${String(e.deadlock).padStart(8)}  ${String(e.fatal).padStart(5)}  ${String(e['step-bound']).padStart(10)}  ${String(p.summary.bugs.length).padStart(4)}  ${coverage(p)}`,
    );
  }
  if (unexplored.length > 0) out.push(`Not explored: ${unexplored.join(', ')}: every run hit the ${maxSteps}-step bound before it ended (raise --max-steps).`);
  const bounded = r.perScenario.filter((p) => !unexplored.includes(p.scenario)).reduce((n, p) => n + p.summary.endings['step-bound'], 0);
  if (bounded > 0) out.push(`warning: ${bounded} run(s) hit the step bound and were cut off (raise it with --max-steps)`);
  const pct = pctLines(r, unexplored);
  if (pct.length > 0) out.push('', ...pct);
  return out;
}
