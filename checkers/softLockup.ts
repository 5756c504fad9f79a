import type { Cpu } from '../model/context.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

/**
 * The soft-lockup watchdog (kernel/watchdog.c): a CPU that runs on and on without a chance to schedule is stuck
 * in a loop that does not end. The model counts steps where the kernel counts seconds (see SOFT_LOCKUP_STEPS).
 * The CPU never comes back, so the report ends the run; what it holds is what everyone else now waits for.
 */
export class SoftLockupChecker implements Checker {
  readonly name = 'soft-lockup';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  softLockup(cpu: Cpu, steps: number, site: Site): void {
    const held = cpu.held;
    this.ctx.oops({
      kind: 'soft-lockup',
      object: cpu.task?.comm ?? cpu.name,
      site: `${site.fn} loops without end (${site.file})`,
      title: `BUG: soft lockup - CPU#${cpu.actor.id} stuck for ${steps} steps! [${cpu.name}]`,
      details: () => [
        `${cpu.describe()} has run ${steps} steps without sleeping or returning to user space; it is at ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...(held.length > 0
          ? [`${held.length} lock(s) held, which every CPU that needs one now waits for:`, ...held.map((h) => `  ${h.lock.name} [${h.lock.cls.name}], taken at ${formatSite(h.site)}`)]
          : ['no lock held']),
      ],
      fatal: true,
      corrupts: false,
    });
  }
}
