import type { Cpu } from '../model/context.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { formatSite, stackLines, type Site } from './describe.js';

/**
 * might_sleep(): something that may sleep (a mutex, a GFP_KERNEL allocation, synchronize_rcu, a flush) runs
 * while the CPU is atomic: a spinlock held, preemption or interrupts off, in an interrupt, or inside an RCU
 * read-side section. Reported once per CPU per run, as the kernel rate-limits it.
 */
export class SleepInAtomicChecker implements Checker {
  readonly name = 'sleep-in-atomic';
  private ctx!: CheckContext;
  private reported = new Set<Cpu>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.reported = new Set();
  }

  mightSleep(cpu: Cpu, site: Site, what: string): void {
    if (!cpu.atomic() || this.reported.has(cpu)) return;
    this.reported.add(cpu);
    const held = cpu.held.filter((h) => !h.lock.sleeping);
    const why =
      held.length > 0
        ? `holding ${held.map((h) => h.lock.cls.name).join(', ')}`
        : cpu.kind !== 'process'
          ? `in ${cpu.kind} context`
          : cpu.rcu_read_depth > 0
            ? 'inside rcu_read_lock()'
            : cpu.irqs_disabled
              ? 'with interrupts off'
              : cpu.softirq_disabled > 0
                ? 'with softirqs off (local_bh_disable)'
                : 'with preemption off';
    this.ctx.report({
      kind: 'sleep-in-atomic',
      object: held.length > 0 ? held[held.length - 1]!.lock.cls.name : cpu.kind,
      site: `${what} in ${site.fn} ${why} [${formatSite(site)}]`,
      title: `BUG: sleeping function called from invalid context at ${site.file}${site.line > 0 ? `:${site.line}` : ''}`,
      details: () => [
        `${cpu.describe()}, ${this.ctx.where()}`,
        `${what} may sleep, and the CPU is atomic: ${why}`,
        ...(held.length > 0 ? [`${held.length} lock(s) held:`, ...held.map((h) => `  ${h.lock.name} [${h.lock.cls.name}], taken at ${formatSite(h.site)}`)] : []),
        `at ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
      ],
      fatal: false,
      corrupts: false,
    });
  }
}
