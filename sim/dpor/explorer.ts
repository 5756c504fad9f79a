import { access, conflict, settle, type Footprint, type StepAccess } from '../footprint.js';
import { PRUNE, type Strategy, type Waiting } from '../strategy/strategy.js';
import { CausalOrder } from './causal.js';
import { traceHash } from './traceHash.js';
import { NondeterminismError } from '../nondeterminism.js';

/**
 * Stateless exhaustive search over the interleavings of one program, each execution replayed from the start.
 *
 * `dpor` is source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, "Optimal dynamic partial order
 * reduction", POPL 2014, Algorithm 1): after each execution, every race (two conflicting steps of different
 * actors that nothing else orders) adds, at the state before the first step, a way to run the second first,
 * unless one is there already or asleep; actors whose traces from a state are already covered sleep until a
 * dependent step wakes them. Every Mazurkiewicz trace (every ordering of dependent steps) is explored at least
 * once, most exactly once.
 *
 * `naive` explores every interleaving, with no reduction: the reference the reduction is tested against.
 *
 * With a preemption bound (Musuvathi and Qadeer, PLDI 2007), an execution may switch away from an actor that
 * could go on at most that many times; choices beyond it are cut (and counted), and a race whose reversal would
 * need one more preemption is tried instead where the running actor's block began (the conservative
 * backtracking of Coons, Musuvathi and McKinley, "Bounded partial-order reduction", OOPSLA 2013). Sleep sets
 * are off then: a trace they would skip as explored elsewhere may lie beyond the bound there.
 */
export interface DporOptions {
  readonly mode?: 'dpor' | 'naive';
  readonly preemptions?: number;
}

interface Node {
  readonly enabled: readonly number[];
  /** Asleep here: their traces from this state are explored elsewhere. */
  readonly sleep: ReadonlyMap<number, StepAccess>;
  /** Actors to run from this state; the first is the one being explored. */
  readonly backtrack: Set<number>;
  /** Actors explored from this state already, with the step each took. */
  readonly done: Map<number, StepAccess>;
  chosen: number;
  access: StepAccess | null;
  /** Preemptions up to and including this node's choice. */
  preemptions: number;
}

export interface DporStats {
  /** Executions started, including those cut as redundant or beyond the bound. */
  readonly executions: number;
  /** Distinct Mazurkiewicz traces among the executions that ran to their end. */
  readonly traces: number;
  /** Executions abandoned because every choice left was asleep (covered elsewhere). */
  readonly sleepBlocked: number;
  /** Choices and race reversals not explored because of the preemption bound. */
  readonly boundCuts: number;
  readonly complete: boolean;
}

export class DporExplorer {
  private readonly nodes: Node[] = [];
  /** First node the current execution created (where it left the previous one's path). */
  private fresh = 0;
  private exhausted = false;
  private executions = 0;
  private sleepBlocked = 0;
  private boundCuts = 0;
  readonly traces = new Set<string>();
  /** The actors the current execution left waiting, and on what. */
  private waiting: readonly Waiting[] = [];
  /** The happens-before order of the current path, kept across executions and cut back where they part. */
  private readonly causal: CausalOrder;

  constructor(
    /** Actors in the program (ids 0..actors-1). */
    private readonly actors: number,
    private readonly opts: DporOptions = {},
  ) {
    this.causal = new CausalOrder(actors);
  }

  get stats(): DporStats {
    return { executions: this.executions, traces: this.traces.size, sleepBlocked: this.sleepBlocked, boundCuts: this.boundCuts, complete: this.exhausted };
  }

  /** The strategy for the next execution, or null when every trace has been explored. */
  next(): Strategy | null {
    if (this.exhausted) return null;
    this.executions++;
    return new DporRun(this);
  }

