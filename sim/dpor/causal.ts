import type { StepAccess } from '../footprint.js';

/**
 * The happens-before order of one execution, built step by step: program order within an actor, plus an edge
 * from every step to each later step of another actor whose footprint conflicts with it. Each step gets a vector
 * clock: `clock(i)[a]` is how many of actor `a`'s steps happen before step i (i's own included for its actor).
 *
 * Per object, the tables keep the last step that wrote it and, per actor, the last that wrote, read and acquired
 * it: a step conflicts with those, and every earlier conflicting step is ordered before one of them already, so
 * the clock is exact with a bounded amount of work per access; a step's possible races are with them too (see
 * `lastConflicts`). Steps can be taken back (`truncate`), so a search extends one order instead of rebuilding it.
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
  private readonly lastAcquire = new Map<number, number>();
  private readonly lastRelease = new Map<number, number>();
  /** Per object (or lock), per actor, the last step that wrote / read or waited on / acquired it. */
  private readonly writtenBy = new Map<number, Int32Array>();
  private readonly readBy = new Map<number, Int32Array>();
  private readonly acquiredBy = new Map<number, Int32Array>();
  /** For each step, its possible races: per other actor, the last step that may race with it. */
  private readonly causes: number[][] = [];
  /** For each step, how to take it back: the search goes back to a shorter prefix and grows it again. */
  private readonly undo: (() => void)[][] = [];

  constructor(private readonly width: number) {}

  get length(): number {
    return this.steps.length;
  }

  push(s: StepAccess): void {
    const i = this.steps.length;
    const log: (() => void)[] = [];
    const setLast = (m: Map<number, number>, k: number): void => {
      const old = m.get(k);
      log.push(old === undefined ? () => void m.delete(k) : () => void m.set(k, old));
      m.set(k, i);
    };
    const mark = (table: Map<number, Int32Array>, o: number): void => {
      let row = table.get(o);
      if (row === undefined) {
        table.set(o, (row = new Int32Array(this.width).fill(-1)));
        log.push(() => void table.delete(o));
      }
      const r = row;
      const old = r[s.actor]!;
      log.push(() => {
        r[s.actor] = old;
      });
      r[s.actor] = i;
    };
    this.causes.push(this.raceCandidates(s));
    const prev = this.lastOfActor.get(s.actor);
    const vc = prev === undefined ? new Int32Array(this.width) : Int32Array.from(this.clocks[prev]!);
    const join = (j: number | undefined): void => {
      if (j === undefined || j < 0 || this.steps[j]!.actor === s.actor) return;
      const c = this.clocks[j]!;
      for (let x = 0; x < this.width; x++) if (c[x]! > vc[x]!) vc[x] = c[x]!;
    };
    for (const o of s.reads) join(this.lastWrite.get(o));
    for (const o of s.waits) join(this.lastWrite.get(o));
    for (const o of s.writes) {
      join(this.lastWrite.get(o));
      // Every read of it by another actor; those before the last write are ordered before it already.
      const readers = this.readBy.get(o);
      if (readers !== undefined) for (let a = 0; a < this.width; a++) join(readers[a]!);
    }
    const released: [number, number][] = [];
    for (const l of s.acquires) {
      join(this.lastAcquire.get(l));
      const r = this.lastRelease.get(l);
      join(r);
      if (r !== undefined) released.push([l, r]);
    }
    for (const l of s.releases) join(this.lastAcquire.get(l));
    const n = (prev === undefined ? 0 : this.local[prev]!) + 1;
    vc[s.actor] = n;
    this.steps.push(s);
    this.clocks.push(vc);
    this.local.push(n);
    this.prevOfActor.push(prev ?? -1);
    this.releasedBefore.push(released);
    setLast(this.lastOfActor, s.actor);
    for (const o of s.writes) setLast(this.lastWrite, o);
    for (const l of s.acquires) setLast(this.lastAcquire, l);
    for (const l of s.releases) setLast(this.lastRelease, l);
    for (const o of s.writes) mark(this.writtenBy, o);
    for (const o of s.reads) mark(this.readBy, o);
    for (const o of s.waits) mark(this.readBy, o);
    for (const l of s.acquires) mark(this.acquiredBy, l);
    this.undo.push(log);
  }

  /** Takes steps back until `n` remain. */
  truncate(n: number): void {
    while (this.steps.length > n) {
      const log = this.undo.pop()!;
      for (let k = log.length - 1; k >= 0; k--) log[k]!();
      this.steps.pop();
      this.clocks.pop();
      this.local.pop();
      this.prevOfActor.pop();
      this.releasedBefore.pop();
      this.causes.pop();
    }
  }

  /**
   * Before `s` is recorded: per other actor, the last step that may race with it over data (footprint.ts,
   * mayRace), and the last acquire of each lock `s` takes. The two can differ: an actor's critical section may
   * touch what `s` touches after its acquire, and then only the acquire can race (the release orders the rest).
   */
  private raceCandidates(s: StepAccess): number[] {
    const best = new Int32Array(this.width).fill(-1);
    const take = (row: Int32Array | undefined, into: Int32Array): void => {
      if (row === undefined) return;
      for (let a = 0; a < this.width; a++) if (a !== s.actor && row[a]! > into[a]!) into[a] = row[a]!;
    };
    for (const o of s.reads) take(this.writtenBy.get(o), best);
    for (const o of s.writes) {
      take(this.writtenBy.get(o), best);
      take(this.readBy.get(o), best);
    }
    const out = new Set<number>();
    for (let a = 0; a < this.width; a++) if (best[a]! >= 0) out.add(best[a]!);
    for (const l of s.acquires) {
      const row = this.acquiredBy.get(l);
      if (row === undefined) continue;
      for (let a = 0; a < this.width; a++) if (a !== s.actor && row[a]! >= 0) out.add(row[a]!);
    }
    return [...out].sort((x, y) => x - y);
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
    // When i and j take the same lock, i's critical section (up to the release j is ordered after) moves with i
    // if the two acquires swap: what that section did, and the release itself, order nothing.
    let sectionEnd = -1;
    for (const [lock, r] of this.releasedBefore[j]!) {
      if (si.acquires.includes(lock) && this.steps[r]!.actor === q) sectionEnd = Math.max(sectionEnd, this.local[r]!);
    }
    for (const k of causes) {
      if (k === i) continue;
      if (this.steps[k]!.actor === q && this.local[k]! <= sectionEnd) continue;
      if (this.clocks[k]![q]! >= needed) return false;
    }
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
   * The steps of other actors that step j may race with and that may be its immediate causes: for each actor,
   * the last of its steps before j that may race with j over data, and its last acquire of each lock j takes (a
   * lock's release is ordered before the next acquire, but is no race: the acquire's race is with the previous
   * acquire). Any race of j is with one of these.
   */
  lastConflicts(j: number): readonly number[] {
    return this.causes[j]!;
  }
}

