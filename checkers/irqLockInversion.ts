import type { Cpu } from '../model/context.js';
import type { LockBase } from '../model/locking/lockTypes.js';
import { formatSite, type Site } from './describe.js';
import { LockdepChecker } from './lockdep/lockdepChecker.js';
import type { IrqUsage, LockdepState, Witness } from './lockdep/state.js';

type Irq = 'SOFTIRQ' | 'HARDIRQ';
const IRQS: readonly Irq[] = ['HARDIRQ', 'SOFTIRQ'];
const inBit = (irq: Irq): IrqUsage => `IN-${irq}-W`;
const onBit = (irq: Irq): IrqUsage => `${irq}-ON-W`;

/**
 * lockdep's irq-safety checks. A class taken in softirq (hardirq) context is SOFTIRQ-safe; a class taken with
 * softirqs (irqs) enabled is SOFTIRQ-unsafe. Reported: one class that is both ("inconsistent lock state"), and
 * a dependency from a safe class to an unsafe one (the unsafe lock may be held when the interrupt comes, and the
 * interrupt may wait for the safe lock held by a CPU that waits for the unsafe one). Usage and dependencies live
 * as long as the exploration, like lockdep's; a run that shows the whole pattern by itself is reported again
 * with no earlier run needed.
 */
export class IrqLockInversionChecker extends LockdepChecker {
  readonly name = 'irq-lock-inversion';

  lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void {
    const cls = lock.cls.name;
    const bits: IrqUsage[] = [];
    if (cpu.kind === 'hardirq') bits.push('IN-HARDIRQ-W');
    if (cpu.kind === 'softirq') bits.push('IN-SOFTIRQ-W');
    // Hardirqs on, in any context but a hardirq; softirqs on only in process context (a softirq does not nest).
    if (cpu.kind !== 'hardirq' && !cpu.irqs_disabled) {
      bits.push('HARDIRQ-ON-W');
      if (cpu.kind === 'process' && cpu.softirq_disabled === 0) bits.push('SOFTIRQ-ON-W');
    }
    this.acquireIn(this.local, cpu, cls, bits, site);
    if (this.acquireIn(this.global, cpu, cls, bits, site)) this.contributed = true;
  }

  /** Records the acquire in one lockdep state; true when it taught that state something new. */
  private acquireIn(state: LockdepState, cpu: Cpu, cls: string, bits: readonly IrqUsage[], site: Site): boolean {
    // Most acquires repeat what lockdep knows: find that out before building any witness.
    let fresh = false;
    for (const b of bits) if (!state.hasUsage(cls, b)) fresh = true;
    for (const h of cpu.held) if (h.lock.cls.name !== cls && !state.hasEdge(h.lock.cls.name, cls)) fresh = true;
    if (!fresh) return false;
    const w: Witness = { run: this.ctx.run, actor: cpu.name, step: this.ctx.host.step, site };
    let edge = false;
    for (const b of bits) state.markUsage(cls, b, w);
    for (const h of cpu.held) {
      if (h.lock.cls.name !== cls) edge = state.addEdge(h.lock.cls.name, cls, { ...w, heldSite: h.site }) || edge;
    }
    if (state.inIrqSeen) this.check(state, edge);
    return true;
  }

  /** `byEdge`: this acquire added a dependency (lockdep's check_prev_add); otherwise only a usage bit (mark_lock). */
  private check(state: LockdepState, byEdge: boolean): void {
    for (const irq of IRQS) {
      for (const safe of state.classesWith(inBit(irq))) {
        for (const unsafe of state.classesWith(onBit(irq))) {
          const chain = state.path(safe, unsafe);
          if (chain === null) continue;
          const key = `${irq} ${safe} ${unsafe}`;
          if (this.alreadyReported(state, key)) continue;
          this.markReported(state, key);
          this.report(state, irq, chain, byEdge);
        }
      }
    }
  }

  private report(state: LockdepState, irq: Irq, chain: string[], byEdge: boolean): void {
    const safe = chain[0]!;
    const unsafe = chain[chain.length - 1]!;
    const safeW = state.usageOf(safe, inBit(irq))!;
    const unsafeW = state.usageOf(unsafe, onBit(irq))!;
    const edges: Witness[] = [];
    for (let i = 0; i + 1 < chain.length; i++) edges.push(state.edge(chain[i]!, chain[i + 1]!)!);
    const witnesses = [safeW, unsafeW, ...edges];
    const prior = this.priorRuns(witnesses, () => 'irq usage or dependency');
    const when = (x: Witness): string => this.when(x);
    const title =
      safe === unsafe
        ? 'WARNING: inconsistent lock state'
        : byEdge
          ? `WARNING: ${irq}-safe -> ${irq}-unsafe lock order detected`
          : 'WARNING: possible irq lock inversion dependency detected';
    const body = (): string[] =>
      safe === unsafe
        ? [
            `inconsistent {IN-${irq}-W} -> {${irq}-ON-W} usage.`,
            `(${safe}) was taken in ${irq.toLowerCase()} context at ${when(safeW)}`,
            `and with ${irq.toLowerCase()}s enabled at ${when(unsafeW)}`,
          ]
        : [
            `${chain.map((c) => `(${c})`).join(' -> ')}: a dependency from a ${irq}-safe lock to a ${irq}-unsafe lock.`,
            `(${safe}) became ${irq}-irq-safe at ${when(safeW)}`,
            `(${unsafe}) became ${irq}-irq-unsafe at ${when(unsafeW)}`,
            'the dependencies:',
            ...edges.map((e, i) => `  (${chain[i]}) -> (${chain[i + 1]}): ${when(e)}, holding the first taken at ${formatSite(e.heldSite!)}`),
          ];
    this.ctx.report({
      kind: 'irq-lock-inversion',
      object: safe === unsafe ? safe : `${safe}, ${unsafe}`,
      site: `${irq}-safe ${safe} -> ${irq}-unsafe ${unsafe} (${[...new Set(edges.map((e) => e.site.fn))].join(', ') || unsafeW.site.fn})`,
      title,
      details: () => [
        ...body(),
        'Possible interrupt unsafe locking scenario:',
        '       CPU0                    CPU1',
        '       ----                    ----',
        `  lock(${unsafe});`,
        '                               local_irq_disable();',
        `                               lock(${safe});`,
        ...(safe === unsafe ? [] : [`                               lock(${unsafe});`]),
        '  <Interrupt>',
        `    lock(${safe});`,
        ' *** DEADLOCK ***',
      ],
      fatal: false,
      corrupts: false,
      ...(prior.length > 0 ? { priorRuns: prior } : {}),
    });
  }
}
