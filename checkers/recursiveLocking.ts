import type { Cpu } from '../model/context.js';
import type { LockBase } from '../model/locking/lockTypes.js';
import { formatSite, stackLines, stepName, type Site } from './describe.js';
import { LockdepChecker } from './lockdep/lockdepChecker.js';

/**
 * lockdep's check for a lock taken twice (check_deadlock): an acquire of a lock the CPU already holds, reported
 * before the CPU spins on it (a spinlock) or sleeps on it for good (a mutex: validated when the run deadlocks).
 * Only the very same lock: lockdep also reports two locks of one class nested without a nesting annotation
 * (spin_lock_nested), which the model cannot express, so a kernel that annotates such nesting would get a report
 * here it does not get; no shipped version nests two locks of one class.
 */
export class RecursiveLockingChecker extends LockdepChecker {
  readonly name = 'lock-recursion';

  lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void {
    const held = cpu.held.find((h) => h.lock === lock);
    if (held === undefined) return;
    const cls = lock.cls.name;
    const key = `${cls} ${site.fn} ${held.site.fn}`;
    if (this.alreadyReported(this.local, key)) return;
    this.markReported(this.local, key);
    const step = this.ctx.host.step;
    this.ctx.report({
      kind: 'lock-recursion',
      object: cls,
      site: `${cls} taken again in ${site.fn}, held since ${held.site.fn}`,
      title: 'WARNING: possible recursive locking detected',
      involves: [lock.mem.name],
      details: () => [
        `${cpu.name} (${stepName(step)}) is trying to acquire lock:`,
        `  (${cls}) ${lock.name}, at ${formatSite(site)}`,
        'but task is already holding lock:',
        `  (${cls}) ${lock.name}, at ${formatSite(held.site)}`,
        'other info that might help us debug this:',
        ' Possible unsafe locking scenario:',
        '       CPU0',
        '       ----',
        `  lock(${cls});`,
        `  lock(${cls});`,
        ' *** DEADLOCK ***',
        ' May be due to missing lock nesting notation',
        `${cpu.held.length} lock(s) held by ${cpu.name}:`,
        ...cpu.held.map((h, i) => ` #${i}: (${h.lock.cls.name}) ${h.lock.name}, at ${formatSite(h.site)}`),
        ...stackLines(this.ctx.stack()),
      ],
      fatal: false,
      corrupts: false,
    });
  }
}
