/**
 * Where a hunk of a follow-up patch applies to held text: at its stated old line if its context and removed lines
 * are there, else at an offset, as `patch` does, but never with fuzz and never by guessing. Held text is sparse, so
 * the search must not pretend to know the file: a place whose held lines agree but which runs into unheld lines
 * might be the right one, and if such a place is at least as near the stated line as a place that matches, `patch`
 * on the real file could have applied the hunk there instead, so the hunk is refused rather than put elsewhere.
 * A hunk that matches at two places, neither the stated one, is refused too: a reader wants the place unmistakable.
 */
import { clip, headerText, type Hunk } from './hunk.js';
import type { HeldText } from './heldText.js';
import { HunkRefused } from './refusals.js';

/** The first old line a hunk covers; a hunk with no old lines names the line after which it inserts. */
export function firstOldLine(h: Hunk): number {
  return h.oldCount === 0 ? h.oldStart + 1 : h.oldStart;
}

/** How the held text stands at one place: all its lines there agree, some are unknown but the held ones agree, or not. */
type Fit = 'match' | 'maybe' | 'no';

function fitAt(held: HeldText, expected: readonly string[], at: number): Fit {
  let unknown = false;
  for (let i = 0; i < expected.length; i++) {
    const n = at + i;
    if (held.length !== null && n > held.length) return 'no';
    const text = held.text(n);
    if (text === undefined) unknown = true;
    else if (text !== expected[i]) return 'no';
  }
  return unknown ? 'maybe' : 'match';
}

export interface Locating {
  readonly held: HeldText;
  readonly hunk: Hunk;
  /** The hunk's stated first old line, moved by the offset the hunk before it was found at. */
  readonly stated: number;
  /** The first line the hunk may start at: after the old lines of the hunk before it. */
  readonly floor: number;
  readonly source: string;
}

/** The line of the held text where the hunk's old lines start (for a hunk with none, the line it inserts before). */
export function locate(l: Locating): number {
  const { held, hunk, stated, floor } = l;
  const expected = hunk.lines.filter((x) => x.kind !== 'added').map((x) => x.text);
  const what = `hunk ${headerText(hunk)} of ${held.path}`;
  const refuse = (reason: HunkRefused['reason'], problem: string): never => {
    throw new HunkRefused(reason, l.source, hunk.patchLine, `${what} ${problem}`);
  };
  if (expected.length === 0) {
    // Nothing to match: it goes where it says, after a line that must be held (or at the very start).
    if (stated - 1 >= 1 && !held.has(stated - 1)) refuse('gap', `inserts after line ${stated - 1}, which the held text does not have`);
    return stated;
  }
  const span = (at: number): string => `${at}-${at + expected.length - 1}`;
  const statedFit = stated >= floor ? fitAt(held, expected, stated) : 'no';
  if (statedFit === 'match') return stated;
  if (statedFit === 'maybe') {
    const gaps = held.gapsIn(stated, stated + expected.length - 1).map((g) => (g.first === g.last ? `${g.first}` : `${g.first}-${g.last}`));
    refuse('gap', `touches lines ${gaps.join(', ')} at its stated lines ${span(stated)}, which the held text does not have`);
  }
  const lastHeld = held.all()[held.size - 1]?.number ?? 0;
  const matches: number[] = [];
  let nearestMaybe: number | null = null;
  for (let at = Math.max(floor, 1); at <= Math.max(stated, lastHeld + 1); at++) {
    const fit = fitAt(held, expected, at);
    if (fit === 'match') matches.push(at);
    if (fit === 'maybe' && (nearestMaybe === null || Math.abs(at - stated) < Math.abs(nearestMaybe - stated))) nearestMaybe = at;
  }
  if (matches.length === 0) {
    const differs = firstDifference(held, expected, stated);
    refuse('context-not-found', `does not apply: its context and removed lines are nowhere in the held text${differs}`);
  }
  if (matches.length > 1) {
    refuse('ambiguous', `matches the held text at lines ${matches.slice(0, -1).join(', ')} and ${matches[matches.length - 1]}, none of them its stated line ${stated}; refusing to guess`);
  }
  const at = matches[0]!;
  if (nearestMaybe !== null && Math.abs(nearestMaybe - stated) <= Math.abs(at - stated)) {
    refuse('gap', `matches the held text at line ${at}, but lines ${span(nearestMaybe)}, nearer its stated line ${stated}, are not all held and might match there`);
  }
  return at;
}

/** ` (line N holds '...', the hunk expects '...')` at the stated place, to show the reader what is different. */
function firstDifference(held: HeldText, expected: readonly string[], stated: number): string {
  for (let i = 0; i < expected.length; i++) {
    const text = held.text(stated + i);
    if (text !== undefined && text !== expected[i]) return ` (line ${stated + i} holds '${clip(text, 40)}', the hunk expects '${clip(expected[i]!, 40)}')`;
  }
  return '';
}
