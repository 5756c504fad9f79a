import type { Site } from '../../model/site.js';

/** Where lockdep first saw something: which run, which CPU, which step, which line. */
export interface Witness {
  readonly run: number;
  readonly actor: string;
  readonly step: number;
  readonly site: Site;
  /** For a dependency A -> B: where A was taken. */
  readonly heldSite?: Site;
}

export type IrqUsage = 'IN-HARDIRQ-W' | 'IN-SOFTIRQ-W' | 'HARDIRQ-ON-W' | 'SOFTIRQ-ON-W';

/**
 * lockdep's knowledge: the dependency graph between lock classes (A -> B: B was taken while A was held) and
 * each class's irq usage bits, each with the first witness. Insertion-ordered maps keep every walk
 * deterministic.
 */
export class LockdepState {
  private readonly deps = new Map<string, Map<string, Witness>>();
  private readonly usage = new Map<string, Map<IrqUsage, Witness>>();
  /** Some class was taken in irq context: until then no irq-safety rule can be broken. */
  inIrqSeen = false;

  hasEdge(from: string, to: string): boolean {
    return this.deps.get(from)?.has(to) === true;
  }

  /** Adds A -> B; false when it was known. */
  addEdge(from: string, to: string, w: Witness): boolean {
    let m = this.deps.get(from);
    if (m === undefined) {
      m = new Map();
      this.deps.set(from, m);
    }
    if (m.has(to)) return false;
    m.set(to, w);
    return true;
  }

  edge(from: string, to: string): Witness | undefined {
    return this.deps.get(from)?.get(to);
  }

  /** A shortest chain of classes from `from` to `to` (inclusive), or null. */
  path(from: string, to: string): string[] | null {
    if (from === to) return [from];
    const prev = new Map<string, string>([[from, from]]);
    const queue = [from];
    while (queue.length > 0) {
      const cur = queue.shift()!;
      for (const next of this.deps.get(cur)?.keys() ?? []) {
        if (prev.has(next)) continue;
        prev.set(next, cur);
        if (next === to) {
          const chain = [to];
          let c = to;
          while (c !== from) {
            c = prev.get(c)!;
            chain.unshift(c);
          }
          return chain;
        }
        queue.push(next);
      }
    }
    return null;
  }

  /** Marks a usage bit; false when the class already had it. */
  markUsage(cls: string, bit: IrqUsage, w: Witness): boolean {
    let m = this.usage.get(cls);
    if (m === undefined) {
      m = new Map();
      this.usage.set(cls, m);
    }
    if (m.has(bit)) return false;
    m.set(bit, w);
    if (bit === 'IN-HARDIRQ-W' || bit === 'IN-SOFTIRQ-W') this.inIrqSeen = true;
    return true;
  }

  hasUsage(cls: string, bit: IrqUsage): boolean {
    return this.usage.get(cls)?.has(bit) === true;
  }

  usageOf(cls: string, bit: IrqUsage): Witness | undefined {
    return this.usage.get(cls)?.get(bit);
  }

  classesWith(bit: IrqUsage): string[] {
    return [...this.usage].filter(([, m]) => m.has(bit)).map(([c]) => c);
  }
}
