import type { Allocation } from '../model/memory.js';
import type { CheckContext, Checker } from '../model/probes.js';
import { allocationTrace, formatSite, stackLines, type Site } from './describe.js';

/**
 * Where an uninitialised byte's value comes from, as KMSAN's origins chain it: the block that created it (a
 * kmalloc without __GFP_ZERO, a stack frame), and each copy that stored it elsewhere since (the latest first).
 */
interface Origin {
  readonly created: Allocation;
  /** The copy that stored the value where it now is, with its call trace; null where it was created. */
  readonly stored: { readonly site: Site; readonly stack: readonly string[] } | null;
  readonly previous: Origin | null;
}

/**
 * KMSAN's uninit-value: a value read from memory that nothing wrote decides a branch or reaches a result. The
 * checker keeps the shadow: for each block whose bytes start uninitialised (the block says so when it is
 * made), the origin of every byte not yet written. A store initialises the bytes it writes; a copy moves the
 * origins with the bytes (copying uninitialised bytes is no bug); a use of a byte that still has an origin is
 * reported, once per creating block per run (the first use: whatever follows from the same bytes is the same
 * bug), with the use's call trace and where the value was created. Bytes outside a block are the out-of-bounds
 * checker's business, not this one's.
 */
export class UninitValueChecker implements Checker {
  readonly name = 'uninit-value';
  private ctx!: CheckContext;
  private shadow = new Map<Allocation, (Origin | null)[]>();
  private seen = new Set<Allocation>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.shadow = new Map();
    this.seen = new Set();
  }

  alloc(mem: Allocation): void {
    if (!mem.uninit || mem.size <= 0) return;
    const origin: Origin = { created: mem, stored: null, previous: null };
    this.shadow.set(mem, new Array<Origin | null>(mem.size).fill(origin));
  }

  accessBytes(mem: Allocation, offset: number, size: number, write: boolean): void {
    if (!write) return;
    const sh = this.shadow.get(mem);
    if (sh === undefined) return;
    for (let i = Math.max(0, offset); i < Math.min(offset + size, sh.length); i++) sh[i] = null;
  }

  copyBytes(dst: Allocation, dstOffset: number, src: Allocation | null, srcOffset: number, size: number, site: Site): void {
    const from = src === null ? undefined : this.shadow.get(src);
    let to = this.shadow.get(dst);
    // One link per source origin and copy, so the report can say where the value was stored.
    const links = new Map<Origin, Origin>();
    for (let i = 0; i < size; i++) {
      const d = dstOffset + i;
      if (d < 0 || d >= dst.size) continue;
      const s = srcOffset + i;
      const origin = from !== undefined && s >= 0 && s < from.length ? from[s]! : null;
      if (origin === null) {
        if (to !== undefined) to[d] = null;
        continue;
      }
      let link = links.get(origin);
      if (link === undefined) links.set(origin, (link = { created: origin.created, stored: { site, stack: this.ctx.stack() }, previous: origin }));
      if (to === undefined) this.shadow.set(dst, (to = new Array<Origin | null>(dst.size).fill(null)));
      to[d] = link;
    }
  }

  useBytes(mem: Allocation, offset: number, size: number, site: Site): void {
    const sh = this.shadow.get(mem);
    if (sh === undefined) return;
    for (let i = Math.max(0, offset); i < Math.min(offset + size, sh.length); i++) {
      const origin = sh[i];
      if (origin === null || origin === undefined) continue;
      if (this.seen.has(origin.created)) return;
      this.seen.add(origin.created);
      this.report(mem, i, origin, site);
      return;
    }
  }

  private report(mem: Allocation, offset: number, origin: Origin, site: Site): void {
    const created = origin.created;
    this.ctx.report({
      kind: 'uninit-value',
      object: created.type,
      site: `${site.fn} uses uninitialised ${describeBlock(created)} [${formatSite(site)}]`,
      title: `BUG: KMSAN: uninit-value in ${site.fn}`,
      involves: created === mem ? [mem.name] : [mem.name, created.name],
      details: () => [
        `Use of uninitialised byte ${offset} of ${mem.name} by task ${this.ctx.where()} in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...originLines(origin),
      ],
      fatal: false,
      corrupts: false,
    });
  }
}

/** `local_buffer of cgroup_write_string`, or `char[] allocated at kernfs_fop_write_iter (fs/kernfs/file.c)`. */
function describeBlock(mem: Allocation): string {
  if (mem.kind === 'stack') return `${mem.local ?? mem.type} of ${mem.allocSite?.fn ?? '?'}`;
  return `${mem.type} allocated at ${mem.allocSite === null ? '?' : formatSite(mem.allocSite)}`;
}

/** KMSAN's origin section: each copy that stored the value (latest first), then where it was created. */
function originLines(origin: Origin): string[] {
  const out: string[] = [];
  for (let o: Origin | null = origin; o !== null; o = o.previous) {
    out.push('');
    if (o.stored !== null) {
      out.push('Uninit was stored to memory at:', ...(o.stored.stack.length > 0 ? o.stored.stack : [formatSite(o.stored.site)]).map((f) => ` ${f}`));
      continue;
    }
    const mem = o.created;
    if (mem.kind === 'stack') {
      // KMSAN names the variable, its function (the frame's site) and that function's caller.
      const fn = mem.allocSite === null ? (mem.allocStack[0] ?? '?') : formatSite(mem.allocSite);
      out.push(`Local variable ${mem.local ?? mem.name} created at:`, ` ${fn}`, ...mem.allocStack.slice(1, 2).map((f) => ` ${f}`));
    } else {
      out.push('Uninit was created at:', ...allocationTrace(mem));
    }
  }
  return out;
}
