import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { ExploreSummary } from '../sim/explore.js';
import { findingKey, type Finding } from '../sim/finding.js';
import { NondeterminismError } from '../sim/nondeterminism.js';
import { replaySchedules } from './replay.js';
import { replayInstance } from './twins.js';

/**
 * Replays each witness of a scenario's exploration the way its printed replay command will (its earlier runs
 * first, in a fresh boot, on a user module's twin instance that has run nothing else) and asks for the same bug,
 * before anything is printed. A random or PCT search has no
 * replay of its own to notice a model that keeps state between runs or reads something besides the schedule;
 * without this, it would print replay commands that fail. One run per distinct bug: a fraction of the search.
 */
export function checkWitnesses(variant: Variant, scenario: Scenario, summary: ExploreSummary, maxSteps?: number): void {
  for (const bug of summary.bugs) {
    const w = bug.witness;
    const prior = w.finding.priorRuns?.map((p) => p.schedule) ?? [];
    checkReplay(variant, scenario, [...prior, w.schedule], w.finding, `run ${w.run + 1} of ${scenario.name}`, maxSteps);
  }
}

/** Throws unless replaying `schedules` (on the variant's twin) finds `finding` again; `who` says what found it. */
export function checkReplay(variant: Variant, scenario: Scenario, schedules: readonly string[], finding: Finding, who: string, maxSteps?: number): void {
  const key = findingKey(finding);
  const { outcome } = replaySchedules(replayInstance(variant), scenario, schedules, maxSteps);
  if (outcome.findings.some((f) => findingKey(f) === key)) return;
  throw new NondeterminismError(`${who} found ${finding.kind} in ${finding.site}, and its schedule (${schedules[schedules.length - 1]}) does not find it when replayed`);
}
