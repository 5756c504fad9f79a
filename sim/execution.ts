import { Actor, type ActorSpec } from './actor.js';
import { FatalFinding, type Finding } from './finding.js';
import { encodeSchedule } from './schedule.js';
import { PRUNE, ScheduleMismatchError, type Strategy, type Waiting } from './strategy/strategy.js';
import { cpuOf, Footprint, lifeOf } from './footprint.js';
import { whyNotRunnable } from './blocked.js';
import type { Site } from './site.js';
import { currentStepWatch, type StepWatch } from './stepWatch.js';
import { describeObject, type TraceStep } from './trace.js';

/** What the model sees of the engine while it runs. */
export interface SimHost {
  /** The actor whose step is running. */
  readonly current: Actor;
  /** 0-based index of the running step. */
  readonly step: number;
  /** True when this execution records a trace (replay), false while exploring. */
  readonly tracing: boolean;
  readonly actors: readonly Actor[];
  /** Where the model records what the running step reads and writes; null unless the strategy asks for it. */
  readonly footprint: Footprint | null;
  /** Records a finding made during the current step. */
  report(finding: Finding): void;
}

/** What an execution runs: the actors, plus the model's answers when the run gets stuck or finishes. */
export interface Program {
  readonly actors: readonly ActorSpec[];
  /** Called for every actor once it exists, before its body starts (the model attaches its per-CPU state). */
  init?(actor: Actor): void;
  /** No actor can run, yet some are not done: turn it into findings (a deadlock report). */
  stuck?(blocked: readonly Actor[]): void;
  /** Every actor is done (daemons idle): end-of-run checks. */
  finished?(): void;
}

export type ProgramFactory = (host: SimHost) => Program;

export interface ExecutionOptions {
  /** Steps after which the execution is cut off and reported as `step-bound`. Defaults to 20,000. */
  readonly maxSteps?: number;
  /** End the execution at the first finding, fatal or not. Defaults to false: like the kernel, keep going. */
  readonly stopAtFirstBug?: boolean;
  /** Record a trace of every step. Defaults to false: exploration records only the schedule. */
  readonly tracing?: boolean;
}

export type Ending = 'complete' | 'deadlock' | 'fatal' | 'step-bound' | 'schedule-end' | 'stopped' | 'pruned';

/** What an actor that never finished was about to do when the execution ended. */
export interface PendingOp {
  readonly actor: number;
  readonly op: string;
  readonly obj: string;
  readonly site: Site | null;
  readonly started: boolean;
  /** Why it could not run: what it waits for, or that it was interrupted or never started. */
  readonly why: string;
}

export interface Outcome {
  readonly ending: Ending;
  /** Actors left unfinished (blocked, interrupted, never started), daemons parked idle excluded. */
  readonly pending: readonly PendingOp[];
  readonly steps: number;
  /** The actor of every step, in order. */
  readonly schedule: readonly number[];
  readonly findings: readonly Finding[];
  readonly trace: readonly TraceStep[] | null;
  readonly actorNames: readonly string[];
}

/** A model error or a schedule that does not fit, with the place in the execution where it happened. */
export class ExecutionError extends Error {
  constructor(
    message: string,
    readonly step: number,
    readonly schedule: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ExecutionError';
  }
}

const DEFAULT_MAX_STEPS = 20_000;

/**
 * One execution: actors on their own CPUs, one step at a time, the strategy choosing among the runnable ones.
 * It ends when every actor is done (then the end-of-run checks run), at a fatal finding, when no actor can run
 * but some are blocked (deadlock), at the step bound, or where a replayed schedule ends.
 */
export class Execution implements SimHost {
  readonly actors: Actor[] = [];
  readonly tracing: boolean;
  readonly footprint: Footprint | null;
  current!: Actor;
  step = 0;
  private readonly program: Program;
  private readonly findings: Finding[] = [];
  private readonly trace: TraceStep[] | null;
  private readonly schedule: number[] = [];
  private readonly runnable: number[] = [];
  private readonly maxSteps: number;
  private readonly stopAtFirstBug: boolean;
  private stopRequested = false;
  /** True while a step runs: findings made then belong to that step of the trace; after the loop, to none. */
  private stepping = false;
  private readonly watch: StepWatch | null;

