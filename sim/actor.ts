import type { Site } from './site.js';

/**
 * Something an actor can wait for. An actor whose pending operation names a Waitable is runnable only while
 * `ready()` holds: a spinning CPU, a sleeping mutex waiter and an idle kworker are all just "not runnable".
 */
export interface Waitable {
  ready(): boolean;
  /** What the waiter is stuck on, for deadlock reports: `spin_lock(cgroup#1.event_list_lock) held by rmdir`. */
  describe(): string;
  /**
   * True when waiting here means "nothing to do" rather than "stuck": a daemon (a kworker) parked on an idle
   * Waitable does not keep the execution alive and is not part of a deadlock.
   */
  readonly idle?: boolean;
  /** The objects `ready()` reads, in the model's numbering (see footprint.ts): what can make the wait end. */
  readonly deps?: readonly number[];
  /** The step that ends the wait takes a lock (its deps): for DPOR, an acquire rather than a write. */
  readonly acquire?: boolean;
}

/** The body of an actor: each `yield` ends one visible step; code between two yields runs atomically. */
export type ActorBody = Generator<void, unknown, void>;

/** How a program describes one actor before the execution creates it. */
export interface ActorSpec {
  readonly name: string;
  readonly body: () => ActorBody;
  /** Daemons (kworkers) may be left idle at the end; the execution ends when only idle daemons remain. */
  readonly daemon?: boolean;
  /** Names of actors that must be done before this one starts (setup before the concurrent actors, ...). */
  readonly after?: readonly string[];
  /**
   * Name of the actor whose CPU this one interrupts (a softirq). It starts only while that CPU takes
   * interrupts, and the interrupted actor makes no progress until this one is done.
   */
  readonly interrupts?: string;
  /** Run the body up to its first yield when the execution is created (for bodies whose first segment is local). */
  readonly prime?: boolean;
}

/** One simulated CPU running one body. Fields are public for speed; only the engine and the model touch them. */
export class Actor {
  /** Whether this CPU currently takes interrupts; the model clears it while irqs or softirqs are disabled. */
  interruptible = true;
  started = false;
  done = false;
  /** Operation the actor performs when next scheduled (declared by the model just before it yields). */
  opName = 'start';
  opObj: unknown = null;
  opSite: Site | null = null;
  /** Where the model code of that operation is (`model/eventfd.ts:40`), when traced; for viewers only. */
  opWhere: string | null = null;
  waitOn: Waitable | null = null;
  /** Model-owned per-actor state (the kernel's view of this CPU: task, context, held locks). */
  local: unknown = null;
  gen: ActorBody | null = null;
  after: Actor[] = [];
  host: Actor | null = null;
  interrupters: Actor[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly spec: ActorSpec,
  ) {}

  get daemon(): boolean {
    return this.spec.daemon === true;
  }
}

/** One letter per actor in schedule strings: a..z, then A..Z. */
export function actorLetter(id: number): string {
  if (id < 26) return String.fromCharCode(97 + id);
  if (id < 52) return String.fromCharCode(65 + id - 26);
  throw new RangeError(`actor id ${id} has no schedule letter (at most 52 actors)`);
}
