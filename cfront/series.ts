/**
 * A series of patches read in order: the first gives the held text, each later one is applied to it. A follow-up
 * is applied whole or not at all: its hunks are located (cfront/locate.ts), then the held text is rebuilt with the
 * numbers of the new post-image: lines after an applied hunk move by what it added or removed, and so do the gaps,
 * whose length is known even where their text is not.
 */
import { pathOf, type FileDiff, type Patch } from './diff.js';
import type { Hunk } from './hunk.js';
import { HeldText, heldTextOf, heldTextsOf, type HeldLine } from './heldText.js';
import { HunkRefused } from './refusals.js';
import { firstOldLine, locate } from './locate.js';

export { HunkRefused, type RefusalReason } from './refusals.js';

/** The held text after every patch of the series, in order; the first gives it, the others are applied. */
export function applySeries(patches: readonly Patch[]): Map<string, HeldText> {
  const [first, ...rest] = patches;
  if (first === undefined) return new Map();
  return rest.reduce((held, p) => applyPatch(held, p), heldTextsOf(first));
}

/** The held text after `patch`; `held` is left as it was, also when a hunk is refused. */
export function applyPatch(held: ReadonlyMap<string, HeldText>, patch: Patch): Map<string, HeldText> {
  const out = new Map(held);
  for (const f of patch.files) {
    const line = f.hunks[0]?.patchLine ?? f.patchLine;
    if (f.oldPath === null) {
      if (out.has(f.newPath!)) throw new HunkRefused('already-held', patch.source, line, `${f.newPath} is created by this patch but is already held`);
      const created = heldTextOf(f, patch.source);
      if (created !== null) out.set(f.newPath!, created);
      continue;
    }
    const before = out.get(f.oldPath);
    if (before === undefined) throw new HunkRefused('file-not-held', patch.source, line, `${f.oldPath} is not held: the patches before this one do not show it`);
    out.delete(f.oldPath);
    // A deletion must still apply (its hunk names every line), and then leaves nothing to hold.
    const after = f.binary ? null : applyHunks(before, f, patch.source);
    // A binary change leaves nothing readable to hold.
    if (after !== null && f.newPath !== null) out.set(pathOf(f), after);
  }
  return out;
}

/** The held text of one file after the hunks of its section in a follow-up. */
export function applyHunks(held: HeldText, f: FileDiff, source: string): HeldText {
  const placed: { at: number; hunk: Hunk }[] = [];
  let offset = 0;
  let floor = 1;
  for (const hunk of f.hunks) {
    const at = locate({ held, hunk, stated: firstOldLine(hunk) + offset, floor, source });
    offset = at - firstOldLine(hunk);
    floor = at + hunk.lines.filter((l) => l.kind !== 'added').length;
    placed.push({ at, hunk });
  }
  return rebuild(held, placed, f.newPath ?? held.path, source);
}

/** The held lines with each placed hunk's old lines replaced by its new ones, numbered as in the new post-image. */
function rebuild(held: HeldText, placed: readonly { at: number; hunk: Hunk }[], path: string, source: string): HeldText {
  const lines: HeldLine[] = [];
  const old = held.all();
  let i = 0;
  let shift = 0;
  let endWithoutNewline: number | null = null;
  for (const { at, hunk } of placed) {
    for (; i < old.length && old[i]!.number < at; i++) lines.push({ ...old[i]!, number: old[i]!.number + shift });
    let oldLine = at;
    let newLine = at + shift;
    for (const l of hunk.lines) {
      if (l.kind === 'removed') {
        oldLine++;
        i++;
        continue;
      }
      // A context line keeps where it was first shown; an added line was shown by this follow-up.
      const origin = l.kind === 'context' ? held.line(oldLine)!.origin : { source, patchLine: l.patchLine, added: true };
      if (l.kind === 'context') {
        oldLine++;
        i++;
      }
      if (l.noNewlineAtEnd) endWithoutNewline = newLine;
      lines.push({ number: newLine++, text: l.text, origin });
    }
    shift += hunk.newCount - hunk.oldCount;
  }
  for (; i < old.length; i++) lines.push({ ...old[i]!, number: old[i]!.number + shift });
  const length = held.length !== null ? held.length + shift : endWithoutNewline;
  return new HeldText(path, lines, length);
}

