import { exploreVariant, type ExploredBug } from '../../harness/explore.js';
import { resolveVariant } from '../../harness/resolve.js';
import { observeReplay } from '../../report/observe.js';
import { replayDoc, type DocFinding, type ReplayDoc } from '../../report/replayDoc.js';
import { scenarios as ALL_SCENARIOS } from '../../scenarios/index.js';

/** One v4 bug, replayed from its best witness, as every view of it draws from. */
export interface RenderedBug {
  readonly bug: ExploredBug;
  readonly doc: ReplayDoc;
  readonly finding: DocFinding;
}

/**
 * Every bug the default exploration finds in v4 (the seed patch), each replayed from its best witness: what
 * "each v4 bug renders in every format" is tested on. Explored once per test file.
 */
export async function v4Bugs(): Promise<RenderedBug[]> {
  const variant = await resolveVariant('v4', '.');
  const result = exploreVariant({ variant, scenarios: ALL_SCENARIOS, runs: 400, seed: '1' });
  return result.bugs.map((bug) => {
    const scenario = ALL_SCENARIOS.find((s) => s.name === bug.best.scenario)!;
    const schedules = [...(bug.best.witness.finding.priorRuns?.map((p) => p.schedule) ?? []), bug.best.witness.schedule];
    const doc = replayDoc(observeReplay(variant, scenario, schedules), { variant: 'v4', scenario: scenario.name, replay: bug.best.replay });
    const finding = doc.findings.find((f) => f.key === bug.key);
    if (finding === undefined) throw new Error(`the witness of ${bug.key} does not show it on replay`);
    return { bug, doc, finding };
  });
}
