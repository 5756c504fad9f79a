import type { Site } from '../../sim/site.js';
import type { PatchText } from '../patchText.js';
import type { ReplayDoc } from '../replayDoc.js';

/** How many lines of the patch the viewer shows on either side of a step's line. */
export const PATCH_CONTEXT = 3;

/**
 * What the page draws beyond the replay document itself, computed here (typed, testable) rather than in the
 * browser: the patch lines the steps point at, which objects each step touches, which freed objects a report is
 * about, and where each lock-held interval is drawn.
 */
export interface ViewData {
  /** Null: no `--patch` given. Otherwise, per file (sorted), the patch's lines around the lines the steps claim. */
  readonly patch: readonly PatchExcerpt[] | null;
  /** Per step (index = step - 1): the indices of the lifetimes whose object (or a field of it) the step names. */
  readonly touches: readonly (readonly number[])[];
  /** Per report (index = report index - 1): the lifetimes, freed by the time of the report, that it is about. */
  readonly victims: readonly (readonly number[])[];
  /** Per lock hold: its stripe, 0-based, among the same actor's holds (nested holds side by side). */
  readonly lockSlots: readonly number[];
  /** Per actor: how many stripes its lane needs. */
  readonly laneSlots: readonly number[];
}

export interface PatchExcerpt {
  readonly file: string;
  /** [line, text], ascending. */
  readonly lines: readonly (readonly [number, string])[];
}

export function viewData(doc: ReplayDoc, patch: PatchText | null): ViewData {
  const lockSlots: number[] = [];
  const laneSlots = doc.actors.map(() => 0);
  // Greedy interval colouring per actor: a hold takes the lowest stripe whose last hold ended before it began.
  const ends = new Map<string, (number | null)[]>();
  for (const hold of doc.locks) {
    const busy = ends.get(hold.actor) ?? [];
    ends.set(hold.actor, busy);
    let slot = busy.findIndex((to) => to !== null && to < hold.from);
    if (slot < 0) slot = busy.length;
    busy[slot] = hold.to;
    lockSlots.push(slot);
    const a = doc.actors.indexOf(hold.actor);
    if (a >= 0) laneSlots[a] = Math.max(laneSlots[a]!, slot + 1);
  }
  return {
    patch: patch === null ? null : excerpts(doc, patch),
    touches: doc.trace.map((t) => touched(t.object, doc)),
    victims: doc.findings.map((f) => victimsOf(f.involves, f.step ?? doc.steps + 1, doc)),
    lockSlots,
    laneSlots,
  };
}

/** The lifetimes `object` is, or is a field of (`cgroup#3.event_list_lock` touches `cgroup#3`). */
function touched(object: string, doc: ReplayDoc): number[] {
  const out: number[] = [];
  if (object === '') return out;
  doc.lifetimes.forEach((l, i) => {
    if (object === l.object || object.startsWith(`${l.object}.`) || object.startsWith(`${l.object}-`)) out.push(i);
  });
  return out;
}

/** The lifetimes of the blocks a report is about (its `involves`) that were freed at or before the report's step. */
function victimsOf(involves: readonly string[], step: number, doc: ReplayDoc): number[] {
  const out: number[] = [];
  doc.lifetimes.forEach((l, i) => {
    if (l.freeStep !== null && l.freeStep <= step && involves.includes(l.object)) out.push(i);
  });
  return out;
}

/** The patch lines within PATCH_CONTEXT of every line a step (or a blocked actor) claims. */
function excerpts(doc: ReplayDoc, patch: PatchText): PatchExcerpt[] {
  const wanted = new Map<string, Set<number>>();
  const sites: (Site | null)[] = [...doc.trace.map((t) => t.site), ...doc.pending.map((p) => p.site)];
  for (const site of sites) {
    if (site === null || site.line <= 0) continue;
    const lines = patch.get(site.file);
    if (lines === undefined || !lines.has(site.line)) continue;
    const set = wanted.get(site.file) ?? new Set<number>();
    wanted.set(site.file, set);
    for (let l = site.line - PATCH_CONTEXT; l <= site.line + PATCH_CONTEXT; l++) if (lines.has(l)) set.add(l);
  }
  return [...wanted.keys()]
    .sort()
    .map((file) => ({ file, lines: [...wanted.get(file)!].sort((x, y) => x - y).map((l) => [l, patch.get(file)!.get(l)!] as const) }));
}
