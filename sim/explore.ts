import type { Ending, Outcome } from './execution.js';
import { findingKey, type Finding } from './finding.js';
import { contextSwitches, encodeSchedule } from './schedule.js';

/** The best execution found for a bug: the shortest prefix of a schedule that reaches it. */
export interface Witness {
  readonly run: number;
  /** Steps up to and including the one where the bug was found. */
  readonly steps: number;
  readonly switches: number;
  readonly schedule: string;
  readonly finding: Finding;
  /** Keys of the state-corrupting findings made earlier in the same run: this one may be their consequence. */
  readonly after: readonly string[];
}

/** One distinct bug (kind and site) of an exploration. */
export interface FoundBug {
  readonly key: string;
  /** Runs in which it was found. */
  hits: number;
  readonly firstRun: number;
  witness: Witness;
}

export interface ExploreSummary {
  readonly runs: number;
  readonly steps: number;
  readonly endings: Record<Ending, number>;
  /** In the order they were first found. */
  readonly bugs: FoundBug[];
}

/**
 * True when `a` is a better witness than `b`: one that replays alone, then one where this is the first report
 * of the run (not a consequence of an earlier bug), then fewer steps, then fewer context switches.
 */
export function betterWitness(a: Witness, b: Witness): boolean {
  const rank = (w: Witness): number[] => [w.finding.priorRuns === undefined ? 0 : 1, w.after.length === 0 ? 0 : 1, w.steps, w.switches];
  const x = rank(a);
  const y = rank(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

/**
 * Collects the findings of many executions: each distinct bug once, with how many runs hit it and the shortest
 * schedule that reaches it (cut right after the step where it was found, so replaying it stops there).
 */
export class BugCollector {
  private readonly byKey = new Map<string, FoundBug>();
  readonly bugs: FoundBug[] = [];
  readonly endings: Record<Ending, number> = { complete: 0, deadlock: 0, fatal: 0, 'step-bound': 0, 'schedule-end': 0, stopped: 0, pruned: 0 };
  runs = 0;
  steps = 0;

  add(run: number, outcome: Outcome): void {
    this.runs++;
    this.steps += outcome.steps;
    this.endings[outcome.ending]++;
    const seen = new Set<string>();
    const earlier: string[] = [];
    for (const f of outcome.findings) {
      const key = findingKey(f);
      const cut = Math.min(f.step + 1, outcome.schedule.length);
      const after = earlier.filter((k) => k !== key);
      const w: Witness = { run, steps: cut, switches: contextSwitches(outcome.schedule, cut), schedule: '', finding: f, after };
      if (f.corrupts && !earlier.includes(key)) earlier.push(key);
      const known = this.byKey.get(key);
      if (known === undefined) {
        const bug: FoundBug = { key, hits: 1, firstRun: run, witness: { ...w, schedule: encodeSchedule(outcome.schedule, cut) } };
        this.byKey.set(key, bug);
        this.bugs.push(bug);
      } else {
        if (!seen.has(key)) known.hits++;
        if (betterWitness(w, known.witness)) known.witness = { ...w, schedule: encodeSchedule(outcome.schedule, cut) };
      }
      seen.add(key);
    }
  }

  summary(): ExploreSummary {
    return { runs: this.runs, steps: this.steps, endings: { ...this.endings }, bugs: this.bugs };
  }
}
