import type { Allocation } from '../model/memory.js';
import type { UnregisterContract } from '../model/facts.js';
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

type Unregister = Extract<ApiEvent, { type: 'unregister_event' }>;

/**
 * The register_event/unregister_event contract of struct cftype: unregister_event is called exactly once for
 * each successful register_event, with the same cgroup, cftype and eventfd; never for a failed one; in process
 * context (it may sleep). What it may find of the subsystem is the running kernel's own promise (its facts'
 * `unregister_contract`, read once per execution): where the header lets it run after ->destroy(), the subsystem
 * must keep what the call needs, and a state freed first is the subsystem's breach; where the core guarantees
 * that events go before ->destroy(), a call after it, or after the state was freed, is the core's. What is still
 * registered after teardown was never unregistered.
 */
export class UnregisterContractChecker implements Checker {
  readonly name = 'contract-violation';
  private ctx!: CheckContext;
  private contract!: UnregisterContract;
  private regs: Registration[] = [];
  private failed: { cgrp: object; cft: string; eventfd: object; ret: number }[] = [];
  private destroyed = new Map<object, { step: number; actor: string; subsys: string; site: { fn: string; file: string; line: number } }>();

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.contract = ctx.facts.unregister_contract;
    this.regs = [];
    this.failed = [];
    this.destroyed = new Map();
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
    } else if (e.type === 'destroy') {
      if (!this.destroyed.has(e.cgrp)) this.destroyed.set(e.cgrp, { step: this.ctx.host.step, actor: this.ctx.host.current.name, subsys: e.subsys, site: e.site });
    }
  }

  private find(cgrp: object, cft: string, eventfd: object): Registration | undefined {
    return this.regs.find((r) => r.cgrp === cgrp && r.cft === cft && r.eventfd === eventfd);
  }

  private unregister(e: Unregister): void {
    const cpu = this.ctx.cpuOf(this.ctx.host.current);
    const call = `unregister_event(${describe(e.cgrp)}, ${e.cft}, ${describe(e.eventfd)})`;
    if (cpu.atomic()) this.violate(`unregister_event called in atomic context`, 'unregister_event called in atomic context', call, e.site, [`${cpu.describe()}`, 'unregister_event may sleep (memcg takes a mutex and waits for RCU); it must run in process context.'], [e.cgrpMem.name]);
    this.checkLifetime(e, call);
    const r = this.find(e.cgrp, e.cft, e.eventfd);
    if (r !== undefined && r.outstanding > 0) {
      r.outstanding--;
      return;
    }
    const failed = this.failed.some((f) => f.cgrp === e.cgrp && f.cft === e.cft && f.eventfd === e.eventfd);
    const why = r !== undefined ? 'called more often than register_event succeeded' : failed ? 'called for a register_event that failed' : 'called with arguments no register_event had';
    this.violate(`unregister_event ${why}`, `unregister_event ${why}`, call, e.site, r !== undefined ? [`registered by ${r.actor} at ${stepName(r.step)}, and already unregistered as often`] : [], [e.cgrpMem.name, ...blockOf(e.eventfd)]);
  }

  /**
   * What the call may find of the subsystem, by the kernel's own words. A freed cgroup itself is KASAN's to
   * report, at the access; the contract speaks of the subsystem's state and of ->destroy().
   */
  private checkLifetime(e: Unregister, call: string): void {
    const state = e.css !== null && e.css.mem.freed ? e.css.mem : null;
    const destroyed = this.destroyed.get(e.cgrp);
    const words = `the contract of this kernel: ${this.contract.words}`;
    if (this.contract.after_destroy) {
      if (state === null) return;
      // The core may call after ->destroy(): the subsystem had to keep its state until every event was removed.
      const by = state.freeSite?.fn ?? '?';
      this.violate(
        `the subsystem freed its state for the cgroup while an event still needed it`,
        `the subsystem freed its state for the cgroup before unregister_event [${by} frees, unregister_event from ${formatSite(e.site)}]`,
        call,
        e.site,
        [...gone(state), `The core may call unregister_event after ->destroy() here, so it is the subsystem (${by}) that broke the contract.`, words],
        [state.name, e.cgrpMem.name],
      );
      return;
    }
    if (destroyed === undefined && state === null) return;
    const what = destroyed !== undefined ? 'after ->destroy()' : "after the subsystem's state for the cgroup was freed";
    this.violate(
      `the core called unregister_event ${what}`,
      `unregister_event called ${what} [from ${formatSite(e.site)}]`,
      call,
      e.site,
      [
        ...(destroyed !== undefined ? [`${destroyed.subsys}'s ->destroy() ran for ${describe(e.cgrp)} in ${destroyed.actor} at ${stepName(destroyed.step)} (${formatSite(destroyed.site)})`] : []),
        ...(state !== null ? gone(state) : []),
        'Every event must be removed before ->destroy() here, so it is the core that broke the contract.',
        words,
      ],
      [...(state !== null ? [state.name] : []), e.cgrpMem.name],
    );
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

  private violate(rule: string, key: string, call: string, site: { fn: string; file: string; line: number }, details: string[], involves: string[]): void {
    this.ctx.report({
      kind: 'contract-violation',
      object: 'cftype',
      site: key.includes('[') ? key : `${key} [from ${formatSite(site)}]`,
      title: `cgsim: contract violation: ${rule}`,
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
