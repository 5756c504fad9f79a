import { Cpu, type ContextKind } from '../../model/context.js';
import type { Kernel, KGen } from '../../model/kernel.js';
import { mutex_init, type mutex } from '../../model/locking/mutex.js';
import { spin_lock_init, type spinlock_t } from '../../model/locking/spinlock.js';
import { KObject } from '../../model/memory.js';
import type { CheckContext, Checker, Report } from '../../model/probes.js';
import { at } from '../../model/site.js';
import { GFP_KERNEL, kzalloc } from '../../model/slab.js';
import { Actor } from '../../sim/actor.js';
import type { SimHost } from '../../sim/execution.js';
import type { Finding } from '../../sim/finding.js';
import { encodeSchedule } from '../../sim/schedule.js';
import { runKernel, type KernelRun } from './kernelHarness.js';
import type { KernelFacts } from '../../model/facts.js';
import { v4 } from '../../model/variants/v4/index.js';

/** Sites of the test code: one function per name, so per-function deduplication can be seen. */
export const site = (fn: string, line = 1) => at('test/checkers.c', fn, line);

/** A small slab struct for the memory checkers. */
export class Thing extends KObject {
  value = 0;
}

/** kzalloc() of a Thing (one step). */
export function* newThing(k: Kernel, fn = 'make_thing'): KGen<Thing> {
  const t = yield* kzalloc(k, 'thing', 16, GFP_KERNEL, site(fn), (mem) => new Thing(mem, mem.name));
  if (t === null) throw new Error('allocation failed');
  return t;
}

const locks = new WeakMap<Kernel, Map<string, spinlock_t | mutex>>();

function lockOf<T extends spinlock_t | mutex>(k: Kernel, name: string, make: () => T): T {
  let m = locks.get(k);
  if (m === undefined) locks.set(k, (m = new Map()));
  let l = m.get(name);
  if (l === undefined) m.set(name, (l = make()));
  return l as T;
}

/** A static spinlock of the booted kernel, one per name; its lockdep class is the name. */
export function spin(k: Kernel, name: string): spinlock_t {
  return lockOf(k, name, () => spin_lock_init(k.newAllocation(`lock:${name}`, 0, 'static', null), name, name));
}

/** A static mutex of the booted kernel, one per name; its lockdep class is the name. */
export function mtx(k: Kernel, name: string): mutex {
  return lockOf(k, name, () => mutex_init(k.newAllocation(`lock:${name}`, 0, 'static', null), name, name));
}

export function ofKind(r: KernelRun, kind: string): Finding[] {
  return r.outcome.findings.filter((f) => f.kind === kind);
}

/**
 * The same checkers, seen as run `run` of an exploration: runKernel always says run 0, so each checker's
 * beginRun gets the context with the run index replaced.
 */
export function asRun(checkers: readonly Checker[], run: number): Checker[] {
  return checkers.map(
    (c) =>
      new Proxy(c, {
        get(target, prop) {
          if (prop === 'beginRun') return (ctx: CheckContext) => target.beginRun?.({ ...ctx, run });
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      }),
  );
}

/** Runs `opts` as run `run` over a shared checker set, then tells the checkers the run ended, as the harness does. */
export function runAs(run: number, checkers: readonly Checker[], opts: Omit<Parameters<typeof runKernel>[0], 'checkers'>): KernelRun {
  const r = runKernel({ ...opts, checkers: asRun(checkers, run) });
  const schedule = encodeSchedule(r.outcome.schedule);
  for (const c of checkers) c.endRun?.(() => schedule);
  return r;
}

/** A hand-made checking context for feeding API events to a checker: one CPU, a settable step. */
export class FakeContext implements CheckContext {
  readonly reports: Report[] = [];
  /** The seed's kernel; a test of another era's behaviour sets its facts. */
  facts: KernelFacts = v4.facts;
  readonly cpus: Cpu[];
  readonly host: SimHost;
  readonly run = 0;
  step = 0;
  current = 0;

  constructor(names: readonly string[] = ['monitor'], kind: ContextKind = 'process') {
    const actors = names.map((name, id) => new Actor(id, name, { name, body: () => [][Symbol.iterator]() as never }));
    this.cpus = actors.map((a) => new Cpu(a, kind));
    const self = this;
    this.host = {
      get current() {
        return actors[self.current]!;
      },
      get step() {
        return self.step;
      },
      tracing: true,
      footprint: null,
      actors,
      report: () => undefined,
    };
  }

  cpuOf(actor: Actor): Cpu {
    return this.cpus[actor.id]!;
  }
  report(r: Report): void {
    this.reports.push(r);
  }
  oops(r: Report): never {
    this.reports.push(r);
    throw new Error(r.title);
  }
  where(): string {
    return `${this.host.current.name} (step ${this.step + 1})`;
  }
  stack(): string[] {
    return [];
  }
  titles(): string[] {
    return this.reports.map((r) => r.title);
  }
}
