import type { eventfd_ctx } from '../../model/eventfd.js';
import type { KGen } from '../../model/kernel.js';
import type { Scenario, ScenarioActor } from '../scenario.js';
import type { Proc, Userspace } from '../userspace.js';
import { WORKLOAD_PREFIX } from './prefix.js';
import { formatWorkload } from './text.js';
import { validateWorkload } from './validate.js';
import type { Call, FdRef, Workload } from './workload.js';

// What `cgsim` calls a workload scenario: this prefix and the workload's one-line text.
export { WORKLOAD_PREFIX };

/**
 * The handles of one execution. The tasks are threads of one process, so, like the variables of a C program
 * shared by its threads, a handle bound by one task is seen by all; one nothing bound yet reads as -1.
 */
class Handles {
  private readonly values = new Map<string, number | eventfd_ctx | null>();
  /** aio requests made and not completed, oldest first: a handle bound again does not cancel its request. */
  private readonly requests: eventfd_ctx[] = [];

  bind(name: string, value: number): void {
    this.values.set(name, value);
  }

  fd(ref: FdRef): number {
    if (typeof ref === 'number') return ref;
    const v = this.values.get(ref);
    return typeof v === 'number' ? v : -1;
  }

  submit(name: string, ctx: eventfd_ctx | null): void {
    this.values.set(name, ctx);
    if (ctx !== null) this.requests.push(ctx);
  }

  /** The request `name` holds, taken out of the pending ones (a request completes once); null if none. */
  complete(name: string): eventfd_ctx | null {
    const v = this.values.get(name);
    if (v === undefined || v === null || typeof v === 'number') return null;
    this.values.set(name, null);
    this.requests.splice(this.requests.indexOf(v), 1);
    return v;
  }

  /** `$h` becomes h's fd, `$$` a dollar sign. */
  expand(text: string): string {
    return text.replace(/\$(\$|[A-Za-z][A-Za-z0-9_]*)/g, (_, h: string) => (h === '$' ? '$' : String(this.fd(h))));
  }

  /** Takes every request still pending, oldest first. */
  drain(): eventfd_ctx[] {
    return this.requests.splice(0);
  }
}

function controlFile(path: string): { dir: string; name: string } {
  const cut = path.lastIndexOf('/');
  const dir = path.slice(0, cut);
  return { dir: dir === '' || dir === 'sched:' ? `${dir}/` : dir, name: path.slice(cut + 1) };
}

/** One call, made by `p` of workload `w`; its return value is not needed by anything that follows. */
function* perform(u: Userspace, p: Proc, h: Handles, c: Call, w: Workload): KGen {
  switch (c.op) {
    case 'eventfd':
      return h.bind(c.bind, yield* u.eventfd(p));
    case 'open': {
      const { dir, name } = controlFile(c.path);
      return h.bind(c.bind, yield* u.open(p, dir, name, c.write ? 2 : 4));
    }
    case 'write':
      return void (yield* u.write(p, h.fd(c.fd), h.expand(c.text)));
    case 'close':
      return void (yield* u.close(p, h.fd(c.fd)));
    case 'mkdir':
      return void (yield* u.mkdir(p, c.path));
    case 'rmdir':
      return void (yield* u.rmdir(p, c.path));
    case 'attach':
      return void (yield* u.attach(p, c.path));
    case 'charge':
      return void (yield* u.touch(p, c.bytes));
    case 'umount':
      return void (yield* u.umount(p, w.cgroups[0] ?? '/'));
    case 'aio':
      return h.submit(c.bind, yield* u.aioEventfd(p, h.fd(c.fd)));
    case 'complete': {
      const ctx = h.complete(c.aio);
      if (ctx !== null) yield* u.aioComplete(ctx);
      return;
    }
  }
}

/**
 * The scenario a workload describes: init makes the cgroups, attaches the tasks that name one, and runs the
 * setup; then every task runs its calls concurrently; then the standard teardown, which first completes the aio
 * requests still pending, as exit_aio would.
 */
export function workloadScenario(w: Workload): Scenario {
  validateWorkload(w);
  const text = formatWorkload(w);
  return {
    name: `${WORKLOAD_PREFIX}${text}`,
    summary: `the workload '${text}'`,
    workload: w,
    plan(u) {
      const init = u.process('init');
      const procs = w.tasks.map((t) => u.thread(init, t.name, t.uid));
      const h = new Handles();
      u.atExit(function* () {
        for (const ctx of h.drain()) yield* u.aioComplete(ctx);
      });
      const actors: ScenarioActor[] = w.tasks.map((t, i) => ({
        name: t.name,
        body: function* () {
          for (const c of t.calls) yield* perform(u, procs[i]!, h, c, w);
        },
        ...(t.interrupts !== null ? { interrupts: t.interrupts } : {}),
      }));
      return {
        setup: function* () {
          for (const path of w.cgroups) yield* u.mkdir(init, path);
          for (let i = 0; i < w.tasks.length; i++) if (w.tasks[i]!.cgroup !== null) yield* u.attach(procs[i]!, w.tasks[i]!.cgroup!);
          for (const c of w.setup) yield* perform(u, init, h, c, w);
        },
        actors,
        faults: w.faults,
      };
    },
  };
}
