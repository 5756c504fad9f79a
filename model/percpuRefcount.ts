import type { Kernel } from './kernel.js';
import { KObject, type Allocation } from './memory.js';
import type { Counted } from './probes.js';
import type { Site } from './site.js';

/** One CPU's share of a percpu_ref while it is in percpu mode: the gets minus the puts made on that CPU. */
class percpu_count extends KObject {
  value = 0;
}

/**
 * struct percpu_ref (lib/percpu-refcount.c). It starts in percpu mode with the base reference: a get or a put
 * there only moves the current CPU's own counter, so none of them sees the total and none can release, whatever
 * the balance (an unbalanced put leaves the total one short, unnoticed). percpu_ref_kill() marks it dead
 * (tryget_live fails from then on), sums the CPUs' counters into the atomic count, checks the sum and drops the
 * base reference; from then on it counts as an atomic: the put that reaches zero releases it (the kill's own,
 * when nobody else holds one), and a put below zero is one too many (the release came early). The kernel
 * switches after an RCU grace period and drops the base reference at once (counted against a bias until the
 * switch); the model does both at the kill, which leaves the same count at the check. A put made during the
 * kernel's grace period is in its check; in the model it comes after the kill, where a put below zero is reported
 * as an underflow instead.
 *
 * For the dependency analysis, each CPU's counter is an object of its own: gets and puts before the kill touch
 * only their CPU's counter and read the mode, so they commute with one another; the kill writes the mode and
 * reads every counter, and each get and put after it writes the atomic count.
 */
export class percpu_ref extends KObject implements Counted {
  readonly type = 'percpu_ref';
  /** The atomic count: meaningful from the kill on. */
  count = 1;
  /** __PERCPU_REF_DEAD: killed, and (in the model) in atomic mode. */
  dead = false;
  /** Each CPU's counter, by CPU number, made at its first get or put (the kernel allocates them at init). */
  private readonly pcpu = new Map<number, percpu_count>();

  constructor(
    mem: Allocation,
    name: string,
    /** How the kernel calls this counter (`refcnt` for css->refcnt). */
    readonly counter: string,
    /** The release callback the kernel's WARN names (`css_release`). */
    readonly release: string,
  ) {
    super(mem, name);
  }

  /** The current CPU's counter (an interrupt counts on the CPU it runs on, its host's). */
  cpuCounter(k: Kernel): percpu_count {
    const a = k.cpu.actor;
    const cpu = (a.host ?? a).id;
    let c = this.pcpu.get(cpu);
    if (c === undefined) {
      c = new percpu_count(this.mem, `${this.name}.pcpu[${cpu}]`);
      this.pcpu.set(cpu, c);
    }
    return c;
  }

  /** Every CPU's counter, in CPU order. */
  cpuCounters(): percpu_count[] {
    return [...this.pcpu.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  }

  /** The total the counters and the base stand for: what the count would be if it were switched now. */
  total(): number {
    return this.dead ? this.count : this.count + this.cpuCounters().reduce((s, c) => s + c.value, 0);
  }

  override describeState(): string {
    return `${this.counter}=${this.total()} (${this.dead ? 'atomic, dead' : 'percpu'})`;
  }
}

/** percpu_ref_get(): a reference. Within the current step. */
export function percpu_ref_get(k: Kernel, ref: percpu_ref, site: Site): void {
  if (!k.rd(ref, site, ref.name).dead) {
    k.wr(ref.cpuCounter(k), site, ref.name).value++;
    return;
  }
  const r = k.wr(ref, site, ref.name);
  k.probes.refcount(r, r.count, +1, site);
  r.count++;
}

/** percpu_ref_tryget_live(): a reference, unless the ref was killed. Within the current step. */
export function percpu_ref_tryget_live(k: Kernel, ref: percpu_ref, site: Site): boolean {
  if (k.rd(ref, site, ref.name).dead) return false;
  k.wr(ref.cpuCounter(k), site, ref.name).value++;
  return true;
}

/** percpu_ref_put(): drops a reference; true for the put that reached zero (the caller releases). Within the current step. */
export function percpu_ref_put(k: Kernel, ref: percpu_ref, site: Site): boolean {
  if (!k.rd(ref, site, ref.name).dead) {
    k.wr(ref.cpuCounter(k), site, ref.name).value--;
    return false;
  }
  const r = k.wr(ref, site, ref.name);
  const before = r.count;
  k.probes.refcount(r, before, -1, site);
  r.count = before - 1;
  return r.count === 0;
}

/**
 * percpu_ref_kill(): dead from now (tryget_live fails), switched to atomic mode, the base reference dropped; true
 * when that was the last reference (the caller releases). The switch checks the sum while it still holds a
 * reference of its own (the kernel's switch takes one across its grace period, and drops it after the
 * confirmation): a sum at or below zero there means more puts than gets, and the kernel warns; the ref is then
 * never released (its count stays below one). One put too many is not caught there: it only makes the release
 * come one put early. Within the current step.
 */
export function percpu_ref_kill(k: Kernel, ref: percpu_ref, site: Site): boolean {
  const r = k.wr(ref, site, ref.name);
  let sum = 0;
  for (const c of r.cpuCounters()) sum += k.rd(c, site, ref.name).value;
  r.dead = true;
  // The base reference and the switch's own, less the base reference the kill drops: the count at the check.
  r.count = r.count + sum;
  k.probes.percpuRefAtomic(r, r.count, site);
  // The switch's reference goes after the confirmation: unchecked, as any atomic-mode put of the kernel.
  r.count--;
  return r.count === 0;
}
