import { mayRace, type StepAccess } from '../footprint.js';

/**
 * The happens-before order of one execution, built step by step: program order within an actor, plus an edge
 * from every step to each later step of another actor whose footprint conflicts with it. Each step gets a vector
 * clock: `clock(i)[a]` is how many of actor `a`'s steps happen before step i (i's own included for its actor).
 *
 * Per object, the table keeps the last step that wrote it and the steps that read it since, one per actor: a
 * step conflicts with those, and every earlier conflicting step is ordered before one of them already, so the
 * clock is exact with a bounded amount of work per access.
 */
export class CausalOrder {
  readonly steps: StepAccess[] = [];
  private readonly clocks: Int32Array[] = [];
  /** 1-based index of each step among its actor's steps. */
  private readonly local: number[] = [];
  /** The previous step of the same actor, or -1. */
  private readonly prevOfActor: number[] = [];
  /** For each step, the releases its acquires are ordered after: [lock, step] pairs. */
  private readonly releasedBefore: (readonly [number, number])[][] = [];
  private readonly lastOfActor = new Map<number, number>();
  private readonly lastWrite = new Map<number, number>();
  private readonly readsSince = new Map<number, Map<number, number>>();
  private readonly lastAcquire = new Map<number, number>();
  private readonly lastRelease = new Map<number, number>();

  constructor(private readonly width: number) {}

  get length(): number {
    return this.steps.length;
  }

  push(s: StepAccess): void {
    const i = this.steps.length;
    const prev = this.lastOfActor.get(s.actor);
    const vc = prev === undefined ? new Int32Array(this.width) : Int32Array.from(this.clocks[prev]!);
    const join = (j: number | undefined): void => {
      if (j === undefined || this.steps[j]!.actor === s.actor) return;
      const c = this.clocks[j]!;
      for (let x = 0; x < this.width; x++) if (c[x]! > vc[x]!) vc[x] = c[x]!;
    };
    for (const o of s.reads) join(this.lastWrite.get(o));
    for (const o of s.writes) {
      join(this.lastWrite.get(o));
      for (const r of this.readsSince.get(o)?.values() ?? []) join(r);
    }
    const released: [number, number][] = [];
    for (const l of s.acquires) {
      join(this.lastAcquire.get(l));
      const r = this.lastRelease.get(l);
      join(r);
      if (r !== undefined) released.push([l, r]);
    }
    this.releasedBefore.push(released);
    for (const l of s.releases) join(this.lastAcquire.get(l));
    const n = (prev === undefined ? 0 : this.local[prev]!) + 1;
    vc[s.actor] = n;
    this.steps.push(s);
    this.clocks.push(vc);
    this.local.push(n);
    this.prevOfActor.push(prev ?? -1);
    this.lastOfActor.set(s.actor, i);
    for (const o of s.reads) {
      let m = this.readsSince.get(o);
      if (m === undefined) this.readsSince.set(o, (m = new Map()));
      m.set(s.actor, i);
    }
    for (const o of s.writes) {
      this.lastWrite.set(o, i);
      this.readsSince.delete(o);
    }
    for (const l of s.acquires) this.lastAcquire.set(l, i);
    for (const l of s.releases) this.lastRelease.set(l, i);
  }

  clock(i: number): Int32Array {
    return this.clocks[i]!;
  }

  localIndex(i: number): number {
    return this.local[i]!;
  }

  /** The previous step of step i's actor, or -1. */
  previous(i: number): number {
    return this.prevOfActor[i]!;
  }

  /**
   * Is the conflict between step i and a later step j a race, that is, could j run before i? Only if nothing but
   * the direct edge orders them: neither j's previous step nor another of j's immediate causes comes after i.
   */
  isRace(i: number, j: number, causes: readonly number[]): boolean {
    const si = this.steps[i]!;
    const q = si.actor;
    const needed = this.local[i]!;
    const prev = this.prevOfActor[j]!;
    if (prev >= 0 && this.clocks[prev]![q]! >= needed) return false;
    for (const k of causes) if (k !== i && this.clocks[k]![q]! >= needed) return false;
    // A release that orders j after i counts, unless i and j race for that very lock: then the release belongs
    // to i's critical section, which moves with i when the two acquires swap.
    for (const [lock, r] of this.releasedBefore[j]!) {
      if (si.acquires.includes(lock)) continue;
      if (this.clocks[r]![q]! >= needed) return false;
    }
    return true;
  }

  /** Does step a happen before step b (a !== b)? */
  happensBefore(a: number, b: number): boolean {
    return this.clocks[b]![this.steps[a]!.actor]! >= this.local[a]!;
  }

  /**
   * The steps of other actors that step j may race with and that are its immediate causes: for each actor, the
   * last of its steps before j that may race with j (a lock's release is ordered before the next acquire, but is
   * no race: the acquire's race is with the previous acquire). Any race of j is with one of these.
   */
  lastConflicts(j: number): number[] {
    const s = this.steps[j]!;
    const best = new Map<number, number>();
    const consider = (i: number): void => {
      const a = this.steps[i]!.actor;
      if (a === s.actor) return;
      if ((best.get(a) ?? -1) < i) best.set(a, i);
    };
    // Scan back over the steps before j: exact, and the executions are short.
    for (let i = j - 1; i >= 0; i--) {
      const o = this.steps[i]!;
      if (o.actor !== s.actor && !best.has(o.actor) && mayRace(o, s)) consider(i);
    }
    return [...best.values()].sort((a, b) => a - b);
  }
}

