import type { ActorBody, ActorSpec, Waitable } from '../../sim/actor.js';
import { DporExplorer, type DporOptions, type DporStats } from '../../sim/dpor/explorer.js';
import { Execution, type Program, type SimHost } from '../../sim/execution.js';

/**
 * A tiny shared-memory language for testing the search on its own: actors run lists of operations on numbered
 * variables and locks, each operation one step with the footprint it really has. A run's result is the final
 * value of every variable and what every read saw, so two executions of one Mazurkiewicz trace give one result.
 */
export type Op =
  | { readonly r: number }
  | { readonly w: number; readonly v: number }
  /** Reads `from`, writes `to` = value + 1 (one step: a read-modify-write). */
  | { readonly inc: number }
  /** Takes the lock, and in the same step does `with` (a kernel step often takes a lock and reads under it). */
  | { readonly lock: number; readonly with?: Op }
  | { readonly unlock: number };

export type ToyProgram = readonly (readonly Op[])[];

const varKey = (x: number): number => 1000 + x;
const lockKey = (l: number): number => 2000 + l;

class ToyLock implements Waitable {
  owner = -1;
  readonly acquire = true;
  readonly deps: readonly number[];
  constructor(l: number) {
    this.deps = [lockKey(l)];
  }
  ready(): boolean {
    return this.owner < 0;
  }
  describe(): string {
    return 'lock';
  }
}

/** The program as the engine runs it; `result()` after the run says what it computed. */
export function toyFactory(program: ToyProgram): { factory: (host: SimHost) => Program; result: () => string } {
  let out = '';
  const factory = (host: SimHost): Program => {
    const vars = new Map<number, number>();
    const locks = new Map<number, ToyLock>();
    const lockOf = (l: number): ToyLock => {
      let k = locks.get(l);
      if (k === undefined) locks.set(l, (k = new ToyLock(l)));
      return k;
    };
    const seen: string[][] = program.map(() => []);
    const apply = (id: number, op: Op): void => {
      const fp = host.footprint;
      if ('r' in op) {
        fp?.read(varKey(op.r));
        seen[id]!.push(`${op.r}=${vars.get(op.r) ?? 0}`);
      } else if ('w' in op) {
        fp?.write(varKey(op.w));
        vars.set(op.w, op.v);
      } else if ('inc' in op) {
        fp?.write(varKey(op.inc));
        vars.set(op.inc, (vars.get(op.inc) ?? 0) + 1);
      } else if ('lock' in op) {
        fp?.acquire(lockKey(op.lock));
        lockOf(op.lock).owner = id;
        if (op.with !== undefined) apply(id, op.with);
      } else {
        fp?.release(lockKey(op.unlock));
        lockOf(op.unlock).owner = -1;
      }
    };
    const actors: ActorSpec[] = program.map((ops, id) => ({
      name: `t${id}`,
      body: function* (): ActorBody {
        for (const op of ops) {
          if ('lock' in op) host.current.waitOn = lockOf(op.lock);
          yield;
          apply(id, op);
        }
        return undefined;
      },
    }));
    return {
      actors,
      finished: () => {
        out = `${[...vars].sort((a, b) => a[0] - b[0]).map(([k, v]) => `x${k}=${v}`).join(',')} | ${seen.map((s) => s.join(' ')).join(' | ')}`;
      },
      stuck: () => {
        out = 'deadlock';
      },
    };
  };
  return { factory, result: () => out };
}

export interface SearchResult {
  readonly stats: DporStats;
  readonly traces: ReadonlySet<string>;
  /** What the program computed in each explored trace, as a set. */
  readonly results: ReadonlySet<string>;
}

/** Explores the program exhaustively with `opts`. */
export function search(program: ToyProgram, opts: DporOptions, cap = 200_000): SearchResult {
  const explorer = new DporExplorer(program.length, opts);
  const results = new Set<string>();
  for (let n = 0; n < cap; n++) {
    const strategy = explorer.next();
    if (strategy === null) break;
    const toy = toyFactory(program);
    const outcome = new Execution(toy.factory, strategy).run();
    const ranToEnd = outcome.ending !== 'pruned';
    explorer.finish(ranToEnd);
    if (ranToEnd) results.add(toy.result());
  }
  return { stats: explorer.stats, traces: explorer.traces, results };
}
