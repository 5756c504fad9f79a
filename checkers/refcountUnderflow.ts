import type { CheckContext, Checker, Counted } from '../model/probes.js';
import { allocatedBy, formatSite, freedBy, stackLines, type Site } from './describe.js';

/**
 * refcount_t's checks: a put that takes a counter below zero (a reference dropped twice), or a get on a counter
 * that already reached zero (a reference taken on an object being freed). Either way the counter saturates:
 * the object is never released again, and the report says which counter and where.
 *
 * A percpu_ref is checked where the kernel checks it: when it is killed and switched to atomic mode, a count at
 * or below zero is a warning (lib/percpu-refcount.c). Its puts before the kill are per-CPU and checked by nobody;
 * after the kill, a put below zero (the release already ran) or a get at zero is reported too, in cgsim's words:
 * the kernel prints nothing then.
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
    const what = `${ref.mem.type}.${ref.counter}`;
    this.ctx.report({
      kind: 'refcount-underflow',
      object: ref.mem.type,
      site: `${site.fn}: ${underflow ? 'put' : 'get'} of ${what} at ${before} [${formatSite(site)}]`,
      title:
        ref.type === 'percpu_ref'
          ? `cgsim: percpu_ref ${underflow ? 'underflow' : 'get at zero'}: ${what} ${underflow ? 'put' : 'taken'} at ${before}, after the kill`
          : underflow
            ? 'refcount_t: underflow; use-after-free.'
            : 'refcount_t: addition on 0; use-after-free.',
      involves: [ref.mem.name],
      details: () => [
        `${ref.name} was ${before} when ${this.ctx.where()} ${underflow ? 'dropped' : 'took'} a reference in ${formatSite(site)}`,
        ...(ref.type === 'percpu_ref' ? [`${ref.name} is a percpu_ref in atomic mode: its release ran at the put that reached zero${underflow ? ', so this put is one too many (one reference was dropped that was never taken)' : ''}.`] : []),
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(ref.mem),
        ...freedBy(ref.mem),
      ],
      fatal: false,
      corrupts: true,
    });
  }

  percpuRefAtomic(ref: Counted & { readonly release: string }, count: number, site: Site): void {
    if (count > 0) return;
    this.ctx.report({
      kind: 'refcount-underflow',
      object: ref.mem.type,
      site: `${site.fn}: ${ref.mem.type}.${ref.counter} at ${count} when switched to atomic [${formatSite(site)}]`,
      // [RECON] The WARN_ONCE of percpu_ref_switch_to_atomic_rcu(), as recalled, not quoted; the 3.1x kernels
      // worded it "percpu ref <= 0 (%i) after killed", without the release function.
      title: `percpu ref (${ref.release}) <= 0 (${count}) after switching to atomic`,
      involves: [ref.mem.name],
      details: () => [
        `${ref.name} was killed by ${this.ctx.where()} in ${formatSite(site)}: its CPUs' counters and the base reference sum to ${count}.`,
        `More references were dropped than taken while it was per-CPU, where nobody checks: ${ref.release} will never run.`,
        ...stackLines(this.ctx.stack()),
        ...allocatedBy(ref.mem),
      ],
      fatal: false,
      corrupts: true,
    });
  }
}
