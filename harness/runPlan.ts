import { DporExplorer, type DporStats } from '../sim/dpor/explorer.js';
import type { Ending } from '../sim/execution.js';
import { PctStrategy } from '../sim/strategy/pct.js';
import { RandomStrategy } from '../sim/strategy/random.js';
import type { Strategy } from '../sim/strategy/strategy.js';

/** How `cgsim explore` picks the schedule of each run. */
export type StrategyName = 'portfolio' | 'random' | 'pct' | 'dfs' | 'bounded';

export const STRATEGIES: readonly StrategyName[] = ['portfolio', 'random', 'pct', 'dfs', 'bounded'];

/** Strategy pct's depth, and strategy bounded's highest preemption level, when not given. */
export const DEFAULT_PCT_DEPTH = 3;
export const DEFAULT_BOUNDED_PREEMPTIONS = 2;

export interface PlanOptions {
  readonly strategy: StrategyName;
  readonly seed: string;
  /** Actors in the scenario's program. */
  readonly actors: number;
  /** Steps an execution of the scenario takes (PCT places its change points among them). */
  readonly steps: number;
  /** PCT depth (strategy pct); the portfolio uses 2 and 3. */
  readonly depth?: number;
  /** Preemption bound (dfs: bounded DPOR; bounded: the highest level of iterative context bounding). */
  readonly preemptions?: number;
}

/** What a plan says about the runs it gave when none found a bug: the guarantee they carry. */
export interface PlanReport {
  /** PCT runs per depth: R runs of depth d find a bug of depth <= d with probability >= 1 - (1 - 1/(n k^(d-1)))^R. */
  readonly pct: readonly { readonly depth: number; readonly runs: number }[];
  /** The systematic part, when there is one. */
  readonly dfs: DporStats | null;
  /** Iterative context bounding: the preemption bound whose level was fully explored, -1 if none. */
  readonly boundedLevel: number;
}

const PORTFOLIO: readonly ('random' | 'pct2' | 'pct3' | 'dfs')[] = ['random', 'pct2', 'pct3', 'dfs'];

/**
 * The strategy of each run of one scenario's exploration, from one seed. Random and PCT runs depend only on
 * the seed and the run index; the systematic ones (dfs, bounded, and every fourth run of the portfolio) on the
 * runs before them, which is why `next` and `done` come in pairs, run after run.
 *
 * - portfolio: runs cycle through random, PCT of depth 2, PCT of depth 3 and the next DPOR execution (random
 *   once DPOR is exhausted), so one seed gets shallow races fast, deeper ones with a known probability, and
 *   systematic coverage, without the user choosing.
 * - random, pct: as their strategies.
 * - dfs: DPOR (sim/dpor/explorer.ts), bounded by `preemptions` if given; ends when exhausted.
 * - bounded: iterative context bounding, every interleaving with 0 preemptions, then 1, ... up to
 *   `preemptions` (default 2), without reduction; ends when the last level is exhausted.
 */
export class RunPlan {
  private dfs: DporExplorer | null = null;
  private level = 0;
  private completedLevel = -1;
  private readonly pctRuns = new Map<number, number>();
  private current: 'random' | 'pct' | 'dfs' | 'bounded' | null = null;

  constructor(private readonly o: PlanOptions) {
    if (o.strategy === 'dfs' || o.strategy === 'portfolio') {
      this.dfs = new DporExplorer(o.actors, o.preemptions !== undefined ? { preemptions: o.preemptions } : {});
    }
    if (o.strategy === 'bounded') this.dfs = new DporExplorer(o.actors, { mode: 'naive', preemptions: 0 });
  }

  /** The strategy for run `run`, or null when the plan is exhausted (dfs and bounded end). */
  next(run: number): Strategy | null {
    const o = this.o;
    const slot = o.strategy === 'portfolio' ? PORTFOLIO[run % PORTFOLIO.length]! : o.strategy;
    if (slot === 'random') return this.use('random', new RandomStrategy(o.seed, run));
    if (slot === 'pct' || slot === 'pct2' || slot === 'pct3') {
      const depth = slot === 'pct2' ? 2 : slot === 'pct3' ? 3 : (o.depth ?? DEFAULT_PCT_DEPTH);
      this.pctRuns.set(depth, (this.pctRuns.get(depth) ?? 0) + 1);
      return this.use('pct', new PctStrategy(o.seed, run, o.actors, o.steps, depth));
    }
    if (slot === 'dfs') {
      const s = this.dfs!.next();
      if (s !== null) return this.use('dfs', s);
      return o.strategy === 'portfolio' ? this.use('random', new RandomStrategy(o.seed, run)) : null;
    }
    // bounded: the next execution of this level, or of the next one.
    for (;;) {
      const s = this.dfs!.next();
      if (s !== null) return this.use('bounded', s);
      this.completedLevel = this.level;
      if (this.level >= (o.preemptions ?? DEFAULT_BOUNDED_PREEMPTIONS)) return null;
      this.level++;
      this.dfs = new DporExplorer(o.actors, { mode: 'naive', preemptions: this.level });
    }
  }

  /** Whether the run it gave last belongs to a systematic search (its successors depend on it). */
  isSystematic(): boolean {
    return this.current === 'dfs' || this.current === 'bounded';
  }

  /** Tells the plan how the run it gave last ended. */
  done(ending: Ending): void {
    if (this.current === 'dfs' || this.current === 'bounded') this.dfs!.finish(ending !== 'pruned');
    this.current = null;
  }

  report(): PlanReport {
    const exhaustedLevel = this.o.strategy === 'bounded' && this.dfs !== null && this.dfs.stats.complete ? this.level : this.completedLevel;
    return {
      pct: [...this.pctRuns].sort((a, b) => a[0] - b[0]).map(([depth, runs]) => ({ depth, runs })),
      dfs: this.o.strategy === 'dfs' || this.o.strategy === 'portfolio' ? this.dfs!.stats : null,
      boundedLevel: exhaustedLevel,
    };
  }

  private use(kind: 'random' | 'pct' | 'dfs' | 'bounded', s: Strategy): Strategy {
    this.current = kind;
    return s;
  }
}
