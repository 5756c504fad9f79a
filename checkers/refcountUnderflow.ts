import type { CheckContext, Checker, Counted } from '../model/probes.js';
import { allocatedBy, formatSite, freedBy, stackLines, type Site } from './describe.js';

/**
 * refcount_t's checks: a put that takes a counter below zero (a reference dropped twice), or a get on a counter
 * that already reached zero (a reference taken on an object being freed). Either way the counter saturates:
 * the object is never released again, and the report says which counter and where.
 */
export class RefcountUnderflowChecker implements Checker {
  readonly name = 'refcount-underflow';
  private ctx!: CheckContext;

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
  }

  refcount(ref: Counted, before: number, delta: number, site: Site): void {
    const underflow = delta < 0 && before <= 0;
    const fromZero = delta > 0 && before <= 0;
    if (!underflow && !fromZero) return;
    this.ctx.report({
      kind: 'refcount-underflow',
      object: ref.mem.type,
      site: `${site.fn}: ${underflow ? 'put' : 'get'} of ${ref.mem.type}.${ref.counter} at ${before} [${formatSite(site)}]`,
      title: underflow ? 'refcount_t: underflow; use-after-free.' : 'refcount_t: addition on 0; use-after-free.',
      involves: [ref.mem.name],
      details: () => [
        `${ref.name} was ${before} when ${this.ctx.where()} ${underflow ? 'dropped' : 'took'} a reference in ${formatSite(site)}`,
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(ref.mem),
        ...freedBy(ref.mem),
      ],
      fatal: false,
      corrupts: true,
    });
  }
}
