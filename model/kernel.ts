import type { Waitable } from '../sim/actor.js';
import type { SimHost } from '../sim/execution.js';
import { PSEUDO_MODEL_BASE } from '../sim/footprint.js';
import type { Cpu } from './context.js';
import { Allocation, ErrPtr, KObject, type MemoryKind, type Ptr } from './memory.js';
import { Poison, type Probes } from './probes.js';
import type { Site } from './site.js';
import { CallSites, type ModelFrame } from './callSites.js';
import type { Variant } from './variant.js';
import type { KernelStatics } from './statics.js';
import type { KernelFacts } from './facts.js';
import { list_poison, type ListPoison } from './list.js';

/**
 * Where the model's modules live: stack frames from there are the modelled kernel's. Both the compiled
 * directory and, for stacks mapped back to the sources (source maps, as in the tests), the source directory.
 */
const MODEL_DIRS = [new URL('.', import.meta.url).pathname, new URL('.', import.meta.url).pathname.replace(/\/dist\/model\/$/, '/model/')];

/** Allocation keys: (allocating actor + 1) * stride + that actor's count of blocks so far. */
const ALLOC_KEY_STRIDE = 1 << 24;

/** A pseudo-object per C type whose allocations fault injection counts (FNV-1a of the name, below the engine's ids). */
function faultCounterKey(type: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) h = Math.imul(h ^ type.charCodeAt(i), 0x01000193) >>> 0;
  return PSEUDO_MODEL_BASE - 1 - (h % 1_000_000);
}

/** A CPU's RCU read-side state, as a pseudo-object: synchronize_rcu() waits on it. */
export function rcuStateKey(actor: number): number {
  return PSEUDO_MODEL_BASE - 2_000_000 - actor;
}

/**
 * Steps a CPU may run without a chance to schedule before the soft-lockup watchdog fires. No code path of the
 * model takes more than a few hundred steps between two such chances, so this many means a loop that does not end
 * (the kernel's watchdog counts seconds; the model counts steps).
 */
export const SOFT_LOCKUP_STEPS = 2000;

/** Model helpers that stand for C expressions, not functions (`p[i]`), so no call trace shows them. */
const NOT_FUNCTIONS = new Set(['read_byte', 'load_byte', 'write_byte', 'access_bytes', 'node', 'char_array_on_stack']);

/** Where user-written model code runs from (a variant module's URL), so call traces show its functions too. */
const userModelSources: string[] = [];
export function registerModelSource(url: string): void {
  userModelSources.push(url);
}

/** A model function: a generator whose every `yield` ends one visible step. */
export type KGen<R = void> = Generator<void, R, void>;

/** One planned allocation failure: the `nth` allocation (1-based) of C type `type` returns NULL. */
export interface FaultSpec {
  readonly type: string;
  readonly nth: number;
}

/**
 * The modelled kernel of one execution: the CPUs, the debug hooks, the variant's code, fault injection, and
 * the two things every model line uses: declaring the next step (`op`) and touching memory (`rd`, `wr`).
 *
 * Model code follows loom's rule: declare the operation, `yield`, then perform it. Whatever runs between two
 * yields is atomic, so every access to shared state sits right after a declared operation.
 */
export class Kernel {
  /** The variant under test: the functions that differ between versions of the code. */
  readonly v: Variant;
  /** The facts of the variant's kernel (its debug options, poison values, struct layouts). */
  readonly facts: KernelFacts;
  /** What list_del() leaves in a deleted entry, in this kernel. */
  readonly poison: ListPoison;
  /** Static kernel objects (the system workqueue, cgroup_mutex, the root cgroup). Set by boot(). */
  s!: KernelStatics;
  private readonly counters = new Map<string, number>();
  /** Blocks allocated so far by each actor (-1: boot), for stable allocation keys. */
  private readonly allocSeq = new Map<number, number>();
  private readonly allocFailures = new Map<string, number>();
  /** Tracing only: the source line each function of each CPU's call chain is at. */
  private readonly callSites = new CallSites();
  /** The host's, read once: every access checks it. */
  private readonly tracing: boolean;

