import { formatSite, type Site } from './site.js';

/** A frame of a JavaScript stack that is a modelled kernel function: its name and where its model code is. */
export interface ModelFrame {
  readonly fn: string;
  /** `model/eventfd.ts:40` when the stack is source-mapped, the compiled file's line otherwise. */
  readonly where: string;
}

interface ShadowFrame {
  readonly fn: string;
  /** Where its caller called it (the caller frame's position); null for the outermost model frame. */
  readonly calledFrom: string | null;
  site: Site | null;
}

/**
 * Which source line each function of a CPU's call chain is at, for call traces that read like the kernel's
 * (`cgroup_event_remove (kernel/cgroup.c:2860)`). JavaScript stacks give the chain of model functions but not the
 * C lines they mirror; every labelled access and step (tracing only) tells the line of the innermost function
 * with that name, and the line stays with the frame while it calls deeper. A frame is known by its function and
 * the place its caller called it from: a function called again starts over with no line, so a trace never shows
 * the line of an earlier call (short of one line calling the same function twice with nothing labelled between).
 */
export class CallSites {
  private readonly perActor = new Map<number, ShadowFrame[]>();

  /** The CPU `actor` runs the chain `frames` (innermost first) and is at `site`. */
  note(actor: number, frames: readonly ModelFrame[], site: Site | null): ShadowFrame[] {
    const old = this.perActor.get(actor) ?? [];
    const shadow: ShadowFrame[] = [];
    const n = frames.length;
    for (let i = 0; i < n; i++) {
      const fn = frames[n - 1 - i]!.fn;
      const calledFrom = i === 0 ? null : frames[n - i]!.where;
      const kept = old[i];
      // A frame is the same call only if it was called from the same place and every frame outside it is the same
      // call too; a function called again (from another line, or after its caller moved on) starts with no line.
      const same = kept !== undefined && kept.fn === fn && kept.calledFrom === calledFrom && (i === 0 || shadow[i - 1] === old[i - 1]);
      shadow.push(same ? kept : { fn, calledFrom, site: null });
    }
    if (site !== null) {
      for (let i = shadow.length - 1; i >= 0; i--) {
        if (shadow[i]!.fn === site.fn) {
          shadow[i]!.site = site;
          break;
        }
      }
    }
    this.perActor.set(actor, shadow);
    return shadow;
  }

  /** The chain as a call trace, innermost first: each function with the source line it is at, when known. */
  trace(actor: number, frames: readonly ModelFrame[], site: Site | null): string[] {
    const shadow = this.note(actor, frames, site);
    return shadow
      .slice()
      .reverse()
      .map((f) => (f.site === null ? f.fn : formatSite(f.site)));
  }
}
