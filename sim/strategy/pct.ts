import { Rng } from '../rng.js';
import type { Strategy } from './strategy.js';

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A randomized scheduler with
 * probabilistic guarantees of finding bugs", ASPLOS 2010). Each actor gets a random distinct priority; the
 * highest-priority runnable actor always runs; at d - 1 random steps among the first k, the running actor drops
 * to a priority below all the initial ones (the i-th change point to priority i). A bug that needs d ordering
 * constraints (its depth) among n actors and k steps is found by one run with probability at least
 * 1 / (n k^(d-1)).
 */
export class PctStrategy implements Strategy {
  readonly name: string;
  private readonly priority: number[];
  /** Step index -> the priority the running actor drops to there. */
  private readonly changes = new Map<number, number>();
  private last = -1;

  constructor(
    seed: string | number,
    run: number,
    /** Actors in the program. */
    actors: number,
    /** Steps an execution takes (an estimate): where the change points may fall. */
    steps: number,
    /** The depth of the bugs to aim for: d - 1 change points. */
    readonly depth: number,
  ) {
    this.name = `pct-d${depth}`;
    const rng = Rng.forRun(`${seed}/pct${depth}`, run);
    // Initial priorities d .. d+n-1, in a random order (Fisher-Yates).
    const order = Array.from({ length: actors }, (_, i) => i);
    for (let i = actors - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    this.priority = new Array<number>(actors);
    order.forEach((actor, rank) => (this.priority[actor] = depth + rank));
    // At most one change point per step: a depth beyond the steps (a short run, a low --max-steps) has no room
    // for more, and looking for a free step that is not there would never end.
    const room = Math.max(1, steps);
    for (let i = 1; i < depth && this.changes.size < room; i++) {
      let at = rng.int(room);
      while (this.changes.has(at)) at = (at + 1) % room;
      this.changes.set(at, i);
    }
  }

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    const drop = this.changes.get(step);
    if (drop !== undefined && this.last >= 0) this.priority[this.last] = drop;
    let best = runnable[0]!;
    for (let i = 1; i < count; i++) {
      const a = runnable[i]!;
      if (this.priority[a]! > this.priority[best]!) best = a;
    }
    this.last = best;
    return best;
  }
}

/**
 * What R clean PCT runs of depth d say: a bug of depth at most d would have been found by at least one of them
 * with probability at least 1 - (1 - 1/(n k^(d-1)))^R.
 */
export function pctConfidence(runs: number, actors: number, steps: number, depth: number): number {
  const p = 1 / (actors * Math.pow(Math.max(1, steps), depth - 1));
  return 1 - Math.pow(1 - p, runs);
}
