import type { Cpu } from '../model/context.js';
import type { LockBase } from '../model/locking/lockTypes.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

/**
 * DEBUG_SPINLOCK's check before a CPU spins (lib/spinlock_debug.c, debug_spin_lock_before): a spin_lock() of a
 * lock whose owner is the current task is a recursion, reported by spin_bug() with the lock's owner. The CPU then
 * spins on a lock only it could release: nothing runs on it again, so the run ends with this report.
 */
export class SpinlockRecursionChecker implements Checker {
  readonly name = 'spinlock-recursion';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  spinBug(cpu: Cpu, lock: LockBase, site: Site, what: 'recursion'): void {
    // The CPU's number and `current`: for an interrupt, its host's (it runs there, over the task it interrupted).
    const here = cpu.actor.host ?? cpu.actor;
    const owner = lock.owner === null ? null : (lock.owner.actor.host ?? lock.owner.actor);
    this.ctx.oops({
      kind: 'deadlock',
      object: lock.cls.name,
      site: `spinlock ${what} on ${lock.cls.name} in ${site.fn}`,
      title: `BUG: spinlock ${what} on CPU#${here.id}, ${here.name}`,
      involves: [lock.mem.name],
      details: () => [
        ` lock: ${lock.name} [${lock.cls.name}], .magic: dead4ead, .owner: ${owner?.name ?? '<none>'}, .owner_cpu: ${owner?.id ?? -1}`,
        ...stackLines(this.ctx.stack()),
        `cgsim: ${cpu.name} takes ${lock.name} at ${formatSite(site)}, and already holds it since ${lock.ownerSite === null ? '?' : formatSite(lock.ownerSite)}${cpu.actor.host !== null ? ` (in ${here.name}, the task it interrupted)` : ''}.`,
        `cgsim: the CPU spins for good on a lock only it could release: the execution ends here.`,
      ],
      fatal: true,
      corrupts: false,
    });
  }
}
