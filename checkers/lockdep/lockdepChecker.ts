import type { Cpu } from '../../model/context.js';
import { LockBase } from '../../model/locking/lockTypes.js';
import type { CheckContext, Checker } from '../../model/probes.js';
import type { Site } from '../../model/site.js';
import type { Actor } from '../../sim/actor.js';
import type { PriorRun } from '../../sim/finding.js';
import { formatSite, stepName } from '../describe.js';
import { LockdepState, type Witness } from './state.js';

/**
 * What lockdep's checkers share: knowledge kept twice, once for the whole exploration (lockdep's graph outlives
 * any one task, as it outlives a boot's workloads) and once for the current run, so that a pattern a run shows
 * by itself is reported again with no earlier run needed; the schedules of the runs that taught something, for
 * reports that rest on them; and the acquires of CPUs that deadlocked, which lockdep would have validated
 * before they started spinning.
 */
export abstract class LockdepChecker implements Checker {
  abstract readonly name: string;
  protected ctx!: CheckContext;
  protected readonly global = new LockdepState();
  protected local = new LockdepState();
  protected readonly reportedGlobal = new Set<string>();
  protected reportedLocal = new Set<string>();
  private readonly schedules = new Map<number, string>();
  /** This run added something to the global state. */
  protected contributed = false;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.local = new LockdepState();
    this.reportedLocal = new Set();
    this.contributed = false;
  }

  endRun(schedule: () => string): void {
    if (this.contributed) this.schedules.set(this.ctx.run, schedule());
  }

  stuck(blocked: readonly Actor[]): void {
    for (const a of blocked) {
      if (a.waitOn instanceof LockBase && a.opSite !== null) this.lockAcquire(this.ctx.cpuOf(a), a.waitOn, a.opSite);
    }
  }

  abstract lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void;

  /** Reported already, in this run's knowledge or (when `state` is the global one) the exploration's. */
  protected alreadyReported(state: LockdepState, key: string): boolean {
    return this.reportedLocal.has(key) || (state === this.global && this.reportedGlobal.has(key));
  }

  protected markReported(state: LockdepState, key: string): void {
    (state === this.local ? this.reportedLocal : this.reportedGlobal).add(key);
  }

  /** The earlier runs these witnesses come from, with their schedules, each once. */
  protected priorRuns(witnesses: readonly Witness[], what: (w: Witness) => string): PriorRun[] {
    const prior: PriorRun[] = [];
    for (const w of witnesses) {
      const schedule = this.schedules.get(w.run);
      if (w.run !== this.ctx.run && schedule !== undefined && !prior.some((p) => p.run === w.run)) prior.push({ run: w.run, schedule, what: what(w) });
    }
    return prior;
  }

  /** `site by CPU at step N [of run R]`. */
  protected when(w: Witness): string {
    return `${formatSite(w.site)} by ${w.actor} at ${stepName(w.step)}${w.run !== this.ctx.run ? ` of run ${w.run}` : ''}`;
  }
}
