import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocatedBy, formatSite, freedBy, objectLine, stackLines, stepName, type Site } from './describe.js';

/**
 * KASAN's use-after-free: any access to a block after kfree(). Memory is never reused in the model, so the
 * access reaches the tombstone, is reported with where the block was allocated and freed, and goes on (KASAN
 * does not stop the kernel either).
 */
export class UseAfterFreeChecker implements Checker {
  readonly name = 'use-after-free';
  private ctx!: CheckContext;
  /**
   * One report per freed block and function per run: the first bad access of a function is the one that
   * counts (its later lines touch the same block because of the same bug), but another function touching the
   * same block may be another bug.
   */
  private seen = new Map<Allocation, Set<string>>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.seen = new Map();
  }

  access(mem: Allocation, write: boolean, site: Site, what: string): void {
    if (mem.freed) this.report(mem, write, 8, site, what);
  }

  accessBytes(mem: Allocation, offset: number, size: number, write: boolean, site: Site): void {
    if (mem.freed) this.report(mem, write, size, site, `${mem.name}+${offset}`);
  }

  private report(mem: Allocation, write: boolean, size: number, site: Site, what: string): void {
    let fns = this.seen.get(mem);
    if (fns === undefined) this.seen.set(mem, (fns = new Set()));
    if (fns.has(site.fn)) return;
    fns.add(site.fn);
    const where = `${formatSite(site)}; freed at ${mem.freeSite === null ? '?' : formatSite(mem.freeSite)}`;
    this.ctx.report({
      kind: 'use-after-free',
      object: mem.type,
      site: `${mem.type} accessed after free in ${site.fn} (${site.file})`,
      title: `BUG: KASAN: use-after-free in ${site.fn}`,
      involves: [mem.name],
      details: () => [
        `${write ? 'Write' : 'Read'} of size ${size} at addr ${what.startsWith(mem.name) ? what : what === mem.type ? mem.name : `${mem.name} (${what})`} by task ${this.ctx.where()} in ${where}`,
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(mem),
        ...freedBy(mem),
        objectLine(mem),
        `The access comes ${this.ctx.host.step - mem.freeStep} step(s) after the free (${stepName(mem.freeStep)}).`,
      ],
      fatal: false,
      corrupts: true,
    });
  }
}