  constructor(
    readonly host: SimHost,
    readonly probes: Probes,
    variant: Variant,
    /** Allocations the scenario makes fail. */
    public faults: readonly FaultSpec[] = [],
  ) {
    this.v = variant;
    this.facts = variant.facts;
    this.poison = list_poison(variant.facts.list_poison);
    this.tracing = host.tracing;
  }

  /** The CPU running the current step. */
  get cpu(): Cpu {
    return this.host.current.local as Cpu;
  }

  /**
   * Declares the operation the current CPU performs when next scheduled; `yield` right after. Also the soft-lockup
   * watchdog's tick: a wait that sleeps (anything but a spinning spin_lock) lets the CPU schedule.
   */
  op(name: string, obj: unknown, site: Site, waitOn: Waitable | null = null): void {
    const a = this.host.current;
    a.opName = name;
    a.opObj = obj;
    a.opSite = site;
    a.waitOn = waitOn;
    if (this.tracing) this.noteSite(site, true);
    const cpu = a.local as Cpu;
    if (waitOn !== null && (waitOn as { sleeping?: boolean }).sleeping !== false) cpu.since_schedule = 0;
    else if (++cpu.since_schedule === SOFT_LOCKUP_STEPS) this.probes.softLockup(cpu, SOFT_LOCKUP_STEPS, site);
  }

  /** A point where the current CPU may schedule (cond_resched(), a return to user space, a sleep). */
  may_schedule(): void {
    this.cpu.since_schedule = 0;
  }

  /**
   * Dereferences `p` for reading: NULL and ERR_PTR fault, freed memory is reported. Returns the object. `what` is
   * the C type when `p` may be NULL, and `field` the member the C code reaches through it (the fault's offset).
   */
  rd<T extends KObject>(p: Ptr<T> | Poison, site: Site, what = '', field = ''): T {
    if (this.tracing) this.noteSite(site, false);
    if (p === null || p instanceof ErrPtr || p instanceof Poison) this.probes.badPointer(p, site, what, field);
    this.probes.access(p.mem, false, site, what || p.name);
    const fp = this.host.footprint;
    if (fp !== null) {
      // The block's liveness (a kfree writes it), and the object itself.
      fp.read(p.mem.key);
      fp.read(p.key);
    }
    return p;
  }

  /** Dereferences a pointer to static memory (a cftype) or one whose object is checked elsewhere: NULL and ERR_PTR fault. */
  ptr<T>(p: Ptr<T>, site: Site, what = '', field = ''): T {
    if (this.tracing) this.noteSite(site, false);
    if (p === null || p instanceof ErrPtr) this.probes.badPointer(p as ErrPtr | null, site, what, field);
    return p as T;
  }

  /** Dereferences `p` for writing. */
  wr<T extends KObject>(p: Ptr<T> | Poison, site: Site, what = '', field = ''): T {
    if (this.tracing) this.noteSite(site, false);
    if (p === null || p instanceof ErrPtr || p instanceof Poison) this.probes.badPointer(p, site, what, field);
    this.probes.access(p.mem, true, site, what || p.name);
    const fp = this.host.footprint;
    if (fp !== null) {
      fp.read(p.mem.key);
      fp.write(p.key);
    }
    return p;
  }

  /**
   * A lock's word is taken or dropped: checked like a write of its block (a lock in freed memory is a
   * use-after-free), declared to the dependency analysis as an acquire or a release of the lock itself.
   */
  lockWord(lock: KObject & { readonly lockKey: number }, site: Site, how: 'acquire' | 'release'): void {
    if (this.tracing) this.noteSite(site, false);
    this.probes.access(lock.mem, true, site, lock.name);
    const fp = this.host.footprint;
    if (fp !== null) {
      fp.read(lock.mem.key);
      if (how === 'acquire') fp.acquire(lock.lockKey);
      else fp.release(lock.lockKey);
    }
  }

  /** Records, for the dependency analysis only, that this step reads or writes a pseudo-object (see footprint.ts). */
  touch(id: number, write: boolean): void {
    const fp = this.host.footprint;
    if (fp !== null) {
      if (write) fp.write(id);
      else fp.read(id);
    }
  }

  /** `might_sleep()`: the current CPU is about to do something that may sleep. */
  might_sleep(site: Site, what: string): void {
    this.probes.mightSleep(this.cpu, site, what);
  }

