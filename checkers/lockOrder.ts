import type { Cpu } from '../model/context.js';
import type { LockBase } from '../model/locking/lockTypes.js';
import { formatSite, stepName, type Site } from './describe.js';
import { LockdepChecker } from './lockdep/lockdepChecker.js';
import type { LockdepState, Witness } from './lockdep/state.js';

/**
 * lockdep's circular-dependency check. Every acquire adds "held class -> new class" to a graph of lock
 * classes that lives as long as the exploration (as lockdep's lives as long as the boot), so an inversion is
 * reported once both orders have been seen, even in different runs and even if no run deadlocked. A run that
 * shows both orders by itself is reported again with no earlier run needed, so the shortest witness replays alone.
 */
export class LockOrderChecker extends LockdepChecker {
  readonly name = 'lock-order-inversion';

  lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void {
    const to = lock.cls.name;
    for (const h of cpu.held) {
      const from = h.lock.cls.name;
      // Nesting two locks of one class needs a subclass annotation lockdep cannot check; not reported.
      if (from === to) continue;
      // Most acquires repeat a known dependency: no witness to build then.
      if (this.local.hasEdge(from, to) && this.global.hasEdge(from, to)) continue;
      const w: Witness = { run: this.ctx.run, actor: cpu.name, step: this.ctx.host.step, site, heldSite: h.site };
      if (this.local.addEdge(from, to, w)) {
        const back = this.local.path(to, from);
        if (back !== null) this.report(this.local, from, to, back, w);
      }
      if (this.global.addEdge(from, to, w)) {
        this.contributed = true;
        const back = this.global.path(to, from);
        if (back !== null) this.report(this.global, from, to, back, w);
      }
    }
  }

  private report(state: LockdepState, from: string, to: string, back: string[], w: Witness): void {
    // The cycle: from -> to, then back along `back` (to ... from).
    const cycle = [from, ...back];
    const edges: { a: string; b: string; w: Witness }[] = [];
    for (let i = 0; i + 1 < cycle.length; i++) edges.push({ a: cycle[i]!, b: cycle[i + 1]!, w: i === 0 ? w : state.edge(cycle[i]!, cycle[i + 1]!)! });
    const classes = [...new Set(cycle)].sort();
    const key = classes.join(' ');
    if (this.alreadyReported(state, key)) return;
    this.markReported(state, key);
    const fns = [...new Set(edges.map((e) => e.w.site.fn))].sort();
    const prior = this.priorRuns(
      edges.map((e) => e.w),
      (x) => edges.filter((e) => e.w === x).map((e) => `${e.a} -> ${e.b}`).join(', '),
    );
    const when = (x: Witness): string => `${x.actor} at ${stepName(x.step)}${x.run !== this.ctx.run ? ` of run ${x.run}` : ''}`;
    this.ctx.report({
      kind: 'lock-order-inversion',
      object: classes.join(', '),
      site: `${classes.join(' vs ')} (${fns.join(', ')})`,
      title: 'WARNING: possible circular locking dependency detected',
      details: () => [
        `${w.actor} (${stepName(w.step)}) is trying to acquire lock:`,
        `  (${to}) at ${formatSite(w.site)}`,
        'but task is already holding lock:',
        `  (${from}) at ${formatSite(w.heldSite!)}`,
        'which lock already depends on the new lock.',
        'the existing dependency chain (in reverse order) is:',
        ...edges
          .slice(1)
          .reverse()
          .map((e, i) => `-> #${i} (${e.b}): taken at ${formatSite(e.w.site)} while holding (${e.a}) taken at ${formatSite(e.w.heldSite!)}, by ${when(e.w)}`),
        'Possible unsafe locking scenario:',
        '      CPU0                    CPU1',
        '      ----                    ----',
        `  lock(${from});`,
        `                               lock(${to});`,
        `                               lock(${from});`,
        `  lock(${to});`,
        ' *** DEADLOCK ***',
      ],
      fatal: false,
      corrupts: false,
      ...(prior.length > 0 ? { priorRuns: prior } : {}),
    });
  }
}