  /** @internal the choice at `step`. */
  choose(runnable: ArrayLike<number>, count: number, step: number): number {
    if (step < this.nodes.length) {
      const n = this.nodes[step]!;
      for (let i = 0; i < count; i++) if (runnable[i] === n.chosen) return n.chosen;
      throw new NondeterminismError(`step ${step + 1} replays actor ${n.chosen}, which is not runnable now`);
    }
    const parent = step > 0 ? this.nodes[step - 1]! : null;
    const enabled = Array.from({ length: count }, (_, i) => runnable[i]!);
    // Sleep sets assume a trace left asleep here is explored from an earlier choice; with a preemption bound it
    // may lie beyond the bound there, so bounded searches do without them.
    const sleep = this.opts.mode === 'naive' || this.opts.preemptions !== undefined || parent === null ? new Map<number, StepAccess>() : childSleep(parent);
    const prev = parent?.chosen ?? -1;
    const awake = enabled.filter((a) => !sleep.has(a));
    if (awake.length === 0) {
      this.sleepBlocked++;
      return PRUNE;
    }
    // The running actor first: fewer preemptions, and the bound rarely bites on the first path.
    const ordered = awake.includes(prev) ? [prev, ...awake.filter((a) => a !== prev)] : awake;
    const within = ordered.filter((a) => this.preemptionsAt(step, a, enabled) <= this.bound);
    if (within.length < ordered.length) this.boundCuts += ordered.length - within.length;
    if (within.length === 0) return PRUNE;
    const chosen = within[0]!;
    this.nodes.push({
      enabled,
      sleep,
      backtrack: new Set(this.opts.mode === 'naive' ? within : [chosen]),
      done: new Map(),
      chosen,
      access: null,
      preemptions: this.preemptionsAt(step, chosen, enabled),
    });
    return chosen;
  }

  /** @internal what the step at `step` touched. */
  observe(step: number, actor: number, fp: Footprint): void {
    const n = this.nodes[step]!;
    if (n.access === null) {
      n.access = settle(actor, fp);
      return;
    }
    // A replayed step of the path: it must touch what it touched before. Checked on every 16th execution only:
    // settling every step of every replayed prefix would cost more than the rest of the search.
    if (this.executions % 16 === 1 && !sameAccess(n.access, settle(actor, fp))) {
      throw new NondeterminismError(`step ${step + 1} of actor ${actor} touched other objects when replayed`);
    }
  }

  /** @internal the actors the execution left waiting. */
  waitingAtEnd(waiting: readonly Waiting[]): void {
    this.waiting = waiting;
  }

  /** Ends the current execution; `ranToEnd` is false when it was cut (asleep, or beyond the bound). */
  finish(ranToEnd: boolean): void {
    const order = this.causal;
    order.truncate(Math.min(order.length, this.fresh));
    for (let i = order.length; i < this.nodes.length; i++) {
      const a = this.nodes[i]!.access;
      if (a === null) break;
      order.push(a);
    }
    if (ranToEnd) this.traces.add(traceHash(order, this.actors));
    if (this.opts.mode !== 'naive') {
      this.addRaces(order, this.fresh, order.length);
      // A waiting actor's next step could not run; had some earlier step gone the other way, it could have.
      // It would take the lock it waits for, or read what it waits on: race it like a step of its own.
      for (const w of this.waiting) {
        if (w.deps !== null && w.deps.length === 0) continue;
        const n = order.length;
        // An actor a fatal report stopped: its next step is taken to touch everything the execution touched.
        if (w.deps === null) order.push(anything(w.actor, order));
        else order.push(w.acquire ? access(w.actor, [], [], w.deps) : access(w.actor, w.deps, []));
        this.addRaces(order, n, n + 1);
        order.truncate(n);
      }
    }
    this.waiting = [];
    this.backtrack();
  }

  private get bound(): number {
    return this.opts.preemptions ?? Number.POSITIVE_INFINITY;
  }

  private preemptionsAt(step: number, actor: number, enabled: readonly number[]): number {
    const parent = step > 0 ? this.nodes[step - 1]! : null;
    const before = parent?.preemptions ?? 0;
    return parent !== null && actor !== parent.chosen && enabled.includes(parent.chosen) ? before + 1 : before;
  }

  /** For every race the current execution's new steps take part in, a way to reverse it (Algorithm 1, lines 6-10). */
  private addRaces(order: CausalOrder, from: number, to: number): void {
    for (let j = from; j < to; j++) {
      const causes = order.lastConflicts(j);
      for (const i of causes) {
        if (!order.isRace(i, j, causes)) continue;
        this.reverse(order, i, j);
      }
    }
  }

