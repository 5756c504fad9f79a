import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocatedBy, formatSite, stackLines, type Site } from './describe.js';

/**
 * KASAN's slab-out-of-bounds: a byte access outside the size the allocation asked for (kmalloc(n) gives n
 * bytes to KASAN, whatever the slab rounds it up to). Once per allocation per run: a parser that read past the
 * end reads on (the model reads NUL there), and each further byte is the same bug, as KASAN, which reports
 * the first bad access only, would have it.
 */
export class OutOfBoundsChecker implements Checker {
  readonly name = 'out-of-bounds';
  private ctx!: CheckContext;
  private seen = new Set<Allocation>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.seen = new Set();
  }

  accessBytes(mem: Allocation, offset: number, size: number, write: boolean, site: Site): void {
    if (mem.kind !== 'slab' || (offset >= 0 && offset + size <= mem.size)) return;
    if (this.seen.has(mem)) return;
    this.seen.add(mem);
    this.ctx.report({
      kind: 'out-of-bounds',
      object: mem.type,
      site: `${site.fn} past the end of ${mem.type} [${formatSite(site)}]`,
      title: `BUG: KASAN: slab-out-of-bounds in ${site.fn}`,
      details: () => [
        `${write ? 'Write' : 'Read'} of size ${size} at offset ${offset} of ${mem.name} by task ${this.ctx.where()} in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(mem),
        offset < 0
          ? `The buggy address is located ${-offset} byte(s) to the left of the ${mem.size}-byte region of ${mem.name}`
          : `The buggy address is located ${offset - mem.size} byte(s) to the right of the ${mem.size}-byte region of ${mem.name}`,
      ],
      fatal: false,
      corrupts: false,
    });
  }
}
