import { allCheckers } from '../../checkers/index.js';
import { programFor } from '../../harness/program.js';
import { objectAudit, type KObject } from '../../model/memory.js';
import type { Checker } from '../../model/probes.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { Execution, type SimHost } from '../../sim/execution.js';
import { conflict, settle, type Footprint, type StepAccess } from '../../sim/footprint.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import type { Strategy } from '../../sim/strategy/strategy.js';

/**
 * Checks the footprints DPOR relies on against what the model really does. Every model object is wrapped in a
 * proxy that logs each field it reads and writes, with the step and actor; the execution records the footprint
 * each step declared. A violation is a field that two actors' steps touch, at least one writing it, where one of
 * the two steps did not declare the object (or declared it read-only but wrote it): DPOR would take the two
 * steps for independent and might skip an ordering that matters. Reads made by `Waitable.ready()` between steps
 * must be of objects some waiting actor lists in its `deps`. Checkers are observers, not the kernel: their reads
 * are not logged. A field a class declares `commutative` (a counter that only changes by increments and
 * decrements no one branches on, as a mount's count of users) may be changed by two steps that each declare the
 * object read: they commute; a step that looks at the value declares a write.
 */

interface Access {
  readonly step: number;
  readonly actor: number;
  readonly write: boolean;
}

export interface Violation {
  readonly what: string;
  readonly detail: string;
}

class Recorder implements Strategy {
  readonly name = 'audit';
  readonly observes = true;
  readonly steps: StepAccess[] = [];
  stepping = false;
  /** False until the first step: priming a kworker is not a step. */
  begun = false;

  constructor(private readonly inner: Strategy) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    const id = this.inner.pick(runnable, count, step);
    this.stepping = id >= 0;
    this.begun = true;
    return id;
  }

  observe(step: number, actor: number, fp: Footprint): void {
    this.steps[step] = settle(actor, fp);
    this.stepping = false;
  }
}

/** Checkers run with a flag up, so the audit can tell their reads from the kernel's. */
function observed(checkers: readonly Checker[], flag: { inChecker: number }): Checker[] {
  return checkers.map(
    (c) =>
      new Proxy(c, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            flag.inChecker++;
            try {
              return (v as (...a: unknown[]) => unknown).apply(target, args);
            } finally {
              flag.inChecker--;
            }
          };
        },
      }),
  );
}

