import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocatedBy, formatSite, freedBy, objectLine, stackLines, type Site } from './describe.js';

/** KASAN's double-free: kfree() of a block that is already free. The second free is reported and ignored. */
export class DoubleFreeChecker implements Checker {
  readonly name = 'double-free';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  free(mem: Allocation, site: Site): void {
    if (!mem.freed) return;
    this.ctx.report({
      kind: 'double-free',
      object: mem.type,
      site: `${mem.type} freed again at ${formatSite(site)}`,
      title: `BUG: KASAN: double-free in ${site.fn}`,
      involves: [mem.name],
      details: () => [
        `Free of ${mem.name} by task ${this.ctx.where()} in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(mem),
        ...freedBy(mem),
        objectLine(mem),
      ],
      fatal: false,
      corrupts: true,
    });
  }
}