  /**
   * A new block of memory, numbered per C type (`cgroup_event#3`), stamped with who allocated it. `uninit`: its
   * bytes start uninitialised (the checkers learn it with the block); `local`: a stack frame's variable name.
   */
  newAllocation(type: string, size: number, kind: MemoryKind, site: Site | null, init: { uninit?: boolean; local?: string } = {}): Allocation {
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const mem = new Allocation(n, type, size, kind);
    const by = kind === 'static' ? -1 : this.host.current.id;
    const seq = (this.allocSeq.get(by) ?? 0) + 1;
    this.allocSeq.set(by, seq);
    mem.key = (by + 1) * ALLOC_KEY_STRIDE + seq;
    mem.allocStep = this.host.step;
    mem.allocActor = kind === 'static' ? 'boot' : this.host.current.name;
    mem.allocSite = site;
    mem.uninit = init.uninit ?? false;
    mem.local = init.local ?? null;
    if (kind !== 'static') mem.allocStack = this.stack();
    this.probes.alloc(mem);
    return mem;
  }

  /** Fault injection: true when this allocation of `type` is one the scenario asked to fail. */
  shouldFailAlloc(type: string): boolean {
    if (this.faults.length === 0) return false;
    const n = (this.allocFailures.get(type) ?? 0) + 1;
    this.allocFailures.set(type, n);
    // Which allocation of a type fails depends on the order of all of them: a shared counter.
    this.touch(faultCounterKey(type), true);
    return this.faults.some((f) => f.type === type && f.nth === n);
  }

  /** The modelled call chain at this point as a call trace, innermost first, each function at its source line (tracing only). */
  stack(): string[] {
    if (!this.tracing) return [];
    return this.callSites.trace(this.host.current.id, modelFrames(), null);
  }

  /**
   * Tracing only: the current CPU is at `site` (a labelled access, or the step it declares), so call traces can
   * give each function its line; a declared step also keeps where its model code is, for the trace viewer.
   */
  private noteSite(site: Site, declared: boolean): void {
    const frames = modelFrames();
    this.callSites.note(this.host.current.id, frames, site);
    // The model function that mirrors the labelled C function, else the innermost (a helper the line calls).
    if (declared) this.host.current.opWhere = (frames.find((f) => f.fn === site.fn) ?? frames[0])?.where ?? null;
  }
}

/** Where a model module lives, for the viewer: relative to the project (`model/eventfd.ts:40`), or a user module's URL path. */
function whereOf(file: string, line: string): string {
  for (const dir of MODEL_DIRS) if (file.startsWith(dir)) return `${PROJECT_PREFIX(dir)}${file.slice(dir.length)}:${line}`;
  // A user's module: its whole name, which the reports map back to the file and line the user wrote.
  return `${file}:${line}`;
}

/** `dist/model/` or `model/`, as the directory a frame's file is in. */
function PROJECT_PREFIX(dir: string): string {
  return dir.endsWith('/dist/model/') ? 'dist/model/' : 'model/';
}

/**
 * The modelled kernel functions on the JavaScript stack, innermost first. Model functions keep the kernel's
 * snake_case names; a function called through a table (k.v.fn, cft->fn) shows as Object.fn. The engine's frames
 * below the actor's body are not the kernel's, nor are the checkers' or the harness's.
 */
function modelFrames(): ModelFrame[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  const text = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const frames: ModelFrame[] = [];
  for (const line of text.split('\n')) {
    if (line.includes('Execution.advance')) break;
    const dir = MODEL_DIRS.find((d) => line.includes(d));
    if (dir === undefined ? !userModelSources.some((u) => line.includes(u)) : line.includes(`${dir}probes.`) || line.includes(`${dir}kernel.`) || line.includes(`${dir}callSites.`)) continue;
    const m = /^\s+at (?:[A-Za-z_$][\w$]*\.)?([a-z_][a-z0-9_]*) (?:\[as [\w$]+\] )?\((?:file:\/\/)?(.*):(\d+):\d+\)$/.exec(line);
    if (m === null || NOT_FUNCTIONS.has(m[1]!) || frames[frames.length - 1]?.fn === m[1]) continue;
    frames.push({ fn: m[1]!, where: whereOf(m[2]!, m[3]!) });
  }
  return frames;
}