export function auditRun(variant: Variant, scenario: Scenario, seed: string, run: number, prefix?: readonly number[]): Violation[] {
  let host: SimHost | null = null;
  const random = new RandomStrategy(seed, run);
  const recorder = new Recorder(
    prefix === undefined
      ? random
      : { name: 'prefix', pick: (r, c, step) => (step < prefix.length ? prefix[step]! : random.pick(r, c)) },
  );
  const flag = { inChecker: 0 };
  const born = new WeakMap<object, number>();
  const log = new Map<object, Map<string, Access[]>>();
  const containers = new WeakMap<object, object>();
  const violations: Violation[] = [];
  /** Accesses between steps to objects no waiting actor lists: a problem if some step writes that field. */
  const between: { owner: object; field: string; write: boolean }[] = [];

  // The objects behind the proxies: reading a proxy's fields would log again.
  const targets = new WeakMap<object, KObject>();
  const keyOf = (o: object): number => targets.get(o)!.key;
  const nameOf = (o: object): string => targets.get(o)!.name;
  const note = (owner: object, field: string, write: boolean): void => {
    if (host === null || flag.inChecker > 0 || !recorder.begun) return;
    if (!recorder.stepping) {
      // Between steps, only the engine asks waits whether they are over: what ready() reads must be in deps.
      const key = keyOf(owner);
      flag.inChecker++; // the audit's own look at the waits is not the kernel's
      const listed = host.actors.some((a) => a.waitOn?.deps?.includes(key) === true);
      flag.inChecker--;
      if (write || !listed) between.push({ owner, field, write });
      return;
    }
    const step = host.step;
    if (born.get(owner) === step) return;
    let byField = log.get(owner);
    if (byField === undefined) log.set(owner, (byField = new Map()));
    let list = byField.get(field);
    if (list === undefined) byField.set(field, (list = []));
    list.push({ step, actor: host.current.id, write });
  };
  // A field holding an array (an fd table's slots): element reads and writes count as the field's.
  const wrapContainer = (owner: object, field: string, arr: unknown[]): unknown[] => {
    let p = containers.get(arr) as unknown[] | undefined;
    if (p === undefined) {
      p = new Proxy(arr, {
        get(t, prop, r) {
          if (typeof prop === 'string' && /^\d+$/.test(prop)) note(owner, field, false);
          return Reflect.get(t, prop, r) as unknown;
        },
        set(t, prop, v, r) {
          note(owner, field, true);
          return Reflect.set(t, prop, v, r);
        },
      });
      containers.set(arr, p);
    }
    return p;
  };

  objectAudit.wrap = (o) => {
    const proxy = new Proxy(o, {
      get(t, prop, r) {
        const v = Reflect.get(t, prop, r) as unknown;
        if (typeof prop !== 'string' || typeof v === 'function' || !Object.prototype.hasOwnProperty.call(t, prop)) return v;
        note(proxy, prop, false);
        return Array.isArray(v) ? wrapContainer(proxy, prop, v) : v;
      },
      set(t, prop, v, r) {
        if (typeof prop === 'string') note(proxy, prop, true);
        return Reflect.set(t, prop, v, r);
      },
    });
    targets.set(proxy, o);
    born.set(proxy, host === null ? -1 : recorder.stepping ? host.step : -1);
    return proxy;
  };
  try {
    const checkers = observed(allCheckers(), flag);
    const factory = programFor(variant, scenario, checkers, run);
    const exec = new Execution((h) => {
      const p = factory(h);
      host = h;
      return p;
    }, recorder);
    exec.run();
  } finally {
    objectAudit.wrap = null;
  }

  const hb = happensBefore(recorder.steps);
  const declared = (step: number, key: number, lockKey: number | undefined, write: boolean): boolean => {
    const a = recorder.steps[step];
    if (a === undefined) return true; // a step that never completed (a model error) declares nothing
    // A lock's own fields (its owner) change when it is taken or dropped: declared as acquire or release.
    if (lockKey !== undefined && (a.acquires.includes(lockKey) || a.releases.includes(lockKey))) return true;
    return a.writes.includes(key) || (!write && a.reads.includes(key));
  };
  for (const [owner, byField] of log) {
    const key = keyOf(owner);
    const lockKey = (targets.get(owner) as { lockKey?: number }).lockKey;
    const commutative = ((targets.get(owner) as object).constructor as { commutative?: readonly string[] }).commutative ?? [];
    for (const [field, list] of byField) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const x = list[i]!;
          const y = list[j]!;
          if (x.actor === y.actor || (!x.write && !y.write)) continue;
          // Counter updates that commute (a mount's users): declared as reads by both, they need no order.
          if (commutative.includes(field) && declared(x.step, key, lockKey, false) && declared(y.step, key, lockKey, false)) continue;
          // Ordered by declared dependencies (or by `after`): no trace runs them the other way round.
          if (hb(x.step, y.step)) continue;
          for (const z of [x, y]) {
            if (!declared(z.step, key, lockKey, z.write)) {
              violations.push({
                what: `${nameOf(owner)}.${field}`,
                detail: `step ${z.step + 1} by actor ${z.actor} ${z.write ? 'writes' : 'reads'} it undeclared; actor ${z === x ? y.actor : x.actor} ${(z === x ? y : x).write ? 'writes' : 'reads'} it at step ${(z === x ? y : x).step + 1}`,
              });
            }
          }
        }
      }
    }
  }
  for (const b of between) {
    const mutable = log.get(b.owner)?.get(b.field)?.some((x) => x.write) === true;
    if (b.write || mutable) violations.push({ what: `${nameOf(b.owner)}.${b.field}`, detail: `${b.write ? 'written' : 'read'} between steps, and no waiting actor lists it in its deps` });
  }
  return dedupe(violations);
}

/**
 * Happens-before over the steps as declared: program order, plus every pair of steps whose footprints conflict.
 * Returns a test: does step a happen before step b (a < b)?
 */
function happensBefore(steps: readonly StepAccess[]): (a: number, b: number) => boolean {
  const clocks: number[][] = [];
  const local: number[] = [];
  const count = new Map<number, number>();
  const actors = Math.max(0, ...steps.map((s) => (s === undefined ? 0 : s.actor + 1)));
  const last = new Map<number, number>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s === undefined) continue;
    const prev = last.get(s.actor);
    const vc = prev === undefined ? new Array<number>(actors).fill(0) : [...clocks[prev]!];
    for (let j = 0; j < i; j++) {
      const o = steps[j];
      if (o === undefined || o.actor === s.actor || !conflict(o, s)) continue;
      const c = clocks[j]!;
      for (let x = 0; x < actors; x++) if (c[x]! > vc[x]!) vc[x] = c[x]!;
    }
    const n = (count.get(s.actor) ?? 0) + 1;
    count.set(s.actor, n);
    vc[s.actor] = n;
    local[i] = n;
    clocks[i] = vc;
    last.set(s.actor, i);
  }
  return (a, b) => {
    const sa = steps[a];
    const cb = clocks[b];
    if (sa === undefined || cb === undefined) return false;
    return cb[sa.actor]! >= local[a]!;
  };
}

function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => {
    const k = `${v.what}|${v.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
