import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocationTrace, formatSite, stepName } from './describe.js';

/**
 * kmemleak's view at the end of a run: the scenario's teardown closes every fd, removes every cgroup and drains
 * the workqueue, so whatever slab object is still allocated afterwards is unreachable for good. Each object's
 * state says which reference kept it (a kref, an f_count, a dentry's d_count, a mem_cgroup's refcnt).
 */
export class LeakChecker implements Checker {
  readonly name = 'leak';
  private ctx!: CheckContext;
  private live: Allocation[] = [];

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.live = [];
  }

  alloc(mem: Allocation): void {
    if (mem.kind === 'slab') this.live.push(mem);
  }

  finished(): void {
    const groups = new Map<string, Allocation[]>();
    for (const mem of this.live) {
      if (mem.freed) continue;
      const key = `${mem.type} allocated at ${mem.allocSite === null ? '?' : formatSite(mem.allocSite)}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [mem]);
      else g.push(mem);
    }
    for (const [key, mems] of groups) {
      const first = mems[0]!;
      this.ctx.report({
        kind: 'leak',
        object: first.type,
        site: `${first.allocSite?.fn ?? '?'} allocates ${first.type} that is never freed [${key}]`,
        title: `unreferenced object ${first.name} (size ${first.size}):`,
        involves: mems.map((m) => m.name),
        details: () => [
          `${mems.length} object(s) still allocated after teardown (every fd closed, every cgroup removed, the workqueue drained):`,
          ...mems.map((m) => `  ${m.name}${m.obj?.describeState() ? `: ${m.obj.describeState()}` : ''}, allocated by ${m.allocActor} at ${stepName(m.allocStep)}`),
          `  comm "${first.allocActor}", at ${stepName(first.allocStep)}`,
          '  backtrace:',
          ...allocationTrace(first).map((f) => `   ${f}`),
        ],
        fatal: false,
        corrupts: false,
      });
    }
  }
}
