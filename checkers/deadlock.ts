import type { Actor } from '../sim/actor.js';
import { LockBase } from '../model/locking/lockTypes.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { formatSite } from './describe.js';

/**
 * No CPU can make progress, yet some have not finished: every one of them is spinning on a lock, sleeping on
 * a mutex or waiting for a grace period or a flush that cannot come. The report lists each blocked CPU, what
 * it waits for and who holds it, and the locks each one holds.
 */
export class DeadlockChecker implements Checker {
  readonly name = 'deadlock';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  stuck(blocked: readonly Actor[]): void {
    const waits = blocked.filter((a) => a.opSite !== null).map((a) => a.opSite!.fn);
    const lines = (): string[] =>
      blocked.flatMap((a) => {
        const cpu = this.ctx.cpuOf(a);
        const interrupted = a.interrupters.find((i) => i.started && !i.done);
        const what = interrupted !== undefined ? `interrupted by ${interrupted.name}, which cannot finish` : (a.waitOn?.describe() ?? 'not runnable');
        return [`  ${a.name}${a.opSite !== null ? `, at ${formatSite(a.opSite)}` : ''}: ${what}`, ...cpu.held.map((h) => `      holds ${h.lock.name} [${h.lock.cls.name}], taken at ${formatSite(h.site)}`)];
      });
    // The cycle is made of the locks the CPUs wait for; other locks they hold are listed, not named.
    const classes = [...new Set(blocked.flatMap((a) => (a.waitOn instanceof LockBase ? [a.waitOn.cls.name] : [])))].sort();
    this.ctx.report({
      kind: 'deadlock',
      object: classes.join(', ') || 'cpu',
      site: [...new Set(waits)].sort().join(' / '),
      title: deadlockTitle(blocked),
      details: () => [`cgsim: deadlock: ${blocked.length} CPU(s) blocked for good (${blocked.map((a) => a.name).join(', ')})`, 'Blocked CPUs, what each waits for, and the locks it holds:', ...lines()],
      fatal: true,
      corrupts: false,
    });
  }
}

/**
 * What the kernel itself would print first: a CPU spinning on a spinlock for good trips DEBUG_SPINLOCK's lockup
 * detector; tasks that only sleep (a mutex, a flush, a grace period) trip the hung-task detector.
 */
function deadlockTitle(blocked: readonly Actor[]): string {
  // A CPU an interrupt took over spins in that interrupt, not in its own code.
  const running = (a: Actor): boolean => a.interrupters.every((i) => !i.started || i.done);
  const spinning = blocked.find((a) => running(a) && a.waitOn instanceof LockBase && !a.waitOn.sleeping);
  if (spinning !== undefined) return `BUG: spinlock lockup suspected on CPU#${(spinning.host ?? spinning).id}, ${spinning.name}`;
  return `INFO: task ${blocked[0]?.name ?? '?'} blocked for more than 120 seconds.`;
}
