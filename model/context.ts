import type { Actor } from '../sim/actor.js';
import type { task_struct } from './task.js';
import type { HeldLock } from './locking/lockTypes.js';

/** The context a CPU runs in, as `in_interrupt()`/`in_softirq()` tell it. */
export type ContextKind = 'process' | 'softirq' | 'hardirq';

/**
 * The kernel's view of one simulated CPU: what it runs (a task in process context, or an interrupt), whether
 * it is atomic (spinlocks held, preemption or interrupts off, inside an RCU read-side section) and the locks it
 * holds, in order, as lockdep's held_locks stack.
 */
export class Cpu {
  /** spin_lock and preempt_disable nest here, as in preempt_count. */
  preempt_count = 0;
  /** Hardware interrupts disabled (local_irq_save / spin_lock_irq). */
  irqs_disabled = false;
  /** local_bh_disable nesting. */
  softirq_disabled = 0;
  rcu_read_depth = 0;
  /** Bumped at every outermost rcu_read_unlock, so a grace period can tell a reader left its section. */
  rcu_epoch = 0;
  readonly held: HeldLock[] = [];
  /** `current`: the task whose files and cgroup a syscall on this CPU uses (null in interrupt context). */
  task: task_struct | null = null;
  /** Steps since this CPU last could schedule (slept, or crossed a point that may schedule): the watchdog's clock. */
  since_schedule = 0;

  constructor(
    readonly actor: Actor,
    readonly kind: ContextKind,
  ) {}

  get name(): string {
    return this.actor.name;
  }

  /** in_atomic() || irqs_disabled(): what might_sleep() complains about. */
  atomic(): boolean {
    return this.preempt_count > 0 || this.irqs_disabled || this.softirq_disabled > 0 || this.rcu_read_depth > 0 || this.kind !== 'process';
  }

  /** Softirqs may run on this CPU right now. */
  softirqs_enabled(): boolean {
    return !this.irqs_disabled && this.softirq_disabled === 0 && this.kind === 'process';
  }

  /** Keeps the engine's view of whether an interrupt may be delivered to this CPU in step. */
  sync(): void {
    this.actor.interruptible = this.softirqs_enabled();
  }

  local_irq_save(): boolean {
    const flags = this.irqs_disabled;
    this.irqs_disabled = true;
    this.sync();
    return flags;
  }

  local_irq_restore(flags: boolean): void {
    this.irqs_disabled = flags;
    this.sync();
  }

  local_irq_disable(): void {
    this.irqs_disabled = true;
    this.sync();
  }

  local_irq_enable(): void {
    this.irqs_disabled = false;
    this.sync();
  }

  local_bh_disable(): void {
    this.softirq_disabled++;
    this.sync();
  }

  local_bh_enable(): void {
    this.softirq_disabled--;
    this.sync();
  }

  /** One line for reports: `in_atomic(): 1, irqs_disabled(): 1, process context`. */
  describe(): string {
    const inAtomic = this.preempt_count > 0 || this.softirq_disabled > 0 || this.rcu_read_depth > 0 || this.kind !== 'process';
    return `in_atomic(): ${inAtomic ? 1 : 0}, irqs_disabled(): ${this.irqs_disabled ? 1 : 0}, ${this.kind} context`;
  }
}
