import type { Actor, ActorBody, ActorSpec, Waitable } from '../../sim/actor.js';
import { Execution, type ExecutionOptions, type Outcome, type Program, type SimHost } from '../../sim/execution.js';
import type { Finding } from '../../sim/finding.js';
import type { Strategy } from '../../sim/strategy/strategy.js';

/** A Waitable the test opens and closes by hand. */
export class Gate implements Waitable {
  open = false;
  constructor(
    readonly label: string,
    readonly idle?: boolean,
  ) {}
  ready(): boolean {
    return this.open;
  }
  describe(): string {
    return this.label;
  }
}

/** A Waitable that is ready once `actor` has finished. */
export function doneOf(host: SimHost, name: string): Waitable {
  return {
    ready: () => host.actors.find((a) => a.name === name)!.done,
    describe: () => `waits for ${name} to finish`,
  };
}

/** A body that yields `n` times, then runs `then` (in its last step). */
export function* afterYields(n: number, then: () => void): Generator<void, void, void> {
  for (let i = 0; i < n; i++) yield;
  then();
}

/** A body that waits, once, for actor `name` to finish. */
export function waiter(host: SimHost, name: string): () => ActorBody {
  return function* () {
    host.current.waitOn = doneOf(host, name);
    yield;
  };
}

/** A body of `n` yields: it takes n + 1 steps. */
export function* steps(n: number, log?: string[], name?: string): Generator<void, void, void> {
  for (let i = 0; i < n; i++) {
    if (log !== undefined) log.push(`${name}${i}`);
    yield;
  }
  if (log !== undefined) log.push(`${name}${n}`);
}

/** A daemon body that parks on an idle Waitable forever. */
export function idleDaemon(host: SimHost): () => ActorBody {
  const gate = new Gate('idle', true);
  return function* () {
    for (;;) {
      host.current.waitOn = gate;
      yield;
    }
  };
}

/** The program hooks a toy test can watch. */
export interface ToyHooks {
  init?: (a: Actor) => void;
  stuck: Actor[][];
  finished: number;
}

/** Runs a toy program: `build` gets the host and returns the actor specs. */
export function toyExecution(
  build: (host: SimHost) => ActorSpec[],
  strategy: Strategy,
  options: ExecutionOptions = {},
  init?: (a: Actor) => void,
): { exec: Execution; hooks: ToyHooks } {
  const hooks: ToyHooks = { stuck: [], finished: 0, ...(init !== undefined ? { init } : {}) };
  const exec = new Execution(
    (host): Program => ({
      actors: build(host),
      init: (a) => hooks.init?.(a),
      stuck: (blocked) => hooks.stuck.push([...blocked]),
      finished: () => {
        hooks.finished++;
      },
    }),
    strategy,
    options,
  );
  return { exec, hooks };
}

export function runToy(build: (host: SimHost) => ActorSpec[], strategy: Strategy, options: ExecutionOptions = {}): { outcome: Outcome; hooks: ToyHooks } {
  const { exec, hooks } = toyExecution(build, strategy, options);
  return { outcome: exec.run(), hooks };
}

/** A finding as a checker would build it (the engine stamps step and actor). */
export function finding(kind: string, site: string, extra: Partial<Finding> = {}): Finding {
  return { kind, object: 'obj', site, title: `${kind} at ${site}`, details: [], fatal: false, corrupts: false, step: -1, actor: '', ...extra };
}
