import type { Allocation } from '../model/memory.js';
import type { ApiEvent, CheckContext, Checker } from '../model/probes.js';
import { blockOf, formatSite, stepName } from './describe.js';

interface Registration {
  readonly cgrp: object;
  readonly cft: string;
  readonly eventfd: object;
  readonly what: string;
  readonly step: number;
  readonly actor: string;
  outstanding: number;
}

/**
 * The register_event/unregister_event contract of struct cftype: unregister_event is called exactly once for
 * each successful register_event, with the same cgroup, cftype and eventfd; never for a failed one; in process
 * context (it may sleep); and never once the subsystem's state for the cgroup is freed. What is still
 * registered after teardown was never unregistered.
 */
export class UnregisterContractChecker implements Checker {
  readonly name = 'contract-violation';
  private ctx!: CheckContext;
  private regs: Registration[] = [];
  private failed: { cgrp: object; cft: string; eventfd: object; ret: number }[] = [];

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.regs = [];
    this.failed = [];
  }

  api(e: ApiEvent): void {
    if (e.type === 'register_event') {
      if (e.ret !== 0) {
        this.failed.push({ cgrp: e.cgrp, cft: e.cft, eventfd: e.eventfd, ret: e.ret });
        return;
      }
      const r = this.find(e.cgrp, e.cft, e.eventfd);
      if (r !== undefined) r.outstanding++;
      else this.regs.push({ cgrp: e.cgrp, cft: e.cft, eventfd: e.eventfd, what: `${describe(e.cgrp)}/${e.cft}, ${describe(e.eventfd)}`, step: this.ctx.host.step, actor: this.ctx.host.current.name, outstanding: 1 });
    } else if (e.type === 'unregister_event') {
      this.unregister(e);
    }
  }

  private find(cgrp: object, cft: string, eventfd: object): Registration | undefined {
    return this.regs.find((r) => r.cgrp === cgrp && r.cft === cft && r.eventfd === eventfd);
  }

  private unregister(e: Extract<ApiEvent, { type: 'unregister_event' }>): void {
    const cpu = this.ctx.cpuOf(this.ctx.host.current);
    const call = `unregister_event(${describe(e.cgrp)}, ${e.cft}, ${describe(e.eventfd)})`;
    if (cpu.atomic()) this.violate(`called in atomic context`, call, e.site, [`${cpu.describe()}`, 'unregister_event may sleep (memcg takes a mutex and waits for RCU); it must run in process context.'], [e.cgrpMem.name]);
    // A freed cgroup itself is KASAN's to report, at the access; the contract speaks of the subsystem's state.
    if (e.css !== null && e.css.mem.freed) this.violate("called after the subsystem's state for the cgroup was freed", call, e.site, gone(e.css.mem), [e.css.mem.name, e.cgrpMem.name]);
    const r = this.find(e.cgrp, e.cft, e.eventfd);
    if (r !== undefined && r.outstanding > 0) {
      r.outstanding--;
      return;
    }
    const failed = this.failed.some((f) => f.cgrp === e.cgrp && f.cft === e.cft && f.eventfd === e.eventfd);
    const why = r !== undefined ? 'called more often than register_event succeeded' : failed ? 'called for a register_event that failed' : 'called with arguments no register_event had';
    this.violate(why, call, e.site, r !== undefined ? [`registered by ${r.actor} at ${stepName(r.step)}, and already unregistered as often`] : [], [e.cgrpMem.name, ...blockOf(e.eventfd)]);
  }

  finished(): void {
    for (const r of this.regs) {
      if (r.outstanding <= 0) continue;
      this.ctx.report({
        kind: 'contract-violation',
        object: 'cftype',
        site: `register_event without unregister_event (${r.cft})`,
        title: `cgsim: contract violation: register_event(${r.what}) succeeded but unregister_event was never called`,
        involves: [...blockOf(r.cgrp), ...blockOf(r.eventfd)],
        details: () => [`registered by ${r.actor} at ${stepName(r.step)}; ${r.outstanding} registration(s) outstanding after teardown (every fd closed, every cgroup removed, the workqueue drained)`],
        fatal: false,
        corrupts: false,
      });
    }
  }

  private violate(rule: string, call: string, site: { fn: string; file: string; line: number }, details: string[], involves: string[]): void {
    this.ctx.report({
      kind: 'contract-violation',
      object: 'cftype',
      site: `unregister_event ${rule} [from ${formatSite(site)}]`,
      title: `cgsim: contract violation: unregister_event ${rule}`,
      involves,
      details: () => [`${call} by ${this.ctx.where()} from ${formatSite(site)}`, ...details],
      fatal: false,
      corrupts: false,
    });
  }
}

function describe(o: object): string {
  return (o as { name?: string }).name ?? '?';
}

function gone(mem: Allocation): string[] {
  return [`${mem.name} was freed by ${mem.freeActor} at ${stepName(mem.freeStep)}${mem.freeSite !== null ? ` in ${formatSite(mem.freeSite)}` : ''}`];
}
