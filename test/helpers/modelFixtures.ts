import { eventfd_ctx } from '../../model/eventfd.js';
import { files_struct } from '../../model/fs/fdtable.js';
import { kref_init } from '../../model/kref.js';
import { init_waitqueue_head } from '../../model/wait.js';
import { runKernel, type KernelRun } from './kernelHarness.js';
import type { Kernel, KGen } from '../../model/kernel.js';
import { spin_lock_init, type spinlock_t } from '../../model/locking/spinlock.js';
import { char_buf, type Allocation, type CharPtr } from '../../model/memory.js';
import type { Cpu } from '../../model/context.js';
import type { Checker } from '../../model/probes.js';
import { at, type Site } from '../../model/site.js';
import type { Strategy } from '../../sim/strategy/strategy.js';

/** The site every test-side step is labelled with. */
export const T: Site = at('test', 'test_body');

/** A visible step that does nothing, so a schedule can put another CPU's steps here. */
export function* pause(k: Kernel, what = 'pause'): KGen {
  yield k.op(what, null, T);
}

/** A block for a fixture: static, so the leak checker never counts it and the model never has to free it. */
export function staticMem(k: Kernel, type: string, size = 0): Allocation {
  return k.newAllocation(type, size, 'static', null);
}

/**
 * One value per execution, made on first use by whichever actor gets there first, so several actors of a test
 * can share a fixture that only exists once the kernel has booted.
 */
export function lazy<V>(make: (k: Kernel) => V): (k: Kernel) => V {
  let made: { k: Kernel; v: V } | null = null;
  return (k) => {
    if (made === null || made.k !== k) made = { k, v: make(k) };
    return made.v;
  };
}

/** A spinlock in its own static block; `cls` should be unique to the test, as lockdep classes outlive runs. */
export function testLock(k: Kernel, name: string, cls: string): spinlock_t {
  return spin_lock_init(staticMem(k, name), name, cls);
}

/** A fd table of its own (a process). */
export function testFiles(k: Kernel): files_struct {
  return new files_struct(staticMem(k, 'files_struct'));
}

/** A NUL-terminated C string in a static block (parsers under test stop at the NUL). */
export function cstr(k: Kernel, s: string): CharPtr {
  const bytes = new TextEncoder().encode(`${s}\0`);
  return { buf: new char_buf(staticMem(k, 'char[]', bytes.length), bytes), off: 0 };
}

/** The text of a C string up to its NUL. */
export function cstring(p: CharPtr): string {
  const b = p.buf.bytes;
  let end = p.off;
  while (end < b.length && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(p.off, end));
}

/**
 * Follows `prefix` step for step (a step naming a CPU that cannot run throws), then runs the first actor of
 * `prefer` that can run, else the lowest runnable id. Records which actors could run at every step.
 */
export class Scripted implements Strategy {
  readonly name = 'scripted';
  readonly runnableAt: number[][] = [];

  constructor(
    private readonly prefix: readonly number[] = [],
    private readonly prefer: readonly number[] = [],
  ) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    const ids = Array.from({ length: count }, (_, i) => runnable[i]!);
    this.runnableAt.push(ids);
    if (step < this.prefix.length) {
      const wanted = this.prefix[step]!;
      if (!ids.includes(wanted)) throw new Error(`step ${step + 1}: actor ${wanted} is not runnable (runnable: ${ids.join(',')})`);
      return wanted;
    }
    return this.prefer.find((id) => ids.includes(id)) ?? ids[0]!;
  }
}

/** A checker that only listens: the lock and list operations the model announces, in order. */
export function recorder(): Checker & { readonly log: string[] } {
  const log: string[] = [];
  return {
    name: 'recorder',
    log,
    lockAcquire(cpu: Cpu, lock) {
      log.push(`${cpu.name} acquire ${lock.name}`);
    },
    lockRelease(cpu: Cpu, lock) {
      log.push(`${cpu.name} release ${lock.name}`);
    },
    listDel(entry) {
      log.push(`list_del ${entry.name}`);
      return true;
    },
  };
}

/** An eventfd context outside any file (as a kernel user holding only the ctx sees it), in a static block. */
export function testEventfd(k: Kernel, name = 'eventfd_ctx'): eventfd_ctx {
  const ctx = new eventfd_ctx(staticMem(k, name, 48));
  kref_init(ctx.kref);
  init_waitqueue_head(ctx.wqh);
  return ctx;
}

/** runKernel with one actor, `cpu0`, running `body`. */
export function runOne(body: (k: Kernel) => KGen<unknown>, opts: Omit<Parameters<typeof runKernel>[0], 'actors'> = {}): KernelRun {
  return runKernel({ ...opts, actors: [{ name: 'cpu0', body }] });
}
