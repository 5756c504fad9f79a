/**
 * What one step touched, for dynamic partial-order reduction: the objects it read and the objects it wrote, as
 * numbers the model chooses (its memory blocks, and a few pseudo-objects). Two steps of different actors are
 * dependent when they touch one object and at least one of them writes it; independent steps commute, so their
 * order does not matter and need not be explored both ways.
 *
 * Besides the model's own accesses, the engine adds what scheduling itself implies:
 * - a step that resumes from a wait waits on what the wait's `ready()` reads (`Waitable.deps`), so the step
 *   that made it ready is ordered before it;
 * - an actor's first step waits on its `after` actors' lives, and an actor's last step writes its own: an actor
 *   that waits for others to finish is ordered after their ends (and could not have started before them);
 * - an interrupt and the actor it interrupts share one CPU: all their steps write that CPU, so where the
 *   interrupt comes among its host's steps is always explored.
 */
export class Footprint {
  reads: number[] = [];
  writes: number[] = [];
  acquires: number[] = [];
  releases: number[] = [];
  waits: number[] = [];

  read(id: number): void {
    this.reads.push(id);
  }

  /**
   * The step resumes from a wait whose `ready()` reads `id`: ordered after the writes that made it ready, but no
   * race with them (before them it could not have run); a later write still races with it.
   */
  wait(id: number): void {
    this.waits.push(id);
  }

  write(id: number): void {
    this.writes.push(id);
  }

  /** Takes lock `id`: ordered after the lock's previous acquire and release, and in a race with other acquires. */
  acquire(id: number): void {
    this.acquires.push(id);
  }

  /** Releases lock `id`: the next acquire is ordered after it, but the two are no race (that acquire waited). */
  release(id: number): void {
    this.releases.push(id);
  }

  clear(): void {
    this.reads.length = 0;
    this.writes.length = 0;
    this.acquires.length = 0;
    this.releases.length = 0;
    this.waits.length = 0;
  }
}

/**
 * One executed step: who ran, what it read and wrote (each id once; an id written is not listed as read), and
 * the locks it took and released. All sorted.
 */
export interface StepAccess {
  readonly actor: number;
  readonly reads: readonly number[];
  readonly writes: readonly number[];
  readonly acquires: readonly number[];
  readonly releases: readonly number[];
  /** What its wait read (see Footprint.wait), when not also read or written by the step itself. */
  readonly waits: readonly number[];
}

const NONE: readonly number[] = [];
/** Sorted, each id once; no allocation for the common empty case. */
function sortedSet(xs: readonly number[]): readonly number[] {
  if (xs.length === 0) return NONE;
  if (xs.length === 1) return [xs[0]!];
  const out = xs.slice().sort((a, b) => a - b);
  let n = 1;
  for (let i = 1; i < out.length; i++) if (out[i] !== out[n - 1]) out[n++] = out[i]!;
  out.length = n;
  return out;
}

/** The step's accesses, each id once, a written id only among the writes. */
export function settle(actor: number, fp: Footprint): StepAccess {
  const writes = sortedSet(fp.writes);
  const reads = sortedSet(fp.reads).filter((id) => !writes.includes(id));
  const waits = sortedSet(fp.waits).filter((id) => !writes.includes(id) && !reads.includes(id));
  return { actor, reads, writes, acquires: sortedSet(fp.acquires), releases: sortedSet(fp.releases), waits };
}

/** A step with plain accesses only (tests, and a waiting actor's step that never ran). */
export function access(actor: number, reads: readonly number[], writes: readonly number[], acquires: readonly number[] = NONE): StepAccess {
  return { actor, reads: sortedSet(reads), writes: sortedSet(writes), acquires: sortedSet(acquires), releases: NONE, waits: NONE };
}

function meets(a: readonly number[], b: readonly number[]): boolean {
  // Both sorted: a merge walk.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}

/**
 * Step `a`, then step `b`, may race: their order could have gone the other way. One writes what the other reads
 * or writes, or both take one lock, or `a` waited on what `b` writes. Not a race: `a` writes what `b` waited on
 * (`b` could not run before), nor `a` releasing a lock `b` takes (the race is with the acquire before it).
 */
export function mayRace(a: StepAccess, b: StepAccess): boolean {
  return meets(a.writes, b.writes) || meets(a.writes, b.reads) || meets(a.reads, b.writes) || meets(a.acquires, b.acquires) || meets(a.waits, b.writes);
}

/**
 * Two steps are dependent (their order is part of the trace) when they may race either way round, or one
 * releases a lock the other takes, or one writes what the other waited on. Steps of one actor are always
 * ordered.
 */
export function conflict(a: StepAccess, b: StepAccess): boolean {
  return (
    mayRace(a, b) ||
    meets(b.waits, a.writes) ||
    meets(a.releases, b.acquires) ||
    meets(a.acquires, b.releases)
  );
}

/** Pseudo-object ids the engine uses; the model's own ids are non-negative, or below PSEUDO_MODEL_BASE. */
export const lifeOf = (actor: number): number => -1 - actor;
export const cpuOf = (actor: number): number => -1001 - actor;
/** Below this, the model may number pseudo-objects of its own (a CPU's RCU state, a fault counter). */
export const PSEUDO_MODEL_BASE = -100_000;
