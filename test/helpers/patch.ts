import { readFileSync } from 'node:fs';
import { parsePatch, type PatchedLines } from '../../report/patchText.js';

export type { PatchedLines };

/** The seed patch, as the tests may read it (never copied into the project). */
export const SEED_PATCH = '../shared/seed/000_14102c98a5940216.txt';

/** Parses a unified diff into, per file, the new-file lines it shows. */
export function patchedLines(path = SEED_PATCH): Map<string, PatchedLines> {
  return parsePatch(readFileSync(path, 'utf8'));
}

/** The function whose body holds `line`: the nearest definition at column 0 at or above it, within the shown lines. */
export function functionAt(lines: PatchedLines, line: number): string | null {
  for (let l = line; lines.has(l); l--) {
    const m = /^(?:static\s+)?(?:inline\s+)?[a-z_][\w\s*]*?\b([a-z_]\w*)\(/.exec(lines.get(l)!);
    if (m !== null) return m[1]!;
  }
  return null;
}