  constructor(
    factory: ProgramFactory,
    private readonly strategy: Strategy,
    options: ExecutionOptions = {},
  ) {
    this.tracing = options.tracing === true;
    this.footprint = strategy.observes === true ? new Footprint() : null;
    this.trace = this.tracing ? [] : null;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.stopAtFirstBug = options.stopAtFirstBug === true;
    this.program = factory(this);
    this.watch = currentStepWatch();
    this.watch?.execution(this.program.actors.map((a) => a.name));
    this.createActors(this.program.actors);
  }

  private createActors(specs: readonly ActorSpec[]): void {
    const byName = new Map<string, Actor>();
    specs.forEach((spec, id) => {
      if (byName.has(spec.name)) throw new Error(`two actors are named '${spec.name}'`);
      const actor = new Actor(id, spec.name, spec);
      byName.set(spec.name, actor);
      this.actors.push(actor);
    });
    const find = (name: string, by: string): Actor => {
      const a = byName.get(name);
      if (!a) throw new Error(`actor '${by}' refers to unknown actor '${name}'`);
      return a;
    };
    for (const a of this.actors) {
      a.after = (a.spec.after ?? []).map((n) => find(n, a.name));
      if (a.spec.interrupts !== undefined) {
        a.host = find(a.spec.interrupts, a.name);
        a.host.interrupters.push(a);
      }
    }
    for (const a of this.actors) this.program.init?.(a);
    for (const a of this.actors) if (a.spec.prime === true) this.advance(a);
  }

  report(finding: Finding): void {
    finding.step = this.step;
    finding.actor = this.current.name;
    this.findings.push(finding);
    if (this.trace !== null && this.stepping) this.trace[this.trace.length - 1]?.findings.push(this.findings.length - 1);
    if (this.stopAtFirstBug) this.stopRequested = true;
  }

  private isRunnable(a: Actor): boolean {
    if (a.done) return false;
    for (const i of a.interrupters) if (i.started && !i.done) return false;
    if (!a.started) {
      for (const d of a.after) if (!d.done) return false;
      const host = a.host;
      if (host !== null && !host.done) {
        if (!host.interruptible) return false;
        for (const other of host.interrupters) if (other !== a && other.started && !other.done) return false;
      }
      return true;
    }
    const w = a.waitOn;
    return w === null || w.ready();
  }

  /** True when no actor may ever run again without that being a deadlock: all done, daemons idle. */
  private isTerminal(): boolean {
    for (const a of this.actors) {
      if (a.done) continue;
      if (a.daemon && a.started && a.waitOn !== null && a.waitOn.idle === true) continue;
      return false;
    }
    return true;
  }

  /** Runs `a` from its pending operation to its next yield. */
  private advance(a: Actor): void {
    const after = a.opSite;
    this.current = a;
    a.started = true;
    a.waitOn = null;
    a.opName = '(undeclared)';
    a.opObj = null;
    a.opSite = null;
    a.opWhere = null;
    // The body is created when the actor first runs, so it sees what earlier actors (the setup) left behind.
    const watch = this.watch;
    if (watch === null) {
      if (a.gen === null) a.gen = a.spec.body();
      if (a.gen.next().done === true) a.done = true;
      return;
    }
    watch.enter(this.step, a.id, after);
    try {
      if (a.gen === null) a.gen = a.spec.body();
      if (a.gen.next().done === true) a.done = true;
    } finally {
      watch.leave();
    }
  }

