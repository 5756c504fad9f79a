/**
 * The text a viewer shows beside a trace of a patch series: per file, every line the series holds, numbered as
 * after the last patch, each as the last patch that showed it left it (cfront/series.ts). One patch alone is read
 * by report/patchText.ts; a series needs its follow-ups applied, or a follow-up's lines would show under the
 * numbers of the patch before it.
 */
import { readFileSync } from 'node:fs';
import type { PatchText } from '../report/patchText.js';
import { readPatch } from '../report/patchText.js';
import { parsePatch } from './diff.js';
import { applySeries } from './series.js';

export function seriesText(paths: readonly string[]): PatchText {
  // Each file is read as one patch first, so a missing or empty file is refused as for one patch.
  if (paths.length === 1) return readPatch(paths[0]!);
  for (const p of paths) readPatch(p);
  const held = applySeries(paths.map((p) => parsePatch(readFileSync(p, 'utf8'), p)));
  const out: PatchText = new Map();
  for (const [file, text] of held) out.set(file, new Map(text.all().map((l) => [l.number, l.text] as const)));
  return out;
}
