import type { FaultSpec, KGen } from '../model/kernel.js';
import type { Userspace } from './userspace.js';
import type { Workload } from './workload/workload.js';

/** A concurrent actor of a scenario: what one thread (or one interrupt) does. */
export interface ScenarioActor {
  readonly name: string;
  readonly body: () => KGen<unknown>;
  /** An interrupt handler: the actor whose CPU it interrupts. Its context is softirq unless `context` says otherwise. */
  readonly interrupts?: string;
  readonly context?: 'softirq' | 'hardirq';
  /** Other actors of the scenario this one starts after (userspace doing one thing, then another). */
  readonly after?: readonly string[];
}

/** One execution's plan: what userspace does first, alone; then what runs concurrently. */
export interface ScenarioPlan {
  readonly setup: () => KGen<unknown>;
  readonly actors: readonly ScenarioActor[];
  /** kworker threads serving the system workqueue; 1 unless said otherwise. */
  readonly kworkers?: number;
  /** Allocations that fail (the nth allocation of a C type returns NULL). */
  readonly faults?: readonly FaultSpec[];
}

/**
 * A scenario describes what userspace does, never what a version of the kernel does wrong: a sequential setup,
 * concurrent actors, then the standard teardown (close every fd, remove every cgroup, drain the workqueue), so
 * that anything left allocated means something.
 */
export interface Scenario {
  readonly name: string;
  readonly summary: string;
  /** The workload it runs, for a scenario made from one (its name is then `workload:<text>`). */
  readonly workload?: Workload;
  /** Called once per execution with a fresh userspace. */
  plan(u: Userspace): ScenarioPlan;
}
