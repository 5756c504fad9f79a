import type { ApiEvent, CheckContext, Checker } from '../model/probes.js';
import { formatSite, stepName } from './describe.js';

interface Watch {
  readonly cgrp: object;
  readonly eventfd: object;
  readonly step: number;
  readonly actor: string;
  readonly site: { fn: string; file: string; line: number };
}

/**
 * The promise of the API to userspace: "eventfd will be woken up ... when the cgroup is removed". When the
 * system is quiet after the concurrent part of a run (the workqueue drained, nothing closed yet), every eventfd
 * that is still open and was registered on a cgroup that rmdir removed must have been signalled after both the
 * registration and the start of that rmdir. A registration counts once the write to cgroup.event_control
 * returned success to userspace.
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

  beginRun(ctx: CheckContext): void {
    this.ctx = ctx;
    this.pending = new Map();
    this.watches = [];
    this.rmdirStart = new Map();
    this.removed = new Map();
    this.lastSignal = new Map();
    this.released = new Set();
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
      case 'eventfd_release':
        this.released.add(e.ctx);
        break;
      case 'quiescent':
        this.check();
        break;
    }
  }

  private check(): void {
    for (const w of this.watches) {
      const gone = this.removed.get(w.cgrp);
      if (gone === undefined || this.released.has(w.eventfd)) continue;
      const since = Math.max(w.step, this.rmdirStart.get(w.cgrp) ?? -1);
      const signalled = this.lastSignal.get(w.eventfd);
      if (signalled !== undefined && signalled >= since) continue;
      const name = (w.eventfd as { name?: string }).name ?? 'eventfd';
      this.ctx.report({
        kind: 'lost-notification',
        object: 'eventfd_ctx',
        site: `registration by ${w.site.fn} on a cgroup that rmdir removed [${formatSite(w.site)}]`,
        title: `cgsim: lost notification: ${gone.path} was removed but ${name} was never signalled`,
        details: () => [
          `${w.actor} registered ${name} on ${gone.path} at ${stepName(w.step)} (register_event called from ${formatSite(w.site)}), and the write returned success.`,
          `rmdir("${gone.path}") began at ${stepName(this.rmdirStart.get(w.cgrp) ?? -1)} and returned 0 at ${stepName(gone.step)}.`,
          `${name} is still open and the workqueue is drained, yet it was ${signalled === undefined ? 'never signalled' : `last signalled at ${stepName(signalled)}, before that`}: userspace waits forever.`,
        ],
        fatal: false,
        corrupts: false,
      });
    }
  }
}
