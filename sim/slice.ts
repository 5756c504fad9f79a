import { conflict, type StepAccess } from './footprint.js';

/** What to explain: steps (0-based) where something happened, and what the actors still held at the end. */
export interface SliceRequest {
  /** Every step's footprint, in execution order. */
  readonly accesses: readonly StepAccess[];
  /** Steps to explain (a report's step; for a report made after the last step, each unfinished actor's last step). */
  readonly targets: readonly number[];
  /** Steps before this index ran alone (a setup): they order nothing that matters and are left out. */
  readonly from: number;
  /** Rounds of causes followed back from the targets. */
  readonly depth?: number;
}

/**
 * The causal slice of a race: the steps a reader needs to see why the targets happened, in the style of the
 * two-column diagrams of kernel commit messages. From each target it follows back, up to `depth` rounds, per
 * object it touches, the last conflicting step of every other actor (footprint.ts: a write of what it reads, a
 * free of what it touches, a lock's previous holder). Then, for each step kept, the acquire of every lock its actor held then (the
 * critical sections that forced the order). Returns sorted 0-based step indices.
 */
export function causalSlice(req: SliceRequest): number[] {
  const { accesses, from } = req;
  const kept = new Set<number>();
  let frontier = req.targets.filter((t) => t >= from && t < accesses.length);
  for (const t of frontier) kept.add(t);
  for (let round = 0; round < (req.depth ?? 2) && frontier.length > 0; round++) {
    const next: number[] = [];
    for (const s of frontier) {
      for (const j of lastConflictPerActor(accesses, s, from)) {
        if (kept.has(j)) continue;
        kept.add(j);
        next.push(j);
      }
    }
    frontier = next;
  }
  for (const s of [...kept]) for (const a of heldAt(accesses, s, from)) kept.add(a);
  return [...kept].sort((x, y) => x - y);
}

/**
 * For each actor other than step s's and each object s touches, that actor's last step in [from, s) in conflict
 * with s over that object: who last wrote what s reads, who last used what s writes or frees, who last held the
 * lock s takes. Per object, not only per actor: the free of a block and the queueing of the work that uses it are
 * both causes, though one came before the other on the same CPU.
 */
function lastConflictPerActor(accesses: readonly StepAccess[], s: number, from: number): number[] {
  const me = accesses[s]!;
  const found = new Set<number>();
  const objects = [...new Set([...me.reads, ...me.writes, ...me.waits, ...me.acquires, ...me.releases])];
  for (const o of objects) {
    const probe = single(me, o);
    const seen = new Set<number>();
    for (let j = s - 1; j >= from; j--) {
      const other = accesses[j]!;
      if (other.actor === me.actor || seen.has(other.actor)) continue;
      if (conflict(other, probe)) {
        seen.add(other.actor);
        found.add(j);
      }
    }
  }
  return [...found];
}

/** Step `a` narrowed to what it does to object `o`. */
function single(a: StepAccess, o: number): StepAccess {
  const only = (xs: readonly number[]): readonly number[] => (xs.includes(o) ? [o] : []);
  return { actor: a.actor, reads: only(a.reads), writes: only(a.writes), acquires: only(a.acquires), releases: only(a.releases), waits: only(a.waits) };
}

/**
 * The acquires (steps in [from, s]) of the locks step s's actor holds when s runs: an acquire not yet matched by
 * a release of the same lock by that actor. A lock taken and dropped within one step is no critical section.
 */
export function heldAt(accesses: readonly StepAccess[], s: number, from: number): number[] {
  const actor = accesses[s]!.actor;
  const open = new Map<number, number>();
  for (let j = from; j <= s && j < accesses.length; j++) {
    const a = accesses[j]!;
    if (a.actor !== actor) continue;
    for (const l of a.acquires) if (!a.releases.includes(l)) open.set(l, j);
    for (const l of a.releases) if (!a.acquires.includes(l)) open.delete(l);
  }
  return [...open.values()].filter((j) => j !== s);
}
