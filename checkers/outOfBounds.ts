import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocatedBy, formatSite, stackLines, type Site } from './describe.js';

/**
 * KASAN's out-of-bounds: a byte access outside a block: slab-out-of-bounds outside the size the allocation asked
 * for (kmalloc(n) gives n bytes to KASAN, whatever the slab rounds it up to), stack-out-of-bounds outside a
 * local array of a stack frame (KASAN's redzones around stack variables). Once per block per run: a parser that
 * read past the end reads on (the model reads NUL there), and each further byte is the same bug, as KASAN, which
 * reports the first bad access only, would have it. Statics are not checked.
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
    if (mem.kind === 'static' || (offset >= 0 && offset + size <= mem.size)) return;
    if (this.seen.has(mem)) return;
    this.seen.add(mem);
    const stack = mem.kind === 'stack';
    this.ctx.report({
      kind: 'out-of-bounds',
      object: mem.type,
      site: `${site.fn} past the end of ${stack ? `${mem.local ?? mem.type} of ${mem.allocSite?.fn ?? '?'}` : mem.type} [${formatSite(site)}]`,
      title: `BUG: KASAN: ${stack ? 'stack' : 'slab'}-out-of-bounds in ${site.fn}`,
      details: () => [
        `${write ? 'Write' : 'Read'} of size ${size} at offset ${offset} of ${mem.name} by task ${this.ctx.where()} in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...(stack ? frameLines(mem, offset) : allocatedBy(mem)),
        ...(stack
          ? []
          : [
              offset < 0
                ? `The buggy address is located ${-offset} byte(s) to the left of the ${mem.size}-byte region of ${mem.name}`
                : `The buggy address is located ${offset - mem.size} byte(s) to the right of the ${mem.size}-byte region of ${mem.name}`,
            ]),
      ],
      fatal: false,
      corrupts: false,
    });
  }
}

/** KASAN's description of a stack address: whose stack, which frame, the frame's object. */
function frameLines(mem: Allocation, offset: number): string[] {
  return [
    `The buggy address belongs to stack of task ${mem.allocActor}`,
    ` and is located at offset ${offset} in frame:`,
    ` ${mem.allocSite === null ? (mem.allocStack[0] ?? '?') : formatSite(mem.allocSite)}`,
    'This frame has 1 object:',
    ` [0, ${mem.size}) '${mem.local ?? mem.name}'`,
  ];
}
