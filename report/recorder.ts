import type { Cpu } from '../model/context.js';
import type { LockBase } from '../model/locking/lockTypes.js';
import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker, Counted } from '../model/probes.js';
import { formatSite, type Site } from '../model/site.js';

/** A slab object's life in one execution: allocated at a step, freed at a later one or never. Steps are 1-based. */
export interface Lifetime {
  readonly object: string;
  readonly type: string;
  readonly size: number;
  readonly allocStep: number;
  readonly allocActor: string;
  readonly allocSite: string | null;
  freeStep: number | null;
  freeActor: string | null;
  freeSite: string | null;
}

/** A lock held by one CPU from the step that took it to the step that dropped it (null: still held at the end). */
export interface LockHold {
  readonly lock: string;
  readonly lockClass: string;
  readonly actor: string;
  readonly from: number;
  readonly site: string;
  to: number | null;
}

/**
 * Not a bug checker: an observer riding on the checkers' hooks during a replay, recording what a viewer draws
 * (object lifetimes, lock-held intervals). Static objects (boot's) have no lifetime to draw.
 */
export class Recorder implements Checker {
  readonly name = 'recorder';
  readonly lifetimes: Lifetime[] = [];
  readonly holds: LockHold[] = [];
  private ctx!: CheckContext;
  private readonly byBlock = new Map<Allocation, Lifetime>();
  private readonly open = new Map<LockBase, LockHold>();
  /**
   * Per memory block, the 0-based steps that changed it after its allocation, in order, with their actors: the
   * changes of its contents, not a reference count's taking or dropping, a lock in it taken or dropped, nor its
   * free (what a block went through, rather than who held it).
   */
  readonly writes = new Map<string, { step: number; actor: number }[]>();
  /** Blocks whose reference count, or a lock in which, the current step changed (`${step} ${block}`). */
  private readonly counted = new Set<string>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.lifetimes.length = 0;
    this.holds.length = 0;
    this.byBlock.clear();
    this.open.clear();
    this.writes.clear();
    this.counted.clear();
  }

  refcount(ref: Counted): void {
    this.notContents(ref.mem);
  }

  /** The step's write of `mem` (already recorded, or to come) was a counter or a lock word, not its contents. */
  private notContents(mem: Allocation): void {
    this.counted.add(`${this.ctx.host.step} ${mem.name}`);
    const list = this.writes.get(mem.name);
    if (list !== undefined && list[list.length - 1]?.step === this.ctx.host.step) list.pop();
  }

  access(mem: Allocation, write: boolean): void {
    if (write) this.wrote(mem);
  }

  accessBytes(mem: Allocation, _offset: number, _size: number, write: boolean): void {
    if (write) this.wrote(mem);
  }

  private wrote(mem: Allocation): void {
    const step = this.ctx.host.step;
    const actor = this.ctx.host.current.id;
    let list = this.writes.get(mem.name);
    if (list === undefined) this.writes.set(mem.name, (list = []));
    const last = list[list.length - 1];
    if ((last === undefined || last.step !== step) && !this.counted.has(`${step} ${mem.name}`)) list.push({ step, actor });
  }

  alloc(mem: Allocation): void {
    if (mem.kind !== 'slab') return;
    const life: Lifetime = {
      object: mem.name,
      type: mem.type,
      size: mem.size,
      allocStep: this.ctx.host.step + 1,
      allocActor: this.ctx.host.current.name,
      allocSite: siteText(mem.allocSite),
      freeStep: null,
      freeActor: null,
      freeSite: null,
    };
    this.byBlock.set(mem, life);
    this.lifetimes.push(life);
  }

  free(mem: Allocation, site: Site): void {
    const life = this.byBlock.get(mem);
    // A second free is the double-free checker's business; the life ended at the first.
    if (life === undefined || life.freeStep !== null) return;
    life.freeStep = this.ctx.host.step + 1;
    life.freeActor = this.ctx.host.current.name;
    life.freeSite = formatSite(site);
  }

  lockAcquire(cpu: Cpu, lock: LockBase, site: Site): void {
    this.notContents(lock.mem);
    const hold: LockHold = { lock: lock.name, lockClass: lock.cls.name, actor: cpu.name, from: this.ctx.host.step + 1, site: formatSite(site), to: null };
    this.open.set(lock, hold);
    this.holds.push(hold);
  }

  lockRelease(_cpu: Cpu, lock: LockBase): void {
    this.notContents(lock.mem);
    const hold = this.open.get(lock);
    if (hold === undefined) return;
    hold.to = this.ctx.host.step + 1;
    this.open.delete(lock);
  }
}

function siteText(site: Site | null): string | null {
  return site === null ? null : formatSite(site);
}