  private reverse(order: CausalOrder, i: number, j: number): void {
    const p = order.steps[j]!.actor;
    // v: the steps between i and j that do not depend on i, then p's step.
    const v: number[] = [];
    for (let k = i + 1; k < j; k++) if (!order.happensBefore(i, k)) v.push(k);
    // An initial of v is an actor whose first step in v has no cause in v: for each actor, the count of its
    // steps before v tells whether a step's clock reaches into v.
    const initials: number[] = [];
    const firstInV = new Map<number, number>();
    for (const k of v) {
      const a = order.steps[k]!.actor;
      if (!firstInV.has(a)) firstInV.set(a, order.localIndex(k));
    }
    const causedInV = (k: number): boolean => {
      const c = order.clock(k);
      const self = order.steps[k]!.actor;
      for (const [a, first] of firstInV) if (a !== self && c[a]! >= first) return true;
      return false;
    };
    const seen = new Set<number>();
    for (const k of v) {
      const a = order.steps[k]!.actor;
      if (seen.has(a)) continue;
      seen.add(a);
      if (!causedInV(k)) initials.push(a);
    }
    // p's step itself, when p has no step in v: an initial unless a step of v causes it (i itself excepted).
    if (!seen.has(p) && !causedInV(j)) initials.push(p);
    const node = this.nodes[i]!;
    if (initials.some((a) => node.backtrack.has(a) || node.sleep.has(a) || node.done.has(a))) return;
    const q = initials.find((a) => node.enabled.includes(a));
    if (q === undefined) return;
    const cost = this.preemptionsAt(i, q, node.enabled);
    if (cost <= this.bound) node.backtrack.add(q);
    else this.boundCuts++;
    // With a bound, a switch at i that preempts may leave too few preemptions for what must follow; switching
    // where the actor running at i began its block costs none: try that too (Coons et al.'s conservative points).
    if (this.opts.preemptions === undefined || cost === (i > 0 ? this.nodes[i - 1]!.preemptions : 0)) return;
    // Every earlier block start, nearest first: what must follow may need the preemptions saved there.
    for (let b = i; b > 0; ) {
      while (b > 0 && this.nodes[b - 1]!.chosen === this.nodes[b]!.chosen) b--;
      const start = this.nodes[b]!;
      if (b < i && start.enabled.includes(q) && !start.done.has(q) && this.preemptionsAt(b, q, start.enabled) <= this.bound) start.backtrack.add(q);
      b--;
    }
  }

  /** Moves to the deepest state with an actor left to explore; marks the search exhausted when there is none. */
  private backtrack(): void {
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i]!;
      let next = -1;
      for (const a of n.backtrack) {
        if (a !== n.chosen && !n.done.has(a) && !n.sleep.has(a)) {
          next = a;
          break;
        }
      }
      if (next < 0) continue;
      if (n.access !== null) n.done.set(n.chosen, n.access);
      n.chosen = next;
      n.access = null;
      n.preemptions = this.preemptionsAt(i, next, n.enabled);
      this.nodes.length = i + 1;
      this.fresh = i;
      return;
    }
    this.exhausted = true;
  }
}

/** The sleep set after the parent's step: what slept or was explored there and does not conflict with that step. */
function childSleep(parent: Node): Map<number, StepAccess> {
  const out = new Map<number, StepAccess>();
  const step = parent.access!;
  for (const src of [parent.sleep, parent.done]) {
    for (const [a, acc] of src) if (a !== parent.chosen && !conflict(acc, step)) out.set(a, acc);
  }
  return out;
}

/** A step that writes every object and takes every lock the execution touched: one whose footprint is unknown. */
function anything(actor: number, order: CausalOrder): StepAccess {
  const data = new Set<number>();
  const locks = new Set<number>();
  for (const s of order.steps) {
    for (const k of s.reads) data.add(k);
    for (const k of s.writes) data.add(k);
    for (const k of s.waits) data.add(k);
    for (const k of s.acquires) locks.add(k);
    for (const k of s.releases) locks.add(k);
  }
  return access(actor, [], [...data], [...locks]);
}

function sameAccess(a: StepAccess, b: StepAccess): boolean {
  const eq = (x: readonly number[], y: readonly number[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.actor === b.actor && eq(a.reads, b.reads) && eq(a.writes, b.writes) && eq(a.acquires, b.acquires) && eq(a.releases, b.releases) && eq(a.waits, b.waits);
}

/** One execution's strategy: follows the explorer's path, then extends it. */
class DporRun implements Strategy {
  readonly name = 'dpor';
  readonly observes = true;

  constructor(private readonly explorer: DporExplorer) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    return this.explorer.choose(runnable, count, step);
  }

  observe(step: number, actor: number, fp: Footprint): void {
    this.explorer.observe(step, actor, fp);
  }

  ended(waiting: readonly Waiting[]): void {
    this.explorer.waitingAtEnd(waiting);
  }
}