  run(): Outcome {
    let ending: Ending | null = null;
    while (ending === null) {
      if (this.stopRequested) {
        ending = 'stopped';
        break;
      }
      const runnable = this.runnable;
      runnable.length = 0;
      for (const a of this.actors) if (this.isRunnable(a)) runnable.push(a.id);
      if (runnable.length === 0) {
        ending = this.isTerminal() ? 'complete' : 'deadlock';
        break;
      }
      if (this.step >= this.maxSteps) {
        ending = 'step-bound';
        break;
      }
      const id = this.pick(runnable);
      if (id < 0) {
        ending = id === PRUNE ? 'pruned' : 'schedule-end';
        break;
      }
      ending = this.runStep(this.actors[id]!);
    }
    if (this.footprint !== null) {
      const waiting = this.actors
        .filter((a) => a.started && !a.done && a.waitOn !== null && a.waitOn.idle !== true && !a.waitOn.ready())
        .map((a): Waiting => ({ actor: a.id, deps: a.waitOn!.deps ?? [], acquire: a.waitOn!.acquire === true }));
      // An oops ends the execution with other actors still able to run: had one of them run before the step that
      // oopsed, the execution could have gone elsewhere. Their next steps never ran, so nothing says what they touch.
      if (ending === 'fatal') {
        const died = this.schedule[this.step - 1];
        for (const a of this.actors) if (a.id !== died && this.isRunnable(a)) waiting.push({ actor: a.id, deps: null, acquire: false });
      }
      this.strategy.ended?.(waiting);
    }
    if (ending === 'complete') this.program.finished?.();
    if (ending === 'deadlock') this.program.stuck?.(this.actors.filter((a) => a.started && !a.done && !(a.daemon && a.waitOn?.idle === true)));
    return {
      ending,
      pending: this.pendingOps(),
      steps: this.step,
      schedule: this.schedule.slice(),
      findings: this.findings,
      trace: this.trace,
      actorNames: this.actors.map((a) => a.name),
    };
  }

  /** What every unfinished actor was about to do (traced runs only: exploration never prints it). */
  private pendingOps(): PendingOp[] {
    if (!this.tracing) return [];
    return this.actors
      .filter((a) => !a.done && !(a.daemon && a.waitOn?.idle === true))
      .map((a) => ({ actor: a.id, op: a.opName, obj: describeObject(a.opObj), site: a.opSite, started: a.started, why: whyNotRunnable(a) ?? 'runnable' }));
  }

  private pick(runnable: number[]): number {
    try {
      return this.strategy.pick(runnable, runnable.length, this.step);
    } catch (e) {
      if (e instanceof ScheduleMismatchError) throw this.mismatch(e);
      throw e;
    }
  }

  private runStep(a: Actor): Ending | null {
    this.schedule.push(a.id);
    if (this.trace !== null) {
      this.trace.push({
        step: this.step,
        actor: a.id,
        op: a.opName,
        obj: describeObject(a.opObj),
        site: a.opSite,
        where: a.opWhere,
        findings: [],
      });
    }
    const fp = this.footprint;
    if (fp !== null) this.schedulingAccesses(a, fp);
    this.stepping = true;
    try {
      this.advance(a);
    } catch (e) {
      if (e instanceof FatalFinding) {
        a.done = true;
        this.report(e.finding);
        if (fp !== null) this.observed(a, fp);
        this.step++;
        return 'fatal';
      }
      throw new ExecutionError(
        `model error in actor '${a.name}' at step ${this.step + 1}: ${e instanceof Error ? e.message : String(e)}`,
        this.step,
        encodeSchedule(this.schedule),
        e,
      );
    } finally {
      this.stepping = false;
    }
    if (fp !== null) this.observed(a, fp);
    this.step++;
    return null;
  }

  /** What scheduling itself makes a step depend on (see footprint.ts), recorded before the step runs. */
  private schedulingAccesses(a: Actor, fp: Footprint): void {
    fp.clear();
    const deps = a.waitOn?.deps;
    if (deps !== undefined) for (const id of deps) fp.wait(id);
    if (!a.started) for (const d of a.after) fp.wait(lifeOf(d.id));
    const cpu = a.host ?? (a.interrupters.length > 0 ? a : null);
    if (cpu !== null) fp.write(cpuOf(cpu.id));
  }

  /** Hands the step's footprint to the strategy; an actor's last step also ends its life. */
  private observed(a: Actor, fp: Footprint): void {
    if (a.done) fp.write(lifeOf(a.id));
    this.strategy.observe?.(this.step, a.id, fp);
  }

  private mismatch(e: ScheduleMismatchError): ExecutionError {
    const wanted = this.actors[e.wanted];
    const detail = wanted === undefined ? `the scenario has no actor number ${e.wanted} (it has ${this.actors.length})` : `${wanted.name} ${whyNotRunnable(wanted) ?? 'is not runnable'}`;
    const runnable = e.runnable.map((id) => this.actors[id]!.name).join(', ');
    return new ExecutionError(
      `schedule does not fit: step ${e.step + 1} runs ${wanted?.name ?? `actor #${e.wanted}`}, but ${detail}; runnable: ${runnable}`,
      e.step,
      encodeSchedule(this.schedule),
    );
  }
}
