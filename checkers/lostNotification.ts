import type { ApiEvent, CheckContext, Checker } from '../model/probes.js';
import { formatSite, stepName, blockOf } from './describe.js';

interface Watch {
  readonly cgrp: object;
  readonly eventfd: object;
  readonly step: number;
  readonly actor: string;
  readonly site: { fn: string; file: string; line: number };
}

/**
 * The promise of the API to userspace: "eventfd will be woken up by control file implementation or when the
 * cgroup is removed", and a registration lasts until the eventfd is closed. When the system is quiet after the
 * concurrent part of a run (the workqueue drained, nothing closed yet), for every registration userspace saw
 * succeed (the write to cgroup.event_control returned success) whose eventfd is still open:
 *   - if rmdir removed its cgroup, the eventfd was signalled after both the registration and the rmdir began;
 *   - if its cgroup still exists, the subsystem was not told to unregister it (the registration is not gone).
 * A registration of a removed cgroup that something unregistered and nothing signalled afterwards was dropped
 * silently: the report names the line that unregistered it. One that nothing ever unregistered (it came too late
 * for rmdir's teardown) names the registration.
 */
export class LostNotificationChecker implements Checker {
  readonly name = 'lost-notification';
  private ctx!: CheckContext;
  private pending = new Map<string, Watch>();
  private watches: Watch[] = [];
  private rmdirStart = new Map<object, number>();
  private removed = new Map<object, { step: number; path: string }>();
  private lastSignal = new Map<object, number>();
  private released = new Set<object>();
  private dropped: Watch[] = [];

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.pending = new Map();
    this.watches = [];
    this.rmdirStart = new Map();
    this.removed = new Map();
    this.lastSignal = new Map();
    this.released = new Set();
    this.dropped = [];
  }

  api(e: ApiEvent): void {
    const actor = this.ctx.host.current.name;
    const step = this.ctx.host.step;
    switch (e.type) {
      case 'register_event':
        if (e.ret === 0) this.pending.set(actor, { cgrp: e.cgrp, eventfd: e.eventfd, step, actor, site: e.site });
        break;
      case 'write_done': {
        const w = this.pending.get(actor);
        this.pending.delete(actor);
        if (w !== undefined && e.ret >= 0 && e.file === 'cgroup.event_control') this.watches.push(w);
        break;
      }
      case 'rmdir_begin':
        this.rmdirStart.set(e.cgrp, step);
        break;
      case 'rmdir_done':
        if (e.ret === 0) this.removed.set(e.cgrp, { step, path: e.cgroupName });
        break;
      case 'eventfd_signal':
        this.lastSignal.set(e.ctx, step);
        break;
      case 'unregister_event':
        if (!this.released.has(e.eventfd)) this.dropped.push({ cgrp: e.cgrp, eventfd: e.eventfd, step, actor, site: e.site });
        break;
      case 'eventfd_release':
        this.released.add(e.ctx);
        break;
      case 'quiescent':
        this.check();
        break;
    }
  }

  private check(): void {
    this.checkRemoved();
    this.checkDropped();
  }

  private checkDropped(): void {
    for (const d of this.dropped) {
      const w = this.watches.find((x) => x.cgrp === d.cgrp && x.eventfd === d.eventfd && x.step <= d.step);
      if (w === undefined || this.removed.has(d.cgrp) || this.released.has(d.eventfd)) continue;
      const name = (d.eventfd as { name?: string }).name ?? 'eventfd';
      const path = (d.cgrp as { path?: string }).path ?? 'the cgroup';
      this.ctx.report({
        kind: 'lost-notification',
        object: 'eventfd_ctx',
        site: `registration dropped by ${d.site.fn} while its cgroup lives [${formatSite(d.site)}]`,
        title: `cgsim: lost notification: ${path} still exists but the registration of ${name} was dropped`,
        involves: [...blockOf(d.cgrp), ...blockOf(d.eventfd)],
        details: () => [
          `${w.actor} registered ${name} on ${path} at ${stepName(w.step)} and the write returned success.`,
          `${d.actor} called unregister_event for it at ${stepName(d.step)} (from ${formatSite(d.site)}), while ${name} was open.`,
          `${path} was not removed${this.rmdirStart.has(d.cgrp) ? ' (an rmdir began but did not succeed)' : ''}: ${name} will hear nothing more of it${(this.lastSignal.get(d.eventfd) ?? -1) >= w.step ? `; it was signalled at ${stepName(this.lastSignal.get(d.eventfd)!)}, as if the cgroup were gone` : ', and was not told'}.`,
        ],
        fatal: false,
        corrupts: false,
      });
    }
  }

  private checkRemoved(): void {
    for (const w of this.watches) {
      const gone = this.removed.get(w.cgrp);
      if (gone === undefined || this.released.has(w.eventfd)) continue;
      const since = Math.max(w.step, this.rmdirStart.get(w.cgrp) ?? -1);
      const signalled = this.lastSignal.get(w.eventfd);
      if (signalled !== undefined && signalled >= since) continue;
      const name = (w.eventfd as { name?: string }).name ?? 'eventfd';
      // Whatever unregistered the registration first is what dropped it; nothing can signal it after that.
      const drop = this.dropped.find((d) => d.cgrp === w.cgrp && d.eventfd === w.eventfd && d.step >= w.step);
      const registered = `${w.actor} registered ${name} on ${gone.path} at ${stepName(w.step)} (register_event called from ${formatSite(w.site)}), and the write returned success.`;
      const removed = `rmdir("${gone.path}") began at ${stepName(this.rmdirStart.get(w.cgrp) ?? -1)} and returned 0 at ${stepName(gone.step)}.`;
      const never = signalled === undefined ? 'never signalled' : `last signalled at ${stepName(signalled)}, before that`;
      this.ctx.report({
        kind: 'lost-notification',
        object: 'eventfd_ctx',
        site:
          drop === undefined
            ? `registration by ${w.site.fn} on a cgroup that rmdir removed [${formatSite(w.site)}]`
            : `registration dropped without a signal by ${drop.site.fn} on a cgroup that rmdir removed [${formatSite(drop.site)}]`,
        title: `cgsim: lost notification: ${gone.path} was removed but ${name} was never signalled`,
        involves: [...blockOf(w.cgrp), ...blockOf(w.eventfd)],
        details: () =>
          drop === undefined
            ? [registered, removed, `${name} is still open and the workqueue is drained, yet it was ${never}: userspace waits forever.`]
            : [
                registered,
                removed,
                `${drop.actor} unregistered it at ${stepName(drop.step)} (from ${formatSite(drop.site)}) and nothing signalled ${name} after that: the registration is gone without a word.`,
                `${name} is still open and the workqueue is drained, yet it was ${never}: userspace waits forever.`,
              ],
        fatal: false,
        corrupts: false,
      });
    }
  }
}
